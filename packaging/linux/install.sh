#!/usr/bin/env sh
# Add (or with --uninstall remove) Parallax to this user's desktop: application menu entry, icon,
# the .parallax workspace file type, AppStream metadata, and a `parallax` command in ~/.local/bin.
# Nothing is written outside $XDG_DATA_HOME (default ~/.local/share) and ~/.local/bin; no root.
#
#   ./install.sh                 from inside an unpacked bundle (beside the `parallax` executable)
#   packaging/linux/install.sh [dist/parallax]    from a source checkout, for a built bundle
#   ./install.sh --uninstall
#
# The bundle is used where it is: move it later and run install.sh again.
set -eu

APP_ID=io.github.parallax_news.Parallax
here=$(cd "$(dirname "$0")" && pwd)

uninstall=0
bundle=
for arg in "$@"; do
    case $arg in
        --uninstall) uninstall=1 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
        *) bundle=$arg ;;
    esac
done
if [ -z "$bundle" ]; then
    if [ -x "$here/parallax" ]; then bundle=$here; else bundle=$here/../../dist/parallax; fi
fi

data=${XDG_DATA_HOME:-$HOME/.local/share}
bindir=$HOME/.local/bin

refresh() {
    # Each cache is optional: desktops rescan on their own, these only make it immediate.
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$data/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$data/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$data/icons/hicolor" >/dev/null 2>&1 || true
    fi
    touch "$data/icons/hicolor" 2>/dev/null || true
}

if [ "$uninstall" = 1 ]; then
    rm -f "$data/applications/$APP_ID.desktop" "$data/metainfo/$APP_ID.metainfo.xml" \
        "$data/mime/packages/$APP_ID.xml"
    rm -f "$data"/icons/hicolor/*/apps/"$APP_ID".png "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
    # Only our own link: a `parallax` installed some other way stays.
    if [ -L "$bindir/parallax" ] && readlink "$bindir/parallax" | grep -q '/parallax$' \
        && [ -f "$(dirname "$(readlink "$bindir/parallax")")/share/applications/$APP_ID.desktop" ]; then
        rm -f "$bindir/parallax"
    fi
    refresh
    echo "Parallax removed from the desktop (the bundle itself is untouched)."
    exit 0
fi

bundle=$(cd "$bundle" 2>/dev/null && pwd) || { echo "install.sh: no bundle at $bundle (build it with: make package)" >&2; exit 1; }
exe=$bundle/parallax
share=$bundle/share
if [ ! -x "$exe" ] || [ ! -f "$share/applications/$APP_ID.desktop" ]; then
    echo "install.sh: $bundle is not a Parallax bundle (no parallax executable or share/)" >&2
    exit 1
fi

mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages" "$bindir"
# The launcher runs this bundle's executable by absolute path, so it works whether or not
# ~/.local/bin is on the desktop session's PATH. Exec quoting (Desktop Entry spec): quote a path
# with reserved characters, backslash-escape " ` $ inside the quotes, and double every %.
case $exe in
    *\\*|*"
"*) echo "install.sh: move the bundle to a folder without backslashes or newlines in its path" >&2
        exit 1 ;;
esac
exec_value=$(printf '%s' "$exe" | sed -e 's/%/%%/g')
case $exe in
    *[[:space:]\"\'\<\>~\|\&\;\$\*\?\#\(\)\`]*)
        exec_value=\"$(printf '%s' "$exec_value" | sed -e 's/["`$]/\\&/g')\" ;;
esac
while IFS= read -r line; do
    case $line in
        Exec=parallax*) printf 'Exec=%s%s\n' "$exec_value" "${line#Exec=parallax}" ;;
        TryExec=parallax) printf 'TryExec=%s\n' "$exe" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$share/applications/$APP_ID.desktop" > "$data/applications/$APP_ID.desktop"
cp "$share/metainfo/$APP_ID.metainfo.xml" "$data/metainfo/"
cp "$share/mime/packages/$APP_ID.xml" "$data/mime/packages/"
for icon in "$share"/icons/hicolor/*/apps/*; do
    size_dir=$(basename "$(dirname "$(dirname "$icon")")")
    mkdir -p "$data/icons/hicolor/$size_dir/apps"
    cp "$icon" "$data/icons/hicolor/$size_dir/apps/"
done
ln -sfn "$exe" "$bindir/parallax"
refresh

echo "Parallax added to the application menu; \`parallax\` links to $exe."
case ":$PATH:" in
    *":$bindir:"*) ;;
    *) echo "Note: $bindir is not on your PATH; add it to use \`parallax\` in a terminal." ;;
esac

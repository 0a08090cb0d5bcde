"""What goes beside the executable in a bundle, so the spec and the tests agree on it.

The desktop-integration files are laid out as they will sit under ~/.local/share (named for the
reverse-DNS application id), so `install.sh` only copies them and points the launcher at the
bundle. Used by `parallax.spec` after PyInstaller has collected the bundle, and by the tests to
build a stand-in bundle without PyInstaller.
"""

from __future__ import annotations

import shutil
from pathlib import Path

APP_ID = "io.github.parallax_news.Parallax"
ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"


def share_files(root: Path = ROOT) -> list[tuple[Path, str]]:
    """(source, path under share/) for every desktop-integration file."""
    linux = root / "packaging" / "linux"
    icons = root / "resources" / "icons"
    files = [
        (linux / f"{APP_ID}.desktop", f"applications/{APP_ID}.desktop"),
        (linux / f"{APP_ID}.metainfo.xml", f"metainfo/{APP_ID}.metainfo.xml"),
        (linux / f"{APP_ID}.mime.xml", f"mime/packages/{APP_ID}.xml"),
        (icons / "parallax.svg", f"icons/hicolor/scalable/apps/{APP_ID}.svg"),
    ]
    for png in sorted((icons / "hicolor").glob("*/apps/parallax.png")):
        files.append((png, f"icons/hicolor/{png.parent.parent.name}/apps/{APP_ID}.png"))
    return files


def add_extras(bundle: Path, root: Path = ROOT) -> None:
    """Copy share/, install.sh and the licence into a bundle folder."""
    for src, rel in share_files(root):
        dest = bundle / "share" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    shutil.copy2(root / "packaging" / "linux" / "install.sh", bundle / "install.sh")
    shutil.copy2(root / "LICENSE", bundle / "LICENSE")

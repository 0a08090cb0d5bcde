#!/usr/bin/env bash
# Build the one-folder bundle dist/parallax/ and its tarball dist/parallax-VERSION-linux-ARCH.tar.gz.
#
#   packaging/build.sh            (make package does the same)
#
# Uses the project's venv (.venv, or $PYTHON if set); installs PyInstaller into it when missing
# (the `package` extra of pyproject.toml). Set PARALLAX_NO_TARBALL=1 to skip the tarball.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-.venv/bin/python}
if [ ! -x "$PY" ]; then
    echo "build.sh: no Python at $PY; run 'make test' (or create .venv) first, or set PYTHON" >&2
    exit 1
fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: installing PyInstaller (the 'package' extra)"
    "$PY" -m pip install --quiet -c constraints.txt -e '.[package]'
fi
if ! command -v objdump >/dev/null; then
    echo "build.sh: PyInstaller needs objdump (Debian/Ubuntu: apt-get install binutils)" >&2
    exit 1
fi

version=$("$PY" -c "import desktop; print(desktop.__version__)")
started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/parallax.spec

# A bundle that cannot even print its version is not worth shipping.
env -u DISPLAY -u WAYLAND_DISPLAY dist/parallax/parallax --version

if [ "${PARALLAX_NO_TARBALL:-0}" != 1 ]; then
    tarball=dist/parallax-$version-linux-$(uname -m).tar.gz
    tar -C dist -czf "$tarball" parallax
    echo "build.sh: $tarball ($(du -h "$tarball" | cut -f1))"
fi
echo "build.sh: dist/parallax ($(du -sh dist/parallax | cut -f1)) in $(( $(date +%s) - started )) s"

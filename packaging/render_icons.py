"""Render the application icon's PNG sizes from `resources/icons/parallax.svg` with Qt.

Desktops look icons up by size in the hicolor theme, and some (and the window manager's task
switcher) want bitmaps, so the SVG is the source and the PNGs are rendered from it, never edited
by hand. Run it after changing the SVG and commit the PNGs:

    .venv/bin/python packaging/render_icons.py

It uses QtSvg (in PySide6-Essentials) and runs offscreen, so it needs no display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "parallax.svg"
SIZES = (16, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    """Where the hicolor PNG of one size lives."""
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "parallax.png"


def render(sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Render each size from the SVG and return the written paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {SOURCE}")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        out = png_path(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise SystemExit(f"render_icons: cannot write {out}")
        written.append(out)
    return written


if __name__ == "__main__":
    for path in render():
        print(path.relative_to(ROOT))
    sys.exit(0)

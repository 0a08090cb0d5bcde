"""Render the window on the sample set for the README and for looking at it: sizes, light and
dark palettes, and the README's view (Politico and The Washington Post side by side with a
claim selected).

    .venv/bin/python docs/render_screenshots.py OUT_FOLDER [--sizes 1280x720,1920x1080,...]
        [--palettes light,dark] [--readme]

Renders offscreen unless QT_QPA_PLATFORM says otherwise (under Xvfb, the same script shows a
real window). Settings go to a temporary folder, never the user's. `--readme` writes
docs/screenshot.png (1600×1000, light, Politico beside the Post, one claim selected).
A development tool: it is not part of the installed package.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLES = ROOT / "samples" / "security-guarantees-2025-08"
SELECTED = "At that meeting, Trump pledged"
"""The Politico sentence the README view selects: a claim the outlets word differently."""


def render(out: Path, size: tuple[int, int], palette: str, readme_view: bool) -> None:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.core.comparison import SentenceRef
    from desktop.gui import style, theme
    from desktop.gui.main_window import MainWindow
    from desktop.gui.settings import Settings

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(style.stylesheet())
    theme.apply(palette)  # View ▸ Theme's own light or dark palette
    folder = Path(tempfile.mkdtemp(prefix="parallax-shot-"))
    settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), folder)
    window = MainWindow(settings)
    window.resize(*size)
    window.show()
    loop = QEventLoop()
    window.comparison_changed.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    window.open_files([str(p) for p in sorted(SAMPLES.glob("*.md"))])
    loop.exec()
    if readme_view:
        panes = window.strip.panes()
        politico, post = panes[0], panes[1]
        window.outlets.focus([politico.article_id, post.article_id])
        article = politico.header_article()
        assert article is not None
        index = next(s.index for s in article.sentences if s.text.startswith(SELECTED))
        window.strip.select(SentenceRef(politico.article_id, index))
        window.strip.set_current(politico.article_id)
    for _ in range(5):
        app.processEvents()
    window.resize(*size)
    app.processEvents()
    window.grab().save(str(out), "PNG")
    print(out)
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sizes", default="1280x720,1920x1080,3840x2160")
    parser.add_argument("--palettes", default="light,dark")
    parser.add_argument("--readme", action="store_true", help="write docs/screenshot.png")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    app.setApplicationName("ParallaxScreenshots")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.readme:
        render(ROOT / "docs" / "screenshot.png", (1600, 1000), "light", readme_view=True)
        return 0
    for text in args.sizes.split(","):
        width, height = (int(v) for v in text.split("x"))
        for palette in args.palettes.split(","):
            for focus in (False, True):
                name = f"{width}x{height}-{palette}{'-focus' if focus else ''}.png"
                render(args.out / name, (width, height), palette, focus)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Start-up: which files open first, `--screenshot`, resources, and a dark palette."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from desktop import resources
from desktop.core.comparison import REWORDED, SHARED, UNIQUE
from desktop.gui import style
from desktop.gui.app import initial_files
from desktop.gui.settings import Settings

from .helpers import MAIN_SET, ROOT, SMALL_SET, open_window, run_app


def test_initial_files(settings: Settings) -> None:
    samples = initial_files([], None)
    assert [Path(p).name for p in samples] == sorted(p.name for p in MAIN_SET.glob("*.md"))
    assert initial_files(["x.md"], ["y.md"]) == ["x.md"]
    assert initial_files([], ["y.md"]) == ["y.md"]
    assert initial_files([], []) == []


def test_resource_path_frozen_and_not(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert resources.resource_path("icons", "open.svg") == ROOT / "resources" / "icons" / "open.svg"
    assert resources.resource_path("parallax.qss").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", "/bundle", raising=False)
    assert resources.resource_path("icons", "x.svg") == Path("/bundle/resources/icons/x.svg")


def test_screenshot_option_writes_png(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    files = [str(p) for p in sorted(SMALL_SET.glob("*.md"))]
    result = run_app("--screenshot", str(out), "--size", "1200x800", *files, home=tmp_path)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)


def test_screenshot_fails_cleanly_without_articles(tmp_path: Path) -> None:
    result = run_app(
        "--screenshot", str(tmp_path / "x.png"), "nope.md", home=tmp_path, cwd=tmp_path
    )
    assert result.returncode != 0
    assert "nope.md" in result.stderr
    assert not (tmp_path / "x.png").exists()


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d7fc1"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
        (QPalette.ColorRole.Mid, "#555555"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_tints_keep_text_readable_in_light_and_dark() -> None:
    for palette in (QPalette(QColor("#f0f0f0"), QColor("#ffffff")), _dark_palette()):
        text = palette.color(QPalette.ColorRole.Text)
        for status in style.STATUS_COLORS:
            for strong in (False, True):
                assert _contrast(text, style.tint(status, palette, strong)) >= 4.5, status


def test_dark_palette_renders(qtbot: QtBot, settings: Settings, qapp) -> None:  # type: ignore[no-untyped-def]
    original = qapp.palette()
    qapp.setPalette(_dark_palette())
    try:
        window = open_window(qtbot, settings, sorted(MAIN_SET.glob("*.md")))
        image = window.grab().toImage()
        assert not image.isNull()
        pane = window.strip.panes()[0]
        view = pane.view
        index = next(i for i, s in enumerate(view.statuses()) if s in (SHARED, REWORDED, UNIQUE))
        view.ensure_visible(index)
        top, _bottom = view.viewport_extent(index)
        shot = view.viewport().grab().toImage()
        # Sample the sentence's background just right of the gutter, on its first line.
        y = round(top + 3)
        pixel = shot.pixelColor(8, y)
        status = view.statuses()[index]
        expected = style.tint(status, view.palette())
        assert pixel.lightness() < 128, "the pane background stays dark"
        assert abs(pixel.lightness() - expected.lightness()) < 60
        base = view.palette().color(QPalette.ColorRole.Base)
        assert base.lightness() < 128
        assert window.strip.link_maps()[0].mapTo(window, QPointF(0, 0)).x() > 0
    finally:
        qapp.setPalette(original)

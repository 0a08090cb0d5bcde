"""View ▸ Theme: System, Light, Dark applied at once, remembered, and `--theme` for screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.comparison import REWORDED, SHARED
from desktop.core.verdicts import DISPUTED
from desktop.gui import style, theme
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.widgets.sentence_view import SentenceView

from .helpers import MAIN_SET, WAIT_MS, run_app, shown_comparison
from .verdict_helpers import table_index


@pytest.fixture(autouse=True)
def _system_theme_after() -> Iterator[None]:
    """The theme is the application's: every test leaves the system's in force."""
    yield
    theme.apply(theme.SYSTEM)


def _background_at(view: SentenceView, position: int) -> QColor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat().background().color()


def _choose(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """Pick View ▸ Theme ▸ `name` and wait for the widgets to get the new palette (Qt passes
    an application palette on to the widgets on a later turn of the event loop)."""
    window.theme_menu.actions[name].trigger()
    wanted = QApplication.palette().color(QPalette.ColorRole.Base)
    view = window.strip.panes()[0].view
    qtbot.waitUntil(lambda: view.palette().color(QPalette.ColorRole.Base) == wanted)


def _tinted_sentence(view: SentenceView, status: str) -> int:
    return next(i for i, s in enumerate(view.statuses()) if s == status)


def _ink(window: MainWindow, name: str) -> int:
    """The lightness of the brightest opaque stroke of an action's icon."""
    image = window.actions_by_name[name].icon().pixmap(24, 24).toImage()
    inked = [
        QColor.fromRgba(image.pixel(x, y)).lightness()
        for x in range(24)
        for y in range(24)
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 200
    ]
    assert inked
    return max(inked)


def test_dark_retints_sentences_icons_and_verdicts_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.strip.panes()[0]
    view = pane.view
    shared = _tinted_sentence(view, SHARED if SHARED in view.statuses() else REWORDED)
    status = view.statuses()[shared]
    start = view.sentence_range(shared)[0]
    light_tint = _background_at(view, start)
    assert light_tint.lightness() > 128
    assert _ink(window, "export") < 128  # dark strokes on a light toolbar
    comparison = shown_comparison(window)
    claim = comparison.claim_of(comparison.refs(pane.article_id)[shared])
    window.verdict_actions.set_claim_verdict(claim.id, DISPUTED)
    window.strip.select(claim.members[0])
    bar = window.framing_dock.panel.verdict_bar
    qtbot.waitUntil(lambda: bar.claim() == claim.id, timeout=WAIT_MS)
    light_verdict = bar.label.palette().color(QPalette.ColorRole.WindowText)

    _choose(qtbot, window, theme.DARK)

    assert window.settings.theme() == theme.DARK
    assert window.theme_menu.actions[theme.DARK].isChecked()
    palette = view.palette()
    assert palette.color(QPalette.ColorRole.Base).lightness() < 64
    dark_tint = _background_at(view, start)
    assert dark_tint != light_tint and dark_tint.lightness() < 128
    assert dark_tint in (style.tint(status, palette), style.tint(status, palette, strong=True))
    assert _ink(window, "export") > 180  # light strokes on the dark toolbar
    assert _ink(window, "undo") > 180
    dark_verdict = bar.label.palette().color(QPalette.ColorRole.WindowText)
    assert dark_verdict == style.verdict_color(DISPUTED, bar.palette()) != light_verdict
    assert style.contrast(dark_verdict, palette.color(QPalette.ColorRole.Base)) >= 4.5
    cell = table_index(window, claim.id, window.claims.model.col_verdict)
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == dark_verdict
    # What paints from the palette (connectors, overview bars) repaints dark.
    for widget in (window.strip.link_maps()[0], pane.overview):
        corner = widget.grab().toImage().pixelColor(1, widget.height() - 2)
        assert corner.lightness() < 80, type(widget).__name__


def test_a_sentence_without_verdict_keeps_the_palettes_text_colour(
    qtbot: QtBot, window: MainWindow
) -> None:
    comparison = shown_comparison(window)
    window.strip.select(comparison.claims[0].members[0])
    bar = window.framing_dock.panel.verdict_bar
    qtbot.waitUntil(lambda: bar.claim() is not None, timeout=WAIT_MS)
    _choose(qtbot, window, theme.DARK)
    text = bar.label.palette().color(QPalette.ColorRole.WindowText)
    assert text == QApplication.palette().color(QPalette.ColorRole.WindowText)
    assert text.lightness() > 180  # not the light palette's black left behind


def test_light_and_system_and_back(qtbot: QtBot, window: MainWindow) -> None:
    view = window.strip.panes()[0].view
    system_base = QApplication.palette().color(QPalette.ColorRole.Base)
    _choose(qtbot, window, theme.DARK)
    assert QApplication.style().name().lower() == "fusion"
    _choose(qtbot, window, theme.LIGHT)
    assert theme.current() == theme.LIGHT
    assert view.palette().color(QPalette.ColorRole.Base).lightness() > 200
    _choose(qtbot, window, theme.SYSTEM)
    assert theme.current() == theme.SYSTEM
    assert window.settings.theme() == theme.SYSTEM
    assert QApplication.palette().color(QPalette.ColorRole.Base) == system_base


def test_the_choice_survives_a_restart(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _choose(qtbot, window, theme.DARK)
    window.settings.sync()
    theme.apply(theme.SYSTEM)  # as in a new process
    ini = next((tmp_path / "settings").glob("*.ini"))
    reopened = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert reopened.theme() == theme.DARK
    theme.startup(reopened)
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 64
    again = MainWindow(reopened)
    qtbot.addWidget(again)
    assert again.theme_menu.actions[theme.DARK].isChecked()
    theme.startup(reopened, theme.LIGHT)  # --theme light: this run only
    assert theme.current() == theme.LIGHT and reopened.theme() == theme.DARK


def test_unknown_theme_settings_read_as_system(settings: Settings) -> None:
    settings._s.setValue("view/theme", "purple")
    assert settings.theme() == theme.SYSTEM
    settings.set_theme("dark")
    assert settings.theme() == theme.DARK


def test_screenshot_takes_a_theme_and_writes_no_settings(tmp_path: Path) -> None:
    out = tmp_path / "dark.png"
    home = tmp_path / "home"
    home.mkdir()
    files = [str(p) for p in sorted(MAIN_SET.glob("*.md"))[:2]]
    result = run_app(
        "--screenshot", str(out), "--size", "1000x700", "--theme", "dark", *files, home=home
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert image.width() == 1000
    # The panes' text area, a third of the way in and half-way down, is dark.
    assert image.pixelColor(image.width() // 3, image.height() // 2).lightness() < 100
    assert [p for p in home.rglob("*") if p.is_file()] == []  # no settings, no autosave
    bad = run_app("--screenshot", str(out), "--theme", "purple", *files, home=home)
    assert bad.returncode != 0 and "--theme" in bad.stderr


def test_dark_relation_tints_stand_out_from_the_page() -> None:
    """On the dark palette a sentence's light tint must still read as a tint (it was 1.27:1
    against the base for conflicting sentences, hard to tell from untinted text)."""
    palette = theme.dark_palette()
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    for status in style.STATUS_COLORS:
        light, strong = style.tint(status, palette), style.tint(status, palette, strong=True)
        assert style.contrast(light, base) >= 1.35, status
        assert style.contrast(strong, light) >= 1.3, status  # changed words stand out more
        assert style.contrast(text, strong) >= style.MIN_CONTRAST, status

"""Paste as Article, dropped text, Open URL (against 127.0.0.1 only), the language tag in the
pane header and the notice for articles in different languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.paste import is_pasted
from desktop.core.workspace import Workspace
from desktop.gui.article_dialogs import PasteDialog, UrlDialog
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.workspace_controller import DISCARD
from tests.http_server import Server

from .helpers import SMALL_SET, WAIT_MS, open_window, pane_by_outlet

DATA = Path(__file__).resolve().parents[1] / "data" / "languages"
PASTED = (
    "Kettle River bridge opens again on Saturday\n"
    "ALDER FALLS — The Ferris Street bridge over the Kettle River reopens to traffic on Saturday "
    "after fourteen months of repairs, officials said on Thursday.\n"
    "The repairs cost $4.2 million in total, and most of the money came from a state grant.\n"
)
PAGE = (
    "<html><head><meta property='og:site_name' content='Kettle Valley Times'></head><body>"
    "<article><p>The Ferris Street bridge over the Kettle River will reopen to traffic on "
    "Saturday morning after fourteen months of repairs, town officials announced.</p><p>The "
    "repairs cost $4.2 million in total, town officials said.</p></article></body></html>"
)


@pytest.fixture
def small(qtbot: QtBot, settings: Settings) -> MainWindow:
    window = open_window(qtbot, settings, sorted(SMALL_SET.glob("*.md")))
    window.workspace.ask_unsaved = lambda _name: DISCARD
    return window


def _answer(window: MainWindow, outlet: str | None) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []

    def ask(text: str, suggested: str) -> str | None:
        asked.append((text, suggested))
        return outlet

    window.ingest.ask_outlet = ask
    return asked


def test_paste_as_article_adds_the_clipboard_text(
    small: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    _answer(small, "Alder Falls Courier")
    QGuiApplication.clipboard().setText(PASTED)
    with qtbot.waitSignal(small.comparison_changed, timeout=WAIT_MS):
        small.actions_by_name["paste_article"].trigger()
    article = small.session.comparison.articles[-1]
    assert (article.outlet, article.id, article.language) == ("Alder Falls Courier", "a4", "en")
    assert is_pasted(article.source)
    assert small.session.comparison.links_of  # it aligns with the others
    assert any(small.session.comparison.links_of(r) for r in small.session.comparison.refs("a4"))
    # No file behind it: the open set is unsaved, and the workspace keeps its text.
    assert small.workspace.is_modified()
    assert all(not is_pasted(s) for s in small.session.sources())
    path = tmp_path / "bridge.parallax"
    assert small.workspace.save_to(str(path))
    reopened = Workspace.load(path).articles[-1]
    assert (reopened.text, reopened.outlet, reopened.language) == (
        article.text,
        article.outlet,
        "en",
    )
    snapshot = small.workspace._autosave_snapshot()  # saved: nothing left to autosave
    assert snapshot is None


def test_paste_into_an_empty_window_is_unsaved_and_autosaved(
    qtbot: QtBot, settings: Settings
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.workspace.ask_unsaved = lambda _name: DISCARD
    window.show()
    _answer(window, "Alder Falls Courier")
    mime = QMimeData()
    mime.setText(PASTED)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        assert window.ingest.paste_mime(mime)
    assert window.workspace.is_modified()
    snapshot = window.workspace._autosave_snapshot()
    assert snapshot is not None and snapshot[0].articles[0].text == PASTED


def test_cancelled_paste_changes_nothing(small: MainWindow) -> None:
    asked = _answer(small, None)
    before = small.session.comparison
    QGuiApplication.clipboard().setText(PASTED)
    small.actions_by_name["paste_article"].trigger()
    assert asked and asked[0][0] == PASTED
    assert not small.session.is_busy() and small.session.comparison is before


def test_clipboard_html_prefills_the_outlet(small: MainWindow, qtbot: QtBot) -> None:
    asked = _answer(small, "")  # accepted as suggested: empty means the site's own name
    mime = QMimeData()
    mime.setHtml(PAGE)
    mime.setText("The Ferris Street bridge over the Kettle River will reopen to traffic.")
    with qtbot.waitSignal(small.comparison_changed, timeout=WAIT_MS):
        small.ingest.paste_mime(mime)
    assert asked[0][1] == "Kettle Valley Times"


def test_empty_clipboard_is_said_so(small: MainWindow) -> None:
    asked = _answer(small, "x")
    QGuiApplication.clipboard().setText("")
    small.actions_by_name["paste_article"].trigger()
    assert asked == [] and not small.session.is_busy()


def test_dropped_text_is_pasted(small: MainWindow, qtbot: QtBot) -> None:
    _answer(small, "Dropped Daily")
    mime = QMimeData()
    mime.setText(PASTED)
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(small.comparison_changed, timeout=WAIT_MS):
        small.dropEvent(event)
    assert small.session.comparison.articles[-1].outlet == "Dropped Daily"


def test_open_url_fetches_in_the_worker(
    small: MainWindow, qtbot: QtBot, server: Server, loopback_only: None
) -> None:
    url = server.page("/bridge", PAGE)
    small.ingest.ask_url = lambda: url
    seen: list[str] = []
    small.session.progress.connect(lambda _f, message: seen.append(message))
    with qtbot.waitSignal(small.comparison_changed, timeout=WAIT_MS):
        small.actions_by_name["open_url"].trigger()
    article = small.session.comparison.articles[-1]
    assert (article.source, article.url, article.outlet) == (url, url, "Kettle Valley Times")
    assert f"Fetching {url}" in seen
    assert small.workspace.is_modified()


def test_open_url_failure_keeps_the_set(
    small: MainWindow, qtbot: QtBot, server: Server, loopback_only: None
) -> None:
    before = small.session.comparison
    small.ingest.ask_url = lambda: server.url("/missing")
    problems: list[str] = []
    small.session.problem.connect(problems.append)
    with qtbot.waitSignal(
        small.session.busy_changed, check_params_cb=lambda b: not b, timeout=WAIT_MS
    ):
        small.actions_by_name["open_url"].trigger()
    assert problems == [f"{server.url('/missing')}: the server answered 404 Not Found"]
    assert small.session.comparison is before


def test_open_url_can_be_cancelled(
    small: MainWindow, qtbot: QtBot, server: Server, loopback_only: None
) -> None:
    server.page("/slow", PAGE)
    server.delay = 1.0
    before = small.session.comparison
    problems: list[str] = []
    small.session.problem.connect(problems.append)
    with qtbot.waitSignal(
        small.session.busy_changed, check_params_cb=lambda b: not b, timeout=WAIT_MS
    ):
        small.ingest.open_url(server.url("/slow"))
        small.actions_by_name["cancel"].trigger()
    qtbot.waitUntil(lambda: not small.session.is_busy(), timeout=WAIT_MS)
    from desktop.gui import workers

    qtbot.waitUntil(lambda: not workers.running_tasks(), timeout=WAIT_MS)
    assert small.session.comparison is before and problems == []


def test_a_dropped_web_link_is_opened(
    small: MainWindow, qtbot: QtBot, server: Server, loopback_only: None
) -> None:
    url = server.page("/bridge", PAGE)
    mime = QMimeData()
    mime.setUrls([QUrl(url)])
    assert small.ingest.accepts(mime)
    with qtbot.waitSignal(small.comparison_changed, timeout=WAIT_MS):
        small.ingest.drop(mime)
    assert small.session.comparison.articles[-1].url == url


def test_language_in_the_pane_header_and_the_mixed_notice(qtbot: QtBot, settings: Settings) -> None:
    files = [SMALL_SET / "riverside-gazette.md", DATA / "ru-gazeta.txt", DATA / "ru-radio.txt"]
    window = open_window(qtbot, settings, files)
    russian = pane_by_outlet(window, "Ru Gazeta")
    assert "Russian" in russian.date_label.full_text()
    assert "English" in pane_by_outlet(window, "Riverside Gazette").date_label.full_text()
    assert window.message_bar.isVisible()
    assert window.message_bar.text().startswith("These articles are in English and Russian.")
    # The two Russian reports of the same story link to each other.
    comparison = window.session.comparison
    ids = {a.outlet: a.id for a in comparison.articles}
    assert any(
        comparison.counterpart(r, ids["Ru Radio"]) for r in comparison.refs(ids["Ru Gazeta"])
    )


def test_dialogs(qtbot: QtBot) -> None:
    paste = PasteDialog("Some pasted text.", "Kettle Valley Times")
    qtbot.addWidget(paste)
    assert paste.outlet() == "Kettle Valley Times"
    url = UrlDialog()
    qtbot.addWidget(url)
    from PySide6.QtWidgets import QDialogButtonBox

    button = url.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not button.isEnabled()
    url.url_edit.setText("https://example.org/story")
    assert button.isEnabled() and url.url() == "https://example.org/story"
    url.url_edit.setText("file:///etc/passwd")
    assert not button.isEnabled()

"""Articles whose file changes on disk can be reloaded (as in Meld and WinMerge).

The articles here are written for these tests (a fictional bridge reopening), not taken from
any outlet.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.comparison import SentenceRef
from desktop.gui.errors import ERROR, WARNING
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.workspace_controller import DISCARD

from .helpers import WAIT_MS, open_window
from .workspace_helpers import data_dir, fresh_settings, open_in_new_window

__all__ = ["data_dir"]  # the fixture, imported for pytest
pytestmark = pytest.mark.usefixtures("data_dir")

CHANGE_MS = 5_000
"""Long enough for the debounce (400 ms) and one read of a small file on a busy machine."""

POLITICO = """---
outlet: Politico
---
# Riverside bridge reopens after two years

The Riverside bridge reopens to traffic on Saturday morning.

Repairs cost 48 million dollars, the city said on Tuesday.

Cyclists get a separate lane on the north side.
"""

POST = """---
outlet: The Washington Post
---
# City opens repaired Riverside bridge

The repaired Riverside bridge opens to cars on Saturday.

The city put the cost of the repairs at 48 million dollars.

A protected lane for cyclists runs along the north side.
"""

UPDATED = """---
outlet: Politico
---
# Riverside bridge reopens, a day late

Officials delayed the opening by one day because of a storm.

The Riverside bridge reopens to traffic on Saturday morning.

Repairs cost 52 million dollars, the city said on Wednesday.

Cyclists get a separate lane on the north side.
"""


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    politico, post = folder / "politico.md", folder / "post.md"
    politico.write_text(POLITICO, encoding="utf-8")
    post.write_text(POST, encoding="utf-8")
    return [politico, post]


@pytest.fixture
def window(qtbot: QtBot, settings: Settings, files: list[Path]) -> MainWindow:
    window = open_window(qtbot, settings, files)
    window.workspace.ask_unsaved = lambda _name: DISCARD
    return window


def _article(window: MainWindow, outlet: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.session.articles if a.outlet == outlet)


def _save_by_rename(path: Path, text: str) -> None:
    """Save as editors do: write a new file next to it and rename it over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _wait_bar(window: MainWindow, qtbot: QtBot, words: str) -> None:
    qtbot.waitUntil(
        lambda: window.message_bar.isVisible() and words in window.message_bar.text(),
        timeout=CHANGE_MS,
    )


def _click(window: MainWindow, label: str) -> None:
    buttons = [b for b in window.message_bar.findChildren(QPushButton) if b.isVisible()]
    next(b for b in buttons if b.text() == label).click()


def _reload(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        _click(window, "Reload")


def test_a_change_on_disk_names_the_outlet(window: MainWindow, qtbot: QtBot, files: list[Path]):
    assert not window.actions_by_name["reload_changed"].isEnabled()
    files[0].write_text(UPDATED, encoding="utf-8")
    _wait_bar(window, qtbot, "Politico's file politico.md changed on disk.")
    assert window.message_bar.action_texts() == ["Reload", "Ignore"]
    assert window.actions_by_name["reload_changed"].isEnabled()
    assert "52 million" not in _article(window, "Politico").text  # nothing replaced silently
    _click(window, "Ignore")
    assert not window.actions_by_name["reload_changed"].isEnabled()


def test_a_touch_without_change_says_nothing(window: MainWindow, qtbot: QtBot, files: list[Path]):
    with qtbot.waitSignal(window.reloader.checked, timeout=CHANGE_MS):
        _save_by_rename(files[0], POLITICO)  # saved again, same text: a new inode and time
    with qtbot.waitSignal(window.reloader.checked, timeout=CHANGE_MS):
        os.utime(files[1], (1_700_000_000, 1_700_000_000))
        QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert not window.message_bar.isVisible()
    assert not window.reloader.changes()
    assert not window.actions_by_name["reload_changed"].isEnabled()


def test_replace_by_rename_is_still_watched(window: MainWindow, qtbot: QtBot, files: list[Path]):
    path = str(files[0].resolve())
    _save_by_rename(files[0], UPDATED)
    _wait_bar(window, qtbot, "Politico's file politico.md changed on disk.")
    _click(window, "Ignore")  # nothing re-aligns: the watch itself must have survived
    qtbot.waitUntil(lambda: window.reloader.watch.is_watched(path), timeout=CHANGE_MS)
    assert not window.message_bar.isVisible()
    _save_by_rename(files[0], UPDATED.replace("52 million", "55 million"))
    _wait_bar(window, qtbot, "Politico's file politico.md changed on disk.")
    _reload(window, qtbot)
    assert "55 million" in _article(window, "Politico").text


def test_reload_keeps_id_place_edits_and_links(window: MainWindow, qtbot: QtBot, files: list[Path]):
    before = _article(window, "Politico")
    order = [a.id for a in window.session.articles]
    post = _article(window, "The Washington Post")
    lane = next(s.index for s in before.sentences if "Cyclists" in s.text)
    cost = next(s.index for s in post.sentences if "put the cost" in s.text)
    x, y = SentenceRef(before.id, lane), SentenceRef(post.id, cost)
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.link(x, y)  # a (wrong) manual link, to see it follow its sentence
    window.history.edit(before.id, {"outlet": "Politico Europe"})
    files[0].write_text(UPDATED, encoding="utf-8")
    _wait_bar(window, qtbot, "Politico Europe's file politico.md changed on disk.")
    _reload(window, qtbot)

    after = _article(window, "Politico Europe")  # the outlet edited by hand is kept
    assert after.id == before.id
    assert [a.id for a in window.session.articles] == order
    assert "52 million" in after.text and "delayed the opening" in after.text
    assert after.title == "Riverside bridge reopens, a day late"  # the file's own title follows
    comparison = window.session.comparison
    assert comparison is not None and comparison.articles == window.session.articles
    storm = next(s.index for s in after.sentences if "storm" in s.text)
    assert comparison.claim_of(SentenceRef(after.id, storm)) is not None  # re-aligned
    new_lane = next(s.index for s in after.sentences if "Cyclists" in s.text)
    assert new_lane == lane + 1  # a sentence was inserted above it
    assert comparison.corrections.is_linked(SentenceRef(after.id, new_lane), y)
    assert "Reloaded Politico Europe from disk." in window.message_bar.text()
    assert window.actions_by_name["undo"].text() == "&Undo Reload Politico Europe"


def test_undo_brings_the_old_text_back(window: MainWindow, qtbot: QtBot, files: list[Path]):
    old = _article(window, "Politico")
    files[0].write_text(UPDATED, encoding="utf-8")
    _wait_bar(window, qtbot, "Politico's file politico.md changed on disk.")
    _reload(window, qtbot)
    assert _article(window, "Politico").text != old.text
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.stack.undo()
    restored = _article(window, "Politico")
    assert restored.text == old.text and restored.sentences == old.sentences
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.stack.redo()
    assert "52 million" in _article(window, "Politico").text


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "the file is empty"), (b"\x00\x01\x02binary\x00" * 20, "binary")],
)
def test_a_file_made_unreadable_keeps_the_article(
    window: MainWindow, qtbot: QtBot, files: list[Path], content: bytes, reason: str
):
    old = _article(window, "Politico")
    files[0].write_bytes(content)
    _wait_bar(window, qtbot, "can no longer be read")
    assert reason in window.message_bar.text()
    assert "the article stays as loaded" in window.message_bar.text()
    assert window.message_bar.kind == WARNING
    assert window.message_bar.action_texts() == []  # nothing to reload
    assert not window.actions_by_name["reload_changed"].isEnabled()
    assert _article(window, "Politico") == old


def test_a_reload_that_fails_leaves_the_article(
    window: MainWindow, qtbot: QtBot, files: list[Path]
):
    window.reloader.watch.set_enabled(False)  # no events: the test says when files are read
    old = _article(window, "Politico")
    files[0].write_text(UPDATED, encoding="utf-8")
    window.actions_by_name["check_changes"].trigger()
    _wait_bar(window, qtbot, "Politico's file politico.md changed on disk.")
    files[0].write_bytes(b"")  # emptied again before Reload is pressed
    window.actions_by_name["reload_changed"].trigger()
    qtbot.waitUntil(lambda: window.message_bar.kind == ERROR, timeout=CHANGE_MS)
    assert "Politico was not reloaded" in window.message_bar.text()
    assert "the file is empty" in window.message_bar.text()
    assert _article(window, "Politico") == old
    assert window.history.stack.count() == 0  # nothing was changed


def test_a_deleted_file_is_said_once_without_reload(
    window: MainWindow, qtbot: QtBot, files: list[Path]
):
    old = _article(window, "The Washington Post")
    files[1].unlink()
    _wait_bar(window, qtbot, "was deleted")
    assert "The Washington Post's file" in window.message_bar.text()
    assert "the article stays as loaded" in window.message_bar.text()
    assert window.message_bar.action_texts() == []
    assert not window.actions_by_name["reload_changed"].isEnabled()
    assert _article(window, "The Washington Post") == old
    window.message_bar.hide()
    with qtbot.waitSignal(window.reloader.checked, timeout=CHANGE_MS):
        window.actions_by_name["check_changes"].trigger()
    assert not window.message_bar.isVisible()  # said once


def test_several_changes_are_listed_together(window: MainWindow, qtbot: QtBot, files: list[Path]):
    window.reloader.watch.set_enabled(False)
    files[0].write_text(UPDATED, encoding="utf-8")
    files[1].write_text(POST.replace("48 million", "50 million"), encoding="utf-8")
    window.actions_by_name["check_changes"].trigger()
    _wait_bar(window, qtbot, "2 articles changed on disk: Politico, The Washington Post.")
    assert window.message_bar.action_texts() == ["Reload All", "Ignore"]
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        _click(window, "Reload All")
    assert "52 million" in _article(window, "Politico").text
    assert "50 million" in _article(window, "The Washington Post").text
    assert window.actions_by_name["undo"].text() == "&Undo Reload 2 Articles"


def test_activation_checks_files_that_cannot_be_watched(
    window: MainWindow, qtbot: QtBot, files: list[Path]
):
    window.reloader.watch.set_enabled(False)  # as on a network drive
    assert not window.reloader.watch.is_watched(str(files[0].resolve()))
    files[0].write_text(UPDATED, encoding="utf-8")
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    _wait_bar(window, qtbot, "Politico's file politico.md changed on disk.")


def test_pasted_articles_are_not_watched(window: MainWindow, qtbot: QtBot, files: list[Path]):
    window.ingest.ask_outlet = lambda _text, _suggested: "Kyiv Courier"
    mime = QMimeData()
    mime.setText("The bridge over the river reopens on Saturday, officials said.")
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.ingest.paste_mime(mime)
    pasted = _article(window, "Kyiv Courier")
    watched = window.reloader.watch.paths()
    assert watched == {str(f.resolve()) for f in files}
    assert pasted.id not in window.reloader.tracked_ids()
    for path in watched:
        assert window.reloader.watch.is_watched(path)


def test_a_workspace_whose_files_changed_says_so_once(
    qtbot: QtBot, tmp_path: Path, window: MainWindow, files: list[Path]
):
    saved = tmp_path / "bridge.parallax"
    assert window.workspace.save_to(str(saved))
    window.close()
    files[0].write_text(UPDATED, encoding="utf-8")
    other = open_in_new_window(qtbot, fresh_settings(tmp_path, "second"), saved)
    _wait_bar(other, qtbot, "The file of Politico changed since this workspace was saved")
    assert other.message_bar.action_texts() == ["Reload", "Ignore"]
    assert "52 million" not in _article(other, "Politico").text  # the workspace keeps its text
    _reload(other, qtbot)
    assert "52 million" in _article(other, "Politico").text
    other.message_bar.hide()
    with qtbot.waitSignal(other.reloader.checked, timeout=CHANGE_MS):
        other.actions_by_name["check_changes"].trigger()
    assert not other.message_bar.isVisible()


def test_an_ignored_workspace_change_is_not_said_again(
    qtbot: QtBot, tmp_path: Path, window: MainWindow, files: list[Path]
):
    saved = tmp_path / "bridge.parallax"
    assert window.workspace.save_to(str(saved))
    window.close()
    files[1].write_text(POST.replace("48 million", "50 million"), encoding="utf-8")
    other = open_in_new_window(qtbot, fresh_settings(tmp_path, "second"), saved)
    _wait_bar(other, qtbot, "The file of The Washington Post changed since")
    _click(other, "Ignore")
    with qtbot.waitSignal(other.reloader.checked, timeout=CHANGE_MS):
        other.actions_by_name["check_changes"].trigger()
    assert not other.message_bar.isVisible()
    assert "50 million" not in _article(other, "The Washington Post").text


def test_a_second_event_for_the_same_save_keeps_the_message(
    window: MainWindow, qtbot: QtBot, files: list[Path]
):
    window.reloader.watch.set_enabled(False)
    files[0].write_text(UPDATED, encoding="utf-8")
    files[1].unlink()
    window.actions_by_name["check_changes"].trigger()
    _wait_bar(window, qtbot, "was deleted")
    text = window.message_bar.text()
    assert "Politico's file politico.md changed on disk." in text
    with qtbot.waitSignal(window.reloader.checked, timeout=CHANGE_MS):
        window.actions_by_name["check_changes"].trigger()  # nothing new: the bar stays as it was
    assert window.message_bar.text() == text


def test_an_article_added_under_a_freed_id_watches_its_own_file(
    window: MainWindow, qtbot: QtBot, files: list[Path], tmp_path: Path
):
    post = _article(window, "The Washington Post")
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.remove(post.id)
    courier = files[0].with_name("courier.md")
    courier.write_text(POST.replace("The Washington Post", "Kyiv Courier"), encoding="utf-8")
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.add_files([str(courier)])
    assert _article(window, "Kyiv Courier").id == post.id  # the freed id, used again
    assert window.reloader.watch.paths() == {str(files[0].resolve()), str(courier.resolve())}
    courier.write_text(POST.replace("The Washington Post", "Kyiv Courier") + "\nMore.\n", "utf-8")
    _wait_bar(window, qtbot, "Kyiv Courier's file courier.md changed on disk.")

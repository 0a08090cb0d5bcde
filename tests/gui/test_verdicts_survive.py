"""Issue 16 part B, point 1: the window carries verdicts through everything — opening and
re-saving a workspace, every re-alignment (threshold, scorer, link, unlink, articles added,
removed, moved), autosave and restore, undo and redo, a re-alignment still running."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.comparison import Claim, Comparison
from desktop.core.pipeline import compare_paths
from desktop.core.verdicts import DISPUTED, NEEDS_CHECKING, VERIFIED, Verdicts
from desktop.core.workspace import Workspace
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings

from .helpers import MAIN_SET, SMALL_SET, WAIT_MS, shown_comparison
from .verdict_helpers import main_claims, verdict_on
from .workspace_helpers import data_dir, open_in_new_window, small_window, unlinked_pair

__all__ = ["data_dir"]
pytestmark = pytest.mark.usefixtures("data_dir")


def _judged_workspace(path: Path) -> Workspace:
    """A workspace of the small sample with a claim verdict, a note and a link verdict."""
    comparison = compare_paths([str(p) for p in sorted(SMALL_SET.glob("*.md"))])
    claim = main_claims(comparison, 1)[0]
    link = comparison.links[0]
    verdicts = (
        Verdicts()
        .with_claim_verdict(comparison, claim.id, DISPUTED)
        .with_claim_note(comparison, claim.id, "The toll: ask the county")
        .with_link_verdict(comparison, link.a, link.b, VERIFIED)
    )
    ws = Workspace.from_comparison(comparison, "Bridge reopening", verdicts=verdicts)
    ws.save(path)
    return ws


def test_opening_and_resaving_a_workspace_keeps_its_verdicts(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    """The window dropped every verdict when it opened a workspace, and so did its next save."""
    saved = _judged_workspace(tmp_path / "bridge.parallax")
    window = open_in_new_window(qtbot, settings, tmp_path / "bridge.parallax")
    assert window.session.verdicts == saved.verdicts
    comparison = window.session.comparison
    assert comparison is not None and comparison.verdicts == saved.verdicts
    attached = comparison.attached_verdicts
    assert len(attached.claims) == 1 and len(attached.links) == 1 and not attached.orphans
    assert not window.isWindowModified()  # the verdicts are part of what was opened
    window.workspace.save_to(str(tmp_path / "again.parallax"))
    assert Workspace.load(tmp_path / "again.parallax").verdicts == saved.verdicts


def test_set_in_the_window_saved_and_reopened(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    window.verdict_actions.set_claim_verdict(claim.id, NEEDS_CHECKING)
    window.verdict_actions.set_claim_note(claim.id, "Two figures for the toll")
    assert window.isWindowModified()
    path = tmp_path / "judged.parallax"
    assert window.workspace.save_to(str(path))
    assert not window.isWindowModified()
    again = open_in_new_window(qtbot, settings, path)
    reopened = again.session.comparison
    assert reopened is not None
    verdict = verdict_on(reopened, claim.members[0])
    assert verdict is not None and verdict.verdict == NEEDS_CHECKING
    assert verdict.note == "Two figures for the toll"
    row = again.claims.model.row_of_claim(reopened.claim_of(claim.members[0]).id)
    assert row is not None
    cell = again.claims.model.index(row, again.claims.model.col_verdict).data()
    assert cell.startswith("? needs checking — Two figures")


def _text(comparison: Comparison, claim: Claim) -> str:
    return comparison.sentence(claim.members[0]).text


def _wait(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.session.is_busy(), timeout=WAIT_MS)


def test_verdicts_survive_every_realignment(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    # A claim every one of these alignments keeps whole (the cost, carried by all three), so
    # its verdict attaches each time; a claim that falls apart keeps its verdict as an orphan.
    claim = next(c for c in main_claims(comparison, 5) if "$4.8" in _text(comparison, c))
    anchor = claim.members[0]
    link = comparison.links_of(anchor)[0]
    actions = window.verdict_actions
    actions.set_claim_verdict(claim.id, DISPUTED)
    actions.set_link_verdict(link.a, link.b, VERIFIED)
    verdicts = window.session.verdicts
    assert len(verdicts) == 2

    def still_there(what: str) -> None:
        now = window.session.comparison
        assert now is not None, what
        assert window.session.verdicts == verdicts, what
        assert now.verdicts == verdicts, what
        judged = verdict_on(now, anchor)
        assert judged is not None and judged.verdict == DISPUTED, what
        assert now.attached_verdicts.link(link.a, link.b) is not None, what

    history = window.history
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.threshold.spin.setValue(window.session.options.threshold - 5)
    still_there("threshold")
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.threshold.scorer.setCurrentIndex(window.threshold.scorer.findData("content"))
    still_there("scorer")
    now = window.session.comparison
    assert now is not None
    ids = [a.id for a in now.articles]
    x, y = unlinked_pair(now, ids[1], ids[2])
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        history.link(x, y)
    still_there("link")
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        history.unlink(x, y)
    still_there("unlink")
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        history.move_to(ids[0], 2)
    still_there("move")
    other = next(i for i in ids if i not in (link.a.article, link.b.article))
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        history.remove(other)
    assert window.session.verdicts == verdicts  # kept, orphaned or not
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        history.stack.undo()
    still_there("undo of remove")
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.session.add_files([str(sorted(MAIN_SET.glob("*.md"))[0])])
    still_there("add")


def test_a_verdict_set_while_realigning_reaches_the_new_comparison(
    qtbot: QtBot, settings: Settings
) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.set_options(
            type(comparison.options)(threshold=comparison.options.threshold - 3)
        )
        assert window.session.is_busy()
        window.verdict_actions.set_claim_verdict(claim.id, VERIFIED)  # on the one shown
    now = window.session.comparison
    assert now is not None and now is not comparison
    judged = verdict_on(now, claim.members[0])
    assert judged is not None and judged.verdict == VERIFIED
    # Cancel keeps what is shown, verdicts included.
    window.history.set_options(type(now.options)(threshold=now.options.threshold + 7))
    window.session.cancel()
    assert window.session.verdicts == now.verdicts
    _wait(window, qtbot)


def test_undo_redo_and_the_unsaved_mark(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    _judged_workspace(tmp_path / "w.parallax")
    window = open_in_new_window(qtbot, settings, tmp_path / "w.parallax")
    comparison = window.session.comparison
    assert comparison is not None and not window.isWindowModified()
    before = window.session.verdicts
    claim = main_claims(comparison, 2)[1]
    window.verdict_actions.set_claim_verdict(claim.id, VERIFIED)
    assert window.isWindowModified()
    assert window.actions_by_name["undo"].text() == f"&Undo Mark claim {claim.id} verified"
    window.history.stack.undo()  # verdicts apply at once: nothing to wait for
    assert window.session.verdicts == before and not window.isWindowModified()
    now = window.session.comparison
    assert now is not None and now.attached_verdicts.claim(claim.id) is None
    window.history.stack.redo()
    judged = window.session.comparison.attached_verdicts.claim(claim.id)  # type: ignore[union-attr]
    assert judged is not None and judged.verdict == VERIFIED and window.isWindowModified()
    # Setting it back by hand clears the mark too (the saved state is what counts).
    window.verdict_actions.set_claim_verdict(claim.id, "")
    assert window.session.verdicts == before and not window.isWindowModified()


def test_autosave_holds_the_verdicts_and_restore_brings_them_back(
    qtbot: QtBot, settings: Settings, tmp_path: Path, data_dir: Path
) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    autosave = window.workspace.autosave
    autosave.set_intervals(debounce_ms=20)
    with qtbot.waitSignal(autosave.written, timeout=WAIT_MS):
        window.verdict_actions.set_claim_verdict(claim.id, DISPUTED)
    saved = Workspace.load(autosave.path)
    assert saved.verdicts == window.session.verdicts and len(saved.verdicts) == 1
    # As a crash leaves it: a copy under another name, no lock held.
    shutil.copy(autosave.path, data_dir / "autosave-dead.parallax")
    (data_dir / "autosave-dead.json").write_text('{"original": "", "name": "Bridge"}')
    other = small_window(qtbot, settings)
    assert other.workspace.offer_restore()
    with qtbot.waitSignal(other.comparison_changed, timeout=WAIT_MS):
        other.workspace.restore_offer.restore_button.click()
    restored = other.session.comparison
    assert restored is not None and other.session.verdicts == saved.verdicts
    judged = verdict_on(restored, claim.members[0])
    assert judged is not None and judged.verdict == DISPUTED


def test_linking_suggestions_keeps_the_verdicts(qtbot: QtBot, settings: Settings) -> None:
    """`link_many` rebuilt the state from articles, options and corrections alone."""
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    window.verdict_actions.set_claim_verdict(claim.id, VERIFIED)
    ids = [a.id for a in comparison.articles]
    x, y = unlinked_pair(comparison, ids[0], ids[1])
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.linking.link_many([(x, y)])
    assert len(window.session.verdicts) == 1
    judged = verdict_on(window.session.comparison, claim.members[0])  # type: ignore[arg-type]
    assert judged is not None and judged.verdict == VERIFIED

"""Issue 16 part B, points 2 and 5: a verdict and a note set from the claims table, the framing
panel and a sentence's context menu, undoable; filters by verdict; the verdicts that no longer
attach listed and deletable; every verdict mark from core/symbols.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desktop.core import symbols
from desktop.core.comparison import SentenceRef
from desktop.core.verdicts import DISPUTED, NEEDS_CHECKING, NOT_RELEVANT, VERDICTS, VERIFIED
from desktop.gui.main_window import MainWindow
from desktop.gui.models.claim_verdicts import (
    VERDICT_FILTER_ALL,
    VERDICT_FILTER_ANY,
    VERDICT_FILTER_NONE,
    VERDICT_ROLE,
)
from desktop.gui.settings import Settings
from desktop.gui.widgets.orphans_dialog import OrphansDialog

from .helpers import WAIT_MS, pane_by_outlet, sentence_point, shown_comparison
from .verdict_helpers import main_claims, submenu, table_index, trigger, verdict_on
from .workspace_helpers import small_window

HOSTILE_NOTE = 'Call <b>the county</b> <img src="x.png"> first'


def _verdict_cell(window: MainWindow, claim_id: int) -> str:
    model = window.claims.model
    row = model.row_of_claim(claim_id)
    assert row is not None
    return str(model.index(row, model.col_verdict).data() or "")


def test_claims_table_row_menu_sets_verdict_and_note(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    asked: list[tuple[str, str]] = []
    window.verdict_actions.ask_note = lambda about, note: (
        asked.append((about, note)) or HOSTILE_NOTE
    )
    menu = window.claims.row_menu(table_index(window, claim.id))
    assert isinstance(menu, QMenu)
    trigger(menu, f"verdict_{DISPUTED}")
    assert _verdict_cell(window, claim.id) == f"{symbols.VERDICT_SYMBOLS[DISPUTED]} disputed"
    menu = window.claims.row_menu(table_index(window, claim.id))
    assert isinstance(menu, QMenu)
    checked = [a.objectName() for a in menu.actions() if a.isChecked()]
    assert checked == [f"verdict_{DISPUTED}"]  # the menu shows the verdict set
    trigger(menu, "verdict_note")
    assert asked and f"claim {claim.id}" in asked[0][0] and asked[0][1] == ""
    assert _verdict_cell(window, claim.id).endswith(f"— {HOSTILE_NOTE}")
    tip = table_index(window, claim.id, window.claims.model.col_verdict).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "&lt;b&gt;the county" in tip  # the note is text, never markup
    # Links inside the claim, each with its own verdict menu.
    links = submenu(menu, "Verdict on Link")
    first = links.actions()[0].menu()
    assert isinstance(first, QMenu)
    trigger(first, f"verdict_{VERIFIED}")
    assert len(window.session.comparison.attached_verdicts.links) == 1  # type: ignore[union-attr]
    assert "↔ ✔" in _verdict_cell(window, claim.id)
    # Three steps, each undone by Ctrl+Z.
    for _ in range(3):
        window.history.stack.undo()
    assert window.session.verdicts.is_empty and _verdict_cell(window, claim.id) == ""


def test_sentence_context_menu_sets_claim_and_link_verdicts(
    qtbot: QtBot, settings: Settings
) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    ref = claim.members[0]
    pane = next(p for p in window.strip.panes() if p.article_id == ref.article)
    menu = pane.view.context_menu(sentence_point(pane.view, ref.sentence))
    assert any("Copy" in a.text() for a in menu.actions())  # the text view's own items stay
    trigger(submenu(menu, f"Verdict on Claim {claim.id}"), f"verdict_{NEEDS_CHECKING}")
    judged = verdict_on(window.session.comparison, ref)  # type: ignore[arg-type]
    assert judged is not None and judged.verdict == NEEDS_CHECKING
    # The link to the counterpart in another pane.
    links = comparison.links_of(ref)
    other = links[0].other(ref)
    menu = pane.view.context_menu(sentence_point(pane.view, ref.sentence))
    link_menu = submenu(menu, "Verdict on Link")
    label = comparison.article(other.article).label
    entry = next(
        a for a in link_menu.actions() if a.text().replace("&&", "&").startswith(f"With {label}")
    )
    assert entry.menu() is not None
    trigger(entry.menu(), f"verdict_{DISPUTED}")  # type: ignore[arg-type]
    now = window.session.comparison
    assert now is not None
    on_link = now.attached_verdicts.link(ref, other)
    assert on_link is not None and on_link.verdict == DISPUTED
    # The sentence's tooltip says both.
    tip = pane.view.tooltip_for(ref.sentence)  # type: ignore[misc]
    assert "Your verdict on claim" in tip and "? needs checking" in tip
    assert "your verdict: ✘ disputed" in tip
    window.history.stack.undo()
    assert window.session.comparison.attached_verdicts.link(ref, other) is None  # type: ignore[union-attr]


def test_framing_panel_shows_and_sets_the_claims_verdict(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    window.strip.select(claim.members[0])
    panel = window.framing_dock.panel
    bar = panel.verdict_bar
    qtbot.waitUntil(lambda: bar.claim() == claim.id, timeout=WAIT_MS)
    assert bar.label.text() == "Verdict: none yet"
    assert bar.label.textFormat() == Qt.TextFormat.PlainText
    bar.menu.aboutToShow.emit()
    trigger(bar.menu, f"verdict_{VERIFIED}")
    assert bar.label.text().startswith(f"Verdict: {symbols.VERDICT_SYMBOLS[VERIFIED]} verified")
    window.verdict_actions.ask_note = lambda _about, _note: HOSTILE_NOTE
    bar.menu.aboutToShow.emit()
    trigger(bar.menu, "verdict_note")
    assert HOSTILE_NOTE in bar.label.text()  # shown as typed
    bar.menu.aboutToShow.emit()
    trigger(bar.menu, "verdict_none")
    assert bar.label.text().startswith("Verdict: • note")  # the note alone stays
    window.history.stack.undo()
    assert bar.label.text().startswith("Verdict: ✔ verified")


def test_filters_by_verdict(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    first, second, third = main_claims(comparison, 3)
    actions = window.verdict_actions
    actions.set_claim_verdict(first.id, VERIFIED)
    actions.set_claim_verdict(second.id, DISPUTED)
    actions.set_claim_note(third.id, "only a note")
    panel = window.claims
    total = panel.proxy.rowCount()

    def shown(key: str) -> set[int]:
        panel.set_verdict_filter(key)
        return set(panel.filtered_claims())

    assert shown(VERIFIED) == {first.id}
    assert shown(DISPUTED) == {second.id}
    assert shown(NEEDS_CHECKING) == set() and shown(NOT_RELEVANT) == set()
    assert shown(VERDICT_FILTER_ANY) == {first.id, second.id, third.id}
    assert len(shown(VERDICT_FILTER_NONE)) == total - 3
    assert panel.filter_description() == "without a verdict or note"
    assert panel.verdicts.button.text().startswith("Without a verdict")
    # The filter follows a change of verdict at once.
    shown(DISPUTED)
    actions.set_claim_verdict(first.id, DISPUTED)
    assert set(panel.filtered_claims()) == {first.id, second.id}
    assert panel.count_label.text().startswith("2 of")
    assert panel.filter_description() == "verdict disputed"
    assert len(shown(VERDICT_FILTER_ALL)) == total and panel.filter_description() == ""


def test_orphaned_verdicts_are_listed_deleted_and_come_back(
    qtbot: QtBot, settings: Settings
) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    window.verdict_actions.set_claim_verdict(claim.id, DISPUTED)
    button = window.claims.verdicts.orphans_button
    assert button.isHidden()
    # Keep the claim's sentences apart: it falls apart and its verdict attaches nowhere.
    unlinks = 0
    while not window.session.comparison.attached_verdicts.orphans:  # type: ignore[union-attr]
        now = window.session.comparison
        assert now is not None and unlinks < 6
        link = next(
            k for m in claim.members for k in now.links_of(m) if k.other(m) in claim.members
        )
        with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
            window.history.unlink(link.a, link.b)
        unlinks += 1
    now = window.session.comparison
    assert now is not None and len(now.attached_verdicts.orphans) == 1
    assert not button.isHidden() and button.text() == "1 verdict no longer attaches…"
    button.click()
    dialog = window.last_dialog
    assert isinstance(dialog, OrphansDialog) and dialog.count() == 1
    item = dialog.tree.topLevelItem(0)
    assert item is not None and item.text(0) == "✘ disputed" and item.text(1) == "Claim"
    assert "no claim holds" in item.text(4)  # the reports' own words
    item.setSelected(True)
    dialog.delete_button.click()
    assert dialog.count() == 0 and window.session.verdicts.is_empty and button.isHidden()
    window.history.stack.undo()  # the delete
    assert dialog.count() == 1 and not button.isHidden()
    # Undoing the unlinks brings the claim back, and its verdict with it.
    for _ in range(unlinks):
        with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
            window.history.stack.undo()
    judged = verdict_on(window.session.comparison, claim.members[0])  # type: ignore[arg-type]
    assert judged is not None and judged.verdict == DISPUTED
    assert dialog.count() == 0 and button.isHidden()
    dialog.close()


def test_every_verdict_mark_comes_from_the_shared_symbols(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claims = main_claims(comparison, 4)
    for claim, verdict in zip(claims, VERDICTS, strict=True):
        window.verdict_actions.set_claim_verdict(claim.id, verdict)
        mark = symbols.VERDICT_SYMBOLS[verdict]
        assert _verdict_cell(window, claim.id).startswith(f"{mark} ")
        assert table_index(window, claim.id).data(VERDICT_ROLE).claim.verdict == verdict
        window.strip.select(claim.members[0])
        bar = window.framing_dock.panel.verdict_bar
        qtbot.waitUntil(lambda c=claim, b=bar: b.claim() == c.id, timeout=WAIT_MS)
        assert f"Verdict: {symbols.verdict_mark(verdict)}" in bar.label.text()
    menu = window.claims.row_menu(table_index(window, claims[0].id))
    assert isinstance(menu, QMenu)
    texts = {a.objectName(): a.text() for a in menu.actions()}
    for verdict in VERDICTS:
        assert texts[f"verdict_{verdict}"].endswith(f"  {symbols.VERDICT_SYMBOLS[verdict]}")
    filters = [a.text() for a in window.claims.verdicts.menu.actions() if a.text()]
    for verdict in VERDICTS:
        assert any(t.endswith(f" {symbols.VERDICT_SYMBOLS[verdict]}") for t in filters)


def test_a_sentence_menu_of_a_hidden_link_partner_and_outlets_with_ampersands(
    qtbot: QtBot, settings: Settings
) -> None:
    """An outlet called "Smith & Sons" is shown with its "&", not taken for a mnemonic."""
    window = small_window(qtbot, settings)
    comparison = shown_comparison(window)
    claim = main_claims(comparison, 1)[0]
    other = claim.members[1]
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.history.edit(other.article, {"outlet": "Smith & Sons"})
    pane = pane_by_outlet(window, comparison.article(claim.members[0].article).label)
    ref = SentenceRef(pane.article_id, claim.members[0].sentence)
    menu = pane.view.context_menu(sentence_point(pane.view, ref.sentence))
    titles = [a.text() for a in submenu(menu, "Verdict on Link").actions()]
    assert any(t.startswith("With Smith && Sons") for t in titles), titles

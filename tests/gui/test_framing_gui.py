"""Framing in the window: the framing panel, the claims table's framing filters, and the marks
on conflicting words and hedges in the panes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.comparison import SentenceRef
from desktop.gui.highlights import CONFLICT_MARK, HEDGE_MARK
from desktop.gui.main_window import MainWindow
from desktop.gui.models.claims import CLAIM_ROLE, FLAG_CONFLICTS
from desktop.gui.models.framing import (
    CUE_ATTRIBUTION,
    CUE_HEDGES,
    CUE_NEGATIONS,
    CUE_QUOTES,
    EMPTY_ROLE,
)
from desktop.gui.models.summary import claim_links
from desktop.gui.settings import Settings
from desktop.gui.widgets.framing_panel import FramingPanel
from desktop.gui.widgets.sentence_view import SentenceView

from .helpers import (
    open_window,
    pane_by_outlet,
    sentence_index,
    sentence_point,
    shown_comparison,
    write_markup_pair,
)


def _click_sentence(window: MainWindow, qtbot: QtBot, outlet: str, text: str) -> SentenceRef:
    pane = pane_by_outlet(window, outlet)
    index = sentence_index(pane.view, text)
    with qtbot.waitSignal(window.strip.selection_changed):
        qtbot.mouseClick(
            pane.view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=sentence_point(pane.view, index),
        )
    ref = SentenceRef(pane.article_id, index)
    assert window.strip.selected() == ref
    return ref


def _cue(panel: FramingPanel, article_id: str, cue: int) -> str:
    row = panel.cues.row_of(article_id)
    assert row is not None, f"{article_id} is not a member of the shown claim"
    return str(panel.cues.index(row, cue).data())


def test_red_line_claim_shows_anonymous_sourcing(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.framing_dock.panel
    assert window.framing_dock.isVisible()
    politico = _click_sentence(window, qtbot, "Politico", 'no fixed "red line"')
    assert panel.cues_table.isVisible()
    attribution = _cue(panel, politico.article, CUE_ATTRIBUTION)
    assert attribution.startswith("unnamed source: ")
    assert "a senior US official" in attribution
    hedges = _cue(panel, politico.article, CUE_HEDGES)
    assert "not ruling out (openness)" in hedges
    assert "if they prove necessary (conditional)" in hedges
    assert "a senior US official" in _cue(panel, politico.article, CUE_QUOTES)
    assert 'no fixed "red line"' in panel.claim_text.text()

    wapo = _click_sentence(window, qtbot, "The Washington Post", "No concrete discussions")
    wapo_attribution = _cue(panel, wapo.article, CUE_ATTRIBUTION)
    assert wapo_attribution.startswith("unnamed source: ")
    assert "people familiar with the deliberations" in wapo_attribution
    assert wapo_attribution != attribution
    assert "senior US official" not in wapo_attribution
    assert "No concrete discussions" in _cue(panel, wapo.article, CUE_NEGATIONS)
    row = panel.cues.row_of(wapo.article)
    assert row is not None
    assert panel.cues.index(row, CUE_HEDGES).data(EMPTY_ROLE) is True
    # The other member relays the Post: attribution to another outlet.
    briefing = pane_by_outlet(window, "The Briefing Desk").article_id
    assert _cue(panel, briefing, CUE_ATTRIBUTION).startswith("another outlet: The Washington Post")


def test_show_conflicts_leaves_only_conflicting_claims(window: MainWindow, qtbot: QtBot) -> None:
    claims = window.claims
    comparison = shown_comparison(window)
    everything = claims.proxy.rowCount()
    claims.flag_buttons[FLAG_CONFLICTS].click()
    rows = claims.proxy.rowCount()
    assert 0 < rows < everything
    assert claims.count_label.text() == f"{rows} of {everything}"
    for row in range(rows):
        claim = claims.proxy.index(row, 0).data(CLAIM_ROLE)
        assert any(link.relation == "conflicting" for link in claim_links(comparison, claim))
    claims.flag_buttons[FLAG_CONFLICTS].click()
    assert claims.proxy.rowCount() == everything


def test_omitted_by_politico_never_lists_politico(window: MainWindow) -> None:
    claims = window.claims
    politico = pane_by_outlet(window, "Politico").article_id
    index = claims.mode_combo.findText("Omitted by Politico")
    assert index >= 0
    claims.mode_combo.setCurrentIndex(index)
    assert claims.proxy.rowCount() > 0
    for row in range(claims.proxy.rowCount()):
        claim = claims.proxy.index(row, 0).data(CLAIM_ROLE)
        assert claim.member_in(politico) is None
        assert len(claim.members) >= 2


def _format_at(view: SentenceView, index: int, offset: int) -> QTextCharFormat:
    start, _end = view.sentence_range(index)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + offset + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def test_conflicting_words_are_marked(window: MainWindow) -> None:
    view = pane_by_outlet(window, "Moscow Ledger").view
    index = sentence_index(view, "may take part")
    article = view.article()
    assert article is not None
    text = article.sentences[index].text
    conflicts = [(lo, hi) for lo, hi, kind in view.marks(index) if kind == CONFLICT_MARK]
    assert [text[lo:hi] for lo, hi in conflicts] == ["may"]
    marked = _format_at(view, index, conflicts[0][0])
    assert marked.fontWeight() == QFont.Weight.Bold
    assert marked.fontOverline()
    assert marked.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    plain = _format_at(view, index, text.index("Washington"))
    assert plain.fontWeight() != QFont.Weight.Bold
    assert not plain.fontOverline()
    # The other side of the conflict is marked in its own pane.
    politico = pane_by_outlet(window, "Politico").view
    other = sentence_index(politico, "would take part")
    other_text = politico.article().sentences[other].text  # type: ignore[union-attr]
    words = [other_text[lo:hi] for lo, hi, k in politico.marks(other) if k == CONFLICT_MARK]
    assert words == ["would"]


def test_hedge_marks_toggle(window: MainWindow) -> None:
    view = pane_by_outlet(window, "Politico").view
    index = sentence_index(view, 'no fixed "red line"')
    text = view.article().sentences[index].text  # type: ignore[union-attr]
    offset = text.index("not ruling out")
    assert any(kind == HEDGE_MARK for _, _, kind in view.marks(index))
    assert _format_at(view, index, offset).fontItalic()
    action = window.actions_by_name["mark_hedges"]
    assert action.isChecked()
    action.trigger()
    assert not any(kind == HEDGE_MARK for _, _, kind in view.marks(index))
    assert not _format_at(view, index, offset).fontItalic()
    action.trigger()
    assert _format_at(view, index, offset).fontItalic()


def test_panel_follows_the_current_pane(window: MainWindow, qtbot: QtBot) -> None:
    panel = window.framing_dock.panel
    politico = pane_by_outlet(window, "Politico").article_id
    wapo = pane_by_outlet(window, "The Washington Post").article_id
    window.strip.set_current(wapo)  # the first pane (Politico) has focus from the start
    with qtbot.waitSignal(window.strip.current_changed):
        window.strip.set_current(politico)
    assert panel.article_id() == politico
    assert panel.outlet_title.text().startswith("Politico")
    texts = [item.text(0) for item in panel.profile_items()]
    profile = window.session.comparison.framing.outlet(politico)  # type: ignore[union-attr]
    assert f"Blind spots ({len(profile.blindspots)})" in texts
    assert "Hedged: 50% of 18 sentences" in texts
    with qtbot.waitSignal(window.strip.current_changed):
        window.strip.set_current(wapo)
    assert panel.outlet_title.text().startswith("The Washington Post")
    assert "Hedged: 50% of 18 sentences" not in [i.text(0) for i in panel.profile_items()]

    # A blind spot selects its claim in the panes.
    blind = next(i for i in panel.profile_items() if i.text(0).startswith("Blind spots"))
    assert blind.childCount() > 0 and blind.isExpanded()
    item = blind.child(0)
    panel.profile_tree.scrollToItem(item)
    rect = panel.profile_tree.visualItemRect(item)
    with qtbot.waitSignal(window.strip.selection_changed):
        qtbot.mouseClick(
            panel.profile_tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    selected = window.strip.selected()
    assert selected is not None and selected.article != wapo
    comparison = shown_comparison(window)
    claim = comparison.claim_of(selected)
    assert claim.member_in(wapo) is None
    assert panel.cues.claim() == claim


def test_markup_in_articles_stays_literal_in_the_panel(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    evil = (
        'Officials said <img src=http://example.invalid/x.png> "may <b>not</b> come back", '
        "a senior official said."
    )
    window = open_window(qtbot, settings, write_markup_pair(tmp_path, evil))
    panel = window.framing_dock.panel
    _click_sentence(window, qtbot, "One <i>News</i>", "example.invalid")
    assert "<img src=http://example.invalid/x.png>" in panel.claim_text.text()
    quotes = [str(panel.cues.index(r, CUE_QUOTES).data()) for r in range(panel.cues.rowCount())]
    assert quotes and all("<b>not</b>" in q for q in quotes)
    headers = [
        panel.cues.headerData(r, Qt.Orientation.Vertical) for r in range(panel.cues.rowCount())
    ]
    assert "One <i>News</i>" in headers
    assert panel.outlet_title.text().startswith("One <i>News</i>")
    for label in panel.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    panel.grab()  # paint: rich text would try to load the image now
    for pane in window.strip.panes():
        assert pane.view.resource_requests == []

"""The claims model, its filter proxy and the claim cues model: model-tester clean, cells,
filters and sorting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.core.comparison import Comparison
from desktop.core.pipeline import compare_paths
from desktop.gui.models.claims import (
    CLAIM_ROLE,
    COL_ATTRIBUTION,
    COL_BURIED,
    COL_CONFLICTS,
    COL_HEDGED,
    COL_ID,
    COL_RELATION,
    FILTER_CONFLICTS,
    FILTER_MISSING_FROM,
    FILTER_OMITTED_BY,
    FILTER_ONLY_ONE,
    FILTER_SHARED_BY_ALL,
    FLAG_ANONYMOUS,
    FLAG_CONFLICTS,
    FLAG_HEDGED,
    PARTLY_ROLE,
    REF_ROLE,
    SORT_ROLE,
    STATUS_ROLE,
    SUMMARY_ROLE,
    ClaimsFilterProxy,
    ClaimsModel,
)
from desktop.gui.models.framing import (
    CUE_ATTRIBUTION,
    CUE_CONFLICTS,
    CUE_HEADERS,
    EMPTY_ROLE,
    ClaimCuesModel,
)
from desktop.gui.models.summary import claim_links
from desktop.gui.plain import tooltip
from desktop.gui.session import single_comparison

from .helpers import MAIN_SET, SMALL_SET


def _comparison(folder=MAIN_SET) -> Comparison:  # type: ignore[no-untyped-def]
    return compare_paths(sorted(folder.glob("*.md")))


def test_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ClaimsModel()
    qtmodeltester.check(model)
    model.set_comparison(_comparison())
    qtmodeltester.check(model)
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_mode(FILTER_ONLY_ONE)
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_mode("all")
    proxy.set_flag(FLAG_HEDGED, True)
    proxy.sort(model.column(COL_CONFLICTS), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_flag(FLAG_HEDGED, False)
    model.set_comparison(_comparison(SMALL_SET))
    qtmodeltester.check(proxy)
    model.set_comparison(None)
    qtmodeltester.check(model)


def test_cells_show_status_symbol_and_position() -> None:
    comparison = _comparison()
    model = ClaimsModel()
    model.set_comparison(comparison)
    assert model.rowCount() == len(comparison.claims)
    assert model.columnCount() == len(comparison.articles) + 3 + 5  # #, claim, verdict
    assert model.headerData(COL_ID, Qt.Orientation.Horizontal) == "#"
    assert model.headerData(model.col_claim, Qt.Orientation.Horizontal) == "Claim"
    shared_row = next(r for r, c in enumerate(comparison.claims) if len(c.members) > 1)
    claim = comparison.claims[shared_row]
    for column in range(1, 1 + len(comparison.articles)):
        index = model.index(shared_row, column)
        article_id = model.article_id_of_column(column)
        ref = claim.member_in(article_id or "")
        text = index.data()
        if ref is None:
            # Missing, or missing with a sentence that shares part of the claim (related).
            partly = index.data(PARTLY_ROLE)
            if partly is None:
                assert text == "— missing"
            else:
                block = comparison.sentence(partly).block + 1
                assert text == f"— partly  ¶{block} s{partly.sentence + 1}"
            assert index.data(STATUS_ROLE) == "missing"
        else:
            sentence = comparison.sentence(ref)
            assert text.endswith(f"¶{sentence.block + 1} s{sentence.index + 1}")
            assert text[0] in "●◐⚠"
            assert index.data(Qt.ItemDataRole.ToolTipRole) == tooltip(sentence.text)
            assert index.data(REF_ROLE) == ref
    assert model.index(shared_row, 0).data(CLAIM_ROLE) is claim
    first_text = comparison.sentence(claim.members[0]).text
    assert model.index(shared_row, model.col_claim).data() == first_text


def test_filters() -> None:
    comparison = _comparison()
    model = ClaimsModel()
    model.set_comparison(comparison)
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    n = len(comparison.articles)

    def claims() -> list:  # type: ignore[type-arg]
        return [proxy.index(r, 0).data(CLAIM_ROLE) for r in range(proxy.rowCount())]

    proxy.set_mode(FILTER_ONLY_ONE)
    assert claims() and all(len(c.members) == 1 for c in claims())
    proxy.set_mode(FILTER_SHARED_BY_ALL)
    assert all(len(c.members) == n for c in claims())
    proxy.set_mode(FILTER_CONFLICTS)
    assert claims()
    for claim in claims():
        assert any(link.relation == "conflicting" for link in claim_links(comparison, claim))
    politico = next(a for a in comparison.articles if a.outlet == "Politico")
    proxy.set_mode(FILTER_MISSING_FROM, politico.id)
    assert claims() and all(c.member_in(politico.id) is None for c in claims())
    missing = len(claims())
    proxy.set_mode(FILTER_OMITTED_BY, politico.id)
    omitted = claims()
    assert omitted and len(omitted) < missing  # blind spots, not every claim it lacks
    blindspots = comparison.framing.outlet(politico.id).blindspots
    for claim in omitted:
        assert claim.member_in(politico.id) is None
        assert claim.id in blindspots and len(claim.members) >= 2
    proxy.set_mode("all")
    proxy.set_text("putin")
    assert claims()
    for claim in claims():
        assert any("putin" in comparison.sentence(m).text.lower() for m in claim.members)


def test_framing_flags_combine() -> None:
    comparison = _comparison()
    model = ClaimsModel()
    model.set_comparison(comparison)
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    framing = comparison.framing

    def claims() -> list:  # type: ignore[type-arg]
        return [proxy.index(r, 0).data(CLAIM_ROLE) for r in range(proxy.rowCount())]

    proxy.set_flag(FLAG_HEDGED, True)
    hedged = claims()
    assert hedged and len(hedged) < model.rowCount()
    for claim in hedged:
        assert any(framing.sentences[m].hedged for m in claim.members)
    proxy.set_flag(FLAG_HEDGED, False)
    proxy.set_flag(FLAG_ANONYMOUS, True)
    anonymous = claims()
    assert anonymous
    for claim in anonymous:
        kinds = {framing.sentences[m].attribution.kind for m in claim.members}
        assert "anonymous" in kinds
    proxy.set_flag(FLAG_CONFLICTS, True)
    both = claims()
    assert len(both) <= len(anonymous)
    for claim in both:
        assert any(link.relation == "conflicting" for link in claim_links(comparison, claim))
    proxy.set_flag(FLAG_ANONYMOUS, False)
    proxy.set_flag(FLAG_CONFLICTS, False)
    assert proxy.rowCount() == model.fact_count()  # every claim but the datelines


def test_framing_columns() -> None:
    comparison = _comparison()
    model = ClaimsModel()
    model.set_comparison(comparison)
    headers = [
        model.headerData(model.column(k), Qt.Orientation.Horizontal)
        for k in (COL_RELATION, COL_CONFLICTS, COL_ATTRIBUTION, COL_HEDGED, COL_BURIED)
    ]
    assert headers == ["Relation", "Conflicts", "Attribution", "Hedged", "Buried in"]
    rows = {comparison.claims[r].id: r for r in range(model.rowCount())}
    row = next(
        rows[claim.id]
        for claim in comparison.claims
        if any(
            comparison.sentence(m).text.startswith("Trump pledged US participation")
            for m in claim.members
        )
    )
    assert model.index(row, model.column(COL_RELATION)).data() == "⚠ conflicting"
    conflicts = model.index(row, model.column(COL_CONFLICTS)).data()
    # The Politico pane comes first, so its "would" is the left side of the pair.
    assert "certainty: would ↔ may" in conflicts
    assert "Moscow Ledger" in model.index(row, model.column(COL_HEDGED)).data()
    assert model.index(row, model.column(COL_ATTRIBUTION)).data() == "named source: 6"
    single = next(r for r in range(model.rowCount()) if len(comparison.claims[r].members) == 1)
    assert model.index(single, model.column(COL_RELATION)).data() == "◆ single outlet"
    buried = [r for r in range(model.rowCount()) if model.index(r, 0).data(SUMMARY_ROLE).buried_in]
    assert buried
    for r in buried:
        cell = model.index(r, model.column(COL_BURIED))
        assert cell.data()
        assert "lower" in cell.data(Qt.ItemDataRole.ToolTipRole)


def test_every_column_sorts_by_its_key() -> None:
    model = ClaimsModel()
    model.set_comparison(_comparison())
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(column, order)
            keys = [proxy.index(r, column).data(SORT_ROLE) for r in range(proxy.rowCount())]
            assert len({type(k) for k in keys}) == 1, column
            expected = sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
            assert keys == expected, model.headerData(column, Qt.Orientation.Horizontal)


def test_claim_cues_model(qtmodeltester: ModelTester) -> None:
    comparison = _comparison()
    model = ClaimCuesModel()
    qtmodeltester.check(model)
    claim = next(
        c
        for c in comparison.claims
        if any("may take part" in comparison.sentence(m).text for m in c.members)
    )
    model.set_claim(comparison, claim)
    qtmodeltester.check(model)
    # Outlets as rows, so six fit a narrow dock; kinds of cue as columns.
    assert model.columnCount() == len(CUE_HEADERS)
    assert model.rowCount() == len(claim.members)
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert labels == [comparison.article(a.id).label for a in comparison.articles]
    moscow = labels.index("Moscow Ledger")
    conflicts = model.index(moscow, CUE_CONFLICTS).data()
    assert "certainty vs Politico: may ↔ would" in conflicts
    assert "certainty vs Meridian Wire: may ↔ will" in conflicts
    kyiv = labels.index("Kyiv Courier")
    assert model.index(kyiv, CUE_CONFLICTS).data(EMPTY_ROLE) is True
    assert (
        model.index(kyiv, CUE_ATTRIBUTION)
        .data()
        .startswith("named source: US President Donald Trump")
    )
    model.set_claim(comparison, None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.columnCount() == 0


def test_sorting_by_outlet_column_groups_statuses() -> None:
    comparison = _comparison()
    model = ClaimsModel()
    model.set_comparison(comparison)
    proxy = ClaimsFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    keys = [proxy.index(r, 1).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert keys == sorted(keys)
    statuses = [proxy.index(r, 1).data(STATUS_ROLE) for r in range(proxy.rowCount())]
    assert statuses[-1] == "missing"
    proxy.sort(COL_ID, Qt.SortOrder.DescendingOrder)
    ids = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert ids == sorted(ids, reverse=True)


def test_single_article_comparison() -> None:
    article = _comparison(SMALL_SET).articles[0]
    single = single_comparison([article], _comparison(SMALL_SET).options)
    assert len(single.claims) == len(article.sentences)
    assert not single.links
    assert all(single.status(m) == "unique" for c in single.claims for m in c.members)

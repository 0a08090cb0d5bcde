"""The claims model and its filter proxy: model-tester clean, cells, filters and sorting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop.core.comparison import Comparison
from desktop.core.pipeline import compare_paths
from desktop.gui.models.claims import (
    CLAIM_ROLE,
    COL_ID,
    FILTER_CONFLICTS,
    FILTER_MISSING_FROM,
    FILTER_ONLY_ONE,
    FILTER_SHARED_BY_ALL,
    REF_ROLE,
    SORT_ROLE,
    STATUS_ROLE,
    ClaimsFilterProxy,
    ClaimsModel,
)
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
    model.set_comparison(_comparison(SMALL_SET))
    qtmodeltester.check(proxy)
    model.set_comparison(None)
    qtmodeltester.check(model)


def test_cells_show_status_symbol_and_position() -> None:
    comparison = _comparison()
    model = ClaimsModel()
    model.set_comparison(comparison)
    assert model.rowCount() == len(comparison.claims)
    assert model.columnCount() == len(comparison.articles) + 2
    assert model.headerData(COL_ID, Qt.Orientation.Horizontal) == "#"
    assert model.headerData(model.col_claim, Qt.Orientation.Horizontal) == "Claim"
    shared_row = next(r for r, c in enumerate(comparison.claims) if len(c.members) > 1)
    claim = comparison.claims[shared_row]
    for column in range(1, model.col_claim):
        index = model.index(shared_row, column)
        article_id = model.article_id_of_column(column)
        ref = claim.member_in(article_id or "")
        text = index.data()
        if ref is None:
            assert text == "— missing"
            assert index.data(STATUS_ROLE) == "missing"
        else:
            sentence = comparison.sentence(ref)
            assert text.endswith(f"¶{sentence.block + 1} s{sentence.index + 1}")
            assert text[0] in "●◐⚠"
            assert index.data(Qt.ItemDataRole.ToolTipRole) == sentence.text
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
    assert all(any(comparison.status(m) == "conflicting" for m in c.members) for c in claims())
    politico = next(a for a in comparison.articles if a.outlet == "Politico")
    proxy.set_mode(FILTER_MISSING_FROM, politico.id)
    assert claims() and all(c.member_in(politico.id) is None for c in claims())
    proxy.set_mode("all")
    proxy.set_text("putin")
    assert claims()
    for claim in claims():
        assert any("putin" in comparison.sentence(m).text.lower() for m in claim.members)


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

"""Claim numbers survive threshold changes, pane moves and added articles (claim_numbers.py)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.align import align
from desktop.core.claim_numbers import number_claims, opening_order
from desktop.core.comparison import Claim, Comparison, SentenceRef
from desktop.core.loading import load_article
from desktop.core.options import AlignOptions


def _load(paths: list[Path]) -> list:
    return [load_article(str(p), f"a{i + 1}") for i, p in enumerate(paths)]


def _ids_by_members(c: Comparison) -> dict[frozenset[SentenceRef], int]:
    return {frozenset(claim.members): claim.id for claim in c.claims}


def test_opening_order_sorts_numbers_as_numbers() -> None:
    assert sorted(["a10", "a2", "a1"], key=opening_order) == ["a1", "a2", "a10"]


def test_numbers_are_the_anchor_sentence_numbers(main_set: list[Path]) -> None:
    articles = _load(main_set)
    c = align(articles)
    ids = [claim.id for claim in c.claims]
    assert len(set(ids)) == len(ids) and ids == sorted(ids)
    first = articles[0]
    # Every sentence of the first article anchors its own claim: claims 1…n.
    for s in first.sentences:
        assert c.claim_of(SentenceRef("a1", s.index)).id == s.index + 1
    offset = len(first.sentences)
    for claim in c.claims:
        if all(m.article != "a1" for m in claim.members) and claim.member_in("a2"):
            assert claim.id == offset + claim.member_in("a2").sentence + 1  # type: ignore[union-attr]


def test_surviving_claims_keep_their_number_across_thresholds(main_set: list[Path]) -> None:
    articles = _load(main_set)
    low = _ids_by_members(align(articles, AlignOptions(threshold=40)))
    high = _ids_by_members(align(articles, AlignOptions(threshold=60)))
    survivors = set(low) & set(high)
    changed = set(low) ^ set(high)
    assert survivors and changed  # the threshold did regroup some claims
    assert all(low[m] == high[m] for m in survivors)


def test_moving_panes_keeps_every_number(main_set: list[Path]) -> None:
    articles = _load(main_set)
    before = _ids_by_members(align(articles))
    moved = [articles[3], articles[0], *articles[4:], articles[1], articles[2]]
    after = _ids_by_members(align(moved))
    assert before == after


def test_an_added_article_keeps_the_numbers_it_does_not_touch(
    main_set: list[Path], small_set: list[Path]
) -> None:
    articles = _load(main_set[:3])
    before = align(articles)
    extra = load_article(str(main_set[3]), "a4")
    after = align([*articles, extra])
    old = _ids_by_members(before)
    new = _ids_by_members(after)
    untouched = [m for m in old if m in new]
    assert untouched
    assert all(old[m] == new[m] for m in untouched)
    # The new article's own sentences continue after everything the others number.
    total = sum(len(a.sentences) for a in articles)
    assert all(
        claim.id > total for claim in after.claims if {m.article for m in claim.members} == {"a4"}
    )


def test_number_claims_without_alignment() -> None:
    a1 = SentenceRef("a1", 0)
    a2 = SentenceRef("a2", 1)
    from desktop.core.article import Article, Sentence

    def art(i: str, n: int) -> Article:
        return Article(i, i, "x" * n, tuple(Sentence(k, k, k + 1, "x") for k in range(n)), i)

    claims = number_claims(
        [Claim(0, (a2,)), Claim(0, (SentenceRef("a2", 0), a1))], [art("a2", 2), art("a1", 1)]
    )
    assert [(c.id, c.members) for c in claims] == [
        (1, (SentenceRef("a2", 0), a1)),
        (3, (a2,)),
    ]

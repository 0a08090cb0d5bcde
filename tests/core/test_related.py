"""Related pairs: sentences that share part of their information without being counterparts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from desktop.core.align import align
from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.options import AlignOptions
from tests.core.test_align import FILLER_A, FILLER_B
from tests.helpers import make_article

# One outlet's long sentence carries what the other says in two.
MERGED = (
    "Trump phoned Vladimir Putin after the summit, and a meeting between Putin and Zelensky "
    "is now being planned."
)
SPLIT = [
    "After the summit, Trump phoned Russian President Vladimir Putin.",
    "A meeting between Putin and Zelensky is being planned.",
]


@pytest.fixture(params=["content", "hybrid"])
def comparison(request: pytest.FixtureRequest) -> Comparison:
    a = make_article("a1", [FILLER_A[0], MERGED, FILLER_A[1]])
    b = make_article("a2", [FILLER_B[0], *SPLIT, FILLER_B[1]])
    return align([a, b], AlignOptions(scorer=request.param))


def test_a_merged_sentence_links_one_half_and_relates_to_the_other(comparison: Comparison) -> None:
    merged = SentenceRef("a1", 1)
    [link] = comparison.links
    assert link.a == merged and link.b in (SentenceRef("a2", 1), SentenceRef("a2", 2))
    [related] = comparison.related
    assert related.a == merged and {related.b, link.b} == {
        SentenceRef("a2", 1),
        SentenceRef("a2", 2),
    }
    assert related.score < link.score
    # Related pairs change no claim and no status: the other half stays unique.
    assert comparison.status(related.b) == "unique"
    assert len(comparison.claim_of(related.b).members) == 1


def test_related_pairs_are_in_the_json_in_the_shape_of_links(comparison: Comparison) -> None:
    data = json.loads(comparison.to_json())
    assert data["version"] == 1
    [related] = data["related"]
    assert set(related) >= {"a", "b", "score", "relation", "changes"}
    again = Comparison.from_json(comparison.to_json())
    assert again.related == comparison.related
    # A file written before related pairs existed reads with none.
    del data["related"]
    assert Comparison.from_dict(data).related == ()


def test_related_pairs_are_never_links_nor_unlinked_and_one_per_sentence() -> None:
    a = make_article("a1", [MERGED, FILLER_A[0]])
    b = make_article("a2", [*SPLIT, "Trump called Putin once the summit had ended."])
    comparison = align([a, b], AlignOptions(scorer="content"))
    links = {(x.a, x.b) for x in comparison.links}
    related = [(x.a, x.b) for x in comparison.related]
    assert not links & set(related)
    assert len({x for x, _ in related}) == len(related)  # one per sentence and other article
    assert len({y for _, y in related}) == len(related)
    if related:
        x, y = related[0]
        kept_apart = align(
            [a, b], AlignOptions(scorer="content"), corrections=Corrections().with_unlink(x, y)
        )
        assert (x, y) not in {(r.a, r.b) for r in kept_apart.related}


def test_no_related_pairs_between_unrelated_sentences() -> None:
    a = make_article("a1", FILLER_A)
    b = make_article("a2", FILLER_B)
    assert align([a, b], AlignOptions(scorer="hybrid")).related == ()


# -- pairs further below the threshold that share a clause's information ------------------------


def _troops(comparison: Comparison) -> tuple[SentenceRef, SentenceRef]:
    """Politico's "no fixed red line on sending troops" lead and the Post's "no concrete
    discussions about deploying American forces": the contrast the sample set is about."""
    by_file = {a.source.rsplit("/", 1)[-1]: a for a in comparison.articles}
    politico, post = by_file["1-politico.md"], by_file["2-washington-post.md"]
    [x] = [s.index for s in politico.sentences if 'no fixed "red line" on sending' in s.text]
    [y] = [s.index for s in post.sentences if "No concrete discussions about" in s.text]
    return SentenceRef(politico.id, x), SentenceRef(post.id, y)


def test_the_troops_contrast_is_related_through_its_closest_clauses(main_set) -> None:
    from desktop.core.loading import load_article

    articles = [load_article(p, f"a{i + 1}") for i, p in enumerate(main_set)]
    comparison = align(articles)
    x, y = _troops(comparison)
    related = {(r.a, r.b): r for r in comparison.related}
    assert (x, y) in related
    assert comparison.link_between(x, y) is None
    # Far below the near-threshold band: only the clause rule makes it related.
    options = comparison.options
    assert related[x, y].score < options.threshold - options.related_margin


def test_the_clause_rule_adds_related_pairs_and_changes_no_link(
    main_set, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.core.loading import load_article
    from desktop.core.scoring import hybrid

    articles = [load_article(p, f"a{i + 1}") for i, p in enumerate(main_set)]
    with_rule = align(articles)
    monkeypatch.setattr(hybrid.HybridScorer, "partial_margin", 0.0)
    without = align(articles)
    assert with_rule.links == without.links
    assert with_rule.claims == without.claims
    assert set(without.related) < set(with_rule.related)
    assert _troops(with_rule) not in {(r.a, r.b) for r in without.related}


class _Clauses:
    """A stand-in for a scorer's clause measure: given values, and which pairs were asked."""

    def __init__(self, values: dict[tuple[int, int], float], cost: int = 2) -> None:
        self.values = values
        self.cost = cost
        self.asked: list[tuple[int, int]] = []
        self.lexical: list = []  # type: ignore[type-arg]

    def partials(self, pairs):  # type: ignore[no-untyped-def]
        self.asked.extend((r, c) for _, r, _, c in pairs)
        return [self.values.get((r, c)) for _, r, _, c in pairs]

    def partial_cost(self, i: int, r: int) -> int:
        return self.cost


def _finder(clauses: _Clauses, near: float = 55.0, floor: float = 40.0):  # type: ignore[no-untyped-def]
    from desktop.core.related import RelatedFinder

    return RelatedFinder(clauses, near, floor, 60.0, ["a1", "a2"])  # type: ignore[arg-type]


def test_below_the_band_only_mutual_best_pairs_that_share_a_clause_are_related() -> None:
    # Row 0's best is col 0 and col 0's best is row 0 (mutual); row 1's best is col 0 (taken
    # by row 0: not mutual); row 2 - col 1 is mutual but its clauses do not say the same.
    rows = np.array([0, 1, 2, 1])
    cols = np.array([0, 0, 1, 1])
    scores = np.array([45.0, 44.0, 42.0, 41.0])
    clauses = _Clauses({(0, 0): 72.0, (1, 0): 80.0, (2, 1): 41.0, (1, 1): 90.0})
    finder = _finder(clauses)
    finder.add(0, 1, rows, cols, scores, set())
    assert finder.pairs() == {(0, 1): [(0, 0, 45.0)]}
    assert sorted(clauses.asked) == [(0, 0), (2, 1)]  # only mutual-best pairs are asked about
    # Without a clause measure (floor at the band: lexical scorers) nothing below is related.
    clauses = _Clauses({(0, 0): 72.0})
    finder = _finder(clauses, floor=55.0)
    finder.add(0, 1, rows, cols, scores, set())
    assert finder.pairs() == {(0, 1): []} and clauses.asked == []
    # Pairs in the band need no clause check and come first; links are never related.
    clauses = _Clauses({(2, 1): 75.0})
    finder = _finder(clauses, near=44.0)
    finder.add(0, 1, rows, cols, scores, {(0, 0)})
    assert finder.pairs() == {(0, 1): [(1, 0, 44.0), (2, 1, 42.0)]}


def test_the_clause_rule_spends_a_fixed_budget_on_the_strongest_pairs_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.core import related

    monkeypatch.setattr(related, "PARTIAL_CLAUSES", 4)
    clauses = _Clauses({(0, 0): 70.0, (1, 1): 70.0, (2, 2): 70.0}, cost=1)
    finder = _finder(clauses)
    # Three mutual-best pairs below the band, each of two one-clause-cost sentences.
    finder.add(0, 1, np.array([0, 1, 2]), np.array([0, 1, 2]), np.array([41.0, 50.0, 45.0]), set())
    assert finder.pairs() == {(0, 1): [(1, 1, 50.0), (2, 2, 45.0)]}
    assert clauses.asked == [(1, 1), (2, 2)]  # the weakest did not fit in the budget


def test_clauses_are_cut_at_punctuation_and_conjunctions() -> None:
    from desktop.core.scoring.clauses import clauses

    text = (
        'The United States has no fixed "red line" on sending troops to Ukraine and is not '
        "ruling out peacekeeping forces, a senior US official said."
    )
    assert clauses(text) == [
        'The United States has no fixed "red line" on sending troops to Ukraine',
        "is not ruling out peacekeeping forces",
        "a senior US official said.",
    ]
    # A sentence of one clause, or of pieces too small to stand alone, is its own clause.
    assert clauses("Russia has made its opposition plain.") == [
        "Russia has made its opposition plain."
    ]
    assert clauses("He said so, again.") == ["He said so, again."]


def test_the_clause_rule_never_looks_below_its_floor() -> None:
    """At a low threshold almost every sentence has a best match; the rule must not ask for
    (and embed) clauses of them all."""
    from desktop.core.comparison import Scoring
    from desktop.core.related import RelatedFinder
    from desktop.core.scoring import hybrid

    a = make_article("a1", [FILLER_A[0], MERGED])
    b = make_article("a2", [FILLER_B[0], *SPLIT])
    prepared = hybrid.SCORER.prepare([a, b])
    scorer = hybrid.SCORER
    for threshold, floor in ((60.0, 40.0), (70.0, 50.0), (50.0, 40.0), (40.0, 35.0)):
        options = AlignOptions(scorer="hybrid", threshold=threshold)
        finder = RelatedFinder.of(prepared, Scoring("hybrid", threshold), options)
        assert finder.near == threshold - scorer.related_margin
        assert finder.floor == floor
    # At 40 the floor is the band's own: no pair below it is asked about.
    assert not finder.clause_rule
    # Content has no clause measure: its related pairs are the band's only.
    options = AlignOptions(scorer="content")
    content = RelatedFinder.of(prepared, Scoring("content", 50.0), options)
    assert content.floor == content.near and not content.clause_rule
    # Nor in comparisons too large to look at (a threshold change there must never embed).
    big = make_article("a1", [f"Sentence number {k} says something new." for k in range(300)])
    other = make_article("a2", [f"Another line {k} tells a story here." for k in range(300)])
    large = RelatedFinder.of(
        hybrid.SCORER.prepare([big, other]), Scoring("hybrid", 60.0), AlignOptions()
    )
    assert not large.clause_rule


def test_clause_rule_pairs_keep_every_invariant(main_set) -> None:
    """On the sample set with the default scorer: no related pair is a link, one per sentence
    and other article, and a pair the user unlinked is never related."""
    from desktop.core.loading import load_article

    articles = [load_article(p, f"a{i + 1}") for i, p in enumerate(main_set)]
    comparison = align(articles)
    links = {frozenset((x.a, x.b)) for x in comparison.links}
    seen: set[tuple[SentenceRef, str]] = set()
    for pair in comparison.related:
        assert frozenset((pair.a, pair.b)) not in links
        for ref, other in ((pair.a, pair.b.article), (pair.b, pair.a.article)):
            assert (ref, other) not in seen
            seen.add((ref, other))
    x, y = _troops(comparison)
    apart = align(articles, corrections=Corrections().with_unlink(x, y))
    assert apart.related_between(x, y) is None

"""Related pairs: sentences that share part of their information without being counterparts."""

from __future__ import annotations

import json

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

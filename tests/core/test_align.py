"""Alignment on hand-written sentences: what must link, what must not, and the invariants."""

from __future__ import annotations

import itertools

import pytest

from desktop.core import align as align_module
from desktop.core.align import align
from desktop.core.comparison import CONFLICTING, IDENTICAL, REWORDED, SentenceRef
from desktop.core.errors import Cancelled, InputError
from desktop.core.options import DEFAULT_THRESHOLDS, SCORERS, AlignOptions
from tests.helpers import make_article

FILLER_A = [
    "Rain is expected across the western regions later in the week.",
    "The football league postponed two fixtures because of the weather.",
]
FILLER_B = [
    "A new museum of modern art opened its doors in the capital.",
    "Grain exports through the Black Sea ports rose in the spring.",
]

PARAPHRASES = [
    (
        "Zelensky said the security guarantees would be formalised within ten days.",
        "The guarantees are to be put on paper in the next ten days, according to the "
        "Ukrainian president.",
    ),
    (
        "Washington also agreed to buy drones made in Ukraine, Zelensky said.",
        "The United States also agreed to purchase Ukrainian-made drones.",
    ),
    (
        "Kremlin aide Yury Ushakov called the phone call candid and constructive.",
        "Ushakov, an aide to Putin, described the conversation as candid and constructive.",
    ),
]

BOILERPLATE = [
    (
        "Trump said on Monday that the talks were productive.",
        "Trump said on Monday that he would call Putin.",
    ),
    (
        "Zelensky told reporters on Monday that the meeting was the best so far.",
        "Zelensky said on Monday that Ukraine needs more air defence systems.",
    ),
    (
        "President Trump said on Tuesday the summit was a success.",
        "President Trump said on Tuesday he would meet Putin soon.",
    ),
]


def _pair(a: str, b: str, options: AlignOptions | None = None):
    first = make_article("a1", [FILLER_A[0], a, FILLER_A[1]])
    second = make_article("a2", [FILLER_B[0], FILLER_B[1], b])
    return align([first, second], options)


@pytest.mark.parametrize("scorer", ["content", "hybrid"])
@pytest.mark.parametrize(("a", "b"), PARAPHRASES)
def test_paraphrases_that_share_the_facts_link(a: str, b: str, scorer: str) -> None:
    comparison = _pair(a, b, AlignOptions(scorer=scorer))
    if scorer == "hybrid" and a == PARAPHRASES[0][0]:
        # Known miss of the sentence model (cosine 0.59 for "formalised within ten days" /
        # "put on paper in the next ten days, according to…"): a related pair, not a link.
        assert comparison.links == ()
        [related] = comparison.related
        assert (related.a, related.b) == (SentenceRef("a1", 1), SentenceRef("a2", 2))
        return
    assert comparison.counterpart(SentenceRef("a1", 1), "a2") == SentenceRef("a2", 2)


@pytest.mark.parametrize(("a", "b"), BOILERPLATE)
def test_sentences_sharing_only_names_and_boilerplate_do_not_link(a: str, b: str) -> None:
    comparison = _pair(a, b)
    assert comparison.links == ()
    assert all(len(c.members) == 1 for c in comparison.claims)


@pytest.mark.parametrize("scorer", ["content", "token_sort", "token_set"])
def test_every_scorer_links_identical_sentences(scorer: str) -> None:
    sentence = "The European leaders met Trump at the White House to discuss guarantees."
    comparison = _pair(sentence, sentence, AlignOptions(threshold=75, scorer=scorer))
    [link] = comparison.links
    assert link.relation == IDENTICAL
    assert link.score == 100


def test_reworded_link_carries_word_changes() -> None:
    comparison = _pair(*PARAPHRASES[1])
    [link] = comparison.links
    assert link.relation in (REWORDED, CONFLICTING)
    assert any(op[0] != "equal" for op in link.changes)


def test_links_are_one_to_one_per_article_pair() -> None:
    # Two near-copies in one article compete for the single counterpart in the other.
    a = make_article(
        "a1",
        [
            "Trump pledged that the United States would help guarantee Ukraine's security.",
            "Trump pledged the United States would help guarantee the security of Ukraine.",
        ],
    )
    b = make_article(
        "a2", ["The United States will help guarantee Ukraine's security, Trump pledged."]
    )
    comparison = align([a, b])
    assert len(comparison.links) == 1
    seen = [(link.a, link.b.article) for link in comparison.links]
    assert len(seen) == len(set(seen))


def test_matching_is_order_independent() -> None:
    facts = [
        "Zelensky said the security guarantees would be formalised within ten days.",
        "A roughly $90 billion arms deal covering aircraft and air defence was discussed.",
        "Kremlin aide Yury Ushakov called the phone call candid and constructive.",
    ]
    forward = align([make_article("a1", facts), make_article("a2", facts)])
    backward = align([make_article("a1", facts), make_article("a2", facts[::-1])])
    assert {(x.a.sentence, x.b.sentence) for x in forward.links} == {(0, 0), (1, 1), (2, 2)}
    assert {(x.a.sentence, x.b.sentence) for x in backward.links} == {(0, 2), (1, 1), (2, 0)}


def test_claims_group_n_ways_and_cover_every_sentence_once() -> None:
    fact = "Zelensky said the security guarantees would be formalised within ten days."
    articles = [
        make_article(f"a{i}", [FILLER_A[i % 2], fact, FILLER_B[i % 2]]) for i in range(1, 5)
    ]
    comparison = align(articles)
    members = [m for c in comparison.claims for m in c.members]
    assert len(members) == len(set(members)) == comparison.sentence_count
    claim = comparison.claim_of(SentenceRef("a1", 1))
    assert claim.outlets == ("a1", "a2", "a3", "a4")
    for c in comparison.claims:
        assert len(set(c.outlets)) == len(c.outlets)


def test_weak_links_do_not_chain_into_one_claim() -> None:
    # B shares half its facts with A and half with C; A and C share nothing.
    a = make_article("a1", ["Ukraine will receive a $90 billion package of aircraft and missiles."])
    b = make_article(
        "a2",
        [
            "Ukraine will receive a $90 billion package of aircraft, and the summit in Alaska "
            "ended with talks on territory and a ceasefire.",
        ],
    )
    c = make_article("a3", ["The summit in Alaska ended with talks on territory and a ceasefire."])
    comparison = align([a, b, c], AlignOptions(threshold=30, chain_margin=0))
    assert comparison.link_between(SentenceRef("a1", 0), SentenceRef("a2", 0)) is not None
    assert comparison.link_between(SentenceRef("a2", 0), SentenceRef("a3", 0)) is not None
    for claim in comparison.claims:
        assert not {"a1", "a3"} <= set(claim.outlets)


def test_threshold_controls_links() -> None:
    a, b = PARAPHRASES[0]
    loose = _pair(a, b, AlignOptions(threshold=10))
    strict = _pair(a, b, AlignOptions(threshold=95))
    assert len(loose.links) > len(strict.links) == 0


def test_progress_and_cancellation() -> None:
    articles = [make_article(f"a{i}", PARAPHRASES[i % 3]) for i in range(1, 5)]
    seen: list[float] = []
    align(articles, progress=lambda f, m: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)

    calls = itertools.count()
    with pytest.raises(Cancelled):
        align(articles, cancelled=lambda: next(calls) >= 2)


def test_needs_two_articles_with_distinct_ids() -> None:
    with pytest.raises(InputError, match="at least two"):
        align([make_article("a1", FILLER_A)])
    with pytest.raises(InputError, match="id"):
        align([make_article("a1", FILLER_A), make_article("a1", FILLER_B)])


def test_empty_articles_align_without_links() -> None:
    empty = make_article("a2", [])
    comparison = align([make_article("a1", FILLER_A), empty])
    assert comparison.links == ()
    assert len(comparison.claims) == 2


def test_candidate_mode_finds_the_same_links_as_the_full_matrix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    facts = [a for a, _ in PARAPHRASES] + FILLER_A
    others = [b for _, b in PARAPHRASES] + FILLER_B
    articles = [make_article("a1", facts), make_article("a2", others[::-1])]
    dense = align(articles)
    monkeypatch.setattr(align_module, "DENSE_LIMIT", 0)
    sparse = align(articles)
    assert [(x.a, x.b) for x in sparse.links] == [(x.a, x.b) for x in dense.links]
    assert [x.score for x in sparse.links] == pytest.approx([x.score for x in dense.links])


@pytest.mark.parametrize("scorer", ["content", "token_sort", "token_set"])
def test_sentences_without_content_words_never_link(scorer: str) -> None:
    a = make_article("a1", ["He said so on Monday.", FILLER_A[0]])
    b = make_article("a2", ["They said that on Monday.", FILLER_B[0]])
    comparison = align([a, b], AlignOptions(threshold=1, scorer=scorer))
    assert comparison.counterpart(SentenceRef("a1", 0), "a2") is None


def test_every_scorer_has_a_default_threshold() -> None:
    # The CLI and the window look a scorer's default up by name.
    assert DEFAULT_THRESHOLDS.keys() == SCORERS.keys()
    assert DEFAULT_THRESHOLDS[AlignOptions().scorer] == AlignOptions().threshold
    for name, threshold in DEFAULT_THRESHOLDS.items():
        assert AlignOptions(scorer=name).threshold == threshold

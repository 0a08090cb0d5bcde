"""Manual links and unlinks: how they are stored, and that `align()` always honours them."""

from __future__ import annotations

import json

import pytest

from desktop.core.align import align
from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.diff import tokenize
from desktop.core.errors import FormatError, InputError
from desktop.core.options import AlignOptions
from tests.helpers import make_article

R = SentenceRef

UNRELATED_A = "Rain is expected across the western regions later in the week."
UNRELATED_B = "A new museum of modern art opened its doors in the capital."
FACT = "Zelensky said the security guarantees would be formalised within ten days."
NEAR = "Zelensky said the security guarantees would be formalised within ten days, officials said."
OTHER = "Grain exports through the Black Sea ports rose sharply in the spring."


# -- the record ------------------------------------------------------------------------------------


def test_pairs_are_normalised_whatever_the_order() -> None:
    assert Corrections().with_link(R("a2", 5), R("a1", 3)) == Corrections().with_link(
        R("a1", 3), R("a2", 5)
    )
    built = Corrections(links=frozenset({(R("a2", 5), R("a1", 3))}))
    assert built.links == {(R("a1", 3), R("a2", 5))}
    assert built.is_linked(R("a2", 5), R("a1", 3))


def test_link_and_unlink_replace_each_other() -> None:
    x, y = R("a1", 0), R("a2", 1)
    linked = Corrections().with_link(x, y)
    unlinked = linked.with_unlink(y, x)
    assert unlinked.links == frozenset() and unlinked.is_unlinked(x, y)
    relinked = unlinked.with_link(x, y)
    assert relinked.unlinks == frozenset() and relinked.is_linked(x, y)
    assert relinked.without(x, y).is_empty
    assert Corrections().is_empty and not relinked.is_empty


def test_a_new_link_replaces_the_old_counterpart_in_that_article() -> None:
    c = Corrections().with_link(R("a1", 0), R("a2", 0)).with_link(R("a1", 0), R("a3", 4))
    c = c.with_link(R("a1", 0), R("a2", 7))  # a1:0's counterpart in a2 is now a2:7
    assert c.links == {(R("a1", 0), R("a2", 7)), (R("a1", 0), R("a3", 4))}
    c = c.with_link(R("a1", 2), R("a2", 7))  # and a2:7's counterpart in a1 is now a1:2
    assert c.links == {(R("a1", 2), R("a2", 7)), (R("a1", 0), R("a3", 4))}


def test_a_sentence_cannot_be_linked_within_its_article() -> None:
    with pytest.raises(InputError, match="same article"):
        Corrections().with_link(R("a1", 0), R("a1", 1))
    with pytest.raises(InputError, match="same article"):
        Corrections().with_unlink(R("a1", 0), R("a1", 0))


def test_a_pair_cannot_be_both_linked_and_unlinked() -> None:
    p = frozenset({(R("a1", 0), R("a2", 0))})
    with pytest.raises(ValueError, match="both linked and unlinked"):
        Corrections(links=p, unlinks=p)


def test_dict_round_trip_and_shape() -> None:
    c = Corrections().with_link(R("a2", 1), R("a1", 0)).with_unlink(R("a3", 2), R("a1", 4))
    data = c.to_dict()
    assert data == {
        "links": [{"a": {"article": "a1", "sentence": 0}, "b": {"article": "a2", "sentence": 1}}],
        "unlinks": [{"a": {"article": "a1", "sentence": 4}, "b": {"article": "a3", "sentence": 2}}],
    }
    assert Corrections.from_dict(json.loads(json.dumps(data))) == c
    assert Corrections.from_dict({}) == Corrections()


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"links": [{"a": {"article": "a1"}}]},
        {"links": [{"a": {"article": "a1", "sentence": 0}, "b": {"article": "a1", "sentence": 1}}]},
        {"links": [{"a": {"article": "a1", "sentence": "x"}, "b": {}}]},
        {"links": 5},
    ],
)
def test_damaged_corrections_are_a_format_error(data: object) -> None:
    with pytest.raises(FormatError, match="corrections are damaged"):
        Corrections.from_dict(data)


def test_restricted_and_renamed() -> None:
    c = Corrections().with_link(R("a1", 0), R("a2", 1)).with_unlink(R("a1", 1), R("a3", 0))
    articles = [make_article("a1", [FACT, OTHER]), make_article("a2", [FACT, OTHER])]
    assert c.restricted_to(articles) == Corrections().with_link(R("a1", 0), R("a2", 1))
    assert c.restricted_to(articles[:1]).is_empty
    renamed = c.renamed({"a3": "a2", "a2": "a3"})
    assert renamed.is_linked(R("a1", 0), R("a3", 1))
    assert renamed.is_unlinked(R("a1", 1), R("a2", 0))


# -- alignment with corrections --------------------------------------------------------------------


def _articles() -> list:
    return [
        make_article("a1", [UNRELATED_A, FACT, OTHER]),
        make_article("a2", [UNRELATED_B, OTHER, FACT]),
    ]


def _check_changes(comparison: Comparison) -> None:
    for link in comparison.links:
        ta = tokenize(comparison.sentence(link.a).text)
        tb = tokenize(comparison.sentence(link.b).text)
        for tag, i1, i2, j1, j2 in link.changes:
            if tag == "equal":
                assert ta[i1:i2] == tb[j1:j2]
        assert link.changes[-1][2] == len(ta) and link.changes[-1][4] == len(tb)


@pytest.mark.parametrize("threshold", [30, 50, 90])
def test_manual_link_survives_any_threshold(threshold: float) -> None:
    x, y = R("a1", 0), R("a2", 0)
    assert align(_articles()).link_between(x, y) is None  # the matcher would never link them
    corrections = Corrections().with_link(x, y)
    comparison = align(_articles(), AlignOptions(threshold=threshold), corrections=corrections)
    link = comparison.link_between(x, y)
    assert link is not None and link.manual
    assert link.score < 50  # the real score, not a made-up 100
    assert link.relation == "reworded"
    assert comparison.claim_of(x) == comparison.claim_of(y)
    assert comparison.corrections == corrections
    assert not any(k.manual for k in comparison.links if k is not link)
    _check_changes(comparison)


@pytest.mark.parametrize("threshold", [0, 30, 50, 90, 100])
def test_unlinked_identical_pair_is_never_linked(threshold: float) -> None:
    x, y = R("a1", 1), R("a2", 2)
    assert align(_articles()).link_between(x, y).score == 100  # type: ignore[union-attr]
    corrections = Corrections().with_unlink(x, y)
    comparison = align(_articles(), AlignOptions(threshold=threshold), corrections=corrections)
    assert comparison.link_between(x, y) is None
    assert comparison.claim_of(x) != comparison.claim_of(y)


def test_an_unlinked_sentence_can_still_find_its_next_best_counterpart() -> None:
    a = make_article("a1", [FACT, UNRELATED_A])
    b = make_article("a2", [FACT, NEAR])
    assert align([a, b]).counterpart(R("a1", 0), "a2") == R("a2", 0)
    comparison = align([a, b], corrections=Corrections().with_unlink(R("a1", 0), R("a2", 0)))
    assert comparison.counterpart(R("a1", 0), "a2") == R("a2", 1)


def test_manual_link_takes_precedence_for_both_sentences() -> None:
    # a1:0 and a2:0 are identical, a1:1 and a2:1 near-copies; the user links a1:0 with a2:1.
    a = make_article("a1", [FACT, NEAR, OTHER])
    b = make_article("a2", [FACT, NEAR])
    assert align([a, b]).counterpart(R("a1", 0), "a2") == R("a2", 0)
    comparison = align([a, b], corrections=Corrections().with_link(R("a1", 0), R("a2", 1)))
    assert [(k.a, k.b, k.manual) for k in comparison.links] == [
        (R("a1", 0), R("a2", 1), True),
        (R("a1", 1), R("a2", 0), False),  # neither partner got a second link into a2 / a1
    ]
    for ref in (R("a1", 0), R("a2", 1)):
        assert len(comparison.links_of(ref)) == 1


def test_manual_links_form_claims_without_the_chain_check() -> None:
    # Three unrelated sentences, linked by hand a1–a2 and a1–a3: one claim of three, although
    # a2 and a3 share nothing.
    arts = [
        make_article("a1", [UNRELATED_A]),
        make_article("a2", [UNRELATED_B]),
        make_article("a3", [OTHER]),
    ]
    c = Corrections().with_link(R("a1", 0), R("a2", 0)).with_link(R("a1", 0), R("a3", 0))
    comparison = align(arts, corrections=c)
    assert len(comparison.links) == 2
    assert comparison.claim_of(R("a1", 0)).outlets == ("a1", "a2", "a3")


def test_manual_links_never_put_two_sentences_of_one_article_in_a_claim() -> None:
    # a1:0–a2:0, a2:0–a3:0 and a3:0–a1:1: the third link exists, but its claim stays split.
    arts = [
        make_article("a1", [UNRELATED_A, UNRELATED_B]),
        make_article("a2", [OTHER]),
        make_article("a3", [FACT]),
    ]
    c = (
        Corrections()
        .with_link(R("a1", 0), R("a2", 0))
        .with_link(R("a2", 0), R("a3", 0))
        .with_link(R("a3", 0), R("a1", 1))
    )
    # Manual links join claims strongest first: which one stays apart depends on the scores,
    # so the scorer is named.
    comparison = align(arts, AlignOptions(scorer="content"), corrections=c)
    assert len(comparison.links) == 3 and all(k.manual for k in comparison.links)
    assert comparison.link_between(R("a1", 1), R("a3", 0)) is not None
    for claim in comparison.claims:
        assert len(set(claim.outlets)) == len(claim.outlets)
    assert comparison.claim_of(R("a1", 0)).outlets == ("a1", "a2", "a3")
    assert comparison.claim_of(R("a1", 1)).members == (R("a1", 1),)


def test_an_unlinked_pair_never_shares_a_claim_through_a_third_article() -> None:
    arts = [make_article(f"a{i}", [FACT]) for i in (1, 2, 3)]
    assert len(align(arts).multi_claims[0].members) == 3
    comparison = align(arts, corrections=Corrections().with_unlink(R("a1", 0), R("a3", 0)))
    assert comparison.link_between(R("a1", 0), R("a3", 0)) is None
    assert len(comparison.links) == 2
    assert comparison.claim_of(R("a1", 0)) != comparison.claim_of(R("a3", 0))


def test_corrections_follow_the_articles_in_any_order() -> None:
    x, y = R("a1", 0), R("a2", 0)
    corrections = Corrections().with_link(x, y)
    comparison = align(_articles()[::-1], corrections=corrections)
    link = comparison.link_between(x, y)
    assert link is not None and link.manual
    assert (link.a, link.b) == (y, x)  # oriented by article order, like every link
    _check_changes(comparison)


def test_corrections_naming_missing_sentences_are_ignored() -> None:
    corrections = (
        Corrections()
        .with_link(R("a1", 0), R("a2", 0))
        .with_link(R("a1", 1), R("a9", 0))
        .with_unlink(R("a1", 2), R("a2", 99))
    )
    comparison = align(_articles(), corrections=corrections)
    assert comparison.corrections == Corrections().with_link(R("a1", 0), R("a2", 0))


def test_manual_link_to_a_sentence_without_content_words() -> None:
    a = make_article("a1", ["He said so.", FACT])
    b = make_article("a2", [OTHER, FACT])
    comparison = align([a, b], corrections=Corrections().with_link(R("a1", 0), R("a2", 0)))
    link = comparison.link_between(R("a1", 0), R("a2", 0))
    assert link is not None and link.manual and link.score == 0
    _check_changes(comparison)


def test_corrections_are_in_the_comparison_json() -> None:
    plain = align(_articles())
    assert "corrections" not in json.loads(plain.to_json())
    corrections = (
        Corrections().with_link(R("a1", 0), R("a2", 0)).with_unlink(R("a1", 1), R("a2", 2))
    )
    comparison = align(_articles(), corrections=corrections)
    data = json.loads(comparison.to_json())
    assert data["corrections"] == corrections.to_dict()
    [manual] = [k for k in data["links"] if k.get("manual")]
    assert manual["a"] == {"article": "a1", "sentence": 0}
    again = Comparison.from_json(comparison.to_json())
    assert again == comparison and again.corrections == corrections
    assert again.to_json() == comparison.to_json()
    # A reader of the comparison alone can re-align with the same corrections.
    realigned = align(again.articles, AlignOptions(threshold=80), corrections=again.corrections)
    assert realigned.link_between(R("a1", 0), R("a2", 0)).manual  # type: ignore[union-attr]


def test_damaged_corrections_in_a_comparison_are_a_format_error() -> None:
    data = json.loads(align(_articles()).to_json())
    data["corrections"] = {"links": [{"a": {"article": "a1"}}]}
    with pytest.raises(FormatError, match="corrections"):
        Comparison.from_dict(data)

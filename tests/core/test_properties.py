"""Properties that must hold for any input, checked on random articles (hypothesis).

Examples are few (30-50 each) so the suite stays fast; hypothesis keeps the failures it finds in
`.hypothesis/` and replays them first. Offsets slicing back and sentences never overlapping are
tested on random text in test_segment.py; here the segmenter is only checked for coverage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.align import align
from desktop.core.article import Article
from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.diff import tokenize
from desktop.core.options import AlignOptions
from desktop.core.segment import segment
from desktop.core.workspace import Workspace
from tests.helpers import make_article

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A small vocabulary, so random sentences share words and some pairs score above the threshold.
WORDS = (
    "Kyiv Moscow Brussels talks summit guarantees troops ceasefire drones billion ten three "
    "leaders agreed rejected signed plan deal border energy grain ports missiles aid the a of "
    "and to in on said would not Monday"
).split()


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12))
    end = draw(st.sampled_from([".", ".", "!", "?"]))
    return " ".join(words)[:1].upper() + " ".join(words)[1:] + end


@st.composite
def article_pairs(draw: st.DrawFn) -> tuple[Article, Article]:
    """Two articles drawing on one pool of sentences, some copied exactly, some with a word
    dropped, so there is something to link."""
    pool = draw(st.lists(sentences(), min_size=1, max_size=8))

    def article(article_id: str) -> Article:
        picks = draw(st.lists(st.integers(0, len(pool) - 1), max_size=6))
        texts = []
        for i in picks:
            words = pool[i].split()
            if len(words) > 2 and draw(st.booleans()):
                del words[draw(st.integers(0, len(words) - 1))]
            texts.append(" ".join(words))
        return make_article(article_id, texts)

    return article("a1"), article("a2")


@st.composite
def comparisons(draw: st.DrawFn) -> tuple[list[Article], Corrections, AlignOptions]:
    """Two or three articles, random manual corrections, and random options."""
    first, second = draw(article_pairs())
    articles = [first, second]
    if draw(st.booleans()):
        articles.append(make_article("a3", draw(st.lists(sentences(), max_size=4))))
    refs = [SentenceRef(a.id, s.index) for a in articles for s in a.sentences]
    corrections = Corrections()
    if len(refs) >= 2:
        for op, x, y in draw(
            st.lists(
                st.tuples(st.sampled_from(["link", "unlink", "forget"]), st.sampled_from(refs),
                          st.sampled_from(refs)),
                max_size=6,
            )
        ):  # fmt: skip
            if x.article == y.article:
                continue
            if op == "link":
                corrections = corrections.with_link(x, y)
            elif op == "unlink":
                corrections = corrections.with_unlink(x, y)
            else:
                corrections = corrections.without(x, y)
    options = AlignOptions(
        threshold=draw(st.sampled_from([20.0, 50.0, 80.0])),
        scorer=draw(st.sampled_from(["content", "token_sort", "token_set"])),
    )
    return articles, corrections, options


def _link_texts(comparison: Comparison, first: str) -> Counter[tuple[str, str, float]]:
    """Linked pairs as (text in `first`, text in the other article, score): ids left out."""
    out: Counter[tuple[str, str, float]] = Counter()
    for link in comparison.links:
        a, b = (link.a, link.b) if link.a.article == first else (link.b, link.a)
        out[comparison.sentence(a).text, comparison.sentence(b).text, link.score] += 1
    return out


# -- segmentation --------------------------------------------------------------------------------

_PROSE = st.lists(
    st.sampled_from([*"abcXYZКиїعرب .,!?;:'\"\n\t\u00a0", "U.S. ", "p.m. ", "Mr. "]), max_size=60
).map("".join)


@FEW
@given(_PROSE)
def test_sentences_cover_every_visible_character_of_prose(text: str) -> None:
    # Prose without Markdown markers: nothing but whitespace may fall between sentences.
    covered = [False] * len(text)
    for s in segment(text):
        for i in range(s.start, s.end):
            assert not covered[i], "sentences overlap"
            covered[i] = True
    assert all(c or ch.isspace() for c, ch in zip(covered, text, strict=True))


# -- alignment -----------------------------------------------------------------------------------


@FEW
@given(article_pairs(), st.sampled_from(["content", "token_sort", "token_set"]))
def test_alignment_does_not_depend_on_article_order(
    pair: tuple[Article, Article], scorer: str
) -> None:
    a, b = pair
    options = AlignOptions(threshold=40, scorer=scorer)
    forward = align([a, b], options)
    backward = align([b, a], options)
    assert _link_texts(forward, "a1") == _link_texts(backward, "a1")


@FEW
@given(comparisons())
def test_links_are_one_to_one_and_honour_the_corrections(
    case: tuple[list[Article], Corrections, AlignOptions],
) -> None:
    articles, corrections, options = case
    comparison = align(articles, options, corrections=corrections)
    assert comparison.corrections == corrections
    for x, y in corrections.links:
        link = comparison.link_between(x, y)
        assert link is not None and link.manual
    for x, y in corrections.unlinks:
        assert comparison.link_between(x, y) is None
        assert comparison.claim_of(x) != comparison.claim_of(y)
    for link in comparison.links:
        assert link.manual == corrections.is_linked(link.a, link.b)
        assert link.manual or link.score >= options.threshold
    for article in articles:
        for ref in comparison.refs(article.id):
            others = [link.other(ref).article for link in comparison.links_of(ref)]
            assert len(others) == len(set(others)), "two links from one sentence to one article"
    members = [m for c in comparison.claims for m in c.members]
    assert len(members) == len(set(members)) == comparison.sentence_count
    for claim in comparison.claims:
        assert len(set(claim.outlets)) == len(claim.outlets)


@FEW
@given(comparisons())
def test_every_word_diff_rebuilds_both_sentences(
    case: tuple[list[Article], Corrections, AlignOptions],
) -> None:
    articles, corrections, options = case
    comparison = align(articles, options, corrections=corrections)
    for link in comparison.links:
        ta = tokenize(comparison.sentence(link.a).text)
        tb = tokenize(comparison.sentence(link.b).text)
        rebuilt_a: list[str] = []
        rebuilt_b: list[str] = []
        i = j = 0
        for tag, i1, i2, j1, j2 in link.changes:
            assert (i1, j1) == (i, j), "opcodes must be contiguous"
            if tag == "equal":
                assert ta[i1:i2] == tb[j1:j2]
            rebuilt_a += ta[i1:i2]
            rebuilt_b += tb[j1:j2]
            i, j = i2, j2
        assert rebuilt_a == ta and rebuilt_b == tb


# -- round trips ---------------------------------------------------------------------------------

_ANY_TEXT = st.text(max_size=40)
# A sentence is never blank and never holds NUL (the loader refuses NUL; a workspace with either
# is damaged), but any other text goes.
_SENTENCE_TEXT = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and "\x00" not in t)


@st.composite
def workspaces(draw: st.DrawFn) -> Workspace:
    articles, corrections, options = draw(comparisons())
    edited = []
    for article in articles:
        # Any text at all in the sentences and metadata, not just the vocabulary.
        texts = [s.text for s in article.sentences] + draw(st.lists(_SENTENCE_TEXT, max_size=2))
        rebuilt = make_article(article.id, texts)
        edited.append(
            Article(
                rebuilt.id,
                draw(_ANY_TEXT),
                rebuilt.text,
                rebuilt.sentences,
                outlet=draw(_ANY_TEXT),
                title=draw(_ANY_TEXT),
                published=draw(_ANY_TEXT),
                author=draw(_ANY_TEXT),
                url=draw(_ANY_TEXT),
                note=draw(_ANY_TEXT),
                extra=draw(st.dictionaries(_ANY_TEXT, _ANY_TEXT, max_size=2)),
            )
        )
    return Workspace(draw(_ANY_TEXT), tuple(edited), options, corrections)


def _same_extras(x: Sequence[Article], y: Sequence[Article]) -> bool:
    return [a.extra for a in x] == [a.extra for a in y]


@FEW
@given(workspaces())
def test_workspace_json_round_trip_is_lossless(workspace: Workspace) -> None:
    again = Workspace.from_json(workspace.to_json())
    assert again == workspace
    assert _same_extras(again.articles, workspace.articles)
    assert again.to_json() == workspace.to_json()


@FEW
@given(workspaces())
def test_comparison_json_round_trip_is_lossless(workspace: Workspace) -> None:
    comparison = workspace.comparison()
    again = Comparison.from_json(comparison.to_json())
    assert again == comparison
    assert _same_extras(again.articles, comparison.articles)
    assert again.to_json() == comparison.to_json()
    assert Workspace.from_comparison(again, workspace.name) == workspace

"""The Comparison object and its JSON format (DESIGN §4), a public contract."""

from __future__ import annotations

import json

import pytest

from desktop.core.align import align
from desktop.core.comparison import FORMAT_VERSION, Comparison, SentenceRef
from desktop.core.errors import FormatError
from desktop.core.options import AlignOptions
from tests.helpers import make_article

FACTS = [
    "Zelensky said the security guarantees would be formalised within ten days.",
    "A roughly $90 billion arms deal covering aircraft and air defence was discussed.",
    "The weather in Washington was hot and humid.",
]
OTHER = [
    "The guarantees are to be formalised within ten days, Zelensky said.",
    "An arms deal worth about $90bn, with aircraft and air defence, was on the table.",
    "Markets in Asia closed lower on Tuesday.",
]


@pytest.fixture
def comparison() -> Comparison:
    return align(
        [make_article("a1", FACTS, "Politico"), make_article("a2", OTHER, "The Post")],
        AlignOptions(threshold=45),
    )


def test_json_has_the_documented_shape(comparison: Comparison) -> None:
    data = json.loads(comparison.to_json())
    assert data["format"] == "parallax-comparison"
    assert data["version"] == FORMAT_VERSION == 1
    assert data["generator"].startswith("parallax ")
    assert data["options"] == {
        "threshold": 45,
        "scorer": "hybrid",
        "chain_margin": 15,
        "related_margin": 5,
        "embed_limit": 1000,
        "scored_with": "hybrid",
        "model": "all-MiniLM-L6-v2 (int8 ONNX, 23 MB, Apache-2.0)",
    }
    assert isinstance(data["related"], list)
    article = data["articles"][0]
    assert {"id", "source", "outlet", "title", "published", "author", "sentences"} <= set(article)
    sentence = article["sentences"][0]
    assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    link = data["links"][0]
    assert set(link) >= {"a", "b", "score", "relation", "changes"}
    assert set(link["a"]) == {"article", "sentence"}
    assert 0 <= link["score"] <= 100
    assert all(len(op) == 5 for op in link["changes"])
    claim = data["claims"][0]
    assert set(claim) == {"id", "members", "outlets"}


def test_json_round_trip_is_lossless(comparison: Comparison) -> None:
    again = Comparison.from_json(comparison.to_json())
    assert again.to_json() == comparison.to_json()
    assert again.articles == comparison.articles
    assert again.links == comparison.links
    assert again.claims == comparison.claims


def test_queries(comparison: Comparison) -> None:
    first = SentenceRef("a1", 0)
    assert comparison.counterpart(first, "a2") == SentenceRef("a2", 0)
    assert comparison.status(SentenceRef("a1", 2)) == "unique"
    assert comparison.status(first) in ("reworded", "conflicting")
    assert comparison.shared_fraction("a1") == pytest.approx(2 / 3)
    counts = comparison.status_counts("a2")
    assert sum(counts.values()) == 3 and counts["unique"] == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a Parallax comparison"),
        ('{"format": "parallax-comparison", "version": 99}', "version 99"),
        ('{"format": "parallax-comparison", "version": 1, "articles": [{}]}', "damaged"),
    ],
)
def test_bad_json_gives_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        Comparison.from_json(text)


def test_articles_without_text_rebuild_offsets(comparison: Comparison) -> None:
    data = comparison.to_dict()
    for article in data["articles"]:
        del article["text"]
    again = Comparison.from_dict(data)
    for article in again.articles:
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text

"""Parallax's JSON text (jsontext.py) is what `json.dumps(indent=2, ensure_ascii=False)` writes,
whatever orjson can or cannot encode."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core import jsontext
from desktop.core.align import align
from desktop.core.loading import load_articles
from desktop.core.options import AlignOptions

SAMPLES = Path(__file__).parents[2] / "samples"


def _stdlib(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("folder", ["security-guarantees-2025-08", "riverside-bridge"])
def test_a_comparison_is_written_byte_for_byte_as_json_writes_it(folder: str):
    articles = load_articles(sorted((SAMPLES / folder).glob("*.md")))
    comparison = align(articles, AlignOptions(scorer="content"))
    data = comparison.to_dict()
    assert "null" in _stdlib(data)  # the sample has nulls: the non-finite scan runs too
    assert comparison.to_json() == jsontext.dumps(data) == _stdlib(data)


@pytest.mark.parametrize(
    "data",
    [
        {"score": math.nan, "name": None},
        [math.inf, -math.inf],
        {"big": 2**70},
        {"text": "half a pair: \ud800"},
        {1: "an integer key", "b": [1, 2]},
        {"nested": [{"deep": [None, {"x": math.nan}]}]},
    ],
    ids=["nan", "infinity", "big integer", "lone surrogate", "integer key", "nested nan"],
)
def test_what_orjson_would_get_wrong_is_written_by_json(data: object):
    assert jsontext.dumps(data) == _stdlib(data)


_LEAVES = (
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
    | st.floats(allow_nan=True, allow_infinity=True)
)  # fmt: skip
_DATA = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
)


@given(_DATA)
def test_any_data_reads_back_as_jsons_text_does(data: object):
    text = jsontext.dumps(data)
    expected = _stdlib(data)
    assert json.loads(text) == json.loads(expected) or text == expected  # NaN != NaN
    assert text.splitlines()[0] == expected.splitlines()[0]  # the same layout

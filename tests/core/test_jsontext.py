"""Parallax's JSON text (jsontext.py) is what `json.dumps(indent=2, ensure_ascii=False)` writes,
whatever orjson can or cannot encode."""

from __future__ import annotations

import json
import math
import subprocess
import sys
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
    assert comparison.to_json_bytes() == (_stdlib(data) + "\n").encode("utf-8")


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
    expected = (
        (_stdlib(data) + "\n")
        .encode("utf-8", "surrogatepass")
        .replace("\ud800".encode("utf-8", "surrogatepass"), "\ufffd".encode())
    )  # a lone surrogate is written as U+FFFD, as files.encode_utf8 writes it
    assert jsontext.encode(data) == expected


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


def test_the_estimate_is_near_the_size_written():
    data = {
        "links": [{"a": [1, i], "b": [2, i * 7], "score": 61.25, "words": "ab" * (i % 40)}
                  for i in range(5_000)],
        "text": "Ферри " * 10_000,
        "by id": {f"a1:{i}": {"hedges": [], "figures": [i, None, True]} for i in range(3_000)},
    }  # fmt: skip
    size = len(jsontext.dumps(data).encode("utf-8"))
    assert 0.85 * size < jsontext.estimate(data) < 1.15 * size


def test_without_room_for_a_large_output_it_is_a_memory_error_not_a_crash(tmp_path: Path):
    # orjson crashes the process when an allocation fails; under an address-space cap a large
    # output must raise MemoryError first, as json would (a child process: the cap is global).
    script = (
        "import resource, sys\n"
        "from desktop.core import jsontext\n"
        "data = {'links': [{'a': 'x' * 200, 'n': i} for i in range(300_000)]}\n"
        "need = jsontext.estimate(data)\n"
        "with open('/proc/self/statm') as f:\n"
        "    used = int(f.read().split()[0]) * resource.getpagesize()\n"
        "cap = used + need // 2\n"
        "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
        "try:\n"
        "    jsontext.encode(data)\n"
        "    print('written')\n"
        "except MemoryError:\n"
        "    print('MemoryError')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert out.returncode == 0, (out.returncode, out.stderr[-500:])
    assert out.stdout.split() == ["MemoryError"]

"""JSON text as Parallax writes it: indented by two spaces, non-ASCII characters as they are.

`json.dumps(indent=2)` runs in pure Python (CPython's C encoder only writes JSON without
indentation): 11 ms for the 220 KB of a 3 × 60-sentence comparison, the largest single step
of writing it, and about 50 ms per megabyte beyond. orjson writes the same text twenty times
faster, byte for byte but for floats under 0.0001, which it spells another way (1e-7 for
1e-07, 0.000015 for 1.5e-05: the same numbers). Anything orjson would get wrong goes to `json`:
integers beyond 64 bits, strings with lone surrogates, keys that are not strings, and NaN or
infinities, which orjson writes as null where `json` writes its own non-standard NaN
(Parallax's files never hold them; checking costs one scan of the data, a fifth of the
pure-Python encoder's time, and only when the text has a null in it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from typing import Any

import orjson


def dumps(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, faster."""
    text = _orjson(data)
    return _stdlib(data) if text is None else text.decode("utf-8")


def encode(data: Any) -> bytes:
    """The UTF-8 bytes of `dumps(data)` and a final newline, as a file of it holds them: made
    once (a 200 MB comparison is not held as text and as bytes besides). A lone surrogate in a
    string becomes U+FFFD, as everywhere Parallax writes text (files.encode_utf8)."""
    data_bytes = _orjson(data, orjson.OPT_APPEND_NEWLINE)
    if data_bytes is None:
        from desktop.core.files import encode_utf8

        return encode_utf8(_stdlib(data) + "\n")
    return data_bytes


def _orjson(data: Any, option: int = 0) -> bytes | None:
    """orjson's text, or None where it would not be `json`'s (see the module docstring)."""
    _make_room(data)
    try:
        text = orjson.dumps(data, option=orjson.OPT_INDENT_2 | option)
    except orjson.JSONEncodeError:  # a type or an integer orjson does not take, a surrogate
        return None
    if b"null" in text and _has_non_finite(data):
        return None
    return text


#: Outputs smaller than this are written without first making sure there is room for them.
PROBE_FROM = 16 << 20
_SAMPLE = 16  # items of a long list or dict measured to estimate the rest


def _make_room(data: Any) -> None:
    """MemoryError, as `json` would raise it, where orjson's buffer might not fit.

    orjson cannot report an allocation that fails: it crashes the process (a segmentation
    fault writing 400 articles × 50 sentences, 1.2 GB of JSON, under a 4 GB address-space
    cap). So a large output first asks Python for one block of its estimated size and a half
    (`estimate` is within 10% on comparisons), which raises MemoryError where the system would
    refuse, and is let go at once, its pages never touched."""
    need = estimate(data)
    if need >= PROBE_FROM:
        probe = bytearray(need + need // 2)
        del probe


def estimate(item: Any, depth: int = 0) -> int:
    """About how many bytes `dumps(item)` at `depth` levels of indentation is (within 10% on
    comparisons); long lists and dicts are estimated from a sample of their items."""
    if isinstance(item, str):
        return (len(item) if item.isascii() else len(item.encode("utf-8", "surrogatepass"))) + 2
    if isinstance(item, dict):
        pad = 2 * depth + 6  # newline, indentation, ": ", ","
        return 4 + _sum(
            list(item.items()), lambda kv: estimate(str(kv[0])) + pad + estimate(kv[1], depth + 1)
        )
    if isinstance(item, list | tuple):
        pad = 2 * depth + 4  # newline, indentation, ","
        return 4 + _sum(item, lambda x: pad + estimate(x, depth + 1))
    if isinstance(item, bool) or item is None:
        return 5
    return len(repr(item))


def _sum(items: Sequence[Any], size: Callable[[Any], int]) -> int:
    if len(items) <= 2 * _SAMPLE:
        return sum(size(x) for x in items)
    sample = items[:: len(items) // _SAMPLE][:_SAMPLE]
    return len(items) * sum(size(x) for x in sample) // len(sample)


def _stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _has_non_finite(data: Any) -> bool:
    """True if a float in `data` is NaN or infinite (orjson writes those as null)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            if not math.isfinite(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False

"""The naive baseline of issue 17's table: what a first script comparing articles would do.

Split each file into sentences with a regular expression, score every sentence of every
article against every sentence of every other with `difflib.SequenceMatcher.ratio()`, and link
pairs greedily, best first, one-to-one per article pair, at 0.5 and above. Run as a whole
process beside `parallax compare` (tests/benchmarks/test_scale.py):

    python tests/benchmarks/naive_align.py OUT.json FILE FILE [FILE...]
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from itertools import combinations
from pathlib import Path


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def align(articles: list[list[str]], threshold: float = 0.5) -> list[dict[str, object]]:
    links: list[dict[str, object]] = []
    for (i, a), (j, b) in combinations(enumerate(articles), 2):
        scored = sorted(
            (
                (difflib.SequenceMatcher(None, x, y).ratio(), r, c)
                for r, x in enumerate(a)
                for c, y in enumerate(b)
            ),
            reverse=True,
        )
        rows: set[int] = set()
        cols: set[int] = set()
        for score, r, c in scored:
            if score < threshold:
                break
            if r not in rows and c not in cols:
                rows.add(r)
                cols.add(c)
                links.append({"a": [i, r], "b": [j, c], "score": round(100 * score, 2)})
    return links


def main(argv: list[str]) -> int:
    out, *paths = argv
    articles = [sentences(Path(p).read_text(encoding="utf-8")) for p in paths]
    Path(out).write_text(json.dumps({"links": align(articles)}) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

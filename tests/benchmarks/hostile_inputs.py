"""The hostile inputs of the reliability review (M3, M4), written in the project's own words.

Each case is a set of files no bigger than 1 MB each; `hostile_set(name, folder, scale)` writes
one (scale 1.0: the review's size; smaller for the fast test). Shared by the benchmark that
times them (test_hostile.py) and the fast test that runs the small ones (tests/io).
"""

from __future__ import annotations

import random
from pathlib import Path

REFERENCE = (
    "The Ferris Street bridge will reopen to traffic on Saturday morning after two years of "
    "repairs, officials said.\n\nThe county spent four million dollars on the work.\n"
)


def _dots(n: int) -> str:
    return "." * n


def _run_on(size: int) -> str:
    words = (
        "the county board said on Monday that the bridge repairs ended early costing four "
        "million dollars and "
    )
    return (words * (size // len(words) + 1))[:size]


def _numbers(n: int) -> str:
    rng = random.Random(3)
    return " ".join(str(rng.randint(1, 99_999)) for _ in range(n))


def _front_matter(spaces: int) -> str:
    return "---\na" + " " * spaces + "b\n---\nThe bridge will reopen on Saturday, officials said.\n"


def _repetitive(sentences: int, seed: int) -> str:
    """Short sentences over a 200-word vocabulary: every word just under the rare-word share."""
    vocab = [f"{a}{b}{c}" for a in "bcdfghjklm" for b in "aeiou" for c in ("rt", "nd", "sk", "lp")]
    vocab = vocab[:200]
    rng = random.Random(seed)
    lines = []
    for _ in range(sentences):
        w = rng.sample(vocab, 3)
        lines.append(f"{w[0].capitalize()} {w[1]} {w[2]}.\n\n")
    return "".join(lines)


#: name → (text of the hostile file(s) at scale 1.0 as a function of scale, review's figure)
CASES = {
    "dots": lambda s: [_dots(int(60_000 * s))],
    "arabic-question-marks": lambda s: ["؟" * int(100_000 * s)],
    "numbers-no-stop": lambda s: [_numbers(int(20_000 * s))],
    "run-on-1mb": lambda s: [_run_on(int(1_000_000 * s))],
    "front-matter-spaces": lambda s: [_front_matter(int(200_000 * s))],
    "repetitive-2x850kb": lambda s: [
        _repetitive(int(50_000 * s), 5),
        _repetitive(int(50_000 * s), 6),
    ],
}

REVIEW_FIGURES = {
    "dots": "60 KB: 51.7 s",
    "arabic-question-marks": "200 KB: 133.6 s",
    "numbers-no-stop": "108 KB: 12.2 s",
    "run-on-1mb": "2 MB: 29 s (1 MB here: the limit is for files up to 1 MB)",
    "front-matter-spaces": "200 KB: 38.2 s",
    "repetitive-2x850kb": "2 x 850 KB: 13.2 GB, MemoryError after 49 s",
}


def hostile_set(name: str, folder: Path, scale: float = 1.0) -> list[Path]:
    """Write case `name` into `folder`: the files to compare (the reference article first when
    the case is one hostile file)."""
    texts = CASES[name](scale)
    paths = []
    if len(texts) == 1:
        ref = folder / "reference.md"
        ref.write_text(REFERENCE, encoding="utf-8")
        paths.append(ref)
    for n, text in enumerate(texts):
        path = folder / f"{name}-{n}.txt"
        path.write_text(text, encoding="utf-8")
        assert path.stat().st_size <= 1_000_000 or scale != 1.0, (name, path.stat().st_size)
        paths.append(path)
    return paths

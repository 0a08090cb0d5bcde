"""py3langid's byte automaton walked by NumPy instead of one Python step per byte.

py3langid finds its features (byte n-grams) with an Aho–Corasick automaton over the UTF-8 bytes
of the text, stepping through it in a Python loop: about 2 ms for each 5,000-character sample,
most of detecting a language (tests/benchmarks/test_scale.py). In such an automaton the state
after a byte is the longest suffix of the text read so far that is a node of its trie, and no
node is deeper than the longest n-gram (`automaton_depth`, 6 bytes in py3langid's model). So
the state after byte i depends only on the `depth` bytes ending at i: walking every window of
`depth` bytes from the start state at once takes `depth` vectorised steps and gives the same
states, hence the same features in the same order and the very same scores.

`automaton_depth` is found once, when the model is unpacked into the cache (language_model.py),
and checked there against py3langid's own walk; a model that fails the check keeps py3langid's.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from py3langid.langid import LanguageIdentifier, visit_counts

#: Text the unpacked model's walk is checked on: several scripts, so states of every depth are
#: visited (the deepest, six bytes, are pairs of Chinese or Japanese characters: "一个", "した").
CHECK_TEXT = (
    "The bridge reopens on Saturday after fourteen months of repairs, officials said. "
    "Мост снова откроется в субботу. Міст знову відкриється. Die Brücke wird geöffnet. "
    "Le pont rouvrira samedi. 大桥将于星期六重新通车，这不是一个问题。 橋は土曜日に再開すると"
    "発表した。 الجسر يفتح يوم السبت. ગુજરાતી 123!"
)
Walk = tuple[np.ndarray, np.ndarray, np.ndarray, int]
"""What `features` walks with: nextmove, the row offsets times 256, each state's feature, depth."""
_SYMBOLS = np.arange(256, dtype=np.int64)
_CHUNK = 2048  # states expanded at a time while measuring the depth (2048 × 256 lookups)


def automaton_depth(nextmove: np.ndarray, row: np.ndarray) -> int:
    """The deepest trie node of the automaton: the longest shortest path from the start state.

    A node for the string s is first reached after reading s itself (any input leading there
    ends with s), so breadth-first levels from the start state are the nodes' depths."""
    seen = np.zeros(len(row), dtype=bool)
    seen[0] = True
    frontier = np.zeros(1, dtype=np.int64)
    depth = 0
    while True:
        reached = np.zeros(len(row), dtype=bool)
        for k in range(0, len(frontier), _CHUNK):
            rows = row_offsets(row[frontier[k : k + _CHUNK]])
            reached[nextmove[rows[:, None] + _SYMBOLS]] = True
        frontier = np.flatnonzero(reached & ~seen)
        if not frontier.size:
            return depth
        seen[frontier] = True
        depth += 1


def row_offsets(row: np.ndarray | memoryview) -> np.ndarray:
    """Where each state's row of `nextmove` starts (py3langid's `_rowbase`): row × 256."""
    return np.asarray(row).astype(np.int64) << 8


def features(
    nextmove: np.ndarray, rowbase: np.ndarray, output: np.ndarray, depth: int, data: bytes
) -> np.ndarray:
    """The feature of every state the walk over `data` passes that has one, in text order."""
    text = np.frombuffer(data, dtype=np.uint8)
    n = len(text)
    states = np.zeros(n, dtype=np.int64)
    for back in range(min(depth, n) - 1, -1, -1):
        # Positions from `back` on take one more step, on the byte `back` places before them.
        states[back:] = nextmove[rowbase[states[back:]] + text[: n - back]]
    found = output[states]
    return found[found >= 0]


def counts(found: np.ndarray) -> dict[int, int]:
    """{feature: times seen} in order of first appearance, as py3langid's Counter has them."""
    if not found.size:
        return {}
    unique, first, seen = np.unique(found, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return dict(zip(unique[order].tolist(), seen[order].tolist(), strict=True))


class WalkingIdentifier(LanguageIdentifier):
    """A py3langid identifier whose `_raw_score` walks its automaton with NumPy (see above)."""

    def __init__(
        self, *model: Any, walk: tuple[np.ndarray, np.ndarray, np.ndarray, int], **kw: Any
    ):
        super().__init__(*model, **kw)
        self._walk = walk

    def _raw_score(self, text: bytes) -> np.ndarray:
        visits = counts(features(*self._walk, text))
        if not visits:
            return super()._raw_score(b"")  # py3langid's score for a text without features
        return self._sparse_score(visits, self.nb_ptc)


def walks_alike(identifier: Any, walk: Walk) -> bool:
    """True if the NumPy walk finds what py3langid's own walk finds on `CHECK_TEXT`."""
    data = identifier._encode(CHECK_TEXT)
    own = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data)
    mine = counts(features(*walk, data))
    return bool(own) and dict(own) == mine and list(own) == list(mine)

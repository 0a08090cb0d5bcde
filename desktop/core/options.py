"""Engine options: one frozen dataclass that travels with every `Comparison`.

Whatever shaped a result is in here, so the JSON's `options` block is enough to reproduce it.
The GUI persists these through `gui/settings.py`; the core never reads settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T")

#: Names a user can pick for `AlignOptions.scorer`, with a one-line description each.
SCORERS: dict[str, str] = {
    "content": "content words (stop words and reporting boilerplate dropped), sorted, fuzzy ratio",
    "token_sort": "all words sorted, fuzzy ratio (rapidfuzz token_sort_ratio)",
    "token_set": "shared words weighted against the rest (rapidfuzz token_set_ratio)",
}

DEFAULT_THRESHOLDS: dict[str, float] = {"content": 50.0, "token_sort": 60.0, "token_set": 70.0}
"""Each scorer's threshold when the user names none. The plain rapidfuzz scorers give
unrelated sentences higher scores than `content`, which drops stop words: on 120 pairs of
ECB+ articles about unrelated events, threshold 50 made 1.67 links per pair with token_sort
and 2.70 with token_set, all of them false; at 60 and 70 they make 0.00 and 0.02 (content at
50: 0.01). Measured by `tests/benchmarks/test_scorer_thresholds.py`."""

ProgressCallback = Callable[[float, str], None]
"""Receives a fraction in [0, 1] and a short description of the current step."""

CancelledCallback = Callable[[], bool]
"""Returns True once the user has asked to stop; slow functions check it between steps."""


@dataclass(frozen=True)
class AlignOptions:
    """How sentences are scored, linked and grouped into claims."""

    threshold: float = 50.0
    """Lowest score (0–100) at which two sentences may link."""

    scorer: str = "content"
    """One of `SCORERS`."""

    chain_margin: float = 15.0
    """A sentence joins a claim only if it scores at least `threshold - chain_margin` against
    every member from another article, so A~B and B~C never make A~C on their own."""

    def __post_init__(self) -> None:
        if not 0 <= self.threshold <= 100:
            raise ValueError(f"threshold must be between 0 and 100, not {self.threshold}")
        if self.scorer not in SCORERS:
            known = ", ".join(SCORERS)
            raise ValueError(f"unknown scorer {self.scorer!r}; choose one of: {known}")
        if self.chain_margin < 0:
            raise ValueError("chain_margin must not be negative")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlignOptions:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def no_progress(fraction: float, message: str) -> None:
    """Default progress callback: ignore."""


def never_cancelled() -> bool:
    """Default cancellation callback: keep going."""
    return False


def checked(items: Iterable[T], cancelled: CancelledCallback, every: int = 2048) -> Iterator[T]:
    """`items`, raising `Cancelled` once `cancelled()` is true (asked every `every` items), so
    a long loop stops within a fraction of a second of Cancel."""
    from desktop.core.errors import Cancelled

    for n, item in enumerate(items):
        if n % every == 0 and cancelled():
            raise Cancelled()
        yield item

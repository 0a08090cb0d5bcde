"""Engine options: one frozen dataclass that travels with every `Comparison`.

Whatever shaped a result is in here, so the JSON's `options` block is enough to reproduce it.
The GUI persists these through `gui/settings.py`; the core never reads settings.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T")

EMBED_LIMIT = 1000
"""Most distinct sentences a semantic scorer embeds; beyond, the comparison is scored with
`content` (and says so). Chosen so that a first (cold) `compare` of 20 articles × 100 sentences
stays under 4 s on two cores (issue 14): the model embeds 450–475 sentences/s on an idle 2-core
machine (tests/benchmarks/test_alignment_quality.py, part 5), and the rest of such a compare
takes about 1.3 s, which leaves about 2.2 s of embedding. At 1500, 20 × 100 (1,455 distinct
sentences) took 6.7 s cold (tests/benchmarks/test_scoring_speed.py)."""

ProgressCallback = Callable[[float, str], None]
"""Receives a fraction in [0, 1] and a short description of the current step."""

CancelledCallback = Callable[[], bool]
"""Returns True once the user has asked to stop; slow functions check it between steps."""


@dataclass(frozen=True)
class AlignOptions:
    """How sentences are scored, linked and grouped into claims.

    Left out, `scorer` is the registry's default (`scoring.DEFAULT`), and `threshold` and
    `related_margin` are the scorer's own defaults: scorers' scores are not on one scale.
    """

    threshold: float = math.nan
    """Lowest score (0–100) at which two sentences may link."""

    scorer: str = ""
    """A name from the scoring registry (`desktop.core.scoring.names()`)."""

    chain_margin: float = 15.0
    """A sentence joins a claim only if it scores at least `threshold - chain_margin` against
    every member from another article, so A~B and B~C never make A~C on their own."""

    related_margin: float = math.nan
    """Pairs that are not links but score at least `threshold - related_margin` may be listed
    as related (sharing part of their information)."""

    embed_limit: int = EMBED_LIMIT
    """Most distinct sentences a semantic scorer embeds (0: no limit); beyond, `content`."""

    def __post_init__(self) -> None:
        from desktop.core import scoring

        if not self.scorer:
            object.__setattr__(self, "scorer", scoring.DEFAULT)
        scorer = scoring.get(self.scorer)  # ValueError naming the known ones
        if math.isnan(self.threshold):
            object.__setattr__(self, "threshold", scorer.default_threshold)
        if math.isnan(self.related_margin):
            object.__setattr__(self, "related_margin", scorer.related_margin)
        # -0.0 (from "--threshold=-0") is 0: every place that prints it says "0", not "-0".
        object.__setattr__(self, "threshold", self.threshold + 0.0)
        if not 0 <= self.threshold <= 100:
            raise ValueError(f"threshold must be between 0 and 100, not {self.threshold}")
        if self.chain_margin < 0:
            raise ValueError("chain_margin must not be negative")
        if self.related_margin < 0:
            raise ValueError("related_margin must not be negative")
        if self.embed_limit < 0:
            raise ValueError("embed_limit must not be negative")

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


def __getattr__(name: str) -> Any:
    """`SCORERS` (name → description) and `DEFAULT_THRESHOLDS` (name → threshold), read from
    the scoring registry, for modules that list the scorers without importing it."""
    if name not in ("SCORERS", "DEFAULT_THRESHOLDS"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from desktop.core import scoring

    if name == "SCORERS":
        return {s.name: s.description for s in scoring.scorers().values()}
    return {s.name: s.default_threshold for s in scoring.scorers().values()}


def checked(items: Iterable[T], cancelled: CancelledCallback, every: int = 2048) -> Iterator[T]:
    """`items`, raising `Cancelled` once `cancelled()` is true (asked every `every` items), so
    a long loop stops within a fraction of a second of Cancel."""
    from desktop.core.errors import Cancelled

    for n, item in enumerate(items):
        if n % every == 0 and cancelled():
            raise Cancelled()
        yield item

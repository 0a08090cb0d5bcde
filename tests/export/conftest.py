"""Comparisons for export tests: the sample sets and synthetic sets of 2 to 20 outlets.

The sample sets go through the real loader and aligner. Synthetic comparisons are built by
hand from generated sentences, so page counts and statuses are known exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop.core.article import Article, Sentence
from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    REWORDED,
    Claim,
    Comparison,
    Conflict,
    Link,
    SentenceRef,
)
from desktop.core.diff import is_identical, word_changes
from desktop.core.pipeline import compare_paths
from tests.conftest import MAIN_SET, SMALL_SET


def compare_files(paths: Sequence[Path]) -> Comparison:
    return compare_paths(paths)


@pytest.fixture(autouse=True)
def _qt_application(qapp: object) -> None:
    """PDF export makes a bare QGuiApplication when none exists (as on the command line); in
    the test process the QApplication that widget tests need must come first, or they abort."""


@pytest.fixture(scope="session")
def small_comparison() -> Comparison:
    return compare_files(sorted(SMALL_SET.glob("*.md")))


@pytest.fixture(scope="session")
def main_comparison() -> Comparison:
    return compare_files(sorted(MAIN_SET.glob("*.md")))


_SUBJECTS = [
    "The harbour authority", "City engineers", "The regional council", "Two inspectors",
    "The transport minister", "Local traders", "A spokesperson for the operator",
    "The fire brigade", "Residents of the east bank", "The finance office",
]  # fmt: skip
_VERBS = ["confirmed", "reported", "announced", "estimated", "described", "disclosed"]
_OBJECTS = [
    "that the ferry terminal will close for {n} weeks of maintenance",
    "a budget of {n} million for the flood barrier",
    "that {n} households were affected by the outage",
    "plans to hire {n} additional staff before winter",
    "that the official inquiry will take {n} months",
    "a delay of {n} days for the new timetable",
]


def fact(k: int, variant: str) -> str:
    """Fact k, worded as `variant`: base, reworded (other verb) or conflicting (other number)."""
    subject = _SUBJECTS[k % len(_SUBJECTS)]
    verb = _VERBS[(k + (1 if variant == "reworded" else 0)) % len(_VERBS)]
    n = 10 + 7 * k + (5 if variant == "conflicting" else 0)
    obj = _OBJECTS[(k // len(_SUBJECTS)) % len(_OBJECTS)].format(n=n)
    return f"{subject} {verb} {obj} (item {k + 1})."


def synthetic(n_outlets: int, n_facts: int = 12, extra: Sequence[str] = ()) -> Comparison:
    """`n_outlets` articles over `n_facts` facts; each outlet skips, rewords or contradicts some.

    Outlet i carries fact k unless (i + k) % 5 == 4; rewords it when (i + k) % 4 == 1 and
    contradicts its number when (i * k) % 7 == 3. `extra` sentences go to the first article
    only (unique), which is how tests inject hostile text.
    """
    texts: list[list[tuple[int, str]]] = []
    for i in range(n_outlets):
        rows = []
        for k in range(n_facts):
            if (i + k) % 5 == 4 and i > 0:
                continue
            variant = "base"
            if i > 0 and (i * k) % 7 == 3:
                variant = "conflicting"
            elif i > 0 and (i + k) % 4 == 1:
                variant = "reworded"
            rows.append((k, fact(k, variant)))
        if i == 0:
            rows += [(-1 - j, s) for j, s in enumerate(extra)]
        rows.append((-100 - i, f"Outlet {i + 1} adds a detail of its own, number {i * 3 + 2}."))
        texts.append(rows)

    articles = []
    where: dict[int, list[SentenceRef]] = {}
    for i, rows in enumerate(texts):
        aid = f"a{i + 1}"
        text, sentences = "", []
        for j, (k, s) in enumerate(rows):
            if text:
                text += "\n\n"
            sentences.append(Sentence(j, len(text), len(text) + len(s), s, block=j))
            text += s
            where.setdefault(k, []).append(SentenceRef(aid, j))
        articles.append(
            Article(
                aid,
                f"outlet-{i + 1}.md",
                text,
                tuple(sentences),
                outlet=f"Outlet {i + 1} Daily",
                title=f"Synthetic report {i + 1}",
                published="2025-09-12",
                author="Generated",
            )
        )
    by_id = {a.id: a for a in articles}
    links, claims = [], []
    for k in sorted(where, key=lambda k: (k < 0, abs(k))):
        refs = where[k]
        claims.append(Claim(len(claims) + 1, tuple(refs)))
        for x in range(len(refs)):
            for y in range(x + 1, len(refs)):
                a, b = refs[x], refs[y]
                ta = by_id[a.article].sentences[a.sentence].text
                tb = by_id[b.article].sentences[b.sentence].text
                links.append(_link(a, b, ta, tb))
    return Comparison(tuple(articles), tuple(links), tuple(claims))


def _link(a: SentenceRef, b: SentenceRef, ta: str, tb: str) -> Link:
    conflicts: tuple[Conflict, ...] = ()
    if is_identical(ta, tb):
        relation = IDENTICAL
    else:
        na = [w for w in ta.split() if w.isdigit()]
        nb = [w for w in tb.split() if w.isdigit()]
        if na != nb:
            conflicts = (Conflict("number", na[0], nb[0]),)
        relation = CONFLICTING if conflicts else REWORDED
    return Link(a, b, 80.0, relation, word_changes(ta, tb), conflicts)


@pytest.fixture
def make_synthetic():
    return synthetic

"""A claim's figure conflict reaches every member carrying the conflicting figure (ux-review
problem 9): a third outlet's "Twelve passengers", linked only to the outlet that also says
twelve, conflicts with the outlet that says twenty-one, in the status, the JSON and the report.

The ferry-fire set (tests/data/ferry-fire/) is written for the project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.align import align
from desktop.core.comparison import (
    CONFLICTING,
    REWORDED,
    Comparison,
    Conflict,
    Link,
    MemberConflict,
    SentenceRef,
)
from desktop.core.framing import claim_conflicts
from desktop.core.loading import load_article
from desktop.export.report import build_report

FERRY = Path(__file__).resolve().parents[1] / "data" / "ferry-fire"
HERALD = "Twelve people were treated for smoke inhalation at St Brendan's Hospital, and all"
COAST = "Twenty-one people were treated for smoke inhalation"
ISLAND = "Twelve passengers were treated for smoke inhalation"


@pytest.fixture(scope="module")
def ferry() -> Comparison:
    files = sorted(FERRY.glob("*.md"))
    return align([load_article(p, f"a{i + 1}") for i, p in enumerate(files)])


def _ref(c: Comparison, part: str) -> SentenceRef:
    hits = [SentenceRef(a.id, s.index) for a in c.articles for s in a.sentences if part in s.text]
    assert len(hits) == 1, part
    return hits[0]


def test_the_member_carrying_the_figure_conflicts(ferry: Comparison) -> None:
    herald, coast, island = (_ref(ferry, t) for t in (HERALD, COAST, ISLAND))
    claim = ferry.claim_of(island)
    assert set(claim.members) == {herald, coast, island}
    # The matcher did not link the island's sentence to the coast's conflicting one …
    direct = ferry.link_between(island, coast)
    assert direct is None or direct.relation != CONFLICTING
    # … yet it carries the twelve the coast's figure contradicts.
    assert [(mc.a, mc.b) for mc in claim.conflicts] == [(coast, island)] or [
        (mc.b, mc.a) for mc in claim.conflicts
    ] == [(coast, island)]
    (mc,) = claim.conflicts
    words = {(c.cause, c.a, c.b) for c in mc.conflicts}
    expected = ("number", "Twenty-one people", "Twelve passengers")
    assert words == {expected if mc.a == coast else (expected[0], expected[2], expected[1])}
    assert ferry.status(island) == CONFLICTING
    assert ferry.status(herald) == CONFLICTING and ferry.status(coast) == CONFLICTING


def test_member_conflicts_survive_json(ferry: Comparison) -> None:
    data = json.loads(ferry.to_json())
    island = _ref(ferry, ISLAND)
    claim = next(c for c in data["claims"] if island.to_dict() in c["members"])
    assert claim["conflicts"][0]["conflicts"][0]["cause"] == "number"
    assert all("conflicts" not in c for c in data["claims"] if len(c["members"]) < 3)
    again = Comparison.from_json(ferry.to_json())
    assert again.claim_of(island).conflicts == ferry.claim_of(island).conflicts
    assert again.status(island) == CONFLICTING


def test_the_report_marks_the_member_conflicting(ferry: Comparison) -> None:
    report = build_report(ferry)
    island = _ref(ferry, ISLAND)
    claim = ferry.claim_of(island)
    detail = next(d for d in report.details if d.claim == claim.id)
    assert detail.status == CONFLICTING
    position = {a.id: i for i, a in enumerate(ferry.articles)}
    line = next(x for x in detail.lines if x.outlet == position[island.article])
    assert line.status == CONFLICTING
    assert any("Twelve passengers" in (n.words_a, n.words_b) for n in detail.conflicts)
    row = next(r for r in report.matrix if r.claim == claim.id)
    assert row.cells[position[island.article]] == CONFLICTING


def _link(a: SentenceRef, b: SentenceRef, relation: str, *conflicts: Conflict) -> Link:
    return Link(a, b, 70.0, relation, (), conflicts)


X, Y, Z = SentenceRef("a1", 0), SentenceRef("a2", 0), SentenceRef("a3", 0)


def test_a_member_agreeing_with_neither_side_stays_out() -> None:
    text = {
        X: "Twelve people were hurt in the blast.",
        Y: "Twenty-one people were hurt in the blast.",
        Z: "Several people were hurt in the blast.",
    }
    links = [
        _link(X, Y, CONFLICTING, Conflict("number", "Twelve people", "Twenty-one people")),
        _link(X, Z, REWORDED),
    ]
    assert claim_conflicts((X, Y, Z), links, text) == ()


def test_a_member_giving_both_figures_stays_out() -> None:
    text = {
        X: "Twelve people were hurt in the blast.",
        Y: "Twenty-one people were hurt in the blast.",
        Z: "Twelve people, or twenty-one by another count, were hurt in the blast.",
    }
    links = [
        _link(X, Y, CONFLICTING, Conflict("number", "Twelve people", "Twenty-one people")),
        _link(X, Z, REWORDED),
    ]
    assert claim_conflicts((X, Y, Z), links, text) == ()


def test_two_unlinked_members_with_their_own_figures_conflict() -> None:
    text = {
        X: "The council approved a $4.8 million budget for the bridge.",
        Y: "The bridge budget of the council was approved.",
        Z: "The council approved a $4.2 million budget for the bridge.",
    }
    links = [_link(X, Y, REWORDED), _link(Y, Z, REWORDED)]
    assert claim_conflicts((X, Y, Z), links, text) == (
        MemberConflict(X, Z, (Conflict("number", "$4.8 million", "$4.2 million"),)),
    )

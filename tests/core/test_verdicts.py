"""Verdicts and notes: anchored on sentences, re-attached to new alignments, orphans listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.align import align
from desktop.core.comparison import REWORDED, Claim, Comparison, Link, SentenceRef
from desktop.core.errors import FormatError
from desktop.core.verdicts import (
    DISPUTED,
    GONE,
    MERGED,
    NEEDS_CHECKING,
    VERIFIED,
    ClaimVerdict,
    LinkVerdict,
    Verdicts,
)
from desktop.core.workspace import Workspace
from tests.helpers import make_article

R = SentenceRef
TEXTS = [
    ["The bridge closes on Monday.", "Repairs cost four million.", "Traffic goes east."],
    ["On Monday the bridge closes.", "The repairs cost four million.", "Buses run late."],
    ["The bridge will close Monday.", "Repairs will cost four million.", "Shops stay open."],
]
ARTICLES = tuple(make_article(f"a{i + 1}", t, f"Outlet {i + 1}") for i, t in enumerate(TEXTS))


def _comparison(groups: list[list[SentenceRef]]) -> Comparison:
    """A comparison whose claims are `groups` (numbered in order) plus every other sentence
    alone, and whose links join every two members of a group."""
    used = {r for g in groups for r in g}
    claims = [Claim(k + 1, tuple(g)) for k, g in enumerate(groups)]
    for a in ARTICLES:
        for s in a.sentences:
            ref = R(a.id, s.index)
            if ref not in used:
                claims.append(Claim(len(claims) + 1, (ref,)))
    links = [
        Link(x, y, 80.0, REWORDED, ()) for g in groups for i, x in enumerate(g) for y in g[i + 1 :]
    ]
    return Comparison(ARTICLES, tuple(links), tuple(claims))


FULL = _comparison([[R("a1", 0), R("a2", 0), R("a3", 0)], [R("a1", 1), R("a2", 1)]])


def test_a_claim_verdict_and_note_are_set_kept_and_cleared_without_changing_the_original() -> None:
    empty = Verdicts()
    v = empty.with_claim_verdict(FULL, 1, DISPUTED)
    v = v.with_claim_note(FULL, 1, "Ask the council")
    assert empty.is_empty and len(v) == 1
    attached = v.attach(FULL).claim(1)
    assert attached is not None
    assert (attached.verdict, attached.note) == (DISPUTED, "Ask the council")
    assert attached.text == "The bridge closes on Monday."
    # Changing the verdict keeps the note, and the other way round.
    v2 = v.with_claim_verdict(FULL, 1, VERIFIED)
    assert v2.attach(FULL).claim(1) == ClaimVerdict(attached.anchors, VERIFIED, "Ask the council",
                                                    attached.text)  # fmt: skip
    assert v.attach(FULL).claim(1) == attached  # the old object is unchanged (undo keeps it)
    cleared = v2.with_claim_verdict(FULL, 1, "").with_claim_note(FULL, 1, "")
    assert cleared.is_empty


def test_unknown_verdicts_and_claims_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown verdict"):
        Verdicts().with_claim_verdict(FULL, 1, "true-ish")
    with pytest.raises(KeyError):
        Verdicts().with_claim_verdict(FULL, 999, VERIFIED)
    with pytest.raises(KeyError):
        Verdicts().with_link_verdict(FULL, R("a1", 2), R("a2", 2), VERIFIED)


def test_a_claim_verdict_follows_its_sentences_not_its_number() -> None:
    v = Verdicts().with_claim_verdict(FULL, 2, NEEDS_CHECKING)
    # The same sentences under other claim numbers, and a third outlet joining the claim.
    renumbered = _comparison(
        [[R("a1", 2), R("a2", 2)], [R("a1", 1), R("a2", 1), R("a3", 1)], [R("a1", 0), R("a2", 0)]]
    )
    attachment = v.attach(renumbered)
    assert set(attachment.claims) == {2} and attachment.orphans == ()
    assert attachment.claims[2].verdict == NEEDS_CHECKING


def test_a_claim_that_keeps_most_of_its_sentences_keeps_its_verdict() -> None:
    v = Verdicts().with_claim_verdict(FULL, 1, VERIFIED)  # anchored on a1:0, a2:0, a3:0
    shrunk = _comparison([[R("a1", 0), R("a2", 0)]])
    assert v.attach(shrunk).claim(1) is not None


def test_a_claim_split_in_halves_orphans_its_verdict_and_gets_it_back_when_rejoined() -> None:
    v = Verdicts().with_claim_verdict(FULL, 2, DISPUTED)  # anchored on a1:1, a2:1
    split = _comparison([[R("a1", 0), R("a2", 0), R("a3", 0)]])
    attachment = v.attach(split)
    assert attachment.claims == {}
    assert [(o.reason, o.verdict.verdict) for o in attachment.orphans] == [(GONE, DISPUTED)]
    # The anchors are kept as set: re-aligning back restores the attachment.
    assert v.attach(FULL).claim(2) is not None


def test_two_claims_with_verdicts_that_merge_keep_one_and_orphan_the_other() -> None:
    parted = _comparison([[R("a1", 0), R("a2", 0)], [R("a3", 0)]])
    v = Verdicts().with_claim_verdict(parted, 1, VERIFIED)
    a3_claim = next(c.id for c in parted.claims if c.members == (R("a3", 0),))
    v = v.with_claim_verdict(parted, a3_claim, DISPUTED)
    attachment = v.attach(FULL)
    assert attachment.claim(1) is not None and attachment.claim(1).verdict == VERIFIED  # type: ignore[union-attr]
    assert [(o.reason, o.verdict.verdict) for o in attachment.orphans] == [(MERGED, DISPUTED)]


def test_a_link_verdict_survives_while_its_sentences_are_linked() -> None:
    v = Verdicts().with_link_verdict(FULL, R("a2", 1), R("a1", 1), DISPUTED)
    v = v.with_link_note(FULL, R("a1", 1), R("a2", 1), "Figures differ in the source")
    assert len(v.links) == 1
    got = v.attach(FULL).link(R("a1", 1), R("a2", 1))
    assert got is not None and (got.verdict, got.note) == (DISPUTED, "Figures differ in the source")
    unlinked = _comparison([[R("a1", 0), R("a2", 0), R("a3", 0)]])
    attachment = v.attach(unlinked)
    assert attachment.links == {} and [o.reason for o in attachment.orphans] == [GONE]


def test_verdicts_on_a_removed_article_are_orphans_and_ids_can_be_renamed() -> None:
    v = Verdicts().with_claim_verdict(FULL, 2, VERIFIED)  # a1:1, a2:1
    two = Comparison(ARTICLES[:1] + ARTICLES[2:], (), tuple(
        Claim(i + 1, (R(a.id, s.index),))
        for i, (a, s) in enumerate((a, s) for a in (ARTICLES[0], ARTICLES[2]) for s in a.sentences)
    ))  # fmt: skip
    assert [o.reason for o in v.attach(two).orphans] == [GONE]
    renamed = v.renamed({"a2": "a9"})
    assert renamed.claims[0].anchors == (R("a1", 1), R("a9", 1))


def test_without_orphans_and_without_drop_exactly_what_they_name() -> None:
    v = Verdicts().with_claim_verdict(FULL, 1, VERIFIED).with_claim_verdict(FULL, 2, DISPUTED)
    split = _comparison([[R("a1", 0), R("a2", 0), R("a3", 0)]])
    kept = v.without_orphans(split)
    assert [c.verdict for c in kept.claims] == [VERIFIED]
    assert v.without(v.claims[0]).claims == (v.claims[1],)


def test_with_verdicts_shares_the_analysis_and_the_json_carries_verdicts_back() -> None:
    c = align(ARTICLES)
    framing = c.framing
    claim = c.multi_claims[0]
    link = c.links[0]
    v = (
        Verdicts()
        .with_claim_verdict(c, claim.id, DISPUTED)
        .with_claim_note(c, claim.id, 'Says "four"; check')
        .with_link_verdict(c, link.a, link.b, VERIFIED)
    )
    v = v.with_claim_note(c, c.claims[-1].id, "A note without a verdict")
    marked = c.with_verdicts(v)
    assert marked.framing is framing and c.verdicts.is_empty
    data = json.loads(marked.to_json())
    assert data["version"] == 1
    by_id = {entry["id"]: entry for entry in data["claims"]}
    assert (
        by_id[claim.id]["verdict"] == DISPUTED and by_id[claim.id]["note"] == 'Says "four"; check'
    )
    assert "verdict" not in by_id[c.claims[-1].id] and by_id[c.claims[-1].id]["note"]
    assert [e.get("claim") for e in data["verdicts"]["claims"]] == [claim.id, c.claims[-1].id]
    assert data["verdicts"]["links"][0]["linked"] is True
    assert any(entry.get("verdict") == VERIFIED for entry in data["links"])
    back = Comparison.from_json(marked.to_json())
    assert back.verdicts == v
    assert back.attached_verdicts.claim(claim.id) == v.claims[0]


def test_an_orphan_is_written_with_a_null_claim() -> None:
    v = Verdicts().with_claim_verdict(FULL, 2, DISPUTED)
    split = _comparison([[R("a1", 0), R("a2", 0), R("a3", 0)]]).with_verdicts(v)
    data = json.loads(split.to_json())
    assert data["verdicts"]["claims"][0]["claim"] is None
    assert Comparison.from_json(split.to_json()).verdicts == v


def test_workspaces_keep_verdicts_and_reattach_them(tmp_path: Path) -> None:
    c = align(ARTICLES)
    claim = c.multi_claims[0]
    v = Verdicts().with_claim_verdict(c, claim.id, VERIFIED).with_claim_note(c, claim.id, "ok ✓")
    ws = Workspace.from_comparison(c.with_verdicts(v), "Bridge")
    assert ws.verdicts == v
    path = tmp_path / "w.parallax"
    ws.save(path)
    back = Workspace.load(path)
    assert back.verdicts == v
    again = back.comparison()
    assert again.attached_verdicts.claim(claim.id) == v.claims[0]
    # A workspace without verdicts writes no "verdicts" key (older files read the same way).
    plain = json.loads(Workspace.from_comparison(c, "Bridge").to_json())
    assert "verdicts" not in plain


@pytest.mark.parametrize(
    "damaged",
    [
        [],
        {"claims": [{"verdict": "verified"}]},
        {"claims": [{"anchors": []}]},
        {"links": [{"a": {"article": "a1", "sentence": 0}, "b": {"article": "a1", "sentence": 1}}]},
    ],
)
def test_damaged_verdicts_are_a_format_error(damaged: object) -> None:
    data = json.loads(FULL.to_json())
    data["verdicts"] = damaged
    with pytest.raises(FormatError, match="verdicts are damaged"):
        Comparison.from_dict(data)


def test_a_verdict_from_a_newer_parallax_is_kept_as_written() -> None:
    entry = LinkVerdict((R("a1", 1), R("a2", 1)), "misleading", "")
    back = Verdicts.from_dict(Verdicts(links=(entry,)).to_dict())
    assert back.links[0].verdict == "misleading"

"""A new revision of an article's file: what changed, and what the user's work becomes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from desktop.core.align import align
from desktop.core.comparison import SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.loading import load_article
from desktop.core.revision import (
    differs,
    reloaded,
    remap_corrections,
    remap_verdicts,
    sentence_map,
)
from desktop.core.verdicts import DISPUTED, ClaimVerdict, LinkVerdict, Verdicts
from tests.helpers import make_article

OLD = ["The bridge reopens on Saturday.", "Repairs cost 48 million.", "Cyclists get a lane."]
NEW = ["A storm delayed it.", "The bridge reopens on Saturday.", "Repairs cost 52 million.",
       "Cyclists get a lane."]  # fmt: skip


def test_sentences_are_followed_by_their_text() -> None:
    old, new = make_article("a1", OLD), make_article("a1", NEW)
    assert sentence_map(old, new) == {0: 1, 2: 3}  # sentence 1 was rewritten: gone


def test_corrections_follow_their_sentences_and_those_on_gone_ones_are_dropped() -> None:
    mapping = {0: 1, 2: 3}
    kept = SentenceRef("a1", 2), SentenceRef("a2", 0)
    gone = SentenceRef("a1", 1), SentenceRef("a2", 1)
    corrections = Corrections().with_link(*kept).with_unlink(*gone)
    moved, dropped = remap_corrections(corrections, "a1", mapping)
    assert moved.is_linked(SentenceRef("a1", 3), SentenceRef("a2", 0))
    assert not moved.unlinks and dropped == 1


def test_verdicts_on_gone_sentences_become_orphans_not_lost() -> None:
    old, other = make_article("a1", OLD), make_article("a2", OLD, "Other")
    new = make_article("a1", NEW)
    survives = ClaimVerdict((SentenceRef("a1", 0), SentenceRef("a2", 0)), DISPUTED)
    gone = LinkVerdict((SentenceRef("a1", 1), SentenceRef("a2", 1)), DISPUTED)
    verdicts = remap_verdicts(Verdicts((survives,), (gone,)), "a1", sentence_map(old, new), 4)
    assert verdicts.claims[0].anchors == (SentenceRef("a1", 1), SentenceRef("a2", 0))
    assert verdicts.links[0].pair[0] == SentenceRef("a1", 4 + 1)  # past the end
    comparison = align([new, other]).with_verdicts(verdicts)
    attached = comparison.attached_verdicts
    assert [o.verdict for o in attached.orphans] == [verdicts.links[0]]
    assert len(attached.claims) == 1


def test_edited_details_are_kept_and_the_files_own_follow(tmp_path: Path) -> None:
    path = tmp_path / "politico.md"
    path.write_text("# Bridge reopens\n\nThe bridge reopens on Saturday.\n", encoding="utf-8")
    loaded = load_article(path, "a3")
    shown = loaded.with_metadata(outlet="Politico Europe")  # edited by hand
    path.write_text("# Bridge reopens late\n\nThe bridge reopens on Sunday.\n", encoding="utf-8")
    new = load_article(str(path.resolve()), "a3")
    assert differs(shown, new, loaded)
    result = reloaded(shown, new, loaded)
    assert (result.id, result.source, result.outlet) == ("a3", str(path), "Politico Europe")
    assert result.title == "Bridge reopens late" and "Sunday" in result.text


def test_without_the_loaded_details_only_derived_ones_follow(tmp_path: Path) -> None:
    path = tmp_path / "politico.md"
    path.write_text("# Bridge reopens\n\nThe bridge reopens on Saturday.\n", encoding="utf-8")
    shown = load_article(path, "a1").with_metadata(published="2025-08-19")  # from a workspace
    path.write_text("# Bridge reopens late\n\nThe bridge reopens on Sunday.\n", encoding="utf-8")
    result = reloaded(shown, load_article(path, "a1"), None)
    assert result.title == "Bridge reopens late"  # the headline was the title
    assert result.outlet == "Politico"  # from the file name, as before
    assert result.published == "2025-08-19"  # not the file's: kept


def test_the_same_text_does_not_differ(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("---\noutlet: Post\n---\nThe bridge reopens on Saturday.\n", encoding="utf-8")
    loaded = load_article(path, "a1")
    assert not differs(loaded.with_metadata(outlet="Edited"), load_article(path, "a1"), loaded)
    path.write_text("---\noutlet: The Post\n---\nThe bridge reopens on Saturday.\n", "utf-8")
    assert differs(loaded, load_article(path, "a1"), loaded)  # the file's own outlet changed
    assert not differs(loaded, dataclasses.replace(loaded, outlet="The Post"), None)

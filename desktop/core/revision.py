"""A new revision of an article's file: what changed, and what the user's work becomes.

Outlets update their stories, and a journalist keeps the file open in an editor: the window
notices the file changed on disk and offers to reload it (as Meld and WinMerge do). Reloading
must not throw away what the user did in the window, so this module works out, without Qt:

- whether the file's new article differs from the one shown (`differs`): the loader's text and
  the file's own metadata, never modification times (a touch without change says nothing);
- the reloaded article (`reloaded`): the file's new text and sentences under the shown
  article's id and source, with every metadata field the user edited by hand kept, and the
  file's new value wherever the file's own value was what was shown;
- where each sentence went (`sentence_map`): sentences are matched by identical text in order
  (rapidfuzz's Levenshtein opcodes over the sentence lists), so inserting a paragraph at the top
  does not move a manual link or a verdict onto the wrong sentence;
- the manual corrections and verdicts on the new sentence numbers (`remap_corrections`,
  `remap_verdicts`). A correction naming a sentence that is gone is dropped, as re-alignment
  drops corrections naming sentences that are not there; a verdict anchor on a gone sentence is
  moved past the article's end, so it attaches to nothing and the verdict is reported as an
  orphan when most of its sentences are gone (verdicts.py), never dropped.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping

from rapidfuzz.distance import Levenshtein

from desktop.core.article import METADATA_FIELDS, Article
from desktop.core.comparison import SentenceRef
from desktop.core.corrections import Corrections, Pair, pair
from desktop.core.verdicts import Verdicts

log = logging.getLogger(__name__)


def metadata(article: Article) -> dict[str, str]:
    """The article's editable metadata, by field name."""
    return {name: getattr(article, name) for name in METADATA_FIELDS}


def differs(shown: Article, new: Article, as_loaded: Article | None) -> bool:
    """True if the file's article `new` is not what is shown: other text, or (when the file's
    earlier article `as_loaded` is known) other metadata in the file itself."""
    if new.text != shown.text:
        return True
    return as_loaded is not None and (metadata(new), new.extra) != (
        metadata(as_loaded),
        as_loaded.extra,
    )


def reloaded(shown: Article, new: Article, as_loaded: Article | None) -> Article:
    """`new`'s text and sentences as the article `shown`: same id and source, and each metadata
    field the user edited kept.

    A field counts as edited when it differs from the file's earlier value (`as_loaded`, the
    article the file gave when it was loaded). When that is not known (an article opened from a
    workspace whose file changed since), a field is taken from the file only where the shown
    value is the one the loader derives (the headline as title, the file name as outlet), so a
    user's edit is never lost.
    """
    fields = metadata(new)
    for name, value in metadata(shown).items():
        if as_loaded is not None:
            own = getattr(as_loaded, name) == value
        else:
            own = value == fields[name] or _derived(shown, name, value)
        if not own:
            fields[name] = value  # the user's edit stays
    return dataclasses.replace(new, id=shown.id, source=shown.source).with_metadata(**fields)


def _derived(shown: Article, name: str, value: str) -> bool:
    """True if `value` is what the loader derives for field `name` from the shown article."""
    from desktop.core.loading import outlet_from_filename

    if name == "title":
        first = shown.sentences[0] if shown.sentences else None
        return first is not None and first.kind == "headline" and first.text == value
    if name == "outlet":
        return value == outlet_from_filename(shown.source)
    return False


def sentence_map(old: Article, new: Article) -> dict[int, int]:
    """Old sentence index → new index, for the sentences found unchanged (same text, in order)."""
    before = [s.text for s in old.sentences]
    after = [s.text for s in new.sentences]
    mapping: dict[int, int] = {}
    for op in Levenshtein.opcodes(before, after):
        if op.tag == "equal":
            for offset in range(op.src_end - op.src_start):
                mapping[op.src_start + offset] = op.dest_start + offset
    return mapping


def remap_corrections(
    corrections: Corrections, article_id: str, mapping: Mapping[int, int]
) -> tuple[Corrections, int]:
    """The corrections on the reloaded article's new sentence numbers, and how many were
    dropped because a sentence they name is gone."""

    def moved(p: Pair) -> Pair | None:
        refs = []
        for ref in p:
            if ref.article == article_id:
                if ref.sentence not in mapping:
                    return None
                ref = SentenceRef(article_id, mapping[ref.sentence])
            refs.append(ref)
        return pair(refs[0], refs[1])

    links = {moved(p) for p in corrections.links}
    unlinks = {moved(p) for p in corrections.unlinks}
    kept = Corrections(
        frozenset(p for p in links if p is not None),
        frozenset(p for p in unlinks if p is not None),
    )
    dropped = len(corrections.links) + len(corrections.unlinks)
    dropped -= len(kept.links) + len(kept.unlinks)
    return kept, dropped


def remap_verdicts(
    verdicts: Verdicts, article_id: str, mapping: Mapping[int, int], new_count: int
) -> Verdicts:
    """The verdicts anchored on the reloaded article's new sentence numbers; an anchor whose
    sentence is gone points past the article's end (`new_count` sentences), so it attaches to
    nothing and stays there across later reloads."""

    def moved(ref: SentenceRef) -> SentenceRef:
        if ref.article != article_id:
            return ref
        if ref.sentence in mapping:
            return SentenceRef(article_id, mapping[ref.sentence])
        return SentenceRef(article_id, new_count + ref.sentence)

    claims = tuple(
        dataclasses.replace(c, anchors=tuple(map(moved, c.anchors))) for c in verdicts.claims
    )
    links = tuple(
        dataclasses.replace(v, pair=(moved(v.pair[0]), moved(v.pair[1]))) for v in verdicts.links
    )
    return Verdicts(claims, links)

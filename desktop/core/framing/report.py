"""Framing across a whole comparison: where each outlet puts a fact, what it leaves out, whom
it lets speak, how cautious it is, and which words it consistently prefers.

Alignment says which facts outlets share; this says how they tell them. It reads only the
`Comparison` (articles, links, claims) and the per-sentence analysis, and never realigns, so it
stays a small fraction of the comparison's cost. Definitions (placement, blind spot, word
choice) are documented in docs/framing-lexicon.md and on the functions below.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from desktop.core.article import Article
from desktop.core.comparison import Comparison, Link, SentenceRef
from desktop.core.diff import tokenize
from desktop.core.errors import Cancelled
from desktop.core.framing.lexicon import (
    FUNCTION_WORDS,
    INSTITUTION_NOUNS,
    NUMBER_WORDS,
    PRONOUNS,
    SCALES,
    WEEKDAYS,
)
from desktop.core.framing.model import (
    ATTRIBUTION_KINDS,
    NAMED,
    NONE,
    OUTLET,
    Attribution,
    Figure,
    SentenceFraming,
)
from desktop.core.framing.sentence import analyse_sentence, stem
from desktop.core.options import (
    CancelledCallback,
    ProgressCallback,
    checked,
    never_cancelled,
    no_progress,
)

log = logging.getLogger(__name__)

#: Where a sentence sits in its article.
HEADLINE = "headline"
DATELINE = "dateline"
LEAD = "lead"
UPPER = "upper"
LOWER = "lower"
PLACEMENTS = (HEADLINE, LEAD, UPPER, LOWER, DATELINE)

LEAD_SENTENCES = 2
"""The lead is the first this many body sentences (or list items) of an article."""

BLINDSPOT_SHARE = 0.5
"""A claim is a blind spot of an outlet that lacks it when at least this share of the other
articles (and never fewer than two of them) carry it."""

_MAX_SUBSTITUTION = 3
"""Longest phrase (in words, each side) counted as a word choice rather than a rewrite."""

_SPELLING_VARIANT = 80
"""Two phrases this similar (rapidfuzz ratio, 0–100) differ in spelling, not in word choice."""

_PRONOUN_REACH = 3
"""How many sentences back a "he said" may find the speaker it refers to."""

_NOT_CONTENT = frozenset(("headline", "dateline", "heading"))
_DIGIT = re.compile(r"\d")


def _key(ref: SentenceRef) -> str:
    return f"{ref.article}:{ref.sentence}"


def _ref(key: str) -> SentenceRef:
    article, _, index = key.rpartition(":")
    return SentenceRef(article, int(index))


@dataclass(frozen=True)
class WordChoice:
    """A substitution an outlet makes against another outlet's wording of the same facts."""

    ours: str
    theirs: str
    other: str
    """Id of the other article."""
    count: int
    sentences: tuple[int, ...]
    """Indices of our sentences where it happens, so a view can show each instance."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "ours": self.ours,
            "theirs": self.theirs,
            "other": self.other,
            "count": self.count,
            "sentences": list(self.sentences),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WordChoice:
        return cls(
            str(data["ours"]),
            str(data["theirs"]),
            str(data["other"]),
            int(data["count"]),
            tuple(int(i) for i in data.get("sentences", [])),
        )


@dataclass(frozen=True)
class MergedChoice:
    """A substitution an outlet makes against one or more other outlets' wording."""

    theirs: str
    ours: str
    others: tuple[str, ...]
    """Ids of the articles that write `theirs`, in the order first seen."""
    count: int
    """Sentences where it happens, against the outlet where it happens most."""
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class OutletProfile:
    """How one article tells the event, in numbers a framing panel can show."""

    article: str
    sentences: int
    """Sentences counted in the shares below (headline and body; not datelines or headings)."""
    unique: tuple[int, ...]
    """Indices of sentences no other outlet carries (no links; datelines and headings left out)."""
    blindspots: tuple[int, ...]
    """Ids of claims most other outlets carry and this one does not (see `BLINDSPOT_SHARE`)."""
    hedged_share: float
    """Share of sentences hedged in the outlet's own voice (outside quotations)."""
    attributed_share: float
    sources: dict[str, int]
    """Attributed sentences by kind: "named", "anonymous", "outlet"."""
    quoted: dict[str, int]
    """Speaker → number of sentences quoting them directly."""
    figures: tuple[str, ...]
    word_choices: tuple[WordChoice, ...]
    """Every substitution against every other outlet, most frequent first."""

    def merged_word_choices(self) -> tuple[MergedChoice, ...]:
        """One entry per substitution, with every outlet it is made against ("phoned →
        called: Politico, Kyiv Courier"), most outlets first."""
        merged: dict[tuple[str, str], list[WordChoice]] = {}
        for choice in self.word_choices:
            merged.setdefault((choice.theirs, choice.ours), []).append(choice)
        out = [
            MergedChoice(
                theirs,
                ours,
                tuple(dict.fromkeys(c.other for c in choices)),
                max(c.count for c in choices),
                tuple(sorted({i for c in choices for i in c.sentences})),
            )
            for (theirs, ours), choices in merged.items()
        ]
        out.sort(key=lambda m: (-len(m.others), -m.count, m.theirs, m.ours))
        return tuple(out)

    @property
    def consistent_word_choices(self) -> tuple[WordChoice, ...]:
        """Substitutions seen in at least two links: a habit rather than a one-off."""
        return tuple(w for w in self.word_choices if w.count >= 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "sentences": self.sentences,
            "unique": list(self.unique),
            "blindspots": list(self.blindspots),
            "hedged_share": self.hedged_share,
            "attributed_share": self.attributed_share,
            "sources": dict(self.sources),
            "quoted": dict(self.quoted),
            "figures": list(self.figures),
            "word_choices": [w.to_dict() for w in self.word_choices],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OutletProfile:
        return cls(
            article=str(data["article"]),
            sentences=int(data.get("sentences", 0)),
            unique=tuple(int(i) for i in data.get("unique", [])),
            blindspots=tuple(int(i) for i in data.get("blindspots", [])),
            hedged_share=float(data.get("hedged_share", 0.0)),
            attributed_share=float(data.get("attributed_share", 0.0)),
            sources={str(k): int(v) for k, v in data.get("sources", {}).items()},
            quoted={str(k): int(v) for k, v in data.get("quoted", {}).items()},
            figures=tuple(str(f) for f in data.get("figures", [])),
            word_choices=tuple(WordChoice.from_dict(w) for w in data.get("word_choices", [])),
        )


@dataclass(frozen=True)
class ClaimFraming:
    """Where each outlet carrying a claim placed it."""

    claim: int
    placements: dict[str, str]
    """Article id → placement of its member sentence."""
    buried_in: tuple[str, ...] = ()
    """Articles that put the claim in their lower half while another led with it."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"claim": self.claim, "placements": dict(self.placements)}
        if self.buried_in:
            data["buried_in"] = list(self.buried_in)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimFraming:
        return cls(
            int(data["claim"]),
            {str(k): str(v) for k, v in data.get("placements", {}).items()},
            tuple(str(a) for a in data.get("buried_in", [])),
        )


@dataclass(frozen=True)
class FramingReport:
    """The framing of a whole comparison.

    JSON: {"sentences": {"a1:3": {"placement": "lead", "attribution": {…}, "hedges": […], …}},
    "claims": [{"claim": 4, "placements": {"a1": "lead", "a2": "lower"}, "buried_in": ["a2"]}],
    "outlets": [{"article": "a1", …}]}. Only claims carried by two or more outlets are listed.
    """

    sentences: dict[SentenceRef, SentenceFraming]
    placements: dict[SentenceRef, str]
    claims: tuple[ClaimFraming, ...]
    outlets: tuple[OutletProfile, ...]

    def outlet(self, article_id: str) -> OutletProfile:
        for profile in self.outlets:
            if profile.article == article_id:
                return profile
        raise KeyError(f"no article {article_id!r} in this framing report")

    def to_dict(self) -> dict[str, Any]:
        sentences: dict[str, Any] = {}
        for ref, framing in self.sentences.items():
            entry = {"placement": self.placements.get(ref, "")}
            entry.update(framing.to_dict())
            sentences[_key(ref)] = entry
        return {
            "sentences": sentences,
            "claims": [c.to_dict() for c in self.claims],
            "outlets": [o.to_dict() for o in self.outlets],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FramingReport:
        sentences: dict[SentenceRef, SentenceFraming] = {}
        placed: dict[SentenceRef, str] = {}
        for key, entry in data.get("sentences", {}).items():
            ref = _ref(key)
            sentences[ref] = SentenceFraming.from_dict(entry)
            if entry.get("placement"):
                placed[ref] = str(entry["placement"])
        return cls(
            sentences=sentences,
            placements=placed,
            claims=tuple(ClaimFraming.from_dict(c) for c in data.get("claims", [])),
            outlets=tuple(OutletProfile.from_dict(o) for o in data.get("outlets", [])),
        )


# -- placement ----------------------------------------------------------------------------------


def placements(article: Article) -> dict[int, str]:
    """Placement of every sentence of `article`, by index.

    Headline and dateline keep those names. Body sentences and list items are ranked in order:
    the first `LEAD_SENTENCES` are the lead; of the rest, those in the first half of the
    article's body are "upper", the others "lower". A heading takes the rank of the body
    sentence after it but is never the lead.
    """
    content = [s for s in article.sentences if s.kind not in _NOT_CONTENT]
    half = len(content) / 2
    out: dict[int, str] = {}
    rank = 0
    for s in article.sentences:
        if s.kind == HEADLINE:
            out[s.index] = HEADLINE
        elif s.kind == DATELINE:
            out[s.index] = DATELINE
        elif s.kind == "heading":
            out[s.index] = UPPER if rank < half else LOWER
        else:
            if rank < LEAD_SENTENCES:
                out[s.index] = LEAD
            else:
                out[s.index] = UPPER if rank < half else LOWER
            rank += 1
    return out


def _claim_framing(comparison: Comparison, placed: dict[SentenceRef, str]) -> list[ClaimFraming]:
    out = []
    for claim in comparison.claims:
        if len(claim.members) < 2:
            continue
        where = {m.article: placed[m] for m in claim.members}
        led = any(p in (HEADLINE, LEAD) for p in where.values())
        buried = tuple(a for a, p in where.items() if p == LOWER) if led else ()
        out.append(ClaimFraming(claim.id, where, buried))
    return out


# -- attribution in context ---------------------------------------------------------------------


def _outlet_key(name: str) -> str:
    name = name.strip().removesuffix("'s").removesuffix("’s").lower()
    return name.removeprefix("the ").strip()


def _credit_open_outlets(
    framings: list[SentenceFraming], comparison: Comparison, article: Article
) -> list[SentenceFraming]:
    """A speaker named like another outlet of this comparison is that outlet.

    The lexicon knows the big outlets; "Meridian Wire reported …" in a comparison that has a
    Meridian Wire article would otherwise count as a named person.
    """
    others = {
        _outlet_key(a.label): a.label
        for a in comparison.articles
        if a.id != article.id and a.label.strip()
    }
    out = []
    for framing in framings:
        a = framing.attribution
        label = others.get(_outlet_key(a.source)) if a.kind == NAMED else None
        if label is not None:
            framing = replace(framing, attribution=replace(a, kind=OUTLET, source=label))
        out.append(framing)
    return out


def _is_body(attribution: Attribution) -> bool:
    """Whether a speaker is an organisation rather than a person ("it" may refer to it)."""
    if attribution.kind == OUTLET:
        return True
    words = attribution.source.split()
    if not words:
        return False
    head = words[-1].strip(".,").lower()
    return head in INSTITUTION_NOUNS or (len(words[-1]) > 1 and words[-1].isupper())


def _resolve_pronouns(framings: list[SentenceFraming]) -> list[SentenceFraming]:
    """ "He said" takes the kind and speaker of the last speaker named shortly before; "it
    said" only when that speaker is a body (an outlet, a ministry, NATO), never a person."""
    out: list[SentenceFraming] = []
    last: tuple[int, SentenceFraming] | None = None
    for i, framing in enumerate(framings):
        a = framing.attribution
        if a.kind != NONE and a.source.lower() in PRONOUNS:
            if (
                last is not None
                and i - last[0] <= _PRONOUN_REACH
                and (a.source.lower() != "it" or _is_body(last[1].attribution))
            ):
                antecedent = last[1].attribution
                attribution = replace(a, kind=antecedent.kind, speaker=antecedent.speaker)
                quotes = tuple(replace(q, speaker=antecedent.speaker) for q in framing.quotes)
                framing = replace(framing, attribution=attribution, quotes=quotes)
                last = (i, framing)
        elif a.kind != NONE:
            last = (i, framing)
        out.append(framing)
    return out


# -- word choice --------------------------------------------------------------------------------


def _phrase(tokens: list[str]) -> str | None:
    """A 1–3 word phrase worth counting as a word choice, lower-cased, or None."""
    return _phrase_of(tuple(tokens))


@lru_cache(maxsize=65_536)
def _phrase_of(tokens: tuple[str, ...]) -> str | None:
    # Cached: many outlets repeat the same swaps ("said" → "told"), and 100 articles make
    # tens of thousands of links to look through.
    words = [t.lower() for t in tokens]
    phrase = " ".join(words)
    if _DIGIT.search(phrase) or not all(w[0].isalpha() for w in words):
        return None
    if any(_is_number_word(w) for w in words):
        return None  # "twenty-one" for "twelve" is a figure (a conflict), not a word choice
    if all(w in FUNCTION_WORDS for w in words):
        return None
    return phrase


def _is_number_word(word: str) -> bool:
    parts = word.split("-")
    return all(p in NUMBER_WORDS or p in SCALES or p == "hundred" for p in parts)


def _substitutions(link: Link, tokens_a: list[str], tokens_b: list[str]) -> list[tuple[str, str]]:
    """Clean swaps of a few words: a replace with shared words right before and after it."""
    out = []
    ops = link.changes
    last = len(ops) - 1
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 > _MAX_SUBSTITUTION or j2 - j1 > _MAX_SUBSTITUTION:
            continue
        if (k > 0 and ops[k - 1][0] != "equal") or (k < last and ops[k + 1][0] != "equal"):
            continue  # part of a longer rewrite: the words on each side need not correspond
        ours, theirs = _phrase(tokens_a[i1:i2]), _phrase(tokens_b[j1:j2])
        if ours is None or theirs is None:
            continue
        if _same_word(ours, theirs):
            continue  # inflection or spelling ("guarantees", "defence"), not a choice of word
        out.append((ours, theirs))
    return out


@lru_cache(maxsize=65_536)
def _same_word(ours: str, theirs: str) -> bool:
    return _stems(ours) == _stems(theirs) or fuzz.ratio(ours, theirs) >= _SPELLING_VARIANT


def _stems(phrase: str) -> list[str]:
    return [stem(w.removesuffix("'s").removesuffix("’s")) for w in phrase.split()]


def _word_choices(
    comparison: Comparison,
) -> dict[str, list[WordChoice]]:
    tokens: dict[SentenceRef, list[str]] = {}

    def tokens_of(ref: SentenceRef) -> list[str]:
        if ref not in tokens:
            tokens[ref] = tokenize(comparison.sentence(ref).text)
        return tokens[ref]

    seen: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for link in comparison.links:
        if link.relation == "identical" or not link.changes:
            continue
        ta, tb = tokens_of(link.a), tokens_of(link.b)
        if link.changes[-1][2] != len(ta) or link.changes[-1][4] != len(tb):
            log.warning("link %s–%s: changes do not fit the sentences; skipped", link.a, link.b)
            continue
        for ours, theirs in _substitutions(link, ta, tb):
            seen[(link.a.article, link.b.article, ours, theirs)].append(link.a.sentence)
            seen[(link.b.article, link.a.article, theirs, ours)].append(link.b.sentence)
    out: dict[str, list[WordChoice]] = defaultdict(list)
    for (article, other, ours, theirs), where in seen.items():
        out[article].append(WordChoice(ours, theirs, other, len(where), tuple(sorted(set(where)))))
    for choices in out.values():
        choices.sort(key=lambda w: (-w.count, w.other, w.ours, w.theirs))
    return out


# -- the report ---------------------------------------------------------------------------------


def _blindspots(comparison: Comparison) -> dict[str, tuple[int, ...]]:
    """Claim ids each article lacks while enough others carry them (see `BLINDSPOT_SHARE`)."""
    others = len(comparison.articles) - 1
    needed = max(2, math.ceil(BLINDSPOT_SHARE * others))
    out: dict[str, list[int]] = {a.id: [] for a in comparison.articles}
    for claim in comparison.claims:
        if len(claim.members) < needed:
            continue
        if all(comparison.sentence(m).kind in _NOT_CONTENT for m in claim.members):
            continue
        carriers = {m.article for m in claim.members}
        for article_id, missing in out.items():
            if article_id not in carriers:
                missing.append(claim.id)
    return {a: tuple(ids) for a, ids in out.items()}


def analyse(
    comparison: Comparison,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
) -> FramingReport:
    """Framing of every sentence, claim and outlet of `comparison`."""
    sentences: dict[SentenceRef, SentenceFraming] = {}
    placed: dict[SentenceRef, str] = {}
    profiles_input: list[tuple[Article, list[SentenceFraming]]] = []
    total = len(comparison.articles) or 1
    for n, article in enumerate(comparison.articles):
        if cancelled():
            raise Cancelled()
        progress(n / total, f"Framing: {article.label}")
        framings = [analyse_sentence(s.text) for s in checked(article.sentences, cancelled, 256)]
        framings = _resolve_pronouns(_credit_open_outlets(framings, comparison, article))
        where = placements(article)
        for s, framing in zip(article.sentences, framings, strict=True):
            ref = SentenceRef(article.id, s.index)
            sentences[ref] = framing
            placed[ref] = where[s.index]
        profiles_input.append((article, framings))
    if cancelled():
        raise Cancelled()
    choices = _word_choices(comparison)
    if cancelled():
        raise Cancelled()
    blind = _blindspots(comparison)
    outlets = tuple(
        _profile(comparison, article, framings, choices.get(article.id, []), blind[article.id])
        for article, framings in profiles_input
    )
    progress(1.0, "Framing done")
    return FramingReport(
        sentences=sentences,
        placements=placed,
        claims=tuple(_claim_framing(comparison, placed)),
        outlets=outlets,
    )


_WEEKDAYS = frozenset(w.lower() for w in WEEKDAYS)


def is_listed_figure(figure: Figure) -> bool:
    """Whether a figure belongs in an outlet's list of figures: a weekday ("Monday") is kept
    for conflict checks but says nothing a reader would look up in a list of figures."""
    return not (figure.kind == "date" and figure.unit in _WEEKDAYS)


def _profile(
    comparison: Comparison,
    article: Article,
    framings: list[SentenceFraming],
    choices: list[WordChoice],
    blindspots: tuple[int, ...],
) -> OutletProfile:
    counted = [
        (s, f)
        for s, f in zip(article.sentences, framings, strict=True)
        if s.kind not in (DATELINE, "heading")
    ]
    n = len(counted)
    sources = Counter(f.attribution.kind for _, f in counted if f.attributed)
    quoted: Counter[str] = Counter()
    for _, f in counted:
        for speaker in dict.fromkeys(q.speaker for q in f.quotes if q.speaker):
            quoted[speaker] += 1
    unique = tuple(
        s.index for s, _ in counted if not comparison.links_of(SentenceRef(article.id, s.index))
    )
    return OutletProfile(
        article=article.id,
        sentences=n,
        unique=unique,
        blindspots=blindspots,
        hedged_share=sum(f.outlet_hedged for _, f in counted) / n if n else 0.0,
        attributed_share=sum(f.attributed for _, f in counted) / n if n else 0.0,
        sources={k: sources[k] for k in ATTRIBUTION_KINDS if k != NONE},
        quoted=dict(quoted.most_common()),
        figures=tuple(fig.text for _, f in counted for fig in f.figures if is_listed_figure(fig)),
        word_choices=tuple(choices),
    )

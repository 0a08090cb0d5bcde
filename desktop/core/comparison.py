"""The `Comparison`: the one immutable product of the engine, and its JSON format.

Every view and every export reads a `Comparison`; none recomputes alignment. The JSON written by
`to_json()` is a public contract (documented in the README): researchers and tests depend on it,
so an incompatible change bumps `FORMAT_VERSION`. New fields may be added freely; readers ignore
fields they do not know.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from desktop import __version__
from desktop.core.article import Article, Sentence
from desktop.core.corrections import Corrections
from desktop.core.errors import FormatError
from desktop.core.options import AlignOptions, CancelledCallback, never_cancelled
from desktop.core.verdicts import Attachment, ClaimVerdict, LinkVerdict, Verdicts

if TYPE_CHECKING:
    from desktop.core.framing import FramingReport

FORMAT_NAME = "parallax-comparison"
FORMAT_VERSION = 1

# Relations of a link between two sentences.
IDENTICAL = "identical"
REWORDED = "reworded"
CONFLICTING = "conflicting"
LINK_RELATIONS = (IDENTICAL, REWORDED, CONFLICTING)

# Status of one sentence within the comparison (what the panes tint by).
SHARED = "shared"
UNIQUE = "unique"
SENTENCE_STATUSES = (SHARED, REWORDED, CONFLICTING, UNIQUE)

Opcode = tuple[str, int, int, int, int]


class SentenceRef(NamedTuple):
    """Names one sentence of one article in a comparison.

    A named tuple rather than a frozen dataclass: it is the key of most of the engine's dicts
    and sets, and a tuple hashes and compares in C (a dataclass's `__hash__` and `__lt__` are
    Python code, a tenth of aligning 100 articles). Ordered by article id, then sentence.
    """

    article: str
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "sentence": self.sentence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceRef:
        return cls(str(data["article"]), int(data["sentence"]))


@dataclass(frozen=True)
class Conflict:
    """Why two linked sentences disagree, with the words on each side."""

    cause: str
    """"number", "date", "negation" or "certainty"."""
    a: str
    """The words on the `a` side of the link ("" when that side has none)."""
    b: str

    def to_dict(self) -> dict[str, Any]:
        return {"cause": self.cause, "a": self.a, "b": self.b}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conflict:
        return cls(str(data["cause"]), str(data.get("a", "")), str(data.get("b", "")))


@dataclass(frozen=True)
class Link:
    """Two sentences of two different articles that carry the same information."""

    a: SentenceRef
    b: SentenceRef
    score: float
    relation: str
    changes: tuple[Opcode, ...]
    """Word-level opcodes over `diff.tokenize()` of a's and b's text."""
    conflicts: tuple[Conflict, ...] = ()
    manual: bool = False
    """Made by the user rather than the matcher."""

    def other(self, ref: SentenceRef) -> SentenceRef:
        return self.b if ref == self.a else self.a

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "score": round(self.score, 2),
            "relation": self.relation,
            "changes": [list(op) for op in self.changes],
        }
        if self.conflicts:
            data["conflicts"] = [c.to_dict() for c in self.conflicts]
        if self.manual:
            data["manual"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        return cls(
            a=SentenceRef.from_dict(data["a"]),
            b=SentenceRef.from_dict(data["b"]),
            score=float(data["score"]),
            relation=str(data["relation"]),
            changes=tuple(
                (str(op[0]), int(op[1]), int(op[2]), int(op[3]), int(op[4]))
                for op in data.get("changes", [])
            ),
            conflicts=tuple(Conflict.from_dict(c) for c in data.get("conflicts", [])),
            manual=bool(data.get("manual", False)),
        )


@dataclass(frozen=True)
class MemberConflict:
    """Two members of one claim whose figures disagree although no conflicting link joins
    them: a third outlet's "Twelve passengers" linked only to the outlet that also says twelve,
    in a claim where another outlet says twenty-one (ux-review problem 9)."""

    a: SentenceRef
    b: SentenceRef
    conflicts: tuple[Conflict, ...]

    def other(self, ref: SentenceRef) -> SentenceRef:
        return self.b if ref == self.a else self.a

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "conflicts": [c.to_dict() for c in self.conflicts],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemberConflict:
        return cls(
            SentenceRef.from_dict(data["a"]),
            SentenceRef.from_dict(data["b"]),
            tuple(Conflict.from_dict(c) for c in data.get("conflicts", [])),
        )


@dataclass(frozen=True)
class Claim:
    """An N-way group of sentences (at most one per article) that report the same thing.

    Every sentence of the comparison belongs to exactly one claim; a claim with one member is a
    sentence no other outlet carries.
    """

    id: int
    members: tuple[SentenceRef, ...]
    conflicts: tuple[MemberConflict, ...] = ()
    """Members whose figures disagree without a conflicting link between them (the links keep
    their own conflicts); worked out by `align()` from the members' figures."""

    @property
    def outlets(self) -> tuple[str, ...]:
        """Article ids that carry the claim, in member order."""
        return tuple(m.article for m in self.members)

    def member_in(self, article_id: str) -> SentenceRef | None:
        for m in self.members:
            if m.article == article_id:
                return m
        return None

    def conflicts_of(self, ref: SentenceRef) -> tuple[MemberConflict, ...]:
        """The member conflicts `ref` takes part in."""
        return tuple(mc for mc in self.conflicts if ref in (mc.a, mc.b))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "members": [m.to_dict() for m in self.members],
            "outlets": list(self.outlets),
        }
        if self.conflicts:  # optional: an addition to version 1, left out when there are none
            data["conflicts"] = [mc.to_dict() for mc in self.conflicts]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            int(data["id"]),
            tuple(SentenceRef.from_dict(m) for m in data["members"]),
            tuple(MemberConflict.from_dict(mc) for mc in data.get("conflicts", [])),
        )


@dataclass(frozen=True)
class Scoring:
    """How a comparison was actually scored: the options' scorer, or the fallback and why."""

    scorer: str
    threshold: float
    """The threshold links were made at (the options' one, moved to the fallback's scale)."""
    model: str = ""
    """The model the scorer ran ("" for lexical scorers)."""
    fallback: str = ""
    """Why the options' scorer could not run, as a sentence ("" when it ran)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"scored_with": self.scorer}
        if self.model:
            data["model"] = self.model
        if self.fallback:
            data["fallback"] = self.fallback
            data["fallback_threshold"] = round(self.threshold, 2)
        return data

    @classmethod
    def from_dict(cls, options: AlignOptions, data: dict[str, Any]) -> Scoring:
        scorer = str(data.get("scored_with", options.scorer))
        fallback = str(data.get("fallback", ""))
        threshold = float(data.get("fallback_threshold", options.threshold)) if fallback else None
        return cls(
            scorer,
            options.threshold if threshold is None else threshold,
            str(data.get("model", "")),
            fallback,
        )


@dataclass(frozen=True)
class Comparison:
    """Articles, the links between their sentences, and the claims those links form."""

    articles: tuple[Article, ...]
    links: tuple[Link, ...]
    claims: tuple[Claim, ...]
    options: AlignOptions = field(default_factory=AlignOptions)
    generator: str = f"parallax {__version__}"
    corrections: Corrections = field(default_factory=Corrections)
    """The user's manual links and unlinks that `align()` applied (see corrections.py)."""
    verdicts: Verdicts = field(default_factory=Verdicts)
    """The user's verdicts and notes (see verdicts.py); `align()` leaves them empty, the caller
    carries them over with `with_verdicts`."""

    def with_verdicts(self, verdicts: Verdicts) -> Comparison:
        """The same comparison with other verdicts: cheap, nothing is re-aligned or re-analysed
        (the look-ups below depend on articles, links and claims only, so the copy shares them).
        """
        new = replace(self, verdicts=verdicts)
        for name in _SHARED_CACHES:
            if name in self.__dict__:
                new.__dict__[name] = self.__dict__[name]
        return new

    @cached_property
    def attached_verdicts(self) -> Attachment:
        """Where each verdict attaches in this comparison, and the ones that attach nowhere."""
        return self.verdicts.attach(self)

    related: tuple[Link, ...] = ()
    """Sentence pairs that share part of their information but are not each other's
    counterpart (not links: they make no claim and change no status)."""
    scoring: Scoring = None  # type: ignore[assignment]
    """How the links were scored; defaults to the options' scorer and threshold."""

    def __post_init__(self) -> None:
        if self.scoring is None:
            scorer = self.options.scorer
            object.__setattr__(self, "scoring", Scoring(scorer, self.options.threshold))

    # -- look-ups (computed once, on first use) -------------------------------------------

    @cached_property
    def framing(self) -> FramingReport:
        """How each outlet frames what it carries (attribution, hedges, quotes, placement…).

        Derived from the articles and links alone, so it is computed once on first use (the
        GUI worker and `align()` touch it off the GUI thread) and never stored separately.
        """
        from desktop.core.framing import analyse

        return analyse(self)

    def compute_framing(self, cancelled: CancelledCallback = never_cancelled) -> FramingReport:
        """`framing`, worked out now in the caller's thread and stopped by `cancelled`
        (raising `Cancelled`): the worker that aligned calls this, so Cancel stops it too."""
        if "framing" not in self.__dict__:
            from desktop.core.framing import analyse

            # Where cached_property keeps its value (frozen dataclasses allow this).
            self.__dict__["framing"] = analyse(self, cancelled=cancelled)
        return self.framing

    @cached_property
    def _articles_by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @cached_property
    def _links_by_ref(self) -> dict[SentenceRef, list[Link]]:
        index: dict[SentenceRef, list[Link]] = defaultdict(list)
        for link in self.links:
            index[link.a].append(link)
            index[link.b].append(link)
        return dict(index)

    @cached_property
    def _claim_by_ref(self) -> dict[SentenceRef, Claim]:
        return {m: c for c in self.claims for m in c.members}

    def article(self, article_id: str) -> Article:
        try:
            return self._articles_by_id[article_id]
        except KeyError:
            raise KeyError(f"no article {article_id!r} in this comparison") from None

    def sentence(self, ref: SentenceRef) -> Sentence:
        return self.article(ref.article).sentences[ref.sentence]

    def refs(self, article_id: str) -> list[SentenceRef]:
        return [SentenceRef(article_id, s.index) for s in self.article(article_id).sentences]

    def links_of(self, ref: SentenceRef) -> list[Link]:
        return self._links_by_ref.get(ref, [])

    def link_between(self, x: SentenceRef, y: SentenceRef) -> Link | None:
        for link in self.links_of(x):
            if link.other(x) == y:
                return link
        return None

    def related_of(self, ref: SentenceRef) -> list[Link]:
        """The related pairs (`related`) `ref` is in: at most one per other article."""
        return self._related_by_ref.get(ref, [])

    def related_between(self, x: SentenceRef, y: SentenceRef) -> Link | None:
        for pair in self.related_of(x):
            if pair.other(x) == y:
                return pair
        return None

    @cached_property
    def _related_by_ref(self) -> dict[SentenceRef, list[Link]]:
        index: dict[SentenceRef, list[Link]] = defaultdict(list)
        for pair in self.related:
            index[pair.a].append(pair)
            index[pair.b].append(pair)
        return dict(index)

    def counterpart(self, ref: SentenceRef, article_id: str) -> SentenceRef | None:
        """The sentence of `article_id` linked to `ref`, if any (links are one-to-one)."""
        for link in self.links_of(ref):
            other = link.other(ref)
            if other.article == article_id:
                return other
        return None

    def claim_of(self, ref: SentenceRef) -> Claim:
        return self._claim_by_ref[ref]

    def claim(self, claim_id: int) -> Claim | None:
        """The claim numbered `claim_id` (numbers are not contiguous: claim_numbers.py)."""
        return self._claim_by_id.get(claim_id)

    @cached_property
    def _member_conflicted(self) -> frozenset[SentenceRef]:
        """Sentences in a claim's member conflict."""
        return frozenset(r for c in self.claims for mc in c.conflicts for r in (mc.a, mc.b))

    @cached_property
    def _claim_by_id(self) -> dict[int, Claim]:
        return {c.id: c for c in self.claims}

    def status(self, ref: SentenceRef) -> str:
        """unique without links; conflicting if any link conflicts or its figure contradicts
        another member's of its claim; shared if another outlet carries it word for word;
        reworded otherwise."""
        return self._status_by_ref.get(ref, UNIQUE)

    @cached_property
    def _status_by_ref(self) -> dict[SentenceRef, str]:
        """The status of every linked sentence (the rest are unique), worked out once."""
        out: dict[SentenceRef, str] = {}
        for ref, links in self._links_by_ref.items():
            relations = {link.relation for link in links}
            if CONFLICTING in relations or ref in self._member_conflicted:
                out[ref] = CONFLICTING
            else:
                out[ref] = SHARED if IDENTICAL in relations else REWORDED
        return out

    def status_counts(self, article_id: str) -> dict[str, int]:
        counts = self._status_counts.get(article_id)
        if counts is None:
            counts = dict.fromkeys(SENTENCE_STATUSES, 0)
            for ref in self.refs(article_id):
                counts[self.status(ref)] += 1
            self._status_counts[article_id] = counts
        return dict(counts)

    @cached_property
    def _status_counts(self) -> dict[str, dict[str, int]]:
        return {}

    def shared_fraction(self, article_id: str) -> float:
        """Share of the article's sentences that at least one other outlet also carries."""
        refs = self.refs(article_id)
        if not refs:
            return 0.0
        return sum(1 for r in refs if self.links_of(r)) / len(refs)

    @property
    def sentence_count(self) -> int:
        return sum(len(a.sentences) for a in self.articles)

    @property
    def multi_claims(self) -> list[Claim]:
        """Claims carried by more than one outlet."""
        return [c for c in self.claims if len(c.members) > 1]

    def is_dateline_claim(self, claim: Claim) -> bool:
        """A claim of datelines only ("WASHINGTON —"): where reports were filed, not a fact.

        Datelines never link, so each is a claim of its own in the JSON (every sentence is in
        one claim); the window's table, the reports and the CSV matrix leave such claims out.
        """
        return all(self.sentence(m).kind == "dateline" for m in claim.members)

    @cached_property
    def fact_claims(self) -> tuple[Claim, ...]:
        """The claims that are not datelines only: what the table, reports and CSV count."""
        return tuple(c for c in self.claims if not self.is_dateline_claim(c))

    # -- JSON ---------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "generator": self.generator,
            "options": {**self.options.to_dict(), **self.scoring.to_dict()},
            "articles": [_article_to_dict(a) for a in self.articles],
            "links": [
                self._with_judgement(link.to_dict(), self._link_verdict(link))
                for link in self.links
            ],
            "claims": [
                self._with_judgement(c.to_dict(), self.attached_verdicts.claim(c.id))
                for c in self.claims
            ],
            "related": [link.to_dict() for link in self.related],
            # Derived from the above; written for readers of the file, recomputed when read.
            "framing": self.framing.to_dict(),
            # Optional: left out when the user made no corrections.
            **({} if self.corrections.is_empty else {"corrections": self.corrections.to_dict()}),
            # Optional: left out when the user gave no verdicts or notes.
            **({} if self.verdicts.is_empty else {"verdicts": self._verdicts_to_dict()}),
        }

    def _verdicts_to_dict(self) -> dict[str, Any]:
        """The verdicts, each with where it attaches here ("claim": id or null, "linked")."""
        attached = self.attached_verdicts
        claim_ids = {id(v): k for k, v in attached.claims.items()}
        data = self.verdicts.to_dict()
        for entry, verdict in zip(data["claims"], self.verdicts.claims, strict=True):
            entry["claim"] = claim_ids.get(id(verdict))
        for entry, link in zip(data["links"], self.verdicts.links, strict=True):
            entry["linked"] = link.pair in attached.links
        return data

    def _link_verdict(self, link: Link) -> LinkVerdict | None:
        if self.verdicts.is_empty:
            return None
        return self.attached_verdicts.link(link.a, link.b)

    @staticmethod
    def _with_judgement(
        data: dict[str, Any], verdict: ClaimVerdict | LinkVerdict | None
    ) -> dict[str, Any]:
        """A claim's or link's entry with its verdict and note, for readers of the file (the
        top-level "verdicts" list is what is read back)."""
        if verdict is not None:
            if verdict.verdict:
                data["verdict"] = verdict.verdict
            if verdict.note:
                data["note"] = verdict.note
        return data

    def to_json_bytes(self) -> bytes:
        """`to_json()` and a final newline as UTF-8, the content of a .json file of it."""
        from desktop.core import jsontext

        return jsontext.encode(self.to_dict())

    def to_json(self, indent: int | None = 2) -> str:
        if indent == 2:
            from desktop.core import jsontext  # the same text, written by orjson

            return jsontext.dumps(self.to_dict())
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Any) -> Comparison:
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise FormatError("This is not a Parallax comparison (no 'parallax-comparison' tag).")
        version = data.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise FormatError(
                f"This comparison uses format version {version}; this Parallax reads up to "
                f"version {FORMAT_VERSION}. Update Parallax to open it."
            )
        try:
            raw_options = data.get("options", {})
            options = AlignOptions.from_dict(raw_options)
            return cls(
                articles=tuple(_article_from_dict(a) for a in data["articles"]),
                links=tuple(Link.from_dict(x) for x in data["links"]),
                claims=tuple(Claim.from_dict(c) for c in data["claims"]),
                options=options,
                generator=str(data.get("generator", "")),
                corrections=Corrections.from_dict(data.get("corrections", {})),
                verdicts=Verdicts.from_dict(data.get("verdicts", {})),
                related=tuple(Link.from_dict(x) for x in data.get("related", [])),
                scoring=Scoring.from_dict(options, raw_options),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise FormatError(f"The comparison is damaged and cannot be read ({exc}).") from exc

    @classmethod
    def from_json(cls, text: str) -> Comparison:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(f"The comparison is not valid JSON ({exc}).") from exc
        return cls.from_dict(data)


_SHARED_CACHES = (
    "framing",
    "_articles_by_id",
    "_links_by_ref",
    "_related_by_ref",
    "_claim_by_ref",
    "_status_by_ref",
    "_status_counts",
    "fact_claims",
)
"""Cached look-ups that depend on articles, links and claims only (see `with_verdicts`)."""


def _article_to_dict(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "language": article.language,
    }
    if article.url:
        data["url"] = article.url
    if article.note:
        data["note"] = article.note
    if article.extra:
        data["extra"] = dict(article.extra)
    data["text"] = article.text
    data["sentences"] = [
        {
            "index": s.index,
            # What the window and the CSV call "sentence N": `index` (and a reference's
            # `sentence`) count from 0, people count from 1.
            "number": s.index + 1,
            "text": s.text,
            "start": s.start,
            "end": s.end,
            "kind": s.kind,
            "block": s.block,
        }
        for s in article.sentences
    ]
    return data


def _article_from_dict(data: dict[str, Any]) -> Article:
    sentences = tuple(
        Sentence(
            index=int(s["index"]),
            start=int(s["start"]),
            end=int(s["end"]),
            text=str(s["text"]),
            kind=str(s.get("kind", "body")),
            block=int(s.get("block", 0)),
        )
        for s in data["sentences"]
    )
    text = data.get("text")
    if text is None:
        # Older or hand-made files may omit the full text: rebuild one that keeps every offset.
        text = _text_from_sentences(sentences)
    return Article(
        id=str(data["id"]),
        source=str(data.get("source", "")),
        text=str(text),
        sentences=sentences,
        outlet=str(data.get("outlet", "")),
        title=str(data.get("title", "")),
        published=str(data.get("published", "") or ""),
        author=str(data.get("author", "") or ""),
        url=str(data.get("url", "") or ""),
        note=str(data.get("note", "") or ""),
        language=str(data.get("language", "") or ""),
        extra={str(k): str(v) for k, v in data.get("extra", {}).items()},
    )


def _text_from_sentences(sentences: tuple[Sentence, ...]) -> str:
    chars: list[str] = []
    for s in sentences:
        if len(chars) < s.start:
            chars.extend(" " * (s.start - len(chars)))
        chars[s.start : s.end] = list(s.text)
    return "".join(chars)

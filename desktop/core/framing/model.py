"""What framing analysis finds in one sentence, as small immutable records.

They are kept apart from the code that finds them so views and exports can import the shapes
without the regexes, and so their JSON form (`to_dict`/`from_dict`) is easy to read in one place.
Offsets are character offsets into the sentence's text (not the article's): add the sentence's
`start` to point into the article. Empty fields are left out of the JSON to keep a comparison
of thousands of sentences small; `from_dict` restores the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Attribution kinds: who the sentence says is speaking.
NAMED = "named"
ANONYMOUS = "anonymous"
OUTLET = "outlet"
NONE = "none"
ATTRIBUTION_KINDS = (NAMED, ANONYMOUS, OUTLET, NONE)

#: Figure kinds.
FIGURE_KINDS = ("money", "percent", "count", "duration", "date")


@dataclass(frozen=True)
class Cue:
    """A hedge: a word or phrase that softens a claim ("may", "is expected to", "if necessary")."""

    kind: str
    """One of `lexicon.HEDGE_KINDS`."""
    text: str
    start: int
    end: int
    in_quote: bool = False
    """Inside a direct quotation: the quoted speaker's caution, not the outlet's."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.in_quote:
            data["in_quote"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cue:
        return cls(
            str(data["kind"]),
            str(data["text"]),
            int(data["start"]),
            int(data["end"]),
            bool(data.get("in_quote", False)),
        )


@dataclass(frozen=True)
class Quote:
    """A direct quotation; `text` is what is inside the marks, `start`/`end` bound it."""

    text: str
    start: int
    end: int
    speaker: str = ""
    """Who the sentence says spoke the words, as written ("" when it does not say)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end}
        if self.speaker:
            data["speaker"] = self.speaker
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            str(data["text"]), int(data["start"]), int(data["end"]), str(data.get("speaker", ""))
        )


@dataclass(frozen=True)
class Figure:
    """A number the sentence states, normalised so two outlets' figures can be compared.

    `value` and `unit` by kind: money — value in units of currency, unit an ISO code or "" when
    the text names none ("90bn"); percent — value, unit "%"; count — value, unit the counted
    noun in the singular ("leader"); duration — value in days, unit "day"; date — value None,
    unit a normalised date: "2025-08-18", "2025-08", "2025", "--08-18" (no year), "--08"
    (month only) or a weekday in lower case ("monday").
    """

    kind: str
    value: float | None
    unit: str
    text: str
    start: int
    end: int
    qualifier: str = ""
    """"~" (about), ">=" (more than, at least) or "<=" (up to), from `lexicon.QUALIFIERS`."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.qualifier:
            data["qualifier"] = self.qualifier
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        value = data.get("value")
        return cls(
            str(data["kind"]),
            None if value is None else float(value),
            str(data.get("unit", "")),
            str(data["text"]),
            int(data["start"]),
            int(data["end"]),
            str(data.get("qualifier", "")),
        )


@dataclass(frozen=True)
class Attribution:
    """Who the sentence says is speaking, and with which words.

    `source` is the phrase naming whom the outlet credits; for kind "outlet" it is the other
    outlet's canonical name, and `speaker` keeps the person whose words that outlet relays
    ("Zelensky told Politico": source "Politico", speaker "Zelensky"). Otherwise `speaker`
    equals `source`. Offsets are -1 when there is nothing to point at.
    """

    kind: str = NONE
    source: str = ""
    cue: str = ""
    speaker: str = ""
    start: int = -1
    """Offsets of `source` in the sentence (of the outlet's name for kind "outlet")."""
    end: int = -1
    cue_start: int = -1
    cue_end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "cue": self.cue,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        return cls(
            kind=str(data.get("kind", NONE)),
            source=str(data.get("source", "")),
            cue=str(data.get("cue", "")),
            speaker=str(data.get("speaker", "")),
            start=int(data.get("start", -1)),
            end=int(data.get("end", -1)),
            cue_start=int(data.get("cue_start", -1)),
            cue_end=int(data.get("cue_end", -1)),
        )


@dataclass(frozen=True)
class Negation:
    """A negated predicate: the words of the negation and a crude stem of the word it negates.

    `scope` is "verb" for "not/never/n't/refused to …" (the next content word, usually a verb or
    adjective) and "noun" for "no …" (the head of the noun phrase: "no red line" → "line").
    """

    lemma: str
    text: str
    start: int
    end: int
    scope: str = "verb"
    in_quote: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "lemma": self.lemma,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "scope": self.scope,
        }
        if self.in_quote:
            data["in_quote"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Negation:
        return cls(
            str(data["lemma"]),
            str(data["text"]),
            int(data["start"]),
            int(data["end"]),
            str(data.get("scope", "verb")),
            bool(data.get("in_quote", False)),
        )


@dataclass(frozen=True)
class SentenceFraming:
    """Everything framing analysis reads off one sentence on its own."""

    attribution: Attribution = Attribution()
    hedges: tuple[Cue, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    negations: tuple[Negation, ...] = ()

    @property
    def outlet_hedged(self) -> bool:
        """A hedge in the outlet's own voice (outside any quotation)."""
        return any(not c.in_quote for c in self.hedges)

    @property
    def speaker_hedged(self) -> bool:
        """A hedge inside a quotation: the quoted speaker's caution."""
        return any(c.in_quote for c in self.hedges)

    @property
    def hedged(self) -> bool:
        """Either of the two: the sentence as printed is cautious somewhere."""
        return bool(self.hedges)

    @property
    def attributed(self) -> bool:
        return self.attribution.kind != NONE

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.attribution.kind != NONE:
            data["attribution"] = self.attribution.to_dict()
        if self.hedges:
            data["hedges"] = [c.to_dict() for c in self.hedges]
        if self.quotes:
            data["quotes"] = [q.to_dict() for q in self.quotes]
        if self.figures:
            data["figures"] = [f.to_dict() for f in self.figures]
        if self.negations:
            data["negations"] = [n.to_dict() for n in self.negations]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceFraming:
        return cls(
            attribution=Attribution.from_dict(data.get("attribution", {})),
            hedges=tuple(Cue.from_dict(c) for c in data.get("hedges", [])),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            figures=tuple(Figure.from_dict(f) for f in data.get("figures", [])),
            negations=tuple(Negation.from_dict(n) for n in data.get("negations", [])),
        )

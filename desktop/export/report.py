"""The report model: everything a Parallax report says, worked out once from a `Comparison`.

Reports are how comparisons reach people who do not run Parallax, and they come in three
formats (PDF, HTML, CSV). So that the three never disagree, every figure, status and highlight
is computed here, in plain data with no Qt and no markup; the renderers only lay it out.
Nothing here recomputes alignment: statuses come from the comparison's links and claims, and
highlights from the links' word changes (DESIGN §1).
"""

from __future__ import annotations

import logging
import re
import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop import __version__
from desktop.core.comparison import (
    CONFLICTING,
    IDENTICAL,
    REWORDED,
    SHARED,
    UNIQUE,
    Claim,
    Comparison,
    Link,
    SentenceRef,
)
from desktop.core.diff import changed_spans, is_identical, word_changes
from desktop.core.errors import Cancelled
from desktop.core.options import (
    SCORERS,
    AlignOptions,
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)

log = logging.getLogger(__name__)

MISSING = "missing"
"""Matrix cell of an outlet that does not carry a claim."""

CELL_STATUSES = (SHARED, REWORDED, CONFLICTING, MISSING, UNIQUE)

#: A non-colour cue for every status, so the report reads in greyscale and for colour-blind readers.
SYMBOLS: dict[str, str] = {
    SHARED: "=",
    REWORDED: "≈",
    CONFLICTING: "≠",
    MISSING: "–",
    UNIQUE: "◆",
}

#: Okabe–Ito colours (DESIGN §5), each always paired with a symbol or a text style.
COLOURS: dict[str, str] = {
    SHARED: "#009E73",
    REWORDED: "#56B4E9",
    CONFLICTING: "#D55E00",
    MISSING: "#999999",
    UNIQUE: "#E69F00",
}

#: Light tints behind highlighted words (the text itself stays black for contrast).
TINTS: dict[str, str] = {"changed": "#D6EEFB", "conflict": "#F9D9C6"}

LABELS: dict[str, str] = {
    SHARED: "shared (same words)",
    REWORDED: "reworded",
    CONFLICTING: "conflicting",
    MISSING: "not reported",
    UNIQUE: "only this outlet",
}

CAUSES: dict[str, str] = {
    "number": "number",
    "date": "date",
    "negation": "negation",
    "certainty": "certainty (hedge)",
}

# Marks on a span of sentence text.
PLAIN = ""
CHANGED = "changed"
CONFLICT = "conflict"


@dataclass(frozen=True)
class ReportOptions:
    """What the person exporting chooses; everything else comes from the comparison."""

    title: str = ""
    """The event; "" uses the first article's headline."""
    full_texts: bool = False
    """Also print every article in full, side by side (the default is differences only)."""
    command: str = ""
    """The command line that reproduces the comparison; "" builds one from the comparison."""
    today: date | None = None
    """The report's date; None is today (tests pin it)."""


@dataclass(frozen=True)
class Span:
    """A run of sentence text with one mark: "" (plain), "changed" or "conflict"."""

    text: str
    mark: str = PLAIN


@dataclass(frozen=True)
class Outlet:
    """One article as the report names it, with its per-status sentence counts."""

    id: str
    label: str
    short: str
    """Two to four characters for narrow column headers (a key maps them back)."""
    title: str
    published: str
    author: str
    source: str
    sentences: int
    counts: dict[str, int]
    carried_elsewhere: float
    """Share (0–1) of its sentences that at least one other outlet carries."""


@dataclass(frozen=True)
class MatrixRow:
    """One claim carried by two or more outlets: its text and one status per outlet."""

    claim: int
    text: str
    """The claim as the first outlet carrying it puts it."""
    cells: tuple[str, ...]
    """One of `CELL_STATUSES` per outlet, in `Report.outlets` order."""
    sentences: tuple[int | None, ...]
    """The carrying sentence's index (from 0) per outlet, None where missing."""


@dataclass(frozen=True)
class ClaimLine:
    """One outlet's sentence within a claim, with its differing words marked."""

    outlet: int
    """Index into `Report.outlets`."""
    sentence: int
    status: str
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class ConflictNote:
    """A named disagreement: the cause and the words each side uses."""

    cause: str
    outlet_a: int
    words_a: str
    outlet_b: int
    words_b: str


@dataclass(frozen=True)
class ClaimDetail:
    """A claim whose outlets do not all use the same words."""

    claim: int
    status: str
    """REWORDED or CONFLICTING: the worst relation among its members."""
    lines: tuple[ClaimLine, ...]
    missing: tuple[int, ...]
    """Outlets (indices) that do not carry the claim."""
    conflicts: tuple[ConflictNote, ...]


@dataclass(frozen=True)
class OutletOnly:
    """What one outlet alone reports."""

    outlet: int
    sentences: tuple[tuple[int, str], ...]
    """(sentence index, text) of every sentence no other outlet carries."""


@dataclass(frozen=True)
class FullSentence:
    status: str
    claim: int
    text: str


@dataclass(frozen=True)
class FullText:
    """One article in full: paragraphs of sentences, each with its status."""

    outlet: int
    paragraphs: tuple[tuple[FullSentence, ...], ...]


@dataclass(frozen=True)
class FramingSection:
    """Per-outlet framing figures, as a table: `rows[i]` belongs to outlet i."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Method:
    """What a reader needs to reproduce the result."""

    options: tuple[tuple[str, str], ...]
    """(name, value as text) of every option that shaped the comparison."""
    scorer_description: str
    generator: str
    command: str
    manual_links: int

    @property
    def command_lines(self) -> str:
        """`command` as a shell continues it: one file (or option and value) per line.

        Long paths then never wrap in the middle, and the block still pastes into a shell.
        """
        try:
            words = shlex.split(self.command)
        except ValueError:
            return self.command
        lines: list[str] = []
        for word in words:
            if (
                lines
                and lines[-1].startswith("-")
                and not word.startswith("-")
                and len(shlex.split(lines[-1])) == 1
            ):
                lines[-1] += " " + shlex.quote(word)
            elif len(lines) == 1 and lines[0] == "parallax":
                lines[0] += " " + shlex.quote(word)
            else:
                lines.append(shlex.quote(word))
        return " \\\n    ".join(lines)


@dataclass(frozen=True)
class Report:
    """Everything one report says, in reading order."""

    title: str
    created: str
    version: str
    outlets: tuple[Outlet, ...]
    agreement: tuple[tuple[float | None, ...], ...]
    """agreement[i][j]: share of outlet i's sentences linked to a sentence of outlet j."""
    matrix: tuple[MatrixRow, ...]
    single_claims: int
    """Claims carried by one outlet only (listed under `outlet_only`, not in the matrix)."""
    details: tuple[ClaimDetail, ...]
    """Conflicting claims first, then reworded ones, each in claim order."""
    outlet_only: tuple[OutletOnly, ...]
    method: Method
    full_texts: tuple[FullText, ...] | None = None
    framing: FramingSection | None = None
    claims_total: int = 0
    links_total: int = 0
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def conflicts(self) -> tuple[ClaimDetail, ...]:
        return tuple(d for d in self.details if d.status == CONFLICTING)

    @property
    def rewordings(self) -> tuple[ClaimDetail, ...]:
        return tuple(d for d in self.details if d.status != CONFLICTING)


# -- building ---------------------------------------------------------------------------------


def build_report(
    comparison: Comparison,
    options: ReportOptions | None = None,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
) -> Report:
    """Work out the whole report; reports progress in [0, 1] and raises `Cancelled` on request."""
    options = options or ReportOptions()
    c = comparison
    position = {a.id: i for i, a in enumerate(c.articles)}
    progress(0.0, "Summarising outlets")
    outlets = tuple(
        _outlet(c, a.id, short) for a, short in zip(c.articles, _shorts(c), strict=True)
    )
    agreement = _agreement(c, position)

    matrix: list[MatrixRow] = []
    details: list[ClaimDetail] = []
    n_claims = max(len(c.claims), 1)
    for k, claim in enumerate(c.claims):
        if k % 50 == 0:
            if cancelled():
                raise Cancelled()
            progress(0.1 + 0.7 * k / n_claims, "Comparing claims")
        if len(claim.members) < 2:
            continue
        matrix.append(_matrix_row(c, claim, position))
        detail = _detail(c, claim, position)
        if detail is not None:
            details.append(detail)
    details.sort(key=lambda d: (d.status != CONFLICTING, d.claim))

    progress(0.85, "Listing what each outlet alone reports")
    only = tuple(
        OutletOnly(
            i,
            tuple(
                (ref.sentence, c.sentence(ref).text)
                for ref in c.refs(a.id)
                # Datelines and section headings say where and how, not what: not facts.
                if len(c.claim_of(ref).members) == 1
                and c.sentence(ref).kind not in ("dateline", "heading")
            ),
        )
        for i, a in enumerate(c.articles)
    )
    full = _full_texts(c) if options.full_texts else None
    if cancelled():
        raise Cancelled()
    report = Report(
        title=options.title.strip() or _default_title(c),
        created=(options.today or date.today()).isoformat(),
        version=__version__,
        outlets=outlets,
        agreement=agreement,
        matrix=tuple(matrix),
        single_claims=sum(1 for claim in c.claims if len(claim.members) == 1),
        details=tuple(details),
        outlet_only=only,
        method=_method(c, options),
        full_texts=full,
        framing=framing_section(c),
        claims_total=len(c.claims),
        links_total=len(c.links),
    )
    progress(1.0, "Report ready")
    return report


def _default_title(c: Comparison) -> str:
    first = c.articles[0]
    if first.title:
        return first.title
    headlines = [s.text for s in first.sentences if s.kind == "headline"]
    return headlines[0] if headlines else f"Comparison of {len(c.articles)} articles"


def _outlet(c: Comparison, article_id: str, short: str) -> Outlet:
    a = c.article(article_id)
    return Outlet(
        id=a.id,
        label=a.label,
        short=short,
        title=a.title,
        published=a.published,
        author=a.author,
        source=a.url or a.source,
        sentences=len(a.sentences),
        counts=c.status_counts(a.id),
        carried_elsewhere=c.shared_fraction(a.id),
    )


def abbreviate(label: str) -> str:
    """ "Riverside Gazette" → "RG", "Politico" → "POL", "Outlet 12" → "O12"."""
    words = [w for w in re.findall(r"\w+", label) if w.lower() not in {"the", "of", "a"}]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:3].upper()
    return "".join(w if w.isdigit() else w[0].upper() for w in words)[:4]


def _shorts(c: Comparison) -> list[str]:
    shorts = [abbreviate(a.label) for a in c.articles]
    seen = Counter(shorts)
    taken: set[str] = set()
    out = []
    for i, s in enumerate(shorts):
        candidate = s
        if seen[s] > 1 or s in taken:
            candidate = f"{s[:3]}{i + 1}"
        taken.add(candidate)
        out.append(candidate)
    return out


def _agreement(c: Comparison, position: dict[str, int]) -> tuple[tuple[float | None, ...], ...]:
    n = len(c.articles)
    linked = [[0] * n for _ in range(n)]
    for link in c.links:
        i, j = position[link.a.article], position[link.b.article]
        linked[i][j] += 1
        linked[j][i] += 1
    rows = []
    for i, a in enumerate(c.articles):
        total = len(a.sentences)
        rows.append(
            tuple(None if i == j else (linked[i][j] / total if total else 0.0) for j in range(n))
        )
    return tuple(rows)


def _links_within(c: Comparison, claim: Claim, ref: SentenceRef) -> list[Link]:
    members = set(claim.members)
    return [link for link in c.links_of(ref) if link.other(ref) in members]


def _member_status(c: Comparison, claim: Claim, ref: SentenceRef) -> str:
    """The worst relation between this sentence and the rest of its claim."""
    links = _links_within(c, claim, ref)
    if not links:
        # Grouped with the claim without a direct link (the matcher pairs one-to-one): compare
        # the words themselves rather than guess.
        others = [c.sentence(m).text for m in claim.members if m != ref]
        text = c.sentence(ref).text
        return SHARED if all(is_identical(text, o) for o in others) else REWORDED
    relations = {link.relation for link in links}
    if CONFLICTING in relations:
        return CONFLICTING
    if relations - {IDENTICAL}:
        return REWORDED
    return SHARED


def _matrix_row(c: Comparison, claim: Claim, position: dict[str, int]) -> MatrixRow:
    cells = [MISSING] * len(c.articles)
    sentences: list[int | None] = [None] * len(c.articles)
    for ref in claim.members:
        cells[position[ref.article]] = _member_status(c, claim, ref)
        sentences[position[ref.article]] = ref.sentence
    return MatrixRow(claim.id, c.sentence(claim.members[0]).text, tuple(cells), tuple(sentences))


def _detail(c: Comparison, claim: Claim, position: dict[str, int]) -> ClaimDetail | None:
    statuses = {ref: _member_status(c, claim, ref) for ref in claim.members}
    if all(s == SHARED for s in statuses.values()):
        return None
    marks: dict[SentenceRef, list[str]] = {
        ref: [PLAIN] * len(c.sentence(ref).text) for ref in claim.members
    }
    reference = claim.members[0]
    ref_text = c.sentence(reference).text
    # Every other member shows the words that differ from the reference sentence; the
    # reference shows the words that differ from any other member.
    for other in claim.members[1:]:
        text = c.sentence(other).text
        link = c.link_between(reference, other)
        if link is not None:
            side_ref, side_other = ("a", "b") if link.a == reference else ("b", "a")
            changes = link.changes
        else:
            side_ref, side_other = "a", "b"
            changes = word_changes(ref_text, text)
        _mark(marks[reference], changed_spans(ref_text, changes, side_ref), CHANGED)
        _mark(marks[other], changed_spans(text, changes, side_other), CHANGED)

    notes: list[ConflictNote] = []
    seen: set[tuple[str, str, str]] = set()
    for ref in claim.members:
        for link in _links_within(c, claim, ref):
            if link.a != ref:
                continue  # each link once, from its `a` side
            for conflict in link.conflicts:
                _mark_words(marks[link.a], c.sentence(link.a).text, conflict.a)
                _mark_words(marks[link.b], c.sentence(link.b).text, conflict.b)
                key = (conflict.cause, conflict.a.lower(), conflict.b.lower())
                if key in seen:
                    continue
                seen.add(key)
                notes.append(
                    ConflictNote(
                        CAUSES.get(conflict.cause, conflict.cause),
                        position[link.a.article],
                        conflict.a,
                        position[link.b.article],
                        conflict.b,
                    )
                )
    lines = tuple(
        ClaimLine(
            position[ref.article],
            ref.sentence,
            statuses[ref],
            _spans(c.sentence(ref).text, marks[ref]),
        )
        for ref in sorted(claim.members, key=lambda r: position[r.article])
    )
    carried = {position[r.article] for r in claim.members}
    worst = CONFLICTING if CONFLICTING in statuses.values() else REWORDED
    return ClaimDetail(
        claim=claim.id,
        status=worst,
        lines=lines,
        missing=tuple(i for i in range(len(c.articles)) if i not in carried),
        conflicts=tuple(notes),
    )


def _mark(marks: list[str], spans: Sequence[tuple[int, int]], mark: str) -> None:
    for start, end in spans:
        for i in range(start, min(end, len(marks))):
            if marks[i] != CONFLICT:
                marks[i] = mark


def _mark_words(marks: list[str], text: str, words: str) -> None:
    """Mark the conflict's words where they occur (case-insensitive, whole words)."""
    words = words.strip()
    if not words:
        return
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)", re.IGNORECASE)
    for m in pattern.finditer(text):
        for i in range(m.start(), m.end()):
            marks[i] = CONFLICT


def _snap_to_words(text: str, marks: list[str]) -> None:
    """Widen marks to whole space-separated chunks ("$4.2", "war.").

    A highlight that starts or ends inside a chunk splits it into two runs of text, and PDF
    text extraction then often reads a space between them ("war ." or "$ 4.2").
    """
    for m in re.finditer(r"\S+", text):
        chunk = marks[m.start() : m.end()]
        strongest = CONFLICT if CONFLICT in chunk else CHANGED if CHANGED in chunk else PLAIN
        if strongest != PLAIN:
            marks[m.start() : m.end()] = [strongest] * (m.end() - m.start())


def _spans(text: str, marks: list[str]) -> tuple[Span, ...]:
    _snap_to_words(text, marks)
    spans: list[Span] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[start]:
            spans.append(Span(text[start:i], marks[start]))
            start = i
    return tuple(spans)


def _full_texts(c: Comparison) -> tuple[FullText, ...]:
    out = []
    for i, a in enumerate(c.articles):
        paragraphs: list[list[FullSentence]] = []
        block = None
        for s in a.sentences:
            ref = SentenceRef(a.id, s.index)
            if block is None or s.block != block:
                paragraphs.append([])
                block = s.block
            paragraphs[-1].append(FullSentence(c.status(ref), c.claim_of(ref).id, s.text))
        out.append(FullText(i, tuple(tuple(p) for p in paragraphs)))
    return tuple(out)


def _method(c: Comparison, options: ReportOptions) -> Method:
    opts = c.options
    values = tuple((k, _format_value(v)) for k, v in opts.to_dict().items())
    return Method(
        options=values,
        scorer_description=SCORERS.get(opts.scorer, ""),
        generator=c.generator or f"parallax {__version__}",
        command=options.command or command_line(c, options.full_texts),
        manual_links=sum(1 for link in c.links if link.manual),
    )


def _format_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def command_line(c: Comparison, full_texts: bool = False) -> str:
    """The `parallax compare` invocation that reproduces this comparison's alignment."""
    defaults = AlignOptions()
    parts = ["parallax", "compare", *(a.source for a in c.articles)]
    parts += ["--threshold", f"{c.options.threshold:g}", "--scorer", c.options.scorer]
    if c.options.chain_margin != defaults.chain_margin:
        log.info("chain_margin %s is not a command-line option", c.options.chain_margin)
    if full_texts:
        parts.append("--full")
    return shlex.join(parts)


# -- framing (issue: framing profiles) --------------------------------------------------------


def framing_section(c: Comparison) -> FramingSection | None:
    """Per-outlet framing profiles, once `desktop.core.framing.analyse` exists; else None.

    This is the one hook for the framing analysis: the renderers print the section whenever it
    is not None, so nothing else changes when the analysis lands.
    """
    try:
        from desktop.core import framing
    except ImportError:
        return None
    analyse = getattr(framing, "analyse", None)
    if analyse is None:
        return None
    try:
        result = analyse(c)
    except Exception:  # a bug there must not cost the user the whole report
        log.exception("framing analysis failed; the report omits framing profiles")
        return None
    return _framing_from(result, c)


FRAMING_COLUMNS = (
    "Hedged",
    "Attributed",
    "Sources: named / anon. / outlet",
    "Quoted directly",
    "Figures",
    "Left out (claims most others carry)",
    "Word choices (this outlet ← others)",
)


def _framing_from(result: object, c: Comparison) -> FramingSection | None:
    """Flatten `framing.FramingReport` into a table; read by attribute, so additions are free."""
    profiles = {getattr(p, "article", None): p for p in getattr(result, "outlets", ())}
    if not profiles:
        return None
    labels = {a.id: a.label for a in c.articles}
    rows = []
    for a in c.articles:
        p = profiles.get(a.id)
        if p is None:
            rows.append(("",) * len(FRAMING_COLUMNS))
            continue
        sources = getattr(p, "sources", {}) or {}
        quoted = getattr(p, "quoted", {}) or {}
        choices: list[Any] = list(
            getattr(p, "consistent_word_choices", None) or getattr(p, "word_choices", None) or ()
        )
        rows.append(
            (
                f"{100 * getattr(p, 'hedged_share', 0.0):.0f}%",
                f"{100 * getattr(p, 'attributed_share', 0.0):.0f}%",
                " / ".join(str(sources.get(k, 0)) for k in ("named", "anonymous", "outlet")),
                ", ".join(
                    f"{who} ({n})" for who, n in sorted(quoted.items(), key=lambda kv: -kv[1])
                )
                or "—",
                ", ".join(getattr(p, "figures", ())) or "—",
                ", ".join(f"#{i}" for i in getattr(p, "blindspots", ())) or "—",
                "; ".join(
                    f"“{w.ours}” ← “{w.theirs}” ({labels.get(w.other, w.other)})"
                    for w in choices[:5]
                )
                or "—",
            )
        )
    notes = []
    for claim in getattr(result, "claims", ()):
        buried = getattr(claim, "buried_in", ())
        if buried:
            names = ", ".join(labels.get(x, x) for x in buried)
            notes.append(
                f"Claim {claim.claim}: another outlet leads with it; {names} "
                "put it in the lower half."
            )
    notes.insert(
        0,
        "Hedged: share of sentences softened in the outlet's own voice (quotations excluded). "
        "Attributed: share that name who says so. Left out: claims most other outlets carry.",
    )
    return FramingSection(FRAMING_COLUMNS, tuple(rows), tuple(notes))

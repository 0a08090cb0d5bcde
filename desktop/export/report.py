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
from collections import Counter
from collections.abc import Collection, Sequence
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
from desktop.core.errors import Cancelled, ExportError
from desktop.core.options import (
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)
from desktop.core.symbols import STATUS_COLOURS, STATUS_SYMBOLS, STATUS_WORDS, VERDICT_RANK
from desktop.core.verdicts import MERGED, ClaimVerdict, Orphan, verdict_word
from desktop.core.wording import and_list
from desktop.export.coverage import MAIN_CLAIMS, CoverageChart, coverage_chart
from desktop.export.findings import Findings, key_findings
from desktop.export.framing_table import FramingSection, framing_section
from desktop.export.fulltext import AlignedRow, aligned_rows
from desktop.export.method import (
    PAPERS,
    Method,
    build_method,
    default_paper,
)

log = logging.getLogger(__name__)

MISSING = "missing"
"""Matrix cell of an outlet that does not carry a claim."""

CELL_STATUSES = (SHARED, REWORDED, CONFLICTING, MISSING, UNIQUE)

#: A non-colour cue for every status, so the report reads in greyscale and for colour-blind
#: readers: the window's own set (core/symbols.py), in legend order.
SYMBOLS: dict[str, str] = {
    s: STATUS_SYMBOLS[s] for s in (SHARED, REWORDED, CONFLICTING, MISSING, UNIQUE)
}

#: Okabe–Ito colours (DESIGN §5), each always paired with a symbol or a text style.
COLOURS: dict[str, str] = dict(STATUS_COLOURS)

#: Light tints behind highlighted words (the text itself stays black for contrast).
TINTS: dict[str, str] = {"changed": "#D6EEFB", "conflict": "#F9D9C6"}

LABELS: dict[str, str] = dict(STATUS_WORDS)

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


SUMMARY_IN_COMMAND = 80
"""Longer summaries appear in the reproducing command as `--summary-file SUMMARY_FILE`."""
SUMMARY_FILE = "summary.txt"


@dataclass(frozen=True)
class ReportOptions:
    """What the person exporting chooses; everything else comes from the comparison."""

    title: str = ""
    """The report's title; "" uses `workspace`, else names the outlets compared."""
    workspace: str = ""
    """The workspace's name (the event, as the user named it): the default title."""
    summary: str = ""
    """The user's own summary paragraph, printed first (blank lines separate paragraphs)."""
    full_texts: bool = False
    """Also print every article in full, aligned by claim (the default is differences only)."""
    claims: tuple[int, ...] | None = None
    """Only these claims (the window's filtered or selected ones); None is every claim."""
    scope: str = ""
    """How `claims` were chosen, in a few words ("selected in the window", "conflicts only")."""
    paper: str = ""
    """"a4" or "letter"; "" follows the locale (`method.default_paper`)."""
    command: str = ""
    """The command line that reproduces the report; "" builds one from the comparison."""
    output: tuple[str, ...] = ()
    """The command-line options naming the output ("--pdf", "report.pdf"): set by `export`."""
    metadata_edits: tuple[str, ...] = ()
    """Edits made in the window that a command cannot repeat (`method.metadata_edits`)."""
    today: date | None = None
    """The report's date; None is today (tests pin it)."""

    def __post_init__(self) -> None:
        if self.paper and self.paper not in PAPERS:
            raise ValueError(f"unknown paper size {self.paper!r}; choose one of: a4, letter")
        if self.claims is not None:
            object.__setattr__(self, "claims", tuple(sorted(set(self.claims))))

    def report_args(self) -> list[str]:
        """The `parallax compare` options that ask for this report (for the method note)."""
        args: list[str] = []
        if self.title:
            args += ["--title", self.title]
        if self.summary:
            # A long summary would bury the command: it is printed on the first page anyway.
            short = len(self.summary) <= SUMMARY_IN_COMMAND and "\n" not in self.summary
            args += ["--summary", self.summary] if short else ["--summary-file", SUMMARY_FILE]
        if self.claims is not None:
            args += ["--claims", ",".join(map(str, self.claims))]
        if self.paper:
            args += ["--paper", self.paper]
        if self.full_texts:
            args.append("--full")
        return [*args, *self.output]


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
    reference: bool = False
    """The sentence the others' highlighted words differ from (the claim's first member)."""

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
class VerdictRow:
    """A verdict or note as the report lists it."""

    verdict: str
    note: str
    what: str
    """"Claim 7", or "Link: Politico 5 ↔ Moscow Ledger 9"."""
    text: str
    claim: int | None = None
    """The claim it is on (or the link is in); None for a verdict that no longer attaches."""
    reason: str = ""
    """Why it no longer attaches (orphans only)."""

    @property
    def word(self) -> str:
        return verdict_word(self.verdict) if self.verdict else "note"


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
    full_texts: tuple[AlignedRow, ...] | None = None
    """Every claim as a row with each outlet's sentence (`fulltext.aligned_rows`)."""
    framing: FramingSection | None = None
    claims_total: int = 0
    links_total: int = 0
    summary: str = ""
    findings: Findings | None = None
    verdicts: tuple[VerdictRow, ...] = ()
    orphans: tuple[VerdictRow, ...] = ()
    chart: CoverageChart | None = None
    scope: str = ""
    """"" for every claim, else what the report covers ("12 of 80 claims: selected …")."""
    paper: str = "a4"
    claim_verdicts: dict[int, ClaimVerdict] = field(default_factory=dict, compare=False)
    """Claim id → its verdict, for marking claims in the matrix and the details."""
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
    """Work out the whole report; reports progress in [0, 1] and raises `Cancelled` on request.

    Raises `ExportError` when `options.claims` names a claim the comparison does not have.
    """
    options = options or ReportOptions()
    c = comparison
    scope = _scope(c, options.claims)
    position = {a.id: i for i, a in enumerate(c.articles)}
    progress(0.0, "Summarising outlets")
    shorts = _shorts(c)
    outlets = tuple(_outlet(c, a.id, short) for a, short in zip(c.articles, shorts, strict=True))
    agreement = _agreement(c, position)

    matrix: list[MatrixRow] = []
    details: list[ClaimDetail] = []
    n_claims = max(len(c.claims), 1)
    for k, claim in enumerate(c.claims):
        if k % 50 == 0:
            if cancelled():
                raise Cancelled()
            progress(0.1 + 0.6 * k / n_claims, "Comparing claims")
        if len(claim.members) < 2 or (scope is not None and claim.id not in scope):
            continue
        matrix.append(_matrix_row(c, claim, position))
        detail = _detail(c, claim, position)
        if detail is not None:
            details.append(detail)
    details.sort(key=lambda d: (d.status != CONFLICTING, d.claim))

    progress(0.75, "Listing what each outlet alone reports")
    only = tuple(
        OutletOnly(
            i,
            tuple(
                (ref.sentence, c.sentence(ref).text)
                for ref in c.refs(a.id)
                # Datelines and section headings say where and how, not what: not facts.
                if len(c.claim_of(ref).members) == 1
                and c.sentence(ref).kind not in ("dateline", "heading")
                and (scope is None or c.claim_of(ref).id in scope)
            ),
        )
        for i, a in enumerate(c.articles)
    )
    progress(0.8, "Key findings")
    findings = key_findings(c, details, scope)
    statuses = {row.claim: row.cells for row in matrix}
    chart = coverage_chart(c, statuses, tuple(shorts), scope)
    verdicts, orphans = _verdict_rows(c, scope)
    full = aligned_rows(c) if options.full_texts else None
    if cancelled():
        raise Cancelled()
    report = Report(
        title=options.title.strip() or default_title(c, options.workspace),
        created=(options.today or date.today()).isoformat(),
        version=__version__,
        outlets=outlets,
        agreement=agreement,
        matrix=tuple(matrix),
        single_claims=sum(
            1
            for claim in c.fact_claims
            if len(claim.members) == 1 and (scope is None or claim.id in scope)
        ),
        details=tuple(details),
        outlet_only=only,
        method=build_method(c, options.command, options.report_args(), options.metadata_edits),
        full_texts=full,
        framing=framing_section(c),
        claims_total=len(c.fact_claims),
        links_total=len(c.links),
        summary=options.summary.strip(),
        findings=findings,
        verdicts=verdicts,
        orphans=orphans,
        chart=chart,
        scope=_scope_note(c, scope, options.scope),
        paper=options.paper or default_paper(),
        claim_verdicts=dict(c.attached_verdicts.claims),
    )
    progress(1.0, "Report ready")
    return report


def coverage_of(
    comparison: Comparison, claim_ids: Collection[int] | None = None, limit: int = MAIN_CLAIMS
) -> CoverageChart:
    """The coverage chart alone, with the claims matrix's statuses, for the window's claims view
    (which draws it with `pdf_layout.paint_chart(layout_chart(chart, width))`)."""
    c = comparison
    position = {a.id: i for i, a in enumerate(c.articles)}
    statuses = {
        cl.id: _matrix_row(c, cl, position).cells
        for cl in c.multi_claims
        if claim_ids is None or cl.id in claim_ids
    }
    return coverage_chart(c, statuses, tuple(_shorts(c)), claim_ids, limit)


def _scope(c: Comparison, claims: tuple[int, ...] | None) -> frozenset[int] | None:
    if claims is None:
        return None
    known = {cl.id for cl in c.claims}
    unknown = [k for k in claims if k not in known]
    if unknown:
        listed = ", ".join(map(str, unknown[:5]))
        raise ExportError(
            f"no claim {listed} in this comparison (its claims are numbered 1 to {max(known)}, "
            "as in the window, the JSON and a full report)"
        )
    return frozenset(claims)


def _scope_note(c: Comparison, scope: frozenset[int] | None, how: str) -> str:
    if scope is None:
        return ""
    chosen = f" ({how.strip()})" if how.strip() else ""
    return (
        f"This report covers {len(scope)} of the {len(c.fact_claims)} claims{chosen}. The "
        "articles, the per-outlet summary, the agreement table and the framing profiles "
        "describe the whole comparison."
    )


def default_title(c: Comparison, workspace: str = "") -> str:
    """The workspace's name; without one, the outlets compared (never one outlet's headline,
    which would misname a comparison of several)."""
    if workspace.strip():
        return workspace.strip()
    labels = [a.label for a in c.articles]
    if len(labels) <= 3:
        names = and_list(labels)
    else:
        names = ", ".join(labels[:3]) + f" and {len(labels) - 3} more"
    return f"{len(labels)} outlets compared: {names}"


def _verdict_rows(
    c: Comparison, scope: frozenset[int] | None
) -> tuple[tuple[VerdictRow, ...], tuple[VerdictRow, ...]]:
    """Verdicts in scope (claims first, most pressing verdict first) and, for a report of every
    claim, the ones that no longer attach to anything."""
    attached = c.attached_verdicts
    claims = {cl.id: cl for cl in c.claims}
    rows: list[VerdictRow] = []
    for claim_id, v in attached.claims.items():
        if scope is None or claim_id in scope:
            text = c.sentence(claims[claim_id].members[0]).text
            rows.append(VerdictRow(v.verdict, v.note, f"Claim {claim_id}", text, claim_id))
    for (x, y), lv in attached.links.items():
        claim_id = c.claim_of(x).id
        if scope is None or claim_id in scope:
            what = f"Link: {_sentence_name(c, x)} ↔ {_sentence_name(c, y)}"
            text = f"{c.sentence(x).text} ↔ {c.sentence(y).text}"
            rows.append(VerdictRow(lv.verdict, lv.note, what, text, claim_id))
    rank = {v: i for i, v in enumerate(VERDICT_RANK)}
    rows.sort(
        key=lambda r: (rank.get(r.verdict, len(rank)), r.what.startswith("Link"), r.claim or 0)
    )
    orphans: list[VerdictRow] = []
    if scope is None:
        for orphan in attached.orphans:
            gone = orphan.verdict
            what = "Claim" if isinstance(gone, ClaimVerdict) else "Link"
            orphans.append(
                VerdictRow(gone.verdict, gone.note, what, gone.text, None, orphan_reason(orphan))
            )
    return tuple(rows), tuple(orphans)


def orphan_reason(orphan: Orphan) -> str:
    """Why a verdict no longer attaches, in words (the reports' and the window's)."""
    if orphan.reason == MERGED:
        return "its claim merged with one that has its own verdict"
    if isinstance(orphan.verdict, ClaimVerdict):
        return "no claim holds most of its sentences now"
    return "the two sentences are no longer linked"


def _sentence_name(c: Comparison, ref: SentenceRef) -> str:
    return f"{c.article(ref.article).label} {ref.sentence + 1}"


def _outlet(c: Comparison, article_id: str, short: str) -> Outlet:
    a = c.article(article_id)
    return Outlet(
        id=a.id,
        label=a.label,
        short=short,
        title=a.title,
        published=a.published,
        author=a.author,
        source=a.url or "local file",
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
        if claim.conflicts_of(ref):
            return CONFLICTING
        # Grouped with the claim without a direct link (the matcher pairs one-to-one): compare
        # the words themselves rather than guess.
        others = [c.sentence(m).text for m in claim.members if m != ref]
        text = c.sentence(ref).text
        return SHARED if all(is_identical(text, o) for o in others) else REWORDED
    relations = {link.relation for link in links}
    if CONFLICTING in relations or claim.conflicts_of(ref):
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

    # Conflicting links (each once, from its `a` side), then figures that disagree without a
    # conflicting link between them (`claim.conflicts`).
    pairs = [
        (link.a, link.b, link.conflicts)
        for ref in claim.members
        for link in _links_within(c, claim, ref)
        if link.a == ref
    ] + [(mc.a, mc.b, mc.conflicts) for mc in claim.conflicts]
    notes: list[ConflictNote] = []
    seen: set[tuple[str, str, str]] = set()
    for a, b, conflicts in pairs:
        for conflict in conflicts:
            _mark_words(marks[a], c.sentence(a).text, conflict.a)
            _mark_words(marks[b], c.sentence(b).text, conflict.b)
            key = (conflict.cause, conflict.a.lower(), conflict.b.lower())
            if key in seen:
                continue
            seen.add(key)
            cause = CAUSES.get(conflict.cause, conflict.cause)
            notes.append(
                ConflictNote(
                    cause, position[a.article], conflict.a, position[b.article], conflict.b
                )
            )
    lines = tuple(
        ClaimLine(
            position[ref.article],
            ref.sentence,
            statuses[ref],
            _spans(c.sentence(ref).text, marks[ref]),
            ref == reference,
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

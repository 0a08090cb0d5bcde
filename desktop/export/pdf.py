"""The report as PDF: what goes on the pages, in reading order (the layout is pdf_layout.py).

The first page is for a busy editor: the user's summary, the key findings, the verdicts. Then
the coverage chart, the articles and their summary, the claims matrix, every claim that differs
with its sentences side by side, what each outlet alone reports, the framing profiles, the full
texts aligned by claim (on request) and the method note with its caveats and the command that
reproduces the report. A4 or US Letter; portrait up to three outlets, landscape beyond.

Only this module and pdf_layout.py under `desktop/export` import Qt, so `parallax compare
--pdf` works headless: the CLI selects the offscreen platform before the first import, and a
`QGuiApplication` is created if the process has none.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop.core.errors import Cancelled, ExportError
from desktop.core.options import (
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)
from desktop.core.symbols import verdict_colour, verdict_symbol
from desktop.export.coverage import layout_chart
from desktop.export.findings import Findings
from desktop.export.fulltext import arrange
from desktop.export.pdf_layout import (
    DPI,
    MONO,
    PORTRAIT_MAX_OUTLETS,
    PT,
    Block,
    Cell,
    Context,
    Flow,
    TextCell,
    base_font,
    e,
    ensure_app,
    footer,
    paginate,
)
from desktop.export.report import (
    CHANGED,
    COLOURS,
    CONFLICT,
    CONFLICTING,
    LABELS,
    SYMBOLS,
    TINTS,
    UNIQUE,
    ClaimDetail,
    Report,
    Span,
    VerdictRow,
)

log = logging.getLogger(__name__)

__all__ = ["ensure_app", "render_pdf"]

#: Outlet, then `report.FRAMING_COLUMNS`: word choices and quotes need the room.
FRAMING_WIDTHS = (0.11, 0.08, 0.11, 0.10, 0.14, 0.15, 0.11, 0.20)
CONFLICTS_ON_FIRST_PAGE = 6
PAPER_IDS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


# -- markup ------------------------------------------------------------------------------------


def _symbol(status: str, word: bool = False) -> str:
    text = SYMBOLS[status] + (f" {LABELS[status]}" if word else "")
    return f'<span style="color:{COLOURS[status]}; font-weight:bold">{e(text)}</span>'


def _verdict(verdict: str, word: str) -> str:
    text = f"{verdict_symbol(verdict)} {word}" if verdict else "✎ note"
    return f'<span style="color:{verdict_colour(verdict)}; font-weight:bold">{e(text)}</span>'


def _spans(spans: Sequence[Span]) -> str:
    out = []
    for s in spans:
        if s.mark == CONFLICT:
            out.append(
                f'<span style="background-color:{TINTS["conflict"]}; font-weight:bold; '
                f'text-decoration:underline">{e(s.text)}</span>'
            )
        elif s.mark == CHANGED:
            out.append(
                f'<span style="background-color:{TINTS["changed"]}; '
                f'text-decoration:underline">{e(s.text)}</span>'
            )
        else:
            out.append(e(s.text))
    return "".join(out)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _short(text: str, limit: int = 150) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


# -- the pages ---------------------------------------------------------------------------------


def _build_flow(ctx: Context, r: Report, cancelled: CancelledCallback) -> list[Block]:
    f = Flow(ctx, cancelled)
    short = len(r.outlets) > PORTRAIT_MAX_OUTLETS
    _first_page(f, r)
    _chart(f, r)
    _articles(f, r, short)
    _matrix(f, r, short)
    _details(f, r)
    _outlet_only(f, r)
    _framing(f, r)
    if r.full_texts is not None:
        _full_texts(f, r)
    _method(f, r)
    return f.blocks


def _first_page(f: Flow, r: Report) -> None:
    n = len(r.outlets)
    f.paragraph(e(r.title), size=17.0, bold=True)
    f.paragraph(
        f"Parallax report of {e(r.created)} · Parallax {e(r.version)} · {n} articles, "
        f"{r.claims_total} claims, {r.links_total} links",
        size=9.0,
        space=2 * PT,
    )
    if r.scope:
        f.paragraph(f"<i>{e(r.scope)}</i>", size=8.5, space=2 * PT)
    if r.summary:
        f.heading("Summary")
        for paragraph in _paragraphs(r.summary):
            f.paragraph(e(paragraph), size=10.0, space=2 * PT)
    if r.findings is not None:
        _findings(f, r, r.findings)
    _verdicts(f, r)


def _findings(f: Flow, r: Report, k: Findings) -> None:
    ctx = f.ctx
    label = [o.label for o in r.outlets]
    f.heading("Key findings")
    f.paragraph(e(k.overview), size=9.5)
    if k.conflicts:
        f.heading("Conflicts", 2)
        for finding in k.conflicts[:CONFLICTS_ON_FIRST_PAGE]:
            sides = "; ".join(
                f"{e(n.cause)}: “<b>{e(n.words_a or '(none)')}</b>” ({e(label[n.outlet_a])}) vs "
                f"“<b>{e(n.words_b or '(none)')}</b>” ({e(label[n.outlet_b])})"
                for n in finding.notes[:3]
            )
            more = f" and {len(finding.notes) - 3} more" if len(finding.notes) > 3 else ""
            f.paragraph(
                f"{_symbol(CONFLICTING)} <b>Claim {finding.claim}</b> "
                f"({finding.carriers} outlets) — “{e(_short(finding.text, 110))}” — {sides}{more}",
                size=8.5,
                space=1.5 * PT,
            )
        rest = len(k.conflicts) - CONFLICTS_ON_FIRST_PAGE
        if rest > 0:
            f.paragraph(f"… and {rest} more under “Conflicts”.", size=8.5)
    omitted = [o for o in k.omissions if o.claims]
    if omitted:
        f.heading("Left out: claims most outlets carry and one does not", 2)
        f.table(
            [0.2, 0.08, 0.72],
            ["Outlet", "Left out", "The most widely carried of them (outlets carrying it)"],
            [
                [
                    e(label[o.outlet]),
                    str(len(o.claims)),
                    "<br>".join(
                        f"<b>{cid}</b> ({carried} of {len(r.outlets) - 1}): {e(_short(text, 110))}"
                        for cid, carried, text in o.claims[:1]
                    ),
                ]
                for o in omitted
            ],
            font=ctx.small,
        )
    if k.placements:
        f.heading("Where each outlet placed the main claims", 2)
        names = [o.short for o in r.outlets] if len(r.outlets) > PORTRAIT_MAX_OUTLETS else label
        words = ("headline or lead", "upper half", "lower half", "not carried")
        f.table(
            [0.36, 0.16, 0.16, 0.16, 0.16],
            ["Claim", *(e(w.capitalize()) for w in words)],
            [
                [
                    f"<b>{p.claim}</b> {e(_short(p.text, 75))}",
                    *(
                        e(", ".join(names[i] for i in dict(p.groups).get(w, ())) or "—")
                        for w in words
                    ),
                ]
                for p in k.placements
            ],
            font=ctx.small,
        )
        if len(r.outlets) > PORTRAIT_MAX_OUTLETS:
            f.blocks[-1].keep_with_next = True
            f.paragraph(_key(r), size=7.5, space=1 * PT)
    anonymous = [(label[i], n) for i, n in k.anonymous if n]
    f.heading("Anonymous sources", 2)
    if anonymous:
        none = len(k.anonymous) - len(anonymous)
        f.paragraph(
            "Sentences crediting a source the outlet does not name: "
            + ", ".join(f"{e(name)} {n}" for name, n in anonymous)
            + (f"; none in the other {none}." if none else "."),
            size=8.5,
        )
    else:
        f.paragraph("No outlet credits a source it does not name.", size=8.5)


def _verdicts(f: Flow, r: Report) -> None:
    f.heading(f"Verdicts ({len(r.verdicts)})")
    if not r.verdicts:
        f.paragraph("No verdicts or notes have been given on these claims.", size=9.0)
    else:
        f.table([0.14, 0.12, 0.44, 0.30], ["Verdict", "On", "Claim", "Note"],
                [_verdict_row(v) for v in r.verdicts], font=f.ctx.small)  # fmt: skip
    if r.orphans:
        f.heading(f"Verdicts that no longer attach ({len(r.orphans)})", 2)
        f.paragraph(
            "After re-alignment the claim or link these were given on no longer exists. They "
            "are kept in the workspace until deleted.",
            size=8.0,
            keep=True,
        )
        f.table(
            [0.14, 0.12, 0.44, 0.30],
            ["Verdict", "On", "Text it was given on", "Note (why it no longer attaches)"],
            [[*_verdict_row(v)[:3], f"{e(v.note)} <i>({e(v.reason)})</i>"] for v in r.orphans],
            font=f.ctx.small,
        )


def _verdict_row(v: VerdictRow) -> list[str | Cell]:
    return [_verdict(v.verdict, v.word), e(v.what), e(_short(v.text, 140)), e(v.note)]


def _chart(f: Flow, r: Report) -> None:
    chart = r.chart
    if chart is None or chart.empty:
        return
    # No page break: when the editor's part runs onto a second page, the chart fills it
    # instead of leaving it nearly blank (the chart is one block, moved whole if it must).
    f.heading("Coverage of the main claims", 1)
    shown = len(chart.claims)
    f.paragraph(
        f"The {shown} claims carried by the most outlets"
        + (f" (of {chart.shared_claims} carried by two or more)" if chart.shared_claims > shown
           else "")
        + "; each column is an outlet.",
        size=8.0,
        keep=True,
    )  # fmt: skip
    size = 8.5 if len(r.outlets) <= 8 else 7.0
    f.chart(layout_chart(chart, f.ctx.content_width / PT, size), space=2 * PT)
    if len(r.outlets) > PORTRAIT_MAX_OUTLETS:
        f.paragraph(_key(r), size=8.0, space=3 * PT)


def _key(r: Report) -> str:
    return "Key: " + " &nbsp; ".join(
        f"<b>{e(o.short)}</b>&nbsp;{e(o.label).replace(' ', '&nbsp;')}" for o in r.outlets
    )


def _legend() -> str:
    legend = " &nbsp; ".join(_symbol(s, True) for s in SYMBOLS)
    return legend + (
        f' &nbsp; <span style="background-color:{TINTS["changed"]}; text-decoration:underline">'
        "underlined</span>: words that differ from the outlet marked ▸ &nbsp; "
        f'<span style="background-color:{TINTS["conflict"]}; font-weight:bold; '
        'text-decoration:underline">bold underlined</span>: the words in conflict'
    )


def _articles(f: Flow, r: Report, short: bool) -> None:
    ctx = f.ctx
    n = len(r.outlets)
    heads = [e(o.short if short else o.label) for o in r.outlets]
    f.page_break()
    f.heading("Articles")
    f.table(
        [0.18, 0.32, 0.12, 0.16, 0.22],
        ["Outlet", "Title", "Date", "Author", "Source"],
        [[e(o.label), e(o.title), e(o.published), e(o.author), e(o.source)] for o in r.outlets],
        font=ctx.small,
    )
    f.paragraph(_legend(), size=8.0, space=4 * PT)
    f.heading("Per outlet")
    statuses = ("shared", "reworded", "conflicting", "unique")
    f.table(
        [0.24, 0.11, 0.12, 0.12, 0.12, 0.12, 0.17],
        ["Outlet", "Sentences", *(_symbol(s, True) for s in statuses), "Carried elsewhere"],
        [
            [
                e(o.label),
                str(o.sentences),
                *(str(o.counts[s]) for s in statuses),
                _pct(o.carried_elsewhere),
            ]
            for o in r.outlets
        ],
        font=ctx.small,
    )
    f.heading("Agreement between outlets", 2)
    f.paragraph(
        "Share of the row outlet's sentences that the column outlet also carries.",
        size=8.0,
        keep=True,
    )
    per = min(0.78 / n, 0.12)
    f.table(
        [0.22] + [per] * n,
        ["", *heads],
        [
            [e(o.label), *(TextCell(ctx, _pct(v), ctx.small) for v in row)]
            for o, row in zip(r.outlets, r.agreement, strict=True)
        ],
        font=ctx.small,
        stripes=True,
    )
    if short:
        f.paragraph(_key(r), size=8.0)


def _matrix(f: Flow, r: Report, short: bool) -> None:
    ctx = f.ctx
    n = len(r.outlets)
    heads = [e(o.short if short else o.label) for o in r.outlets]
    f.heading("Claims matrix")
    f.paragraph(
        f"{len(r.matrix)} claims carried by two or more outlets; {r.single_claims} more are "
        "carried by one outlet only (see “What each outlet alone reports”). A verdict follows "
        "the claim's number.",
        size=8.0,
        keep=True,
    )
    if short:
        f.paragraph(_key(r), size=8.0, keep=True)
    per = min(0.45 / n, 0.14)
    words = n <= 4
    f.table(
        [0.07, 0.93 - per * n] + [per] * n,
        ["#", "Claim", *heads],
        [
            [
                _claim_number(r, row.claim),
                e(row.text),
                *(
                    TextCell(
                        ctx,
                        SYMBOLS[s] + (f" {LABELS[s]}" if words else ""),
                        ctx.small_bold,
                        COLOURS[s],
                    )
                    for s in row.cells
                ),
            ]
            for row in r.matrix
        ],
        font=ctx.small,
        stripes=True,
    )


def _claim_number(r: Report, claim: int) -> str:
    v = r.claim_verdicts.get(claim)
    mark = ""
    if v is not None and v.verdict:
        mark = (
            f' <span style="color:{verdict_colour(v.verdict)}; font-weight:bold">'
            f"{e(verdict_symbol(v.verdict))}</span>"
        )
    return f"{claim}{mark}"


def _details(f: Flow, r: Report) -> None:
    f.heading(f"Conflicts ({len(r.conflicts)})")
    if not r.conflicts:
        f.paragraph(
            "No linked sentences disagree on numbers, dates, negation or certainty.", size=9.0
        )
    for d in r.conflicts:
        _detail(f, r, d)
    f.heading(f"Rewordings ({len(r.rewordings)})")
    if not r.rewordings:
        f.paragraph("Every claim carried by several outlets uses the same words.", size=9.0)
    for d in r.rewordings:
        _detail(f, r, d)


def _detail(f: Flow, r: Report, d: ClaimDetail) -> None:
    verdict = ""
    v = r.claim_verdicts.get(d.claim)
    if v is not None:
        from desktop.core.verdicts import verdict_word

        word = verdict_word(v.verdict) if v.verdict else "note"
        verdict = f" · {_verdict(v.verdict, word)}" + (f": {e(v.note)}" if v.note else "")
    f.paragraph(
        f"Claim {d.claim} · {_symbol(d.status, True)} · carried by {len(d.lines)} of "
        f"{len(r.outlets)} outlets{verdict}",
        size=9.5,
        bold=True,
        keep=True,
        space=5 * PT,
    )
    rows: list[list[str | Cell]] = [
        [
            f"{_symbol(line.status)} {e(r.outlets[line.outlet].label)}"
            + (" <b>▸</b>" if line.reference else ""),
            _spans(line.spans),
        ]
        for line in d.lines
    ]
    for note in d.conflicts:
        rows.append(
            [
                f"{_symbol(CONFLICTING)} Conflict",
                f"{e(note.cause)}: “{e(note.words_a or '(none)')}” "
                f"({e(r.outlets[note.outlet_a].label)}) vs “{e(note.words_b or '(none)')}” "
                f"({e(r.outlets[note.outlet_b].label)})",
            ]
        )
    if d.missing:
        names = ", ".join(r.outlets[i].label for i in d.missing)
        rows.append([f"{_symbol('missing')} Not reported", e(names)])
    first = len(f.blocks)
    f.table([0.22, 0.78], None, rows)
    # Keep a claim on one page when it fits on one (the paginator caps what it keeps together).
    for block in f.blocks[first:-1]:
        block.keep_with_next = True


def _outlet_only(f: Flow, r: Report) -> None:
    ctx = f.ctx
    f.heading("What each outlet alone reports")
    for only in r.outlet_only:
        f.heading(f"{r.outlets[only.outlet].label} ({len(only.sentences)})", 2)
        if not only.sentences:
            f.paragraph("Nothing: every sentence is carried by another outlet.", size=9.0)
            continue
        f.table(
            [0.06, 0.94],
            None,
            [[TextCell(ctx, str(i + 1), ctx.small), f"{_symbol(UNIQUE)} {e(text)}"]
             for i, text in only.sentences],
        )  # fmt: skip


def _framing(f: Flow, r: Report) -> None:
    f.heading("Framing profiles")
    if r.framing is None:
        f.paragraph("Framing analysis is not available in this version.", size=9.0)
        return
    cols = len(r.framing.columns)
    fractions = [0.25] + [0.75 / max(cols, 1)] * cols
    if cols == len(FRAMING_WIDTHS) - 1:
        fractions = list(FRAMING_WIDTHS)
    notes = list(r.framing.notes)
    if notes:
        f.paragraph(e(notes.pop(0)), size=8.0, keep=True)
    f.table(
        fractions,
        ["Outlet", *(e(c) for c in r.framing.columns)],
        [
            [e(o.label), *(e(v) for v in row)]
            for o, row in zip(r.outlets, r.framing.rows, strict=False)
        ],
        font=f.ctx.small,
    )
    if notes:
        # The notes read with the table: never alone at the top of the next page.
        f.blocks[-1].keep_with_next = True
        f.paragraph("<br>".join(e(n) for n in notes), size=8.0, space=2 * PT)


def _groups(n: int, most: int) -> list[range]:
    """`n` outlets in as few tables of at most `most` columns as possible, evenly filled."""
    count = -(-n // most)
    size = -(-n // count)
    return [range(start, min(start + size, n)) for start in range(0, n, size)]


def _full_texts(f: Flow, r: Report) -> None:
    assert r.full_texts is not None
    ctx = f.ctx
    f.page_break()
    f.heading("Articles in full, aligned by claim")
    f.paragraph(
        "Each row is one claim: every outlet's sentence for it side by side, numbered as in "
        "its article. The first outlet reads in its own order; a number out of sequence in "
        "another column is a fact that outlet placed elsewhere.",
        size=8.0,
        keep=True,
    )
    groups = _groups(len(r.outlets), 4 if ctx.landscape else 3)
    for number, group in enumerate(groups):
        if number:
            f.page_break()
            f.heading(
                f"Articles in full, outlets {group.start + 1}–{group.stop} of {len(r.outlets)}", 2
            )
        rows = arrange(r.full_texts, group)
        width = 0.94 / len(group)
        table: list[list[str | Cell]] = []
        for row in rows:
            cells: list[str | Cell] = [TextCell(ctx, str(row.claim), ctx.small)]
            for i in group:
                cell = row.cells[i]
                if cell is None:
                    cells.append("")
                    continue
                text = f"<i>{e(cell.text)}</i>" if cell.status == UNIQUE else e(cell.text)
                cells.append(
                    f'<span style="color:#777777">{cell.sentence + 1}</span> '
                    f"{_symbol(cell.status)} {text}"
                )
            table.append(cells)
        f.table(
            [0.06] + [width] * len(group),
            ["#", *(e(r.outlets[i].label) for i in group)],
            table,
            font=ctx.small,
        )


def _method(f: Flow, r: Report) -> None:
    m = r.method
    f.heading("Method")
    f.paragraph(e(m.intro), size=8.5, keep=True)
    f.table(
        [0.18, 0.82],
        None,
        [[f"<b>{e(term)}</b>", e(meaning)] for term, meaning in m.definitions],
        font=f.ctx.small,
    )
    f.heading("What matching can and cannot see", 2)
    for caveat in m.caveats:
        f.paragraph("• " + e(caveat), size=8.5, space=1 * PT)
    f.heading("Settings and the command that reproduces this report", 2)
    f.table(
        [0.2, 0.8],
        None,
        [
            *([e(k), e(v)] for k, v in m.options),
            ["scorer method", e(m.scorer_description)],
            ["generator", e(m.generator)],
        ],
        font=f.ctx.small,
    )
    where = (
        f"in the folder that holds the articles (“{e(m.folder)}”)"
        if m.folder
        else "in the folder it was first run from"
    )
    f.blocks[-1].keep_with_next = True  # the settings read with the command
    f.paragraph(f"Run {where}:", size=8.5, keep=True, space=4 * PT)
    f.paragraph(
        f'<p style="white-space:pre-wrap; margin:0">{e(m.command_lines)}</p>',
        font=base_font(8.0, MONO),
    )
    for note in m.notes:
        f.paragraph("• " + e(note), size=8.5, space=1 * PT)


# -- the document ------------------------------------------------------------------------------


def render_pdf(
    report: Report,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
) -> bytes:
    """The report as PDF bytes (the caller writes them atomically)."""
    ensure_app()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    landscape = len(report.outlets) > PORTRAIT_MAX_OUTLETS
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    size = QPageSize(PAPER_IDS.get(report.paper, QPageSize.PageSizeId.A4))
    writer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(report.title)
    writer.setCreator(f"Parallax {report.version}")
    ctx = Context(writer, landscape, len(report.outlets))

    progress(0.0, "Laying out the PDF")
    blocks = _build_flow(ctx, report, cancelled)
    progress(0.5, "Paginating")
    pages = paginate(ctx, blocks)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("The PDF could not be started (Qt refused to paint).")
    try:
        for number, placements in enumerate(pages, start=1):
            if cancelled():
                raise Cancelled()
            if number > 1:
                writer.newPage()
            for p in placements:
                p.block.draw(painter, ctx.left, p.y, p.offset, p.visible)
            footer(ctx, painter, report.title, number, len(pages))
            progress(0.5 + 0.5 * number / len(pages), f"Page {number} of {len(pages)}")
    finally:
        painter.end()
    data = bytes(buffer.data().data())
    buffer.close()
    log.info("PDF: %d pages, %d bytes", len(pages), len(data))
    return data

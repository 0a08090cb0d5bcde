"""The report as one self-contained HTML file: open it anywhere, mail it, archive it.

Self-contained means inline CSS, no scripts and no remote resources, so the file shows the same
offline and years later and cannot phone home. Every piece of article text goes through
`html.escape`: articles come from the web and may contain markup, which must show as text.
Colours follow the Okabe–Ito palette and every one is doubled by a symbol or a text style, so
the page also reads in greyscale print-outs. The sections are the PDF's, in the same order, and
the coverage chart is the same drawing (`coverage.layout_chart`) as inline SVG. Article
addresses are printed as text, never as links: the page makes no request and links nowhere.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from desktop.core.symbols import STATUS_COLOURS, verdict_colour, verdict_symbol
from desktop.core.verdicts import verdict_word
from desktop.export.coverage import ChartLayout, layout_chart
from desktop.export.fulltext import arrange
from desktop.export.report import (
    CHANGED,
    COLOURS,
    CONFLICT,
    LABELS,
    SYMBOLS,
    TINTS,
    ClaimDetail,
    Report,
    Span,
    VerdictRow,
)

log = logging.getLogger(__name__)

_CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 14px;
       line-height: 1.45; color: #111; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .45rem; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.cell { text-align: center; white-space: nowrap; font-weight: bold; }
.meta { color: #444; }
.key > span { margin-right: 1.2rem; white-space: nowrap; }
.chg { background: %(changed)s; text-decoration: underline; }
.cnf { background: %(conflict)s; font-weight: bold; text-decoration: underline double; }
.s-shared { color: %(shared)s; } .s-reworded { color: #1f77b4; }
.s-conflicting { color: %(conflicting)s; } .s-missing { color: #777; }
.s-unique { color: #a06800; }
.claim td:first-child { width: 14rem; }
.note { color: #333; margin: .2rem 0; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; white-space: pre-wrap;
       background: #f6f6f6; padding: .3rem; display: block; }
.full td { width: 30%; } .full td.num { width: 3rem; }
.sn { color: #777; }
.unique-sentence { font-style: italic; }
.summary p { font-size: 1.05rem; }
.finding { margin: .25rem 0; }
.verdict { font-weight: bold; white-space: nowrap; }
.chart { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
.ref { font-weight: bold; }
@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; }
               h2, h3 { break-after: avoid; } .chart { break-inside: avoid; } }
"""
# Colours go in by name rather than through str.format: CSS is full of braces.
for _name, _value in {**TINTS, **COLOURS}.items():
    _CSS = _CSS.replace(f"%({_name})s", _value)


def e(text: object) -> str:
    """Escape for element content and quoted attributes."""
    return html.escape(str(text), quote=True)


def status_mark(status: str, with_label: bool = False) -> str:
    text = SYMBOLS[status] + (f" {LABELS[status]}" if with_label else "")
    return f'<span class="s-{e(status)}" title="{e(LABELS[status])}">{e(text)}</span>'


def spans_html(spans: Iterable[Span]) -> str:
    out = []
    for s in spans:
        if s.mark == CONFLICT:
            out.append(f'<span class="cnf">{e(s.text)}</span>')
        elif s.mark == CHANGED:
            out.append(f'<span class="chg">{e(s.text)}</span>')
        else:
            out.append(e(s.text))
    return "".join(out)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def render_html(report: Report) -> str:
    """The whole report as an HTML document (a str; the caller writes it atomically)."""
    r = report
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(r.title)} — Parallax report</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(r.title)}</h1>",
        f'<p class="meta">Parallax report of {e(r.created)} · Parallax {e(r.version)} · '
        f"{len(r.outlets)} articles, {r.claims_total} claims, {r.links_total} links</p>",
    ]
    if r.scope:
        out.append(f"<p class=note><i>{e(r.scope)}</i></p>")
    if r.summary:
        out.append('<h2>Summary</h2><div class="summary">')
        out += [f"<p>{e(p)}</p>" for p in _paragraphs(r.summary)]
        out.append("</div>")
    out += _findings(r)
    out += _verdicts(r)
    out += _chart(r)
    out += _articles(r)
    out += _matrix(r)
    out += _details_and_more(r)
    if r.full_texts is not None:
        out += _full_texts(r)
    out += _method(r)
    out.append("</body></html>\n")
    return "\n".join(out)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _heads(r: Report) -> tuple[list[str], list[str]]:
    names = [o.label for o in r.outlets]
    short = len(r.outlets) > 6
    return names, [o.short if short else o.label for o in r.outlets]


def verdict_mark(verdict: str, word: str) -> str:
    text = f"{verdict_symbol(verdict)} {word}" if verdict else "✎ note"
    return f'<span class="verdict" style="color:{verdict_colour(verdict)}">{e(text)}</span>'


def _findings(r: Report) -> list[str]:
    k = r.findings
    if k is None:
        return []
    label = [o.label for o in r.outlets]
    out = ["<h2>Key findings</h2>", f"<p>{e(k.overview)}</p>"]
    if k.conflicts:
        out.append("<h3>Conflicts</h3>")
        for f in k.conflicts:
            sides = "; ".join(
                f"{e(n.cause)}: “<b>{e(n.words_a or '(none)')}</b>” ({e(label[n.outlet_a])}) vs "
                f"“<b>{e(n.words_b or '(none)')}</b>” ({e(label[n.outlet_b])})"
                for n in f.notes
            )
            out.append(
                f'<p class="finding">{status_mark("conflicting")} <b>Claim {f.claim}</b> '
                f"({f.carriers} outlets) — “{e(_short(f.text, 160))}” — {sides}</p>"
            )
    omitted = [o for o in k.omissions if o.claims]
    if omitted:
        out.append(
            "<h3>Left out: claims most outlets carry and one does not</h3><table><tr>"
            "<th>Outlet</th><th>Left out</th><th>The most widely carried of them "
            "(outlets carrying it)</th></tr>"
        )
        for o in omitted:
            cid, carried, text = o.claims[0]
            out.append(
                f"<tr><td>{e(label[o.outlet])}</td><td class=num>{len(o.claims)}</td>"
                f"<td><b>{cid}</b> ({carried} of {len(r.outlets) - 1}): "
                f"{e(_short(text, 160))}</td></tr>"
            )
        out.append("</table>")
    if k.placements:
        words = ("headline or lead", "upper half", "lower half", "not carried")
        names = [o.short for o in r.outlets] if len(r.outlets) > 6 else label
        out.append("<h3>Where each outlet placed the main claims</h3><table><tr><th>Claim</th>")
        out += [f"<th>{e(w.capitalize())}</th>" for w in words]
        out.append("</tr>")
        for p in k.placements:
            groups = dict(p.groups)
            cells = "".join(
                f"<td>{e(', '.join(names[i] for i in groups.get(w, ())) or '—')}</td>"
                for w in words
            )
            out.append(f"<tr><td><b>{p.claim}</b> {e(_short(p.text, 120))}</td>{cells}</tr>")
        out.append("</table>")
        if len(r.outlets) > 6:
            out.append(_key(r))
    anonymous = [(label[i], n) for i, n in k.anonymous if n]
    out.append("<h3>Anonymous sources</h3>")
    if anonymous:
        none = len(k.anonymous) - len(anonymous)
        out.append(
            "<p>Sentences crediting a source the outlet does not name: "
            + ", ".join(f"{e(name)} {n}" for name, n in anonymous)
            + (f"; none in the other {none}." if none else ".")
            + "</p>"
        )
    else:
        out.append("<p>No outlet credits a source it does not name.</p>")
    return out


def _verdict_rows(rows: tuple[VerdictRow, ...], orphans: bool) -> list[str]:
    head = "Text it was given on" if orphans else "Claim"
    out = [f"<table><tr><th>Verdict</th><th>On</th><th>{head}</th><th>Note</th></tr>"]
    for v in rows:
        note = e(v.note) + (f" <i>({e(v.reason)})</i>" if v.reason else "")
        out.append(
            f"<tr><td>{verdict_mark(v.verdict, v.word)}</td><td>{e(v.what)}</td>"
            f"<td>{e(_short(v.text, 240))}</td><td>{note}</td></tr>"
        )
    out.append("</table>")
    return out


def _verdicts(r: Report) -> list[str]:
    out = [f"<h2>Verdicts ({len(r.verdicts)})</h2>"]
    if not r.verdicts:
        out.append("<p class=note>No verdicts or notes have been given on these claims.</p>")
    else:
        out += _verdict_rows(r.verdicts, False)
    if r.orphans:
        out.append(
            f"<h3>Verdicts that no longer attach ({len(r.orphans)})</h3><p class=note>After "
            "re-alignment the claim or link these were given on no longer exists. They are kept "
            "in the workspace until deleted.</p>"
        )
        out += _verdict_rows(r.orphans, True)
    return out


def _chart(r: Report) -> list[str]:
    chart = r.chart
    if chart is None or chart.empty:
        return []
    shown = len(chart.claims)
    more = (
        f" (of {chart.shared_claims} carried by two or more)" if chart.shared_claims > shown else ""
    )
    size = 8.5 if len(r.outlets) <= 8 else 7.0
    width = 760.0 if len(r.outlets) > 3 else 560.0
    out = [
        "<h2>Coverage of the main claims</h2>",
        f"<p class=note>The {shown} claims carried by the most outlets{more}; each column is an "
        "outlet.</p>",
        chart_svg(layout_chart(chart, width, size)),
    ]
    if len(r.outlets) > 3:
        out.append(_key(r))
    return out


def chart_svg(layout: ChartLayout) -> str:
    """The chart's primitives as inline SVG (points as user units), the PDF's drawing."""
    w, h = layout.width, layout.height
    parts = [
        # Inline SVG in HTML needs no namespace (and the page names no address of its own).
        f'<svg class="chart" viewBox="0 0 {w:.1f} {h:.1f}" '
        f'width="{w * 4 / 3:.0f}" role="img" aria-label="Coverage of the main claims by outlet" '
        'font-family="DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif">'
    ]
    for rule in layout.rules:
        parts.append(
            f'<line x1="{rule.x1:.1f}" y1="{rule.y1:.1f}" x2="{rule.x2:.1f}" y2="{rule.y2:.1f}" '
            f'stroke="{rule.colour}" stroke-width="0.6"/>'
        )
    for m in layout.marks:
        parts.append(_svg_mark(m.x, m.y, m.r, m.status))
    for t in layout.texts:
        weight = ' font-weight="bold"' if t.bold else ""
        parts.append(
            f'<text x="{t.x:.1f}" y="{t.y:.1f}" font-size="{t.size:g}" text-anchor="{t.anchor}" '
            f'fill="{t.colour}"{weight}>{e(t.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _svg_mark(x: float, y: float, r: float, status: str) -> str:
    """The shape of the status's symbol, as `pdf_layout.paint_mark` draws it."""
    c = STATUS_COLOURS.get(status, "#999999")
    title = f"<title>{e(LABELS.get(status, status))}</title>"
    if status == "shared":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.2f}" fill="{c}">{title}</circle>'
    if status == "reworded":
        return (
            f'<g>{title}<circle cx="{x:.1f}" cy="{y:.1f}" r="{r * 0.89:.2f}" fill="none" '
            f'stroke="{c}" stroke-width="{max(r * 0.22, 0.3):.2f}"/>'
            f'<path d="M{x:.1f},{y - r:.2f} A{r:.2f},{r:.2f} 0 0,0 {x:.1f},{y + r:.2f} Z" '
            f'fill="{c}"/></g>'
        )
    if status == "conflicting":
        points = f"{x:.1f},{y - 1.1 * r:.2f} {x + 1.15 * r:.2f},{y + 0.9 * r:.2f} " + (
            f"{x - 1.15 * r:.2f},{y + 0.9 * r:.2f}"
        )
        sw = max(r * 0.24, 0.3)
        return (
            f'<g>{title}<polygon points="{points}" fill="{c}"/>'
            f'<line x1="{x:.1f}" y1="{y - 0.45 * r:.2f}" x2="{x:.1f}" y2="{y + 0.25 * r:.2f}" '
            f'stroke="#fff" stroke-width="{sw:.2f}"/>'
            f'<circle cx="{x:.1f}" cy="{y + 0.6 * r:.2f}" r="{sw * 0.6:.2f}" fill="#fff"/></g>'
        )
    if status == "unique":
        points = f"{x:.1f},{y - r:.2f} {x + r:.2f},{y:.1f} {x:.1f},{y + r:.2f} {x - r:.2f},{y:.1f}"
        return f'<polygon points="{points}" fill="{c}">{title}</polygon>'
    return (
        f'<line x1="{x - 0.6 * r:.2f}" y1="{y:.1f}" x2="{x + 0.6 * r:.2f}" y2="{y:.1f}" '
        f'stroke="{c}" stroke-width="{max(r * 0.3, 0.3):.2f}">{title}</line>'
    )


def _articles(r: Report) -> list[str]:
    names, heads = _heads(r)
    out = [
        "<h2>Articles</h2>",
        "<table><tr><th>Outlet</th><th>Title</th><th>Date</th><th>Author</th><th>Source</th></tr>",
    ]
    for o in r.outlets:
        out.append(
            f"<tr><td>{e(o.label)}</td><td>{e(o.title)}</td><td>{e(o.published)}</td>"
            f"<td>{e(o.author)}</td><td>{e(o.source)}</td></tr>"
        )
    out.append("</table>")
    out.append(_legend())

    out.append("<h2>Per outlet</h2><table><tr><th>Outlet</th><th>Sentences</th>")
    for status in ("shared", "reworded", "conflicting", "unique"):
        out.append(f"<th>{status_mark(status, True)}</th>")
    out.append("<th>Carried elsewhere</th></tr>")
    for o in r.outlets:
        out.append(f"<tr><td>{e(o.label)}</td><td class=num>{o.sentences}</td>")
        for status in ("shared", "reworded", "conflicting", "unique"):
            out.append(f"<td class=num>{o.counts[status]}</td>")
        out.append(f"<td class=num>{percent(o.carried_elsewhere)}</td></tr>")
    out.append("</table>")

    out.append(
        "<h3>Agreement between outlets</h3><p class=note>Share of the row outlet's sentences "
        "that the column outlet also carries.</p><table><tr><th></th>"
    )
    out += [f'<th title="{e(n)}">{e(h)}</th>' for n, h in zip(names, heads, strict=True)]
    out.append("</tr>")
    for o, shares in zip(r.outlets, r.agreement, strict=True):
        cells = "".join(f"<td class=num>{percent(v)}</td>" for v in shares)
        out.append(f"<tr><th>{e(o.label)}</th>{cells}</tr>")
    out.append("</table>")
    if len(r.outlets) > 6:
        out.append(_key(r))
    return out


def _matrix(r: Report) -> list[str]:
    names, heads = _heads(r)
    out = [
        f"<h2>Claims matrix</h2><p class=note>{len(r.matrix)} claims carried by two or "
        f"more outlets; {r.single_claims} more are carried by one outlet only (see "
        "“What each outlet alone reports”). A verdict follows the claim's number.</p>",
        "<table><tr><th>#</th><th>Claim</th>",
    ]
    out += [f'<th title="{e(n)}">{e(h)}</th>' for n, h in zip(names, heads, strict=True)]
    out.append("</tr>")
    for row in r.matrix:
        cells = "".join(
            f'<td class="cell s-{e(s)}" title="{e(LABELS[s])}">{e(SYMBOLS[s])}</td>'
            for s in row.cells
        )
        v = r.claim_verdicts.get(row.claim)
        mark = " " + verdict_mark(v.verdict, "").strip() if v is not None and v.verdict else ""
        out.append(f"<tr><td class=num>{row.claim}{mark}</td><td>{e(row.text)}</td>{cells}</tr>")
    out.append("</table>")
    return out


def _details_and_more(r: Report) -> list[str]:
    out = [f"<h2>Conflicts ({len(r.conflicts)})</h2>"]
    if not r.conflicts:
        out.append(
            "<p class=note>No linked sentences disagree on numbers, dates, negation or "
            "certainty.</p>"
        )
    out += [_detail(r, d) for d in r.conflicts]
    out.append(f"<h2>Rewordings ({len(r.rewordings)})</h2>")
    if not r.rewordings:
        out.append("<p class=note>Every claim carried by several outlets uses the same words.</p>")
    out += [_detail(r, d) for d in r.rewordings]

    out.append("<h2>What each outlet alone reports</h2>")
    for only in r.outlet_only:
        out.append(f"<h3>{e(r.outlets[only.outlet].label)} ({len(only.sentences)})</h3>")
        if not only.sentences:
            out.append("<p class=note>Nothing: every sentence is carried by another outlet.</p>")
            continue
        out.append("<table>")
        out += [
            f"<tr><td class=num>{i + 1}</td><td>{status_mark('unique')} {e(text)}</td></tr>"
            for i, text in only.sentences
        ]
        out.append("</table>")

    out.append("<h2>Framing profiles</h2>")
    if r.framing is None:
        out.append("<p class=note>Framing analysis is not available in this version.</p>")
    else:
        out.append("<table><tr><th>Outlet</th>")
        out += [f"<th>{e(c)}</th>" for c in r.framing.columns]
        out.append("</tr>")
        for o, frow in zip(r.outlets, r.framing.rows, strict=False):
            out.append(f"<tr><th>{e(o.label)}</th>" + "".join(f"<td>{e(v)}</td>" for v in frow))
        out.append("</table>")
        out += [f"<p class=note>{e(n)}</p>" for n in r.framing.notes]
    return out


def _full_texts(r: Report) -> list[str]:
    assert r.full_texts is not None
    out = [
        "<h2>Articles in full, aligned by claim</h2><p class=note>Each row is one claim: every "
        "outlet's sentence for it side by side, numbered as in its article. The first outlet "
        "reads in its own order; a number out of sequence in another column is a fact that "
        "outlet placed elsewhere.</p>"
    ]
    n = len(r.outlets)
    for start in range(0, n, 3):
        group = range(start, min(start + 3, n))
        out.append('<table class="full"><tr><th>#</th>')
        out += [f"<th>{e(r.outlets[i].label)}</th>" for i in group]
        out.append("</tr>")
        for row in arrange(r.full_texts, group):
            cells = []
            for i in group:
                cell = row.cells[i]
                if cell is None:
                    cells.append("<td></td>")
                    continue
                cls = ' class="unique-sentence"' if cell.status == "unique" else ""
                cells.append(
                    f'<td><span class="sn">{cell.sentence + 1}</span> '
                    f"{status_mark(cell.status)} <span{cls}>{e(cell.text)}</span></td>"
                )
            out.append(f"<tr><td class=num>{row.claim}</td>{''.join(cells)}</tr>")
        out.append("</table>")
    return out


def _method(r: Report) -> list[str]:
    m = r.method
    out = [f"<h2>Method</h2><p>{e(m.intro)}</p><table>"]
    out += [f"<tr><th>{e(term)}</th><td>{e(meaning)}</td></tr>" for term, meaning in m.definitions]
    out.append("</table><h3>What matching can and cannot see</h3><ul>")
    out += [f"<li>{e(c)}</li>" for c in m.caveats]
    out.append("</ul><h3>Settings and the command that reproduces this report</h3><table>")
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in m.options]
    out.append(f"<tr><th>scorer method</th><td>{e(m.scorer_description)}</td></tr>")
    out.append(f"<tr><th>generator</th><td>{e(m.generator)}</td></tr></table>")
    where = (
        f"in the folder that holds the articles (“{e(m.folder)}”)"
        if m.folder
        else "in the folder it was first run from"
    )
    out.append(f"<p class=note>Run {where}:</p><code>{e(m.command_lines)}</code>")
    if m.notes:
        out.append("<ul>" + "".join(f"<li>{e(n)}</li>" for n in m.notes) + "</ul>")
    return out


def _legend() -> str:
    items = [f"<span>{status_mark(s, True)}</span>" for s in SYMBOLS]
    items.append(
        '<span><span class="chg">underlined</span>: words that differ from the outlet '
        "marked ▸</span>"
    )
    items.append('<span><span class="cnf">bold, double underline</span>: conflict</span>')
    return f'<p class="key">{"".join(items)}</p>'


def _key(r: Report) -> str:
    items = "".join(f"<span><b>{e(o.short)}</b> {e(o.label)}</span>" for o in r.outlets)
    return f'<p class="key">Key: {items}</p>'


_REFERENCE = ' <span class="ref" title="the others differ from this one">▸</span>'


def _detail(r: Report, d: ClaimDetail) -> str:
    rows = "".join(
        f"<tr><td>{status_mark(line.status)} {e(r.outlets[line.outlet].label)}"
        + (
            ' <span class="ref" title="the others differ from this one">▸</span>'
            if line.reference
            else ""
        )
        + f"</td><td>{spans_html(line.spans)}</td></tr>"
        for line in d.lines
    )
    notes = "".join(
        f"<p class=note>{status_mark('conflicting')} Conflict on {e(n.cause)}: "
        f"“{e(n.words_a or '(none)')}” ({e(r.outlets[n.outlet_a].label)}) vs "
        f"“{e(n.words_b or '(none)')}” ({e(r.outlets[n.outlet_b].label)})</p>"
        for n in d.conflicts
    )
    missing = ""
    if d.missing:
        names = ", ".join(r.outlets[i].label for i in d.missing)
        missing = f"<p class=note>{status_mark('missing')} Not reported by: {e(names)}</p>"
    verdict = ""
    v = r.claim_verdicts.get(d.claim)
    if v is not None:
        word = verdict_word(v.verdict) if v.verdict else "note"
        verdict = f" · {verdict_mark(v.verdict, word)}" + (f": {e(v.note)}" if v.note else "")
    return (
        f"<h3>Claim {d.claim} · {status_mark(d.status, True)} · carried by {len(d.lines)} of "
        f'{len(r.outlets)}{verdict}</h3><table class="claim">{rows}</table>{notes}{missing}'
    )

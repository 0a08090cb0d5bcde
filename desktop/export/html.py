"""The report as one self-contained HTML file: open it anywhere, mail it, archive it.

Self-contained means inline CSS, no scripts and no remote resources, so the file shows the same
offline and years later and cannot phone home. Every piece of article text goes through
`html.escape`: articles come from the web and may contain markup, which must show as text.
Colours follow the Okabe–Ito palette and every one is doubled by a symbol or a text style, so
the page also reads in greyscale print-outs.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

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
.key span { margin-right: 1.2rem; white-space: nowrap; }
.chg { background: %(changed)s; text-decoration: underline; }
.cnf { background: %(conflict)s; font-weight: bold; text-decoration: underline double; }
.s-shared { color: %(shared)s; } .s-reworded { color: #1f77b4; }
.s-conflicting { color: %(conflicting)s; } .s-missing { color: #777; }
.s-unique { color: #a06800; }
.claim td:first-child { width: 14rem; }
.note { color: #333; margin: .2rem 0; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; white-space: pre-wrap;
       background: #f6f6f6; padding: .3rem; display: block; }
.full td { width: 33%; }
.full p { margin: 0 0 .5rem; }
.unique-sentence { font-style: italic; }
@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
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
    names = [o.label for o in r.outlets]
    short = len(r.outlets) > 6
    heads = [o.short if short else o.label for o in r.outlets]
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(r.title)} — Parallax report</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{e(r.title)}</h1>",
        f'<p class="meta">Parallax report of {e(r.created)} · Parallax {e(r.version)} · '
        f"{len(r.outlets)} articles, {r.claims_total} claims, {r.links_total} links</p>",
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

    out.append("<h2>Summary</h2><table><tr><th>Outlet</th><th>Sentences</th>")
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
    if short:
        out.append(_key(r))

    out.append(
        f"<h2>Claims matrix</h2><p class=note>{len(r.matrix)} claims carried by two or "
        f"more outlets; {r.single_claims} more are carried by one outlet only (see "
        "“What each outlet alone reports”).</p>"
    )
    out.append("<table><tr><th>#</th><th>Claim</th>")
    out += [f'<th title="{e(n)}">{e(h)}</th>' for n, h in zip(names, heads, strict=True)]
    out.append("</tr>")
    for row in r.matrix:
        cells = "".join(
            f'<td class="cell s-{e(s)}" title="{e(LABELS[s])}">{e(SYMBOLS[s])}</td>'
            for s in row.cells
        )
        out.append(f"<tr><td class=num>{row.claim}</td><td>{e(row.text)}</td>{cells}</tr>")
    out.append("</table>")

    out.append(f"<h2>Conflicts ({len(r.conflicts)})</h2>")
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

    if r.full_texts is not None:
        out.append("<h2>Articles in full</h2>")
        for start in range(0, len(r.full_texts), 3):
            group = r.full_texts[start : start + 3]
            out.append('<table class="full"><tr>')
            out += [f"<th>{e(r.outlets[f.outlet].label)}</th>" for f in group]
            out.append("</tr><tr>")
            for f in group:
                paragraphs = "".join(
                    "<p>"
                    + " ".join(
                        f'<span class="{"unique-sentence" if s.status == "unique" else ""}">'
                        f"{status_mark(s.status)} {e(s.text)}</span>"
                        for s in p
                    )
                    + "</p>"
                    for p in f.paragraphs
                )
                out.append(f"<td>{paragraphs}</td>")
            out.append("</tr></table>")

    m = r.method
    out.append("<h2>Method</h2><table>")
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in m.options]
    out.append(f"<tr><th>scorer method</th><td>{e(m.scorer_description)}</td></tr>")
    out.append(f"<tr><th>generator</th><td>{e(m.generator)}</td></tr></table>")
    out.append(
        "<p class=note>To reproduce this comparison, run from the folder the articles "
        f"were loaded from:</p><code>{e(m.command_lines)}</code>"
    )
    if m.manual_links:
        out.append(
            f"<p class=note>{m.manual_links} links were made by hand and are not "
            "reproduced by the command.</p>"
        )
    out.append("</body></html>\n")
    return "\n".join(out)


def _legend() -> str:
    items = [f"<span>{status_mark(s, True)}</span>" for s in SYMBOLS]
    items.append('<span><span class="chg">underlined</span>: words that differ</span>')
    items.append('<span><span class="cnf">bold, double underline</span>: conflict</span>')
    return f'<p class="key">{"".join(items)}</p>'


def _key(r: Report) -> str:
    items = "".join(f"<span><b>{e(o.short)}</b> {e(o.label)}</span>" for o in r.outlets)
    return f'<p class="key">Key: {items}</p>'


def _detail(r: Report, d: ClaimDetail) -> str:
    rows = "".join(
        f"<tr><td>{status_mark(line.status)} {e(r.outlets[line.outlet].label)}</td>"
        f"<td>{spans_html(line.spans)}</td></tr>"
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
    return (
        f"<h3>Claim {d.claim} · {status_mark(d.status, True)} · carried by {len(d.lines)} of "
        f'{len(r.outlets)}</h3><table class="claim">{rows}</table>{notes}{missing}'
    )

"""The editor's report: first-page findings, verdicts, scope, chart, aligned full texts, method."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from desktop.core.comparison import CONFLICTING, Comparison, SentenceRef
from desktop.core.errors import ExportError
from desktop.core.symbols import STATUS_SYMBOLS
from desktop.core.verdicts import DISPUTED, NEEDS_CHECKING, VERIFIED, ClaimVerdict, Verdicts
from desktop.export import ReportOptions, build_report, export
from desktop.export.coverage import coverage_chart, layout_chart
from desktop.export.fulltext import arrange
from desktop.export.html import render_html
from desktop.export.method import default_paper, metadata_edits
from desktop.export.report import SYMBOLS
from tests.export.conftest import synthetic


def _marked(c: Comparison) -> Comparison:
    """`c` with a disputed conflict, a verified claim, a link note and one orphan."""
    conflict = next(
        cl for cl in c.multi_claims if any(c.status(m) == CONFLICTING for m in cl.members)
    )
    other = next(cl for cl in c.multi_claims if cl.id != conflict.id)
    link = c.links[0]
    v = (
        Verdicts()
        .with_claim_verdict(c, conflict.id, DISPUTED)
        .with_claim_note(c, conflict.id, "Ask the harbour office =SUM(A1)")
        .with_claim_verdict(c, other.id, VERIFIED)
        .with_link_note(c, link.a, link.b, "Same press release")
    )
    orphan = ClaimVerdict((SentenceRef("a1", 0), SentenceRef("a2", 99)), NEEDS_CHECKING, "old",
                          "A claim from before")  # fmt: skip
    return c.with_verdicts(Verdicts((*v.claims, orphan), v.links))


def test_first_page_findings_name_conflicts_omissions_placements_and_sources() -> None:
    c = synthetic(5, n_facts=15)
    r = build_report(c)
    k = r.findings
    assert k is not None
    assert k.overview.startswith(f"5 outlets, {len(c.claims)} claims: {len(c.multi_claims)}")
    # Every conflicting claim, with the words on each side.
    assert [f.claim for f in k.conflicts] == [d.claim for d in r.conflicts] != []
    assert all(n.words_a and n.words_b for f in k.conflicts for n in f.notes)
    # Omissions are the framing analysis's blind spots, most widely carried first.
    for o in k.omissions:
        assert {cid for cid, _, _ in o.claims} == set(c.framing.outlets[o.outlet].blindspots)
        carried = [n for _, n, _ in o.claims]
        assert carried == sorted(carried, reverse=True)
    assert any(o.claims for o in k.omissions)
    # Placement: every outlet in exactly one group per main claim.
    for p in k.placements:
        placed = [i for _, members in p.groups for i in members]
        assert sorted(placed) == list(range(5))
    assert [n for _, n in k.anonymous] == [
        c.framing.outlet(a.id).sources.get("anonymous", 0) for a in c.articles
    ]


def test_summary_and_verdicts_come_first_with_orphans_listed() -> None:
    c = _marked(synthetic(4))
    r = build_report(c, ReportOptions(summary="  Two figures differ.\n\nCheck the second.  "))
    assert r.summary == "Two figures differ.\n\nCheck the second."
    assert [v.verdict for v in r.verdicts][:2] == [DISPUTED, VERIFIED]  # most pressing first
    assert any(v.what.startswith("Link:") and v.note == "Same press release" for v in r.verdicts)
    assert [(o.verdict, o.note, o.claim) for o in r.orphans] == [(NEEDS_CHECKING, "old", None)]
    assert r.orphans[0].reason
    disputed = r.verdicts[0].claim
    assert disputed is not None and r.claim_verdicts[disputed].verdict == DISPUTED


def test_a_report_of_some_claims_covers_only_those(tmp_path: Path) -> None:
    c = _marked(synthetic(4))
    chosen = (c.multi_claims[0].id, c.multi_claims[2].id, c.claims[-1].id)
    r = build_report(c, ReportOptions(claims=chosen, scope="selected in the window"))
    assert {row.claim for row in r.matrix} == set(chosen[:2])
    assert {d.claim for d in r.details} <= set(chosen)
    assert set(r.chart.claims) <= set(chosen)  # type: ignore[union-attr]
    assert all(v.claim in chosen for v in r.verdicts) and r.orphans == ()
    assert "covers 3 of the" in r.scope and "selected in the window" in r.scope
    only = [t for o in r.outlet_only for _, t in o.sentences]
    assert only == [c.sentence(c.claims[-1].members[0]).text]
    with pytest.raises(ExportError, match="no claim 999"):
        build_report(c, ReportOptions(claims=(999,)))


def test_sources_are_addresses_or_local_file_never_paths(small_comparison: Comparison) -> None:
    import dataclasses

    c = small_comparison
    articles = (c.articles[0].with_metadata(url="https://example.org/story"), *c.articles[1:])
    r = build_report(dataclasses.replace(c, articles=articles))
    assert [o.source for o in r.outlets] == ["https://example.org/story"] + ["local file"] * (
        len(articles) - 1
    )


def test_one_symbol_set_for_window_and_reports() -> None:
    """Regression: reports used = ≈ ≠ – ◆ while the window showed ● ◐ ⚠ ◆."""
    from desktop.gui import style

    shared = set(style.STATUS_SYMBOLS) & set(SYMBOLS)
    assert shared >= {"shared", "reworded", "conflicting", "unique"}
    assert {s: style.STATUS_SYMBOLS[s] for s in shared} == {s: SYMBOLS[s] for s in shared}
    assert {s: STATUS_SYMBOLS[s] for s in SYMBOLS} == SYMBOLS


def test_chart_shows_the_most_carried_claims_with_the_matrix_statuses() -> None:
    c = synthetic(6, n_facts=20)
    r = build_report(c)
    chart = r.chart
    assert chart is not None and 0 < len(chart.claims) <= 12
    assert list(chart.carriers) == sorted(chart.carriers, reverse=True)
    cells = {row.claim: row.cells for row in r.matrix}
    assert all(chart.cells[i] == cells[k] for i, k in enumerate(chart.claims))
    assert min(chart.carriers) >= max(
        len(cl.members) for cl in c.multi_claims if cl.id not in chart.claims
    )
    for width in (300.0, 760.0):
        layout = layout_chart(chart, width)
        assert len(layout.marks) == len(chart.claims) * 6 + 4  # cells and the legend
        assert all(0 <= m.x <= width and 0 <= m.y <= layout.height for m in layout.marks)
        assert all(t.x <= width for t in layout.texts)
    # The window's entry point draws the same chart without building a report.
    from desktop.export.report import coverage_of

    assert coverage_of(c) == chart
    assert coverage_of(c, chart.claims[:2]).claims == chart.claims[:2]
    # Twenty outlets still fit, with narrower columns.
    wide = coverage_chart(c, cells, tuple(o.short for o in r.outlets) * 3)
    assert layout_chart(wide, 500).width == 500


def test_full_texts_align_by_claim_and_print_every_sentence_once() -> None:
    c = synthetic(4, n_facts=10, extra=["Only the first outlet says this."])
    rows = build_report(c, ReportOptions(full_texts=True)).full_texts
    assert rows is not None
    for i, a in enumerate(c.articles):
        mine = [row.cells[i].sentence for row in rows if row.cells[i] is not None]  # type: ignore[union-attr]
        assert sorted(mine) == list(range(len(a.sentences)))
    # The first outlet reads in its own order; counterparts share the row of their claim.
    first = [row.cells[0].sentence for row in rows if row.cells[0] is not None]  # type: ignore[union-attr]
    assert first == sorted(first)
    for row in rows:
        refs = {
            SentenceRef(c.articles[i].id, cell.sentence)
            for i, cell in enumerate(row.cells)
            if cell is not None
        }
        assert {c.claim_of(ref).id for ref in refs} == {row.claim}
    # A table of other outlets is ordered for its own first column.
    second = [row.cells[2].sentence for row in arrange(rows, [2, 3]) if row.cells[2] is not None]  # type: ignore[union-attr]
    assert second == sorted(second)


def test_method_says_what_words_mean_what_matching_misses_and_what_a_command_cannot_do(
    tmp_path: Path,
) -> None:
    c = _marked(synthetic(3))
    long_summary = "A summary too long to pass on the command line. " * 3
    r = build_report(
        c,
        ReportOptions(
            summary=long_summary,
            claims=(1, 2),
            paper="letter",
            metadata_edits=("Outlet 1 Daily: outlet “Daily One” (file: “outlet 1”)",),
        ),
    )
    m = r.method
    assert {term for term, _ in m.definitions} >= {"Claim", "Reworded", "Conflict"}
    # The synthetic comparison says it was scored by the default (the sentence model).
    assert c.scoring.scorer == "hybrid"
    assert any("language model" in caveat for caveat in m.caveats)
    assert not any("not meaning" in caveat for caveat in m.caveats)
    assert "--summary-file summary.txt" in m.command and "--claims 1,2" in m.command
    assert "--paper letter" in m.command
    notes = " ".join(m.notes)
    assert "summary.txt" in notes and "verdicts" in notes and "Daily One" in notes


def test_the_command_names_the_output_as_exported(tmp_path: Path) -> None:
    c = synthetic(2)
    export(c, tmp_path / "bridge.html")
    page = (tmp_path / "bridge.html").read_text(encoding="utf-8")
    assert "--html bridge.html" in " ".join(page.replace("\\", " ").split())


def test_paper_follows_the_locale() -> None:
    assert default_paper({"LANG": "en_US.UTF-8"}) == "letter"
    assert default_paper({"LANG": "de_DE.UTF-8"}) == "a4"
    assert default_paper({"LANG": "en_GB.UTF-8", "LC_PAPER": "en_CA.UTF-8"}) == "letter"
    assert default_paper({"LC_ALL": "fr_FR.UTF-8", "LC_PAPER": "en_US.UTF-8"}) == "a4"
    assert default_paper({"LANG": "C.UTF-8"}) == "a4"
    with pytest.raises(ValueError, match="paper"):
        ReportOptions(paper="a3")


def test_metadata_edits_are_found_by_reading_the_files_again(small_comparison: Comparison) -> None:
    c = small_comparison
    edited = (c.articles[0].with_metadata(outlet="Renamed Outlet"), *c.articles[1:])
    found = metadata_edits(edited)
    assert len(found) == 1 and "Renamed Outlet" in found[0] and "outlet" in found[0]
    assert metadata_edits(c.articles) == ()


def test_csv_carries_verdicts_notes_and_orphans(tmp_path: Path) -> None:
    c = _marked(synthetic(4))
    export(c, tmp_path / "out.csv")
    matrix = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))))
    links = list(
        csv.reader(io.StringIO((tmp_path / "out-links.csv").read_text(encoding="utf-8-sig")))
    )
    assert matrix[0][-2:] == ["verdict", "note"] and links[0][-2:] == ["verdict", "note"]
    by_claim = {row[0]: row for row in matrix[1:]}
    for claim_id, v in c.attached_verdicts.claims.items():
        row = by_claim[str(claim_id)]
        assert row[-2] == v.verdict
        # The note's leading "=" would run as a formula: guarded like every text cell.
        assert row[-1] in (v.note, "'" + v.note)
    assert matrix[-1][0] == "" and matrix[-1][-2:] == [NEEDS_CHECKING, "old"]
    noted = [row for row in links[1:] if row[-1] == "Same press release"]
    assert len(noted) == 1 and noted[0][0] != ""


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_reports_print_findings_chart_verdicts_and_method(tmp_path: Path, fmt: str) -> None:
    c = _marked(synthetic(4))
    path = tmp_path / f"r.{fmt}"
    export(c, path, options=ReportOptions(summary="Editors: read this first.", workspace="Ferry"))
    if fmt == "pdf":
        from pypdf import PdfReader

        pages = [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]
        # The editor's part (summary, findings, verdicts) before the chart's page.
        first, text = " ".join(pages[:2]), " ".join(pages)
        assert pages[0].startswith("Ferry") and "Key findings" in pages[0]
    else:
        page = path.read_text(encoding="utf-8")
        assert "<svg" in page and page.count("<circle") + page.count("<polygon") > 4
        text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
        first = text
    assert first.index("Key findings") < first.index("Verdicts (3)")
    for wanted in ("Editors: read this first.", "Key findings", "Verdicts (3)", "disputed"):
        assert wanted in first, wanted
    for wanted in (
        "Coverage of the main claims",
        "no longer attach",
        "What matching can and cannot see",
        "Ask the harbour office",
    ):
        assert wanted in text, wanted


def test_a_scorer_fallback_and_the_embedding_limit_are_in_the_method(small_set) -> None:
    from desktop.core.options import AlignOptions
    from desktop.core.pipeline import compare_paths

    c = compare_paths(small_set, AlignOptions(embed_limit=3))
    assert c.scoring.scorer == "content" and c.scoring.fallback
    m = build_report(c).method
    notes = " ".join(m.notes)
    assert c.scoring.fallback in notes and "(limit 3)" in notes
    assert f"Links were made at {c.scoring.threshold:g} on content's scale" in notes
    options = dict(m.options)
    assert options["scored_with"] == "content" and options["fallback"] == c.scoring.fallback
    assert "--embed-limit 3" in m.command and "--scorer hybrid" in m.command
    # The text says how it was really matched: by words, with content.
    assert "by the words they share (scorer content)" in m.intro
    assert any("not meaning" in caveat for caveat in m.caveats)
    assert m.scorer_description.startswith("content words")
    page = render_html(build_report(c))
    assert "limit 3" in page and "--embed-limit" in page
    # Run as it ran by default: neither the limit nor a fallback is mentioned.
    default = build_report(compare_paths(small_set)).method
    assert "--embed-limit" not in default.command
    assert not any("Scored with" in n for n in default.notes)
    assert "language model" in default.intro

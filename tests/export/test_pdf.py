"""The PDF report: text that extracts whole, pages that grow sensibly, rows never cut."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from desktop.core.comparison import Comparison
from desktop.export import Report, ReportOptions, build_report, export
from desktop.export.report import CHANGED, CONFLICT
from tests.export.conftest import synthetic

LIGATURES = re.compile("[\ufb00-\ufb06]")


def pdf_pages(path: Path) -> list[str]:
    """Text per page, whitespace collapsed (layout puts line breaks and tabs between words)."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory, main_comparison: Comparison) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    export(main_comparison, path)
    return path


def test_outlets_claims_and_highlights_extract_whole(
    sample_pdf: Path, main_comparison: Comparison
) -> None:
    text = " ".join(pdf_pages(sample_pdf))
    assert not LIGATURES.search(text)
    for a in main_comparison.articles:
        assert a.label in text
    report = build_report(main_comparison)
    words = set(text.split())
    for detail in report.details:
        for line in detail.lines:
            # Sentences wrap across lines, so compare word by word in order.
            assert " ".join(line.text.split()) in text, line.text
            for span in line.spans:
                if span.mark in (CHANGED, CONFLICT):
                    for word in re.findall(r"\w+", span.text):
                        assert word in text
    for only in report.outlet_only:
        for _, sentence in only.sentences:
            assert " ".join(sentence.split()) in text
    assert "Page 1 of" in text and len(words) > 500


def test_fi_and_fl_survive_extraction(tmp_path: Path) -> None:
    c = synthetic(2, extra=["The official flight office filed a final financial affidavit."])
    export(c, tmp_path / "r.pdf")
    text = " ".join(pdf_pages(tmp_path / "r.pdf"))
    assert not LIGATURES.search(text)
    assert "The official flight office filed a final financial affidavit." in text


def test_every_page_has_its_footer(sample_pdf: Path) -> None:
    pages = pdf_pages(sample_pdf)
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page


def test_orientation_follows_the_number_of_outlets(tmp_path: Path) -> None:
    for n, landscape in ((3, False), (4, True)):
        export(synthetic(n), tmp_path / f"{n}.pdf")
        box = PdfReader(tmp_path / f"{n}.pdf").pages[0].mediabox
        assert (box.width > box.height) is landscape


def test_page_count_grows_sensibly(tmp_path: Path) -> None:
    counts = {}
    for n in (2, 6, 12):
        path = tmp_path / f"{n}.pdf"
        export(synthetic(n, n_facts=20), path)
        counts[n] = len(PdfReader(path).pages)
    assert counts[2] < counts[6] < counts[12], counts
    # Each outlet adds its sentences to every claim it carries, so pages grow about linearly
    # with the outlets; never with their square (12 vs 6 outlets: well under 4x the pages).
    assert counts[12] <= 2.8 * counts[6], counts
    assert counts[12] <= 2 * 12, counts


def test_twelve_outlets_matrix_uses_abbreviations_with_a_key(tmp_path: Path) -> None:
    c = synthetic(12)
    export(c, tmp_path / "r.pdf")
    text = " ".join(pdf_pages(tmp_path / "r.pdf"))
    report = build_report(c)
    assert "Key:" in text
    for o in report.outlets:
        assert f"{o.short} {o.label}" in text


def test_full_texts_print_every_sentence(tmp_path: Path, small_comparison: Comparison) -> None:
    export(small_comparison, tmp_path / "r.pdf", options=ReportOptions(full_texts=True))
    text = " ".join(pdf_pages(tmp_path / "r.pdf"))
    assert "Articles in full" in text
    for a in small_comparison.articles:
        for s in a.sentences:
            assert " ".join(s.text.split()) in text


def _laid_out(report: Report, landscape: bool) -> tuple[Any, list[Any], list[Any]]:
    """The report's blocks and pages as the PDF places them (no painting)."""
    from desktop.export import pdf, pdf_layout

    pdf_layout.ensure_app()
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    writer = QPdfWriter(buffer)
    writer.setResolution(pdf_layout.DPI)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(0, 0, 0, 0))
    )
    ctx = pdf_layout.Context(writer, landscape, len(report.outlets))
    blocks = pdf._build_flow(ctx, report, lambda: False)
    return ctx, blocks, pdf_layout.paginate(ctx, blocks)


def test_rows_are_never_cut_by_a_page_break() -> None:
    """Only a block taller than a whole page may be split, and then only between lines."""
    report = build_report(synthetic(6, n_facts=40), ReportOptions(full_texts=True))
    ctx, _, pages = _laid_out(report, True)
    page_height = ctx.bottom - ctx.top
    assert len(pages) > 3
    for placements in pages:
        for p in placements:
            assert ctx.top - 0.5 <= p.y and p.y + p.visible <= ctx.bottom + 1
            if p.offset or p.visible < p.block.height - 0.5:
                assert p.block.height > page_height


def test_tables_that_fit_on_a_page_stay_on_one_and_no_row_is_left_alone(
    main_comparison: Comparison,
) -> None:
    """Regression: the agreement table split across pages 1-2, the framing table left one row
    on a page, and the matrix's last claim sat alone at the top of page 3."""
    report = build_report(main_comparison, ReportOptions(full_texts=True))
    ctx, blocks, pages = _laid_out(report, True)
    page_of: dict[int, int] = {}  # where each block first appears (headers repeat)
    for n, page in enumerate(pages):
        for p in page:
            page_of.setdefault(id(p.block), n)
    page_height = ctx.bottom - ctx.top
    tables: dict[int, list[Any]] = {}
    for b in blocks:
        if b.header is not None:
            tables.setdefault(id(b.header), [b.header]).append(b)
    assert len(tables) >= 5
    for rows in tables.values():
        spread = {page_of[id(b)] for b in rows[1:]}
        if sum(b.height for b in rows) <= page_height / 2:
            assert len(spread) == 1, "a table that fits on half a page was split"
        if len(spread) > 1 and len(rows) > 3:  # split: never one row alone on a page
            assert page_of[id(rows[1])] == page_of[id(rows[2])], "first row alone"
            assert page_of[id(rows[-1])] == page_of[id(rows[-2])], "last row alone"
        # A header is never the last thing on a page.
        assert page_of[id(rows[0])] == page_of[id(rows[1])]


def test_paper_size_is_a4_or_letter(tmp_path: Path) -> None:
    c = synthetic(2)
    sizes = {}
    for paper in ("a4", "letter"):
        export(c, tmp_path / f"{paper}.pdf", options=ReportOptions(paper=paper))
        box = PdfReader(tmp_path / f"{paper}.pdf").pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"a4": (595, 842), "letter": (612, 792)}


def test_no_page_but_the_last_is_left_nearly_empty(sample_pdf: Path) -> None:
    # The sample's first page runs over by two short sections: the chart follows them on the
    # same page instead of a forced break leaving page 2 with four lines.
    pages = pdf_pages(sample_pdf)
    for number, text in enumerate(pages[:-1], start=1):
        body = text.split("Parallax report ·")[0]
        assert len(body) > 600, f"page {number} of {len(pages)} holds {len(body)} characters"

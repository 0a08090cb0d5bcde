"""Report speed: the sample report as PDF within 1 s, twenty articles within 5 s.

Figures are printed with ratios against baselines measured in the same run (the HTML render
of the same report, and a bare QTextDocument of the same text printed to PDF), so they can be
compared across machines. Run with: pytest tests/benchmarks -m benchmark -s
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.core.comparison import Comparison
from desktop.export import build_report, export
from desktop.export.html import render_html
from tests.conftest import MAIN_SET
from tests.export.conftest import compare_files, synthetic


def _best(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _bare_qt_print(text: str, path: Path) -> None:
    from desktop.export.pdf import ensure_app

    ensure_app()
    from PySide6.QtGui import QPdfWriter, QTextDocument

    doc = QTextDocument()
    doc.setPlainText(text)
    writer = QPdfWriter(str(path))
    doc.print_(writer)


def _measure(c: Comparison, tmp_path: Path, label: str) -> float:
    report = build_report(c)
    html_time = _best(lambda: render_html(report))
    text = "\n\n".join(a.text for a in c.articles)
    bare = _best(lambda: _bare_qt_print(text, tmp_path / "bare.pdf"))
    pdf = _best(lambda: export(c, tmp_path / "r.pdf"))
    print(
        f"\n{label}: PDF {pdf:.3f} s = {pdf / html_time:.0f}x HTML render "
        f"({html_time * 1000:.1f} ms)"
        f" = {pdf / bare:.1f}x bare QTextDocument.print ({bare * 1000:.0f} ms)"
    )
    return pdf


@pytest.mark.benchmark
def test_sample_report_pdf_under_a_second(tmp_path: Path) -> None:
    c = compare_files(sorted(MAIN_SET.glob("*.md")))
    assert _measure(c, tmp_path, f"sample set ({len(c.articles)} articles)") < 1.0


@pytest.mark.benchmark
def test_twenty_articles_pdf_under_five_seconds(tmp_path: Path) -> None:
    c = synthetic(20, n_facts=30)
    assert _measure(c, tmp_path, f"20 articles ({c.sentence_count} sentences)") < 5.0

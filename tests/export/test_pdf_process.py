"""PDFs asked for off the main thread are rendered by a child process (see pdf_process.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.comparison import Comparison
from desktop.core.errors import Cancelled, ExportError
from desktop.export import export


def _in_thread(fn: Callable[[], object]) -> object:
    """Run `fn` in a worker thread and return its result or raise its exception."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the test thread
            box["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(120)
    assert not thread.is_alive()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def test_worker_thread_pdf_is_complete(small_comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    seen: list[float] = []
    _in_thread(lambda: export(small_comparison, out, progress=lambda f, m: seen.append(f)))
    # pypdf reads the child's word gaps as tabs; pdftotext reads spaces: compare words.
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Riverside Gazette" in text and "Page 1 of" in text
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)


def test_child_failure_becomes_a_clear_error(small_comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.pdf"
    with pytest.raises(ExportError, match="does not exist"):
        _in_thread(lambda: export(small_comparison, out))
    assert not out.parent.exists()


def test_cancel_stops_the_child_and_writes_nothing(
    small_comparison: Comparison, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"previous report")
    with pytest.raises(Cancelled):
        _in_thread(lambda: export(small_comparison, out, cancelled=lambda: True))
    assert out.read_bytes() == b"previous report"


def test_every_report_option_reaches_the_child() -> None:
    """The window's Export renders its PDF in a child process: each `ReportOptions` field set
    to something other than its default must come back from the job file as it was set (a
    field added to ReportOptions and forgotten here fails this test)."""
    import dataclasses
    import json
    from datetime import date

    from desktop.export.pdf_process import options_from_job, options_to_job
    from desktop.export.report import ReportOptions

    chosen = ReportOptions(
        title="Bridge",
        workspace="Bridge reopening",
        summary="Two tolls.\n\nAsk the county.",
        full_texts=True,
        claims=(3, 5),
        scope="selected in the window",
        paper="letter",
        command="parallax compare a.md b.md",
        output=("--pdf", "r.pdf"),
        metadata_edits=("Politico: outlet “Politico Europe” (file: “Politico”)",),
        today=date(2025, 8, 19),
    )
    default = ReportOptions()
    for field in dataclasses.fields(ReportOptions):
        assert getattr(chosen, field.name) != getattr(default, field.name), field.name
    assert options_from_job(json.loads(json.dumps(options_to_job(chosen)))) == chosen
    assert options_from_job(json.loads(json.dumps(options_to_job(default)))) == default

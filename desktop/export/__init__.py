"""Exports: one call that turns a `Comparison` into a report file, whatever the format.

The window's Export dialog and `parallax compare --pdf/--html/--csv/--json` both call
`export()`, so the two always write the same files. Every format is rendered in memory first and
then written atomically (`core.files`), so a failed or cancelled export never leaves a broken
file where a good one was. Only the PDF renderer imports Qt, and only when a PDF is asked for.

Files written:

* ``pdf``  — the report, A4 or US Letter (`ReportOptions.paper`, default from the locale),
  portrait up to three outlets and landscape beyond (rendered in a child process when called
  off the main thread, see `pdf_process`);
* ``html`` — the same report as one self-contained page (inline CSS, no scripts, no links out);
* ``csv``  — ``OUT.csv``, the claims matrix, and ``OUT-links.csv`` next to it, one row per link,
  both with the user's verdicts and notes (UTF-8 with a byte-order mark, see `csv_export`);
* ``json`` — the comparison itself in the public format (README, DESIGN §4).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

from desktop.core.comparison import Comparison
from desktop.core.errors import ExportError
from desktop.core.files import write_bytes_atomic, write_text_atomic
from desktop.core.options import (
    CancelledCallback,
    ProgressCallback,
    never_cancelled,
    no_progress,
)
from desktop.export.report import Report, ReportOptions, build_report

log = logging.getLogger(__name__)

FORMATS: dict[str, str] = {
    "pdf": "PDF document",
    "html": "HTML page",
    "csv": "CSV tables",
    "json": "Parallax comparison (JSON)",
}
SUFFIXES: dict[str, str] = {"pdf": ".pdf", "html": ".html", "csv": ".csv", "json": ".json"}

__all__ = ["FORMATS", "Report", "ReportOptions", "build_report", "export", "format_of"]


def format_of(path: str | Path) -> str:
    """The format a file name asks for (".htm" counts as HTML)."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = {"htm": "html"}.get(suffix, suffix)
    if fmt not in FORMATS:
        known = ", ".join(SUFFIXES.values())
        raise ExportError(f"{path}: cannot tell the format from the name; end it in {known}")
    return fmt


def outputs(path: str | Path, fmt: str) -> list[Path]:
    """Every file `export()` writes for `path` in `fmt` (CSV writes two)."""
    path = Path(path)
    if fmt == "csv":
        from desktop.export.csv_export import links_path

        return [path, links_path(path)]
    return [path]


def export(
    comparison: Comparison,
    path: str | Path,
    fmt: str | None = None,
    options: ReportOptions | None = None,
    progress: ProgressCallback = no_progress,
    cancelled: CancelledCallback = never_cancelled,
) -> list[Path]:
    """Write `comparison` to `path` as `fmt` (default: from the suffix); return the files written.

    Raises `ExportError` (naming the file and the reason) when a file cannot be written, and
    `Cancelled` when `cancelled()` turns true; in both cases existing files are left as they were.
    """
    path = Path(path)
    fmt = (fmt or format_of(path)).lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    options = options or ReportOptions()
    if not options.output:
        # The reproducing command names the output as the user did (file name only).
        options = dataclasses.replace(options, output=(f"--{fmt}", path.name))
    log.info("exporting %s to %s", fmt, path)

    if fmt == "json":
        progress(0.5, "Writing JSON")
        write_bytes_atomic(path, comparison.to_json_bytes())
        progress(1.0, "Done")
        return [path]

    def report_progress(fraction: float, message: str) -> None:
        progress(0.3 * fraction, message)

    report = build_report(comparison, options, report_progress, cancelled)
    if fmt == "html":
        from desktop.export.html import render_html

        text = render_html(report)
        progress(0.9, "Writing HTML")
        write_text_atomic(path, text)
    elif fmt == "csv":
        from desktop.export.csv_export import links_csv, links_path, matrix_csv

        matrix, links = matrix_csv(comparison, report), links_csv(comparison)
        progress(0.9, "Writing CSV")
        # The file the user named first: a folder that refuses writes refuses it, so the error
        # names that file and nothing changes on disk.
        write_text_atomic(path, matrix)
        write_text_atomic(links_path(path), links)
    elif threading.current_thread() is not threading.main_thread():
        # Qt text layout off the main thread deadlocks beside a running window: use a child.
        from desktop.export.pdf_process import render_pdf_file

        def child_progress(fraction: float, message: str) -> None:
            progress(0.3 + 0.7 * fraction, message)

        render_pdf_file(comparison, path, options, child_progress, cancelled)
    else:
        from desktop.export.pdf import render_pdf

        def pdf_progress(fraction: float, message: str) -> None:
            progress(0.3 + 0.65 * fraction, message)

        data = render_pdf(report, pdf_progress, cancelled)
        progress(0.97, "Writing PDF")
        write_bytes_atomic(path, data)
    progress(1.0, "Done")
    return outputs(path, fmt)

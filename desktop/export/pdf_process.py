"""PDF rendering in a child process, for callers that are not on the main thread.

Qt lays out text with process-wide font state. A PDF rendered in a worker thread of the window
deadlocked (measured here: the worker waiting in `QTextDocument()` while the GUI thread, inside
its event loop, waited for the interpreter lock the worker held). A child process has its own
Qt and its own lock, so the window's worker only waits on a pipe, can cancel by killing the
child, and a crash in Qt cannot take the window with it. The child is `parallax _pdf`: the same
executable, frozen or not.
"""

from __future__ import annotations

import json
import logging
import os
import selectors
import subprocess
import sys
import tempfile
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.comparison import Comparison
from desktop.core.errors import Cancelled, ExportError
from desktop.core.options import CancelledCallback, ProgressCallback
from desktop.export.report import ReportOptions

log = logging.getLogger(__name__)

COMMAND = "_pdf"
"""The hidden `parallax` sub-command the child runs."""


def options_to_job(options: ReportOptions) -> dict[str, Any]:
    """`options` as the child's job file holds them (JSON: the date as text)."""
    data = asdict(options)
    data["today"] = options.today.isoformat() if options.today else None
    return data


def options_from_job(raw: dict[str, Any]) -> ReportOptions:
    """The `ReportOptions` the window chose, back from the job file: every field (a test
    checks each one survives, so a new option cannot be left behind)."""
    claims = raw.get("claims")
    return ReportOptions(
        title=raw.get("title", ""),
        workspace=raw.get("workspace", ""),
        summary=raw.get("summary", ""),
        full_texts=bool(raw.get("full_texts", False)),
        claims=None if claims is None else tuple(int(k) for k in claims),
        scope=raw.get("scope", ""),
        paper=raw.get("paper", ""),
        command=raw.get("command", ""),
        output=tuple(raw.get("output", ())),
        metadata_edits=tuple(raw.get("metadata_edits", ())),
        today=date.fromisoformat(raw["today"]) if raw.get("today") else None,
    )


def _child_command(job: Path) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, COMMAND, str(job)]
    return [sys.executable, "-m", "desktop", COMMAND, str(job)]


def render_pdf_file(
    comparison: Comparison,
    path: Path,
    options: ReportOptions,
    progress: ProgressCallback,
    cancelled: CancelledCallback,
) -> None:
    """Write the PDF report of `comparison` to `path` from a child process (atomically)."""
    with tempfile.TemporaryDirectory(prefix="parallax-pdf-") as folder:
        job = Path(folder) / "job.json"
        job.write_text(
            json.dumps(
                {"comparison": comparison.to_dict(), "options": options_to_job(options),
                 "out": str(path)}
            ),
            encoding="utf-8",
        )  # fmt: skip
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        child = subprocess.Popen(
            _child_command(job),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None and child.stderr is not None
        try:
            _follow(child, progress, cancelled)
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
        if child.returncode != 0:
            lines = [ln for ln in child.stderr.read().splitlines() if ln.strip()]
            reason = lines[-1] if lines else f"the PDF renderer stopped ({child.returncode})"
            raise ExportError(reason.removeprefix("parallax: "))


def _follow(
    child: subprocess.Popen[str], progress: ProgressCallback, cancelled: CancelledCallback
) -> None:
    """Relay the child's progress lines until it exits; kill it when the user cancels."""
    assert child.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        while True:
            if cancelled():
                child.kill()
                raise Cancelled()
            if not selector.select(timeout=0.1):
                continue
            line = child.stdout.readline()
            if not line:
                return
            fraction, _, message = line.strip().partition(" ")
            try:
                progress(float(fraction), message)
            except ValueError:
                log.debug("pdf child: %s", line.rstrip())


def child_main(job_path: str) -> int:
    """`parallax _pdf JOB`: render the job's PDF, printing "fraction message" lines."""
    from desktop.export import export

    try:
        job = json.loads(Path(job_path).read_text(encoding="utf-8"))
        options = options_from_job(job["options"])
        comparison = Comparison.from_dict(job["comparison"])
    except (OSError, ValueError, KeyError) as exc:
        print(f"parallax: the PDF job could not be read ({exc})", file=sys.stderr)
        return 3

    def report(fraction: float, message: str) -> None:
        print(f"{fraction:.3f} {message}", flush=True)

    try:
        export(comparison, job["out"], "pdf", options, report)
    except ExportError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return 3
    return 0

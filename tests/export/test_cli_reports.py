"""`parallax compare --pdf/--html/--csv` end to end: headless, no display, files written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import ROOT, SMALL_SET


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", "compare", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip


def test_compare_writes_every_report_without_a_display(tmp_path: Path) -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in SMALL_SET.glob("*.md"))
    out = {fmt: tmp_path / f"report.{fmt}" for fmt in ("pdf", "html", "csv", "json")}
    result = _run(*files, *(x for fmt, p in out.items() for x in (f"--{fmt}", str(p))))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert all(p.stat().st_size > 0 for p in out.values())
    assert (tmp_path / "report-links.csv").exists()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out["pdf"]).pages)
    assert "Riverside Gazette" in text
    # The method note repeats the command line as typed.
    assert f"parallax compare {files[0]}" in " ".join(text.replace("\\", " ").split())
    assert "wrote " + str(out["pdf"]) in result.stdout


def test_a_failed_report_is_named_and_the_others_still_written(tmp_path: Path) -> None:
    files = sorted(str(p) for p in SMALL_SET.glob("*.md"))
    bad = tmp_path / "missing" / "r.pdf"
    good = tmp_path / "r.html"
    result = _run(*files, "--pdf", str(bad), "--html", str(good), "--quiet")
    assert result.returncode == 3
    assert str(bad) in result.stderr and "PDF not written" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert good.exists()


def test_html_and_csv_only_never_load_qt(tmp_path: Path) -> None:
    files = sorted(str(p) for p in SMALL_SET.glob("*.md"))
    code = (
        "import sys\nfrom desktop.cli import main\n"
        f"rc = main(['compare', '--quiet', *{files!r}, '--html', {str(tmp_path / 'r.html')!r}, "
        f"'--csv', {str(tmp_path / 'r.csv')!r}, '--full'])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_summary_claims_and_paper_options(tmp_path: Path) -> None:
    files = sorted(str(p) for p in SMALL_SET.glob("*.md"))
    summary = tmp_path / "summary.txt"
    summary.write_text("The council and the radio disagree on the cost.\n", encoding="utf-8")
    pdf, html = tmp_path / "r.pdf", tmp_path / "r.html"
    result = _run(
        *files, "--summary-file", str(summary), "--claims", "1,2", "--paper", "letter",
        "--pdf", str(pdf), "--html", str(html), "--quiet",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "The council and the radio disagree on the cost." in first
    assert "This report covers 2 of the" in first
    assert "disagree on the cost." in html.read_text(encoding="utf-8")


def test_bad_report_options_get_one_line(tmp_path: Path) -> None:
    files = sorted(str(p) for p in SMALL_SET.glob("*.md"))
    out = tmp_path / "r.html"
    for args, code, words in (
        (["--claims", "3,x"], 2, "claim numbers separated by commas"),
        (["--claims", "999"], 3, "no claim 999"),
        (["--summary-file", str(tmp_path / "nope.txt")], 3, "summary file"),
        (["--paper", "a3"], 2, "invalid choice"),
    ):
        result = _run(*files, *args, "--html", str(out), "--quiet")
        assert result.returncode == code, (args, result.stderr)
        assert words in result.stderr and "Traceback" not in result.stderr
        # One line says what is wrong (argparse puts its usage above it).
        assert words in result.stderr.strip().splitlines()[-1], result.stderr
    assert not out.exists()

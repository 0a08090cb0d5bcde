"""HTML and CSV output, hostile article text, and writes that fail without harm."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from desktop.core.comparison import Comparison
from desktop.core.errors import Cancelled, ExportError
from desktop.export import export, format_of, outputs
from desktop.export.csv_export import links_path
from tests.export.conftest import synthetic

HOSTILE = 'Officials used <b>bold</b> words, an <img src="x.png"> and &amp; in one line.'


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_html_is_self_contained(tmp_path: Path, main_comparison: Comparison) -> None:
    path = tmp_path / "r.html"
    assert export(main_comparison, path) == [path]
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for bad in ("<script", "<img", "<link", "http://", "https://", "src=", "@import"):
        assert bad not in page.lower()
    for a in main_comparison.articles:
        assert a.label in page


@pytest.mark.parametrize("fmt", ["html", "csv", "pdf"])
def test_markup_in_articles_shows_literally(tmp_path: Path, fmt: str) -> None:
    c = synthetic(3, extra=[HOSTILE])
    path = tmp_path / f"r.{fmt}"
    export(c, path)
    if fmt == "html":
        page = path.read_text(encoding="utf-8")
        assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&amp;amp;" in page
        assert "&lt;img src=&quot;x.png&quot;&gt;" in page
        assert "<img" not in page and "<b>bold" not in page
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert HOSTILE in [row[2] for row in rows]
    else:
        assert HOSTILE in _pdf_text(path)


def test_csv_matrix_and_links(tmp_path: Path) -> None:
    c = synthetic(4)
    path = tmp_path / "out.csv"
    written = export(c, path)
    assert written == [path, tmp_path / "out-links.csv"] == outputs(path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "claim",
        "outlets",
        "text",
        *(a.label for a in c.articles),
        "verdict",
        "note",
    ]
    assert len(rows) == 1 + len(c.claims)
    statuses = {cell for row in rows[1:] for cell in row[3:-2]}
    assert statuses <= {"shared", "reworded", "conflicting", "missing", "unique"}
    assert {"missing", "unique", "conflicting"} <= statuses
    links = list(csv.DictReader(io.StringIO(links_path(path).read_text(encoding="utf-8-sig"))))
    assert len(links) == len(c.links)
    assert any(row["conflicts"].startswith("number:") for row in links)


def test_csv_guards_against_formulas(tmp_path: Path) -> None:
    c = synthetic(2, extra=['=HYPERLINK("x") is what a spreadsheet would run.'])
    export(c, tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text


def test_format_from_suffix() -> None:
    assert format_of("a.PDF") == "pdf" and format_of("a.htm") == "html"
    with pytest.raises(ExportError, match=re.escape("a.docx")):
        format_of("a.docx")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
@pytest.mark.parametrize("fmt", ["html", "csv", "pdf", "json"])
def test_read_only_folder_fails_clearly_and_keeps_the_old_file(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / f"report.{fmt}"
    path.write_text("the good old report", encoding="utf-8")
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError) as info:
            export(synthetic(2), path)
        assert str(path) in str(info.value)
        assert "permission denied" in str(info.value)
        assert path.read_text(encoding="utf-8") == "the good old report"
        assert sorted(p.name for p in folder.iterdir()) == [f"report.{fmt}"]
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("fmt", ["html", "csv", "pdf"])
def test_refused_write_keeps_the_old_file(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above for runs as root, where chmod does not stop writes."""
    import desktop.core.files as files

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = tmp_path / f"report.{fmt}"
    path.write_text("the good old report", encoding="utf-8")
    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="permission denied") as info:
        export(synthetic(2), path)
    assert str(path) in str(info.value)
    assert path.read_text(encoding="utf-8") == "the good old report"


def test_missing_folder_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "r.html"
    with pytest.raises(ExportError, match=re.escape(str(path))):
        export(synthetic(2), path)


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_cancelled_export_leaves_the_old_file(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"r.{fmt}"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(Cancelled):
        export(synthetic(3), path, cancelled=lambda: True)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_json_export_round_trips(tmp_path: Path) -> None:
    c = synthetic(3)
    export(c, tmp_path / "c.json")
    again = Comparison.from_json((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert again.links == c.links and again.claims == c.claims


def test_datelines_are_not_claims_in_the_csv_or_the_report(
    tmp_path: Path, main_comparison: Comparison
) -> None:
    """The window's table leaves dateline-only claims ("WASHINGTON —") out; the CSV matrix and
    the report's counts did not (review: "the claims table and CSV start with noise rows")."""
    c = main_comparison
    datelines = [cl for cl in c.claims if c.is_dateline_claim(cl)]
    assert datelines  # the sample articles open with datelines
    assert len(c.fact_claims) == len(c.claims) - len(datelines)
    export(c, tmp_path / "m.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "m.csv").read_text(encoding="utf-8-sig"))))
    numbers = {int(r[0]) for r in rows[1:] if r[0]}
    assert numbers == {cl.id for cl in c.fact_claims}
    from desktop.export import build_report

    report = build_report(c)
    assert report.claims_total == len(c.fact_claims)
    assert report.single_claims == sum(1 for cl in c.fact_claims if len(cl.members) == 1)
    assert f"{len(c.fact_claims)} claims:" in report.findings.overview

"""CSV cells never run as spreadsheet formulas, outlet names included (review H6)."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop.core.pipeline import compare_paths
from desktop.export import export

FORMULA = '=HYPERLINK("http://evil.example/","Click me")'


def test_outlet_names_in_headers_and_link_rows_are_guarded(tmp_path: Path) -> None:
    for name, outlet in (("ref", "Ref"), ("og", FORMULA), ("plus", "+1+1")):
        (tmp_path / f"{name}.md").write_text(
            f"---\noutlet: {outlet}\n---\nThe Ferris Street bridge will reopen to traffic on "
            "Saturday morning after repairs, officials said.\n",
            encoding="utf-8",
        )
    comparison = compare_paths([str(tmp_path / f"{n}.md") for n in ("ref", "og", "plus")])
    export(comparison, tmp_path / "out.csv", "csv")
    cells = []
    for name in ("out.csv", "out-links.csv"):
        with (tmp_path / name).open(encoding="utf-8-sig", newline="") as fh:
            cells += [cell for row in csv.reader(fh) for cell in row]
    assert "'" + FORMULA in cells and "'+1+1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@")], "a live formula is left"

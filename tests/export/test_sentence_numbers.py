"""One sentence number everywhere: the JSON's `number`, the CSV's `sentence_a`/`sentence_b`."""

from __future__ import annotations

import csv
import io
import json

from desktop.core.comparison import Comparison
from desktop.export.csv_export import links_csv


def test_json_numbers_are_the_csv_numbers(main_comparison: Comparison) -> None:
    data = json.loads(main_comparison.to_json())
    numbers = {(a["id"], s["index"]): s["number"] for a in data["articles"] for s in a["sentences"]}
    assert all(number == index + 1 for (_, index), number in numbers.items())
    labels = {a["id"]: a["outlet"] for a in data["articles"]}
    rows = list(csv.DictReader(io.StringIO(links_csv(main_comparison).lstrip("\ufeff"))))
    assert len(rows) == len(data["links"])
    for link, row in zip(data["links"], rows, strict=True):
        assert row["outlet_a"] == labels[link["a"]["article"]]
        assert int(row["sentence_a"]) == numbers[link["a"]["article"], link["a"]["sentence"]]
        assert int(row["sentence_b"]) == numbers[link["b"]["article"], link["b"]["sentence"]]

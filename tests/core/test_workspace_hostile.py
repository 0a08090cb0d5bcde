"""Workspaces read defensively (reliability review M5, M6, L1): special files are refused at
once, and every damaged file is the "damaged workspace" FormatError, never a raw exception."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path

import pytest

from desktop.core.comparison import Comparison
from desktop.core.errors import FormatError, LoadError
from desktop.core.pipeline import compare_paths
from desktop.core.workspace import Workspace
from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "riverside-bridge"


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare_paths(sorted(str(p) for p in SAMPLES.glob("*.md")))


@pytest.fixture
def saved(comparison: Comparison) -> dict[str, object]:
    a, b = comparison.refs("a1")[:2], comparison.refs("a2")[:2]
    corrections = comparison.corrections.with_link(a[0], b[0])
    data: dict[str, object] = Workspace.from_comparison(comparison, "w", corrections).to_dict()
    return data


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """M5: the worker blocked in read_bytes() for good, and quitting then hung."""
    fifo = tmp_path / "fifo.parallax"
    os.mkfifo(fifo)
    errors: list[BaseException] = []

    def load() -> None:
        try:
            Workspace.load(fifo)
        except BaseException as exc:
            errors.append(exc)

    started = time.perf_counter()
    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(5)
    if worker.is_alive():  # unblock the reader before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("Workspace.load blocked on a FIFO")
    assert time.perf_counter() - started < 5
    assert isinstance(errors[0], LoadError) and "not a regular file" in str(errors[0])


def test_a_device_behind_a_workspace_name_is_refused_unread(tmp_path: Path) -> None:
    """M5: `ln -s /dev/zero zero.parallax` read without end, then MemoryError."""
    (tmp_path / "zero.parallax").symlink_to("/dev/zero")
    with pytest.raises(LoadError, match="not a regular file"):
        Workspace.load(tmp_path / "zero.parallax")


def _damaged(saved: dict[str, object], change: str) -> str:
    data = json.loads(json.dumps(saved))
    article = data["articles"][0]
    sentence = article["sentences"][1]
    if change == "deep nesting":
        return json.dumps(saved)[:-1] + ', "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    if change == "huge number":
        return json.dumps(saved).replace('"start": 0,', '"start": 1' + "0" * 5000 + ",", 1)
    if change == "Infinity":
        return json.dumps(saved).replace('"start": 0,', '"start": Infinity,', 1)
    if change == "NaN threshold":
        return re.sub(r'"threshold": [0-9.]+', '"threshold": NaN', json.dumps(saved), count=1)
    if change == "lone surrogate in text":
        return json.dumps(saved).replace('"name": "w"', '"name": "w\\ud800"', 1)
    if change == "duplicate manual links":
        link = data["corrections"]["links"][0]
        other = {"article": link["b"]["article"], "sentence": link["b"]["sentence"] + 1}
        data["corrections"]["links"].append({"a": link["a"], "b": other})
    elif change == "empty sentence":
        article["sentences"].insert(0, {"index": 0, "text": "", "start": 0, "end": 0})
        for n, s in enumerate(article["sentences"]):
            s["index"] = n
    elif change == "bogus kind":
        sentence["kind"] = "bogus"
    elif change == "threshold true":
        data["options"]["threshold"] = True
    elif change == "NUL in text":
        article["text"] = article["text"] + "\x00"
    elif change == "no articles":
        data["articles"] = []
    elif change == "start as text":
        sentence["start"] = str(sentence["start"])
    elif change == "outlet as a list":
        article["outlet"] = ["x"]
    elif change == "sentences as text":
        article["sentences"] = "abc"
    return json.dumps(data)


DAMAGES = [
    "deep nesting", "huge number", "Infinity", "NaN threshold", "lone surrogate in text",
    "duplicate manual links", "empty sentence", "bogus kind", "threshold true", "NUL in text",
    "no articles", "start as text", "outlet as a list", "sentences as text",
]  # fmt: skip


@pytest.mark.parametrize("change", DAMAGES)
def test_damaged_workspaces_are_a_format_error(
    saved: dict[str, object], tmp_path: Path, change: str
) -> None:
    path = tmp_path / "w.parallax"
    text = _damaged(saved, change)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = path.read_bytes()
    with pytest.raises(FormatError, match="The workspace is damaged"):
        Workspace.load(path)
    assert path.read_bytes() == before


def test_the_undamaged_workspace_still_loads(saved: dict[str, object], tmp_path: Path) -> None:
    """The same file without the damage: what the test above changes is all that is refused."""
    path = tmp_path / "w.parallax"
    path.write_text(json.dumps(saved), encoding="utf-8")
    assert Workspace.load(path).corrections.links

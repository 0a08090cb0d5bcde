"""The cyclic collector is paused while a command compares, and comes back as it was
(core/heap.py); `parallax compare` run from Python leaves the collector of its caller alone."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import EXIT_OK, main
from desktop.core.heap import collector_paused

SAMPLES = Path(__file__).parents[2] / "samples" / "riverside-bridge"


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    frozen = gc.get_freeze_count()
    yield
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()
    gc.enable()


def test_the_block_runs_paused_and_the_collector_comes_back():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_paused_already_stays_paused():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_an_error_in_the_block_still_brings_it_back():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_cycles_left_by_the_block_are_collected_after_it_unless_the_process_ends():
    class Node:
        pass

    def cycle() -> None:
        node = Node()
        node.me = node  # type: ignore[attr-defined]

    gc.collect()
    with collector_paused():
        cycle()
    assert gc.collect() >= 1  # the node, found after the block

    frozen = gc.get_freeze_count()
    with collector_paused(ending=True):
        cycle()
    assert gc.get_freeze_count() > frozen  # what the block left is out of every pass
    assert gc.collect() == 0


def test_compare_called_from_python_leaves_the_callers_collector_as_it_was(tmp_path: Path):
    frozen = gc.get_freeze_count()
    files = [str(p) for p in sorted(SAMPLES.glob("*.md"))]
    assert main(["compare", "-q", *files, "--json", str(tmp_path / "out.json")]) == EXIT_OK
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_compare_command_runs_without_collector_passes(tmp_path: Path):
    # The parallax command itself: no pass from the start of the comparison to the exit.
    files = [str(p) for p in sorted(SAMPLES.glob("*.md"))]
    script = (
        "import gc, os, sys\n"
        "import desktop.cli\n"
        "gc.callbacks.append(lambda phase, info: os.write(2, b'pass\\n'))\n"
        "sys.argv = ['parallax', *sys.argv[1:]]\n"
        "os.write(2, b'main\\n')\n"
        "desktop.cli.main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, "compare", "-q", "--scorer", "content", *files,
         "--json", str(tmp_path / "out.json")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stderr.split() == ["main"]
    assert (tmp_path / "out.json").read_text(encoding="utf-8").endswith("}\n")

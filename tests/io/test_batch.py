"""`parallax batch`: one comparison per folder, resumable, one line per failing cluster,
exit codes as `compare`, Ctrl+C leaving whole files only (desktop/batch.py)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.batch import MANIFEST, Result, Task, batch_main, compare_cluster
from desktop.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from tests.benchmarks.synthetic import sentence, vocabulary
from tests.conftest import MAIN_SET, ROOT, SMALL_SET


@pytest.fixture
def clusters(tmp_path: Path) -> Path:
    """Two clusters: copies of the two sample sets, under their own names."""
    root = tmp_path / "stories"
    shutil.copytree(SMALL_SET, root / "bridge")
    shutil.copytree(MAIN_SET, root / "guarantees")
    return root


def _folders(root: Path) -> list[str]:
    return sorted(str(p) + "/" for p in root.iterdir() if p.is_dir())


def _stamps(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}


def test_one_json_per_folder_as_compare_writes_it(
    clusters: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["batch", *_folders(clusters), "--json-dir", str(out), "-j", "1"]) == EXIT_OK
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "bridge.json", "guarantees.json"]
    files = sorted(str(p) for p in (clusters / "bridge").glob("*.md"))
    alone = tmp_path / "alone.json"
    assert main(["compare", *files, "--json", str(alone), "-q"]) == EXIT_OK
    assert json.loads((out / "bridge.json").read_text()) == json.loads(alone.read_text())
    shown = capsys.readouterr()
    table = shown.out.splitlines()
    assert table[0].split()[:2] == ["cluster", "articles"]
    assert table[1].split()[:2] == ["bridge", "3"] and table[1].endswith("compared")
    assert table[2].split()[:2] == ["guarantees", "6"]
    assert table[-1].startswith("2 clusters: 2 compared, 0 already done, 0 failed")
    assert "Traceback" not in shown.err


def test_runs_again_only_what_changed(clusters: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    args = ["batch", *_folders(clusters), "--json-dir", str(out), "-j", "1"]
    assert main(args) == EXIT_OK
    first = _stamps(out)
    capsys.readouterr()

    assert main(args) == EXIT_OK  # nothing changed: nothing is rewritten
    assert "0 compared, 2 already done" in capsys.readouterr().out
    assert _stamps(out) == first

    article = next((clusters / "bridge").glob("*.md"))
    article.write_text(article.read_text() + "\nA sentence added later.\n")
    assert main(args) == EXIT_OK
    assert "1 compared, 1 already done" in capsys.readouterr().out
    assert _stamps(out)["guarantees.json"] == first["guarantees.json"]

    (out / "guarantees.json").write_text("{}")  # an output edited or damaged since
    (out / "bridge.json").unlink()  # or removed
    assert main(args) == EXIT_OK
    assert "2 compared, 0 already done" in capsys.readouterr().out
    assert json.loads((out / "guarantees.json").read_text())["format"] == "parallax-comparison"

    assert main([*args, "--threshold", "70"]) == EXIT_OK  # other options: other results
    assert "2 compared" in capsys.readouterr().out
    assert main([*args, "--threshold", "70", "--force"]) == EXIT_OK
    assert "2 compared" in capsys.readouterr().out


def test_a_report_asked_for_later_reruns_the_cluster(clusters: Path, tmp_path: Path, capsys):
    out, csv, html = tmp_path / "out", tmp_path / "csv", tmp_path / "html"
    folders = _folders(clusters)
    assert main(["batch", *folders, "--json-dir", str(out), "-j", "1"]) == EXIT_OK
    argv = ["batch", *folders, "--json-dir", str(out), "--csv-dir", str(csv)]
    assert main([*argv, "--html-dir", str(html), "-j", "1"]) == EXIT_OK
    assert "2 compared" in capsys.readouterr().out
    assert sorted(p.name for p in csv.iterdir()) == [
        "bridge-links.csv", "bridge.csv", "guarantees-links.csv", "guarantees.csv",
    ]  # fmt: skip
    page = (html / "guarantees.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "parallax compare" in page
    assert main([*argv, "-j", "1"]) == EXIT_OK  # fewer reports than recorded: still done
    assert "2 already done" in capsys.readouterr().out


def test_a_failing_cluster_is_one_line_and_the_others_go_on(
    clusters: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = clusters / "broken"
    bad.mkdir()
    (bad / "one.txt").write_text("The bridge reopened on Saturday morning after repairs.\n")
    (bad / "two.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    lonely = clusters / "lonely"
    lonely.mkdir()
    (lonely / "only.md").write_text("Just one article here, so nothing to compare.\n")
    out = tmp_path / "out"
    assert main(["batch", *_folders(clusters), "--json-dir", str(out), "-j", "1"]) == EXIT_INPUT
    err = capsys.readouterr()
    lines = err.err.splitlines()
    assert any(line.startswith("parallax batch: broken: ") and "two.txt" in line for line in lines)
    assert any(line.startswith("parallax batch: lonely: ") for line in lines)
    assert "Traceback" not in err.err
    assert (out / "bridge.json").exists() and (out / "guarantees.json").exists()
    assert not (out / "broken.json").exists()
    assert "2 compared, 0 already done, 2 failed" in err.out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["README.md"], "is not a folder"),
        (["missing/"], "does not exist"),
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["--threshold", "120"], "threshold must be between 0 and 100"),
    ],
)
def test_usage_errors_run_nothing(
    clusters: Path, tmp_path: Path, capsys, extra: list[str], message: str
) -> None:
    os.chdir(tmp_path)
    (tmp_path / "README.md").write_text("not a cluster")
    out = tmp_path / "out"
    assert main(["batch", *_folders(clusters), "--json-dir", str(out), *extra]) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_two_folders_of_one_name_are_refused(clusters: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "elsewhere" / "bridge"
    shutil.copytree(SMALL_SET, other)
    argv = ["batch", str(clusters / "bridge"), str(other), "--json-dir", str(tmp_path / "o")]
    assert main(argv) == EXIT_USAGE
    assert "two folders are named 'bridge'" in capsys.readouterr().err


def test_reports_may_not_go_into_a_cluster(clusters: Path, tmp_path: Path, capsys) -> None:
    argv = ["batch", *_folders(clusters), "--json-dir", str(tmp_path / "o")]
    assert main([*argv, "--html-dir", str(clusters / "bridge")]) == EXIT_USAGE
    assert "would be read as articles" in capsys.readouterr().err


def die_on_bridge(task: Task) -> Result:
    """A worker that the system kills while it compares `bridge` (as the OOM killer would)."""
    if task.name == "bridge":
        os._exit(9)
    return compare_cluster(task)


def test_a_worker_that_dies_fails_only_its_cluster(clusters: Path, tmp_path: Path, capsys):
    shutil.copytree(SMALL_SET, clusters / "bridge-again")
    out = tmp_path / "out"
    argv = [*_folders(clusters), "--json-dir", str(out), "-j", "2", "-q"]
    assert batch_main(argv, work=die_on_bridge) == EXIT_INPUT
    err = capsys.readouterr().err.splitlines()
    assert err == ["parallax batch: bridge: its worker process died (killed by the system, often "
                   "for lack of memory)"]  # fmt: skip
    assert sorted(p.name for p in out.glob("*.json")) == ["bridge-again.json", "guarantees.json"]


def test_ctrl_c_before_the_run_is_one_line(
    clusters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from desktop.batch import command

    def interrupted(folders: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "find_clusters", interrupted)
    assert main(["batch", *_folders(clusters), "--json-dir", str(tmp_path / "o")]) == 130
    assert (
        capsys.readouterr().err == "parallax batch: interrupted; clusters already done are kept\n"
    )


def _slow_clusters(root: Path, count: int = 8) -> list[str]:
    """Clusters of three 400-sentence articles sharing half their sentences (about a second
    each to compare), so that a run can be interrupted in the middle."""
    rng = random.Random(17)
    words = vocabulary(rng, 3000)
    for k in range(count):
        folder = root / f"story{k}"
        folder.mkdir(parents=True)
        shared = [sentence(rng, words) for _ in range(200)]
        for a in range(3):
            own = shared + [sentence(rng, words) for _ in range(200)]
            rng.shuffle(own)
            (folder / f"outlet{a}.txt").write_text("\n\n".join(own) + "\n")
    return _folders(root)


def test_ctrl_c_stops_every_process_and_leaves_whole_files(tmp_path: Path) -> None:
    # Sixteen clusters: with eight, a fast machine finished them all between the first one
    # being recorded and Ctrl+C arriving (exit 0 instead of 130).
    count = 16
    folders = _slow_clusters(tmp_path / "stories", count)
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "desktop", "batch", *folders, "--json-dir", str(out), "-j", "2"]
    child = subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not (out / MANIFEST).exists() and child.poll() is None:
        assert time.monotonic() < deadline, "no cluster finished in two minutes"
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGINT)  # Ctrl+C reaches the parent and its workers alike
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith("parallax batch: interrupted; ")
    with pytest.raises(ProcessLookupError):  # no worker is left running
        for _ in range(50):
            os.killpg(child.pid, 0)
            time.sleep(0.1)
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    recorded = json.loads((out / MANIFEST).read_text())["clusters"]
    written = sorted(p.stem for p in out.glob("*.json"))
    assert 1 <= len(recorded) < count and sorted(recorded) == written
    for name in written:
        assert json.loads((out / f"{name}.json").read_text())["format"] == "parallax-comparison"
    kept = {name: (out / f"{name}.json").stat().st_mtime_ns for name in written}

    again = subprocess.run(
        [*argv, "-q"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )  # fmt: skip
    assert again.returncode == EXIT_OK, again.stderr
    assert sorted(p.stem for p in out.glob("*.json")) == sorted(f"story{k}" for k in range(count))
    # The clusters done before Ctrl+C were not compared again.
    assert {name: (out / f"{name}.json").stat().st_mtime_ns for name in written} == kept


def test_batch_workers_stay_on_one_thread() -> None:
    """Issue 17: each worker ran rapidfuzz (and BLAS) on every core, so the batch's one worker
    per core ran cores × cores threads. A worker's engine now keeps to one thread."""
    code = (
        "import os\n"
        "from desktop.batch.workers import _init_worker\n"
        "_init_worker()\n"
        "from desktop.core import threads\n"
        "import numpy\n"
        "print(threads.workers(10**9), threads.model_threads(),\n"
        "      os.environ['OPENBLAS_NUM_THREADS'])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    assert out.stdout.split() == ["1", "1", "1"]

"""Report speed: the sample report as PDF within 1 s, twenty articles within 5 s, as ratios.

Each figure is printed beside the same export by the report code before the editor's report
(issue 16: findings, chart, verdicts, claim-aligned full texts), measured in the same run: that
code is taken from git (`BASELINE`, override with PARALLAX_REPORT_BASELINE=<commit>) into a
temporary folder, and both versions export the same comparison (written once as JSON) in child
processes of the same shape, alternately, best of three. The twenty-article report is an ECB+
cluster when the corpus is beside the checkout (real outlets' text), else synthetic. The chart's
own cost is measured in process: the same report laid out with and without it.

Run with: pytest tests/benchmarks/test_report_speed.py -m benchmark -s
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from io import BytesIO
from pathlib import Path

import pytest

from desktop.core.comparison import Comparison
from desktop.core.pipeline import compare_paths
from desktop.core.verdicts import DISPUTED, VERIFIED, Verdicts
from desktop.export import ReportOptions, build_report
from tests.benchmarks.synthetic import CORPUS
from tests.conftest import MAIN_SET, ROOT
from tests.export.conftest import synthetic

BASELINE = os.environ.get("PARALLAX_REPORT_BASELINE", "36d9e75")
"""The last commit before the editor's report (the branch's base)."""

_CHILD = """
import sys, time
from pathlib import Path
from desktop.core.comparison import Comparison
from desktop.export import export
c = Comparison.from_json(Path(sys.argv[1]).read_text(encoding="utf-8"))
out = Path(sys.argv[2])
export(c, out)  # warm-up: fonts, imports
best = min(
    (lambda t: (export(c, out), time.perf_counter() - t)[1])(time.perf_counter())
    for _ in range(3)
)
print(best)
"""


@pytest.fixture(scope="module")
def baseline_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is needed to take the baseline report code")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", BASELINE, "desktop"],
        capture_output=True,
    )
    if archive.returncode != 0:
        pytest.skip(f"baseline {BASELINE} not in this checkout")
    folder = tmp_path_factory.mktemp("baseline")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _child_time(code_root: Path, job: Path, out: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(code_root), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(job), str(out)],
        capture_output=True, text=True, env=env, cwd=out.parent, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return float(result.stdout.strip().splitlines()[-1])


def _with_verdicts(c: Comparison) -> Comparison:
    multi = c.multi_claims
    v = Verdicts().with_claim_verdict(c, multi[0].id, VERIFIED)
    v = v.with_claim_verdict(c, multi[-1].id, DISPUTED).with_claim_note(c, multi[-1].id, "check")
    return c.with_verdicts(v)


def _compare(c: Comparison, baseline: Path, tmp: Path, label: str, limit: float) -> None:
    job, old_job = tmp / "job.json", tmp / "old-job.json"
    job.write_text(c.to_json(), encoding="utf-8")
    # The baseline knew only the lexical scorers: it reads the same comparison as if scored
    # with content (the scorer's name is all a report takes from it).
    data = c.to_dict()
    data["options"] = {**data["options"], "scorer": "content"}
    old_job.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    new_times, old_times = [], []
    for _ in range(2):  # alternate, so a busy moment on the shared cores hits both
        old_times.append(_child_time(baseline, old_job, tmp / "old.pdf"))
        new_times.append(_child_time(ROOT, job, tmp / "new.pdf"))
    new, old = min(new_times), min(old_times)
    print(
        f"\n{label}: PDF {new:.3f} s now, {old:.3f} s before the editor's report "
        f"({BASELINE}) = {new / old:.2f}x"
    )
    assert new < limit


def _chart_cost(c: Comparison, label: str) -> None:
    from desktop.export.pdf import render_pdf

    report = build_report(c)
    bare = dataclasses.replace(report, chart=None)
    render_pdf(report)  # warm-up

    def best(r: object) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            render_pdf(r)  # type: ignore[arg-type]
            times.append(time.perf_counter() - t)
        return min(times)

    with_chart, without = best(report), best(bare)
    print(
        f"{label}: the coverage chart costs {1000 * (with_chart - without):.0f} ms "
        f"({with_chart:.3f} s with, {without:.3f} s without = {with_chart / without:.2f}x)"
    )


def _twenty(kind: str) -> tuple[Comparison, str]:
    if kind == "ecb":
        # The largest ECB+ cluster with twenty outlets (the corpus keeps each article's first
        # sentences only, so these are short: real text, small size).
        cluster = sorted((CORPUS / "topic13-ecb").glob("*.txt"))[:20]
        if len(cluster) < 20:
            pytest.skip("the ECB+ corpus is not beside the checkout")
        return compare_paths(cluster), "20 ECB+ articles (topic13-ecb)"
    return synthetic(20, n_facts=30), "20 synthetic articles"


@pytest.mark.benchmark
def test_sample_report_pdf_under_a_second(tmp_path: Path, baseline_tree: Path) -> None:
    c = _with_verdicts(compare_paths(sorted(MAIN_SET.glob("*.md"))))
    label = f"sample set ({len(c.articles)} articles)"
    _compare(c, baseline_tree, tmp_path, label, 1.0)
    _chart_cost(c, label)


@pytest.mark.benchmark
@pytest.mark.parametrize("kind", ["ecb", "synthetic"])
def test_twenty_articles_pdf_under_five_seconds(
    tmp_path: Path, baseline_tree: Path, kind: str
) -> None:
    c, label = _twenty(kind)
    c = _with_verdicts(c)
    label += f", {c.sentence_count} sentences"
    _compare(c, baseline_tree, tmp_path, label, 5.0)
    _chart_cost(c, label)
    from desktop.export import export

    t = time.perf_counter()
    export(c, tmp_path / "full.pdf", options=ReportOptions(full_texts=True))
    print(f"{label}: with full texts {time.perf_counter() - t:.3f} s (in process, one run)")

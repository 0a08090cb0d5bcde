"""Conflicts found before and after a change to the framing checks, side by side in one run.

    make bench PYTEST_ARGS="-k conflicts_before_after"

The base revision (`PARALLAX_BENCH_BASE`, default: the commit before the slot rules and the
claim-level conflicts, issue 15) is unpacked beside this checkout (tests/benchmarks/trees.py)
and both align the same files with their default options in child processes: the two sample
sets, the ferry-fire test set, and the same-event ECB+ pairs of test_scorer_thresholds.py.
Printed per set: conflicting links by kind, claims with a member-level conflict (now only),
and the conflicts only one side finds, so a reader can judge each one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.benchmarks.quality_data import ECBPLUS
from tests.benchmarks.test_scorer_thresholds import _pairs
from tests.benchmarks.trees import base_revision, describe, load, python, unpack
from tests.conftest import MAIN_SET, ROOT, SMALL_SET

pytestmark = pytest.mark.benchmark

BASE = "95ddb0b^1"
"""The commit before the slot rules (wt20's first commit)."""

CHILD = """
import json, sys
from desktop.core.align import align
from desktop.core.loading import load_article
out = []
for files in json.load(open(sys.argv[1], encoding="utf-8")):
    articles = [load_article(p, f"a{i + 1}") for i, p in enumerate(files)]
    c = align(articles)
    found = []
    for link in c.links:
        for x in link.conflicts:
            found.append([x.cause, x.a, x.b])
    members = sum(1 for cl in c.claims if getattr(cl, "conflicts", ()))
    out.append({"conflicts": found, "claims_with_member_conflicts": members})
print(json.dumps(out))
"""


def _sets() -> dict[str, list[list[str]]]:
    sets = {
        "security-guarantees": [[str(p) for p in sorted(MAIN_SET.glob("*.md"))]],
        "riverside-bridge": [[str(p) for p in sorted(SMALL_SET.glob("*.md"))]],
        "ferry-fire": [[str(p) for p in sorted((ROOT / "tests/data/ferry-fire").glob("*.md"))]],
    }
    if ECBPLUS.is_dir():
        same, _ = _pairs()
        sets["ECB+ same-event pairs"] = [[str(a), str(b)] for a, b in same]
    return sets


def test_conflicts_before_after(tmp_path: Path) -> None:
    rev = base_revision(BASE)
    trees = {"before": unpack(rev, tmp_path / "before"), "now": ROOT}
    (tmp_path / "child.py").write_text(CHILD, encoding="utf-8")
    print(f"\nbefore = {describe(rev)}; {load()}")
    for name, groups in _sets().items():
        job = tmp_path / "job.json"
        job.write_text(json.dumps(groups), encoding="utf-8")
        result = {}
        for side, tree in trees.items():
            run = python(tree, str(tmp_path / "child.py"), str(job), timeout=1800, cache=tmp_path)
            assert run.ok, f"{side}: {run.ending()}"
            result[side] = json.loads(run.stdout.strip().splitlines()[-1])
        found = {s: [tuple(x) for g in r for x in g["conflicts"]] for s, r in result.items()}
        kinds = {s: _by_kind(f) for s, f in found.items()}
        members = sum(g["claims_with_member_conflicts"] for g in result["now"])
        print(
            f"{name} ({len(groups)} comparisons): conflicts before {len(found['before'])} "
            f"{kinds['before']}, now {len(found['now'])} {kinds['now']}; claims with a "
            f"member-level conflict now {members}"
        )
        for side, other in (("before", "now"), ("now", "before")):
            for x in sorted(set(found[side]) - set(found[other])):
                print(f"  only {side}: {x[0]}: {x[1]!r} ↔ {x[2]!r}")


def _by_kind(found: list[tuple[str, ...]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, *_ in found:
        out[kind] = out.get(kind, 0) + 1
    return dict(sorted(out.items()))

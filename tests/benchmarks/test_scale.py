"""Issue 17's table: every size from two sentences to 2 × 50,000, now against before.

    make bench PYTEST_ARGS="-k test_scale"          # the whole table (about 5 minutes)
    make bench PYTEST_ARGS="-k hundred_by_fifty"    # one row

"Before" is the base revision unpacked beside this checkout (tests/benchmarks/trees.py: where
this branch left main, or `PARALLAX_BENCH_BASE=REV`); both run with the same virtualenv, in
alternating child processes, each capped in memory and time. The naive baseline is
tests/benchmarks/naive_align.py (difflib over all pairs). Articles come from the ECB+ clusters
beside the checkout (tests/benchmarks/synthetic.py: corpus sentences, some verbatim, some
reworded); rows that need the corpus skip without it. `PARALLAX_BENCH_REPEAT=N` repeats every
row N times (default: more for the quick rows); the fastest run of each side is quoted.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.benchmarks.synthetic import (
    CORPUS,
    article_set,
    big_pair,
    ecb_pair,
    repetitive_text,
)
from tests.benchmarks.trees import (
    Run,
    base_revision,
    best,
    describe,
    load,
    python,
    spread,
    unpack,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.benchmark

ROWS: list[str] = []
HEADER = "| case | now | before | now vs before | goal | met |\n|---|---|---|---|---|---|"

ALIGN = """
import json, resource, sys, time
import scipy.optimize, scipy.sparse.csgraph  # imported by both trees before timing (row 1's)
from desktop.core.align import align
from tests.helpers import make_article
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
articles = [make_article(f"a{i + 1}", s, f"Outlet {i + 1}") for i, s in enumerate(data)]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
comparison = align(articles)
took = time.perf_counter() - start
print(json.dumps({"align_s": took, "rss_before_mb": rss, "links": len(comparison.links)}))
"""


def _repeat(default: int) -> int:
    return int(os.environ.get("PARALLAX_BENCH_REPEAT", default))


@pytest.fixture(scope="module", autouse=True)
def _table() -> Iterator[None]:
    yield
    if ROWS:
        print(f"\n\nIssue 17 table (fastest run of each side; ratios of the same run; {load()}):")
        print(HEADER)
        print("\n".join(ROWS))


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    revision = base_revision()
    before = unpack(revision, tmp_path_factory.mktemp("before"))
    print(f"\nbefore = {describe(revision)}\nnow    = {ROOT}\n{load()}")
    return {"before": before, "now": ROOT}


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's own cache folder (the language model unpacked there on first use)."""
    return tmp_path_factory.mktemp("cache")


def _alternate(n: int, sides: dict[str, Callable[[], Run]]) -> dict[str, list[Run]]:
    """Run each side `n` times, alternating which goes first, so drift hits both alike."""
    runs: dict[str, list[Run]] = defaultdict(list)
    names = list(sides)
    for k in range(n):
        for name in names if k % 2 == 0 else names[::-1]:
            runs[name].append(sides[name]())
    return runs


def _figure(run: Run, with_memory: bool = True, seconds: float | None = None) -> str:
    if not run.ok:
        return f"failed after {run.seconds:.1f} s, {run.peak_mb:.0f} MB ({run.ending()})"
    took = run.seconds if seconds is None else seconds
    return f"{took:.2f} s" + (f", {run.peak_mb:.0f} MB" if with_memory else "")


def _ratio(now: float, before: float) -> str:
    if now <= 0 or before <= 0:
        return "–"
    return f"{before / now:.2f}× faster" if before >= now else f"{now / before:.2f}× slower"


def _row(case: str, now: str, before: str, ratio: str, goal: str, met: bool) -> None:
    line = f"| {case} | {now} | {before} | {ratio} | {goal} | {'yes' if met else 'NOT YET'} |"
    ROWS.append(line)
    print(f"\n{HEADER}\n{line}")


def _write_articles(folder: Path, articles: list[list[str]]) -> list[str]:
    """One file per article, one sentence per paragraph (so segmenting keeps them whole)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, sentences in enumerate(articles):
        path = folder / f"outlet{k + 1:03d}.txt"
        path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _need_corpus() -> None:
    if not any(CORPUS.glob("*/*.txt")):
        pytest.skip("needs ../shared/corpora/ecbplus beside the checkout")


# -- 1. start-up ----------------------------------------------------------------------------------


def _one_sentence_files(folder: Path) -> list[str]:
    return _write_articles(
        folder,
        [
            ["The council approved the new budget on Monday evening."],
            ["On Monday evening the council passed the new budget."],
        ],
    )


def test_start_up_two_one_sentence_files(trees: dict[str, Path], cache: Path, tmp_path: Path):
    files = _one_sentence_files(tmp_path)
    out = str(tmp_path / "out.json")

    def compare(side: str, cache_dir: Path = cache) -> Run:
        args = ["-m", "desktop", "compare", *files, "--json", out, "-q"]
        return python(trees[side], *args, cache=cache_dir, timeout=120)

    cold = compare("now", tmp_path / "empty-cache")  # the very first run: unpacks the model
    compare("before")  # byte-code caches of both trees written, as after an install
    runs = _alternate(
        _repeat(7), {"now": lambda: compare("now"), "before": lambda: compare("before")}
    )
    now, before = best(runs["now"]), best(runs["before"])
    print(
        f"\nnow: {spread(runs['now'])}; before: {spread(runs['before'])}; the first run ever "
        f"(language model unpacked into an empty cache) {cold.seconds:.2f} s"
    )
    _row(
        "`compare` of two one-sentence files, whole process",
        _figure(now), _figure(before), _ratio(now.seconds, before.seconds), "< 0.25 s",
        now.ok and now.seconds < 0.25,
    )  # fmt: skip


def _import_costs(run: Run) -> dict[str, float]:
    """Seconds of import per package and subpackage ("scipy.sparse", "desktop.core"), from
    `-X importtime` (self times summed, so each module counts once, where it is loaded)."""
    costs: dict[str, float] = defaultdict(float)
    for line in run.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)", line)
        if m:
            costs[".".join(m[2].split(".")[:2])] += int(m[1]) / 1e6
    return costs


def test_start_up_import_costs(trees: dict[str, Path], cache: Path, tmp_path: Path) -> None:
    """Where the start-up goes: import time by package, now and before (`-X importtime`)."""
    files = _one_sentence_files(tmp_path)

    def measure(side: str) -> Run:
        args = ["-X", "importtime", "-m", "desktop", "compare", *files, "-q"]
        return python(trees[side], *args, cache=cache, timeout=120)

    runs = _alternate(
        _repeat(3), {"now": lambda: measure("now"), "before": lambda: measure("before")}
    )
    costs = {side: _import_costs(best(rs)) for side, rs in runs.items()}
    total = {side: sum(c.values()) for side, c in costs.items()}
    wall = {side: best(rs).seconds for side, rs in runs.items()}
    print("\nimport time by package (s), two one-sentence files:")
    print(f"{'package':<28}  now  before")
    heavy = sorted(set(costs["now"]) | set(costs["before"]), key=lambda p: -max(
        costs["now"].get(p, 0), costs["before"].get(p, 0)))  # fmt: skip
    for pkg in heavy[:16]:
        print(f"{pkg:<28} {costs['now'].get(pkg, 0):5.3f}  {costs['before'].get(pkg, 0):6.3f}")
    for side in ("now", "before"):
        print(
            f"{side}: imports {total[side]:.2f} s of {wall[side]:.2f} s in all (with -X "
            f"importtime); the rest, {wall[side] - total[side]:.2f} s, is the run itself"
        )
    assert total["now"] > 0 and total["before"] > 0


# -- 2. three articles, against the naive tool -------------------------------------------


def test_three_by_sixty_against_naive_difflib(trees: dict[str, Path], cache: Path, tmp_path: Path):
    _need_corpus()
    sets = [[s.text for s in a.sentences] for a in article_set(3, 60)]
    files = _write_articles(tmp_path / "articles", sets)
    out = str(tmp_path / "out.json")

    def compare(side: str) -> Callable[[], Run]:
        args = ["-m", "desktop", "compare", *files, "--json", out, "-q"]
        return lambda: python(trees[side], *args, cache=cache, timeout=300)

    def naive() -> Run:
        script = str(ROOT / "tests" / "benchmarks" / "naive_align.py")
        return python(ROOT, script, str(tmp_path / "naive.json"), *files, timeout=600)

    compare("now")(), compare("before")()  # byte-code and model caches, as after an install
    runs = _alternate(
        _repeat(5), {"now": compare("now"), "before": compare("before"), "naive": naive}
    )
    now, before, slow = best(runs["now"]), best(runs["before"]), best(runs["naive"])
    naive_links = len(json.loads((tmp_path / "naive.json").read_text())["links"])
    ours = len(json.loads(Path(out).read_text())["links"])
    print(
        f"\nnaive difflib all pairs: {slow.seconds:.2f} s ({naive_links} links); Parallax now "
        f"{now.seconds:.2f} s ({ours} links) = {slow.seconds / now.seconds:.1f}× faster than "
        f"naive, before {before.seconds:.2f} s = {slow.seconds / before.seconds:.1f}×"
    )
    _row(
        "3 articles × 60 sentences, whole process, vs naive difflib all pairs",
        f"{now.seconds:.2f} s, {slow.seconds / now.seconds:.1f}× faster than naive",
        f"{before.seconds:.2f} s, {slow.seconds / before.seconds:.1f}× faster than naive",
        _ratio(now.seconds, before.seconds), "≥ 10× faster than naive",
        now.ok and slow.seconds / now.seconds >= 10,
    )  # fmt: skip


# -- 3-5. alignment of many or long articles ----------------------------------------------


def _align_row(
    case: str,
    articles: list[list[str]],
    trees: dict[str, Path],
    tmp_path: Path,
    repeat: int,
    goal: str,
    goal_s: float | None,
    goal_mb: float | None,
) -> None:
    data = tmp_path / "articles.json"
    data.write_text(json.dumps(articles), encoding="utf-8")

    def run(side: str) -> Callable[[], Run]:
        return lambda: python(trees[side], "-c", ALIGN, str(data), memory_gib=8, timeout=600)

    runs = _alternate(repeat, {"now": run("now"), "before": run("before")})
    now, before = best(runs["now"]), best(runs["before"])
    took = {side: _align_seconds(r) for side, r in (("now", now), ("before", before))}
    sentences = sum(len(a) for a in articles)
    print(
        f"\n{case}: {sentences} sentences; align now {took['now']:.2f} s (whole process "
        f"{spread(runs['now']) or f'{now.seconds:.2f} s'}), before {took['before']:.2f} s; "
        f"peak RSS now {now.peak_mb:.0f} MB, "
        f"before {before.peak_mb:.0f} MB ({_rss_before(now):.0f} / {_rss_before(before):.0f} MB "
        "before aligning)"
    )
    met = now.ok and (goal_s is None or took["now"] < goal_s)
    met = met and (goal_mb is None or now.peak_mb < goal_mb)
    ratio = "–"
    if now.ok and before.ok:
        ratio = (
            f"align {_ratio(took['now'], took['before'])}, process "
            f"{_ratio(now.seconds, before.seconds)}, {now.peak_mb / before.peak_mb:.2f}× the memory"
        )
    _row(case, _cell(now, took["now"]), _cell(before, took["before"]), ratio, goal, met)


def _cell(run: Run, align_s: float) -> str:
    if not run.ok:
        return _figure(run)
    return f"align {align_s:.2f} s (process {run.seconds:.2f} s), {run.peak_mb:.0f} MB"


def _align_seconds(run: Run) -> float:
    return float(json.loads(run.stdout)["align_s"]) if run.ok else run.seconds


def _rss_before(run: Run) -> float:
    return float(json.loads(run.stdout)["rss_before_mb"]) if run.ok else float("nan")


def _sentences(n_articles: int, n_sentences: int) -> list[list[str]]:
    return [[s.text for s in a.sentences] for a in article_set(n_articles, n_sentences)]


def test_twenty_by_hundred(trees: dict[str, Path], tmp_path: Path) -> None:
    _need_corpus()
    _align_row(
        "20 articles × 100 sentences, align", _sentences(20, 100), trees, tmp_path,
        _repeat(3), "< 1 s", 1.0, None,
    )  # fmt: skip


def test_hundred_by_fifty(trees: dict[str, Path], tmp_path: Path) -> None:
    _need_corpus()
    _align_row(
        "100 articles × 50 sentences, align (peak RSS of the process)", _sentences(100, 50),
        trees, tmp_path, _repeat(2), "< 4 s, < 500 MB", 4.0, 500,
    )  # fmt: skip


def test_ten_thousand_each_ecb(trees: dict[str, Path], tmp_path: Path) -> None:
    _need_corpus()
    _align_row(
        "2 × 10,000 sentences drawn from ECB+ (half shared, half of those reworded), align",
        ecb_pair(10_000), trees, tmp_path, _repeat(2), "< 5 s, < 1 GB", 5.0, 1024,
    )  # fmt: skip


def test_ten_thousand_each_synthetic(trees: dict[str, Path], tmp_path: Path) -> None:
    """The older synthetic pair, whose made-up words overlap far less than news does."""
    pair = [[s.text for s in a.sentences] for a in big_pair(10_000)]
    _align_row(
        "2 × 10,000 synthetic sentences (few shared words; reference only), align", pair, trees,
        tmp_path, _repeat(1), "(as ECB+ row)", 5.0, 1024,
    )  # fmt: skip


# -- 6. the repetitive pair of the reliability review -------------------------------------


def test_fifty_thousand_repetitive_sentences(trees: dict[str, Path], cache: Path, tmp_path: Path):
    """M4 of the reliability review: `compare` under a 4 GiB address-space cap, 5 min at most."""
    a, b = tmp_path / "A50k.txt", tmp_path / "B50k.txt"
    for path, text in zip((a, b), repetitive_text(), strict=True):
        path.write_text(text, encoding="utf-8")

    def compare(side: str) -> Callable[[], Run]:
        args = ["-m", "desktop", "compare", str(a), str(b), "-q"]
        return lambda: python(trees[side], *args, cache=cache, memory_gib=4, timeout=300)

    runs = _alternate(_repeat(1), {"now": compare("now"), "before": compare("before")})
    now, before = best(runs["now"]), best(runs["before"])
    refused = (
        now.returncode == 3
        and "Traceback" not in now.stderr
        and len(now.stderr.strip().splitlines()) == 1
    )
    met = (now.ok and now.seconds < 10 and now.peak_mb < 2048) or refused
    print(f"\nnow: {now.ending() if not now.ok else 'ok'}; before: {before.ending()}")
    _row(
        f"2 × 50,000 three-word repetitive sentences ({a.stat().st_size // 1000} KB each), "
        "whole process, 4 GiB cap",
        _figure(now), _figure(before),
        _ratio(now.seconds, before.seconds) if now.ok and before.ok else "–",
        "< 10 s, < 2 GB, or a clear refusal", met,
    )  # fmt: skip

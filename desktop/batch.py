"""`parallax batch`: one comparison per folder, for researchers with many stories at once.

    parallax batch DIR/*/ --json-dir OUT [--csv-dir D] [--html-dir D] [--jobs N]

Each folder is one cluster (the article files directly inside it, in name order) and becomes
`OUT/<folder name>.json`, exactly what `parallax compare FILES --json` would write. Clusters
run in parallel processes (default: one per core), largest first so the last one to finish is
a small one; each process imports the engine once, which is most of what a `compare` per
cluster costs on news-sized articles.

Resuming: a cluster is done when the manifest `OUT/.parallax-batch` (JSON) records it with the
same input files (path as given, size and SHA-256), the same options and Parallax version,
and every output now asked for still exists with the SHA-256 recorded when it was written.
Anything else (a changed, added or removed article, another threshold, a deleted or edited
output) makes it run again; `--force` runs everything again.

Only this (parent) process writes files, each through the atomic writer (core/files.py), and
a cluster's outputs and its manifest entry are written with Ctrl+C held back, so an interrupted
run leaves every file whole and every cluster either recorded as done or not at all; workers
ignore Ctrl+C and are stopped by the parent. A failing cluster prints one line on stderr and
the others go on; a worker that dies (the system killing it for memory) is retried alone, so
only the cluster that kills it fails. Exit codes as `compare`: 0, 2 for usage, 3 if any
cluster failed; 130 when interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from desktop import __version__

log = logging.getLogger(__name__)

EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_INTERRUPTED = 0, 2, 3, 130
MANIFEST = ".parallax-batch"
"""The manifest's name: hidden, and not ending in .json, so `OUT/*.json` lists comparisons only."""
_PROG = "parallax batch"


@dataclass(frozen=True)
class Task:
    """One cluster to compare, as sent to a worker process."""

    name: str
    files: tuple[str, ...]
    options: dict[str, Any]
    reports: tuple[str, ...] = ()
    """Report formats wanted besides the JSON ("csv", "html")."""


@dataclass
class Result:
    """What a worker sends back: the outputs' bytes by kind, or one line saying what failed."""

    name: str
    seconds: float = 0.0
    error: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


# -- the worker -----------------------------------------------------------------------------------


def _init_worker() -> None:
    """Workers leave Ctrl+C to the parent, which stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def compare_cluster(task: Task) -> Result:
    """Compare one cluster and render its outputs in memory; never raises."""
    started = time.perf_counter()
    try:
        return _compare(task, started)
    except MemoryError:
        error = "ran out of memory (compare it alone, or split its articles)"
    except Exception as exc:  # the parent must hear of any failure as one line
        from desktop.core.errors import ParallaxError

        if isinstance(exc, ParallaxError):
            error = str(exc)
        else:
            log.debug("cluster %s failed", task.name, exc_info=True)
            error = f"unexpected error ({type(exc).__name__}: {exc})"
    return Result(task.name, time.perf_counter() - started, error=error)


def _compare(task: Task, started: float) -> Result:
    from desktop.core.options import AlignOptions
    from desktop.core.pipeline import compare_paths

    comparison = compare_paths(task.files, AlignOptions.from_dict(task.options))
    texts = {"json": comparison.to_json() + "\n"}
    if task.reports:
        from desktop.export.report import ReportOptions, build_report

        for fmt in task.reports:
            # Each report's method note names its own output, as `compare --html NAME` would.
            options = ReportOptions(output=(f"--{fmt}", f"{task.name}.{fmt}"))
            report = build_report(comparison, options)
            if fmt == "html":
                from desktop.export.html import render_html

                texts["html"] = render_html(report)
            elif fmt == "csv":
                from desktop.export.csv_export import links_csv, matrix_csv

                texts["csv"] = matrix_csv(comparison, report)
                texts["csv-links"] = links_csv(comparison)
    counts = {
        "articles": len(comparison.articles),
        "sentences": comparison.sentence_count,
        "links": len(comparison.links),
        "shared claims": len(comparison.multi_claims),
    }
    return Result(task.name, time.perf_counter() - started, texts=texts, counts=counts)


# -- running the workers ----------------------------------------------------------------------


Work = Callable[[Task], Result]


def run_tasks(
    tasks: Sequence[Task],
    jobs: int,
    on_result: Callable[[Result], None],
    tick: Callable[[], None] = lambda: None,
    work: Work = compare_cluster,
) -> None:
    """Run `work` on every task in `jobs` processes, calling `on_result` in this process as
    each finishes. Tasks caught in a pool whose worker died run again one per process; the
    one that still kills its process fails alone. KeyboardInterrupt stops every worker."""
    if jobs <= 1 and work is compare_cluster:
        for task in tasks:
            on_result(work(task))
        return
    remaining = list(tasks)
    broken = _run_pool(remaining, jobs, on_result, tick, work)
    for task in broken:  # isolated: only the cluster that kills its process fails
        if _run_pool([task], 1, on_result, tick, work):
            on_result(
                Result(task.name, error="its worker process died (killed by the system, often "
                       "for lack of memory)")
            )  # fmt: skip


def _run_pool(
    tasks: list[Task], jobs: int, on_result: Callable[[Result], None], tick: Callable[[], None],
    work: Work,
) -> list[Task]:  # fmt: skip
    """The tasks left unfinished because a worker died (empty when none did)."""
    context = multiprocessing.get_context("spawn")  # the same on every system, no fork hazards
    with _sigint_ignored():  # workers start ignoring Ctrl+C, even while importing
        executor = ProcessPoolExecutor(
            max_workers=max(1, min(jobs, len(tasks))), mp_context=context,
            initializer=_init_worker,
        )  # fmt: skip
        pending: dict[Future[Result], Task] = {executor.submit(work, t): t for t in tasks}
    lost: list[Task] = []
    try:
        while pending:
            done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            tick()
            for future in done:
                task = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    lost.append(task)
                    continue
                except Exception as exc:  # the task could not be sent or its result returned
                    result = Result(task.name, error=f"unexpected error ({exc})")
                on_result(result)
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)
    return lost


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop the workers now: they write nothing, so nothing is left half done."""
    executor.shutdown(wait=False, cancel_futures=True)
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=5)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if _on_main_thread():
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)
    else:
        yield


@contextlib.contextmanager
def _interrupt_held() -> Iterator[None]:
    """Ctrl+C while a cluster's files are written takes effect once they all are."""
    if not _on_main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda sig, frame: caught.append(sig))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _on_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


# -- clusters, outputs and the manifest ---------------------------------------------------------


class UsageError(Exception):
    """A problem with the command line as a whole: nothing is run."""


def find_clusters(folders: Sequence[str]) -> list[tuple[str, Path, list[str]]]:
    """(name, folder, article files as paths) per folder given, in the order given."""
    from desktop.core.loading import ARTICLE_SUFFIXES

    seen: dict[str, Path] = {}
    clusters = []
    for arg in folders:
        folder = Path(arg)
        if not folder.is_dir():
            what = "does not exist" if not folder.exists() else "is not a folder"
            raise UsageError(f"{arg} {what} (give one folder per cluster, like DIR/*/)")
        name = folder.resolve().name
        if name in seen:
            if seen[name] == folder.resolve():
                continue  # the same folder twice
            raise UsageError(
                f"two folders are named {name!r} ({seen[name]} and {folder.resolve()}): "
                "their outputs would overwrite each other"
            )
        seen[name] = folder.resolve()
        files = sorted(
            (p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()),
            key=lambda p: p.name,
        )
        clusters.append((name, folder, [str(p) for p in files if not p.name.startswith(".")]))
    return clusters


def fingerprint(files: Sequence[str]) -> list[list[Any]]:
    """[path as given, size, SHA-256] per input: what makes a recorded result still valid."""
    out = []
    for path in files:
        data = Path(path).read_bytes()
        out.append([path, len(data), hashlib.sha256(data).hexdigest()])
    return out


def output_paths(name: str, json_dir: Path, dirs: dict[str, Path]) -> dict[str, Path]:
    """Every file a cluster writes, by kind ("json", "csv", "csv-links", "html")."""
    paths = {"json": json_dir / f"{name}.json"}
    if "csv" in dirs:
        from desktop.export.csv_export import links_path

        paths["csv"] = dirs["csv"] / f"{name}.csv"
        paths["csv-links"] = links_path(paths["csv"])
    if "html" in dirs:
        paths["html"] = dirs["html"] / f"{name}.html"
    return paths


class Manifest:
    """`OUT/.parallax-batch`: what each finished cluster was made from and wrote."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") == "parallax-batch" and isinstance(data.get("clusters"), dict):
                self.entries = data["clusters"]
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("%s is unreadable (%s): every cluster runs again", path, exc)

    def entry(self, inputs: list[list[Any]], options: dict[str, Any]) -> dict[str, Any]:
        return {"inputs": inputs, "options": options, "generator": f"parallax {__version__}"}

    def is_done(self, name: str, expected: dict[str, Any], outputs: dict[str, Path]) -> bool:
        recorded = self.entries.get(name)
        if not isinstance(recorded, dict):
            return False
        if any(recorded.get(k) != v for k, v in expected.items()):
            return False
        written = recorded.get("outputs", {})
        return all(
            written.get(kind) == [str(path.resolve()), _sha256_of(path)]
            for kind, path in outputs.items()
        )

    def record(self, name: str, entry: dict[str, Any]) -> None:
        from desktop.core.files import write_text_atomic

        self.entries[name] = entry
        data = {"format": "parallax-batch", "version": 1, "clusters": self.entries}
        write_text_atomic(self.path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def _sha256_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


# -- progress and summary -----------------------------------------------------------------------


class Progress:
    """One line on stderr redrawn in place on a terminal; elsewhere a line every tenth."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = self.failed = 0
        self.started = time.monotonic()
        self.tty = enabled and stream.isatty()
        self._last_tenth = 0

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.tty:
            self.draw()
        elif self.enabled and self.total and (10 * self.done) // self.total > self._last_tenth:
            self._last_tenth = (10 * self.done) // self.total
            print(f"{_PROG}: {self.line()}", file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        text = f"{self.done}/{self.total} clusters"
        if self.failed:
            text += f", {self.failed} failed"
        text += f", {_clock(elapsed)} elapsed"
        if 0 < self.done < self.total:
            text += f", about {_clock(elapsed / self.done * (self.total - self.done))} left"
        return text

    def draw(self) -> None:
        if not self.tty:
            return
        width = 24
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {self.line()}")
        self.stream.flush()

    def message(self, text: str) -> None:
        """A line of its own (an error), above the bar."""
        if self.tty:
            self.stream.write("\r\x1b[K")
        print(text, file=self.stream, flush=True)
        self.draw()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return (
        f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"
        if minutes >= 60
        else f"{minutes}:{secs:02d}"
    )


COLUMNS = ("articles", "sentences", "links", "shared claims")


def summary_table(rows: list[tuple[str, dict[str, int], float | None, str]]) -> str:
    """The table printed at the end: one row per cluster, in the order given."""
    width = max([len("cluster"), *(len(r[0]) for r in rows)])
    head = f"{'cluster':<{width}}  " + "  ".join(f"{c:>{len(c)}}" for c in COLUMNS)
    lines = [head + "  seconds  result"]
    for name, counts, seconds, result in rows:
        cells = "  ".join(f"{counts.get(c, '-')!s:>{len(c)}}" for c in COLUMNS)
        took = f"{seconds:7.1f}" if seconds is not None else f"{'-':>7}"
        lines.append(f"{name:<{width}}  {cells}  {took}  {result}")
    return "\n".join(lines)


# -- the command ----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    from desktop.core.options import DEFAULT_THRESHOLDS, SCORERS, AlignOptions

    defaults = AlignOptions()
    by_scorer = ", ".join(f"{k} {v:g}" for k, v in DEFAULT_THRESHOLDS.items())
    p = argparse.ArgumentParser(
        prog=_PROG,
        description="Compare the articles of each folder (one cluster per folder), in parallel, "
        "and write one JSON comparison per folder. Runs again skip the clusters already done.",
    )
    p.add_argument("folders", nargs="+", metavar="DIR", help="one folder per cluster (DIR/*/)")
    p.add_argument(
        "--json-dir", required=True, metavar="OUT",
        help=f"write OUT/<folder>.json per cluster (created if missing; {MANIFEST} there "
        "records what is done)",
    )  # fmt: skip
    p.add_argument("--csv-dir", metavar="D", help="also write D/<folder>.csv and -links.csv")
    p.add_argument("--html-dir", metavar="D", help="also write the report D/<folder>.html")
    p.add_argument(
        "-j", "--jobs", type=int, default=_cores(), metavar="N",
        help=f"clusters compared at once, one process each (default: the cores, {_cores()})",
    )  # fmt: skip
    p.add_argument(
        "--threshold", type=float, default=None, metavar="N",
        help=f"lowest score (0-100) at which sentences link (default by scorer: {by_scorer})",
    )  # fmt: skip
    p.add_argument(
        "--scorer", choices=sorted(SCORERS), default=defaults.scorer,
        help=f"how sentences are scored (default {defaults.scorer})",
    )  # fmt: skip
    p.add_argument("--force", action="store_true", help="compare every cluster again")
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress and no table; errors only"
    )
    return p


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def batch_main(argv: Sequence[str], work: Work = compare_cluster) -> int:
    """`parallax batch`: see the module docstring."""
    from desktop.core.errors import ParallaxError
    from desktop.core.options import DEFAULT_THRESHOLDS, AlignOptions

    args = _parser().parse_intermixed_args(argv)  # folders may follow the options
    if args.jobs < 1:
        return _usage("--jobs must be at least 1")
    try:
        threshold = DEFAULT_THRESHOLDS[args.scorer] if args.threshold is None else args.threshold
        options = AlignOptions(threshold=threshold, scorer=args.scorer).to_dict()
        clusters = find_clusters(args.folders)
    except (ValueError, UsageError) as exc:
        return _usage(str(exc))
    json_dir = Path(args.json_dir)
    dirs = {fmt: Path(d) for fmt, d in (("csv", args.csv_dir), ("html", args.html_dir)) if d}
    cluster_folders = {folder.resolve() for _, folder, _ in clusters}
    if "html" in dirs and dirs["html"].resolve() in cluster_folders:
        return _usage("--html-dir is one of the clusters: its reports would be read as articles")
    for folder in [json_dir, *dirs.values()]:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"{_PROG}: cannot create {folder} ({exc.strerror or exc})", file=sys.stderr)
            return EXIT_INPUT

    manifest = Manifest(json_dir / MANIFEST)
    rows: dict[str, tuple[str, dict[str, int], float | None, str]] = {}
    expected: dict[str, dict[str, Any]] = {}
    outputs: dict[str, dict[str, Path]] = {}
    tasks: list[tuple[int, Task]] = []
    failed = 0
    for name, _folder, files in clusters:
        outputs[name] = output_paths(name, json_dir, dirs)
        if len(files) < 2:
            rows[name] = (name, {}, None, f"failed: {len(files)} article file(s), need two")
            print(f"{_PROG}: {name}: fewer than two article files in it", file=sys.stderr)
            failed += 1
            continue
        try:
            expected[name] = manifest.entry(fingerprint(files), options)
        except OSError as exc:
            rows[name] = (name, {}, None, "failed: an article cannot be read")
            print(f"{_PROG}: {name}: cannot read {exc.filename} ({exc.strerror})", file=sys.stderr)
            failed += 1
            continue
        if not args.force and manifest.is_done(name, expected[name], outputs[name]):
            counts = manifest.entries[name].get("counts", {})
            rows[name] = (name, counts, None, "already done")
            continue
        size = sum(entry[1] for entry in expected[name]["inputs"])
        tasks.append((size, Task(name, tuple(files), options, tuple(sorted(dirs)))))
    tasks.sort(key=lambda st: -st[0])  # largest first: the run ends on a small one

    progress = Progress(len(tasks), sys.stderr, enabled=not args.quiet)
    started = time.perf_counter()
    counter = {"failed": failed}

    def on_result(result: Result) -> None:
        error = result.error
        if not error:
            try:
                with _interrupt_held():
                    _write(result, outputs[result.name], manifest, expected[result.name])
            except ParallaxError as exc:
                error = str(exc)
        if error:
            counter["failed"] += 1
            progress.message(f"{_PROG}: {result.name}: {error}")
        status = f"failed: {error}" if error else "compared"
        rows[result.name] = (result.name, result.counts, result.seconds, status)
        progress.advance(bool(error))

    try:
        run_tasks([t for _, t in tasks], args.jobs, on_result, progress.draw, work)
    except KeyboardInterrupt:
        progress.close()
        done = sum(1 for r in rows.values() if r[3] in ("compared", "already done"))
        print(
            f"{_PROG}: interrupted; {done} of {len(clusters)} clusters are done and kept. "
            "Run the same command again to go on.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    progress.close()
    if not args.quiet:
        print(summary_table([rows[name] for name, _, _ in clusters if name in rows]))
        compared = sum(1 for r in rows.values() if r[3] == "compared")
        skipped = sum(1 for r in rows.values() if r[3] == "already done")
        processes = max(1, min(args.jobs, len(tasks)))
        print(
            f"{len(clusters)} clusters: {compared} compared, {skipped} already done, "
            f"{counter['failed']} failed, in {time.perf_counter() - started:.1f} s with "
            f"{processes} process{'es' if processes > 1 else ''}; JSON in {json_dir}"
        )
    return EXIT_INPUT if counter["failed"] else EXIT_OK


def _write(
    result: Result, paths: dict[str, Path], manifest: Manifest, entry: dict[str, Any]
) -> None:
    from desktop.core.files import write_bytes_atomic

    written = {}
    for kind, path in paths.items():
        data = result.texts[kind].encode("utf-8")
        write_bytes_atomic(path, data)
        written[kind] = [str(path.resolve()), hashlib.sha256(data).hexdigest()]
    manifest.record(result.name, {**entry, "outputs": written, "counts": result.counts})


def _usage(message: str) -> int:
    print(f"{_PROG}: {message}", file=sys.stderr)
    return EXIT_USAGE

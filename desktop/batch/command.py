"""The `parallax batch` command: arguments, the run, the files written, the exit code."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.batch.manifest import (
    MANIFEST,
    Manifest,
    UsageError,
    find_clusters,
    fingerprint,
    output_paths,
)
from desktop.batch.progress import PROG, Progress, summary_table
from desktop.batch.workers import Result, Task, Work, compare_cluster, interrupt_held, run_tasks

EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_INTERRUPTED = 0, 2, 3, 130


def _scorers() -> tuple[list[str], str, dict[str, float]]:
    """The scorers' names, the default one and each one's default threshold (as `compare`)."""
    from desktop.core import scoring

    defaults = {s.name: s.default_threshold for s in scoring.scorers().values()}
    return scoring.names(), scoring.DEFAULT, defaults


def align_options(scorer: str, threshold: float | None) -> dict[str, Any]:
    """The options every cluster is compared with, as `compare` makes them; ValueError if bad."""
    from desktop.core.options import AlignOptions

    chosen = _scorers()[2][scorer] if threshold is None else threshold
    return AlignOptions(threshold=chosen, scorer=scorer).to_dict()


def _parser() -> argparse.ArgumentParser:
    names, default, thresholds = _scorers()
    by_scorer = ", ".join(f"{k} {v:g}" for k, v in thresholds.items())
    p = argparse.ArgumentParser(
        prog=PROG,
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
        "--scorer", choices=names, default=default,
        help=f"how sentences are scored (default {default})",
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
    """`parallax batch` (see the package's docstring); Ctrl+C at any moment exits with 130."""
    try:
        return _batch(argv, work)
    except KeyboardInterrupt:  # outside the run itself (reading the inputs, the table)
        print(f"{PROG}: interrupted; clusters already done are kept", file=sys.stderr)
        return EXIT_INTERRUPTED


def _batch(argv: Sequence[str], work: Work) -> int:
    from desktop.core.errors import ParallaxError

    args = _parser().parse_intermixed_args(argv)  # folders may follow the options
    if args.jobs < 1:
        return _usage("--jobs must be at least 1")
    try:
        options = align_options(args.scorer, args.threshold)
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
            print(f"{PROG}: cannot create {folder} ({exc.strerror or exc})", file=sys.stderr)
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
            print(f"{PROG}: {name}: fewer than two article files in it", file=sys.stderr)
            failed += 1
            continue
        try:
            expected[name] = manifest.entry(fingerprint(files), options)
        except OSError as exc:
            rows[name] = (name, {}, None, "failed: an article cannot be read")
            print(f"{PROG}: {name}: cannot read {exc.filename} ({exc.strerror})", file=sys.stderr)
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
                with interrupt_held():
                    _write(result, outputs[result.name], manifest, expected[result.name])
            except ParallaxError as exc:
                error = str(exc)
        if error:
            counter["failed"] += 1
            progress.message(f"{PROG}: {result.name}: {error}")
        status = f"failed: {error}" if error else "compared"
        rows[result.name] = (result.name, result.counts, result.seconds, status)
        progress.advance(bool(error))

    try:
        run_tasks([t for _, t in tasks], args.jobs, on_result, progress.draw, work)
    except KeyboardInterrupt:
        progress.close()
        done = sum(1 for r in rows.values() if r[3] in ("compared", "already done"))
        print(
            f"{PROG}: interrupted; {done} of {len(clusters)} clusters are done and kept. "
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
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_USAGE

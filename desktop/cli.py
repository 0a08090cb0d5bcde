"""The `parallax` command: the window by default, `parallax compare …` headless.

`compare` must start fast and work on machines without a display, so this module imports
nothing from Qt; the GUI is imported only when the window is asked for.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__

if TYPE_CHECKING:
    from desktop.core.comparison import Comparison

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; keep its one-line messages."""


def _compare_parser() -> argparse.ArgumentParser:
    from desktop.core.options import DEFAULT_THRESHOLDS, SCORERS, AlignOptions

    defaults = AlignOptions()
    by_scorer = ", ".join(f"{k} {v:g}" for k, v in DEFAULT_THRESHOLDS.items())
    p = _Parser(
        prog="parallax compare",
        description="Compare two or more articles headless and write the results.",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE|URL",
        help=".txt, .md, .html/.htm, .pdf, .docx or .eml articles, or http(s) addresses (a URL "
        "is fetched once, the only network access Parallax makes; files never fetch anything)",
    )
    p.add_argument("--json", metavar="PATH", help="write the comparison as JSON ('-' for stdout)")
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="N",
        help=f"lowest score (0-100) at which sentences link (default by scorer: {by_scorer})",
    )
    p.add_argument(
        "--scorer",
        choices=sorted(SCORERS),
        default=defaults.scorer,
        help=f"how sentences are scored (default {defaults.scorer})",
    )
    p.add_argument(
        "--pdf", metavar="PATH", help="write the report as PDF (works without a display)"
    )
    p.add_argument(
        "--html", metavar="PATH", help="write the report as one self-contained HTML file"
    )
    p.add_argument(
        "--csv",
        metavar="PATH",
        help="write the claims matrix to PATH and one row per link to PATH-links.csv beside it",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="reports: print every article in full, side by side (default: differences only)",
    )
    p.add_argument(
        "--title", metavar="TEXT", help="reports: the title (default: the outlets compared)"
    )
    summary = p.add_mutually_exclusive_group()
    summary.add_argument(
        "--summary", metavar="TEXT", help="reports: your own summary, printed first"
    )
    summary.add_argument(
        "--summary-file", metavar="PATH", help="reports: read the summary from a UTF-8 text file"
    )
    p.add_argument(
        "--claims",
        metavar="N,N,...",
        type=_claim_ids,
        help="reports: only these claims (numbers as in the JSON or a full report)",
    )
    p.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help="PDF paper size (default from the locale: letter in the US and Canada, else A4)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    return p


def _claim_ids(text: str) -> tuple[int, ...]:
    """ "3,5,8" → (3, 5, 8); argparse turns the ValueError into a one-line usage error."""
    try:
        ids = tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"claim numbers separated by commas, like 3,5,8 (not {text!r})"
        ) from None
    if not ids or min(ids) < 1:
        raise argparse.ArgumentTypeError("claim numbers start at 1")
    return ids


def _gui_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="parallax",
        description="Parallax shows how news outlets cover the same event, side by side.",
        epilog="Headless use: parallax compare FILE FILE [FILE...] (see parallax compare -h); "
        "many clusters at once: parallax batch DIR/*/ --json-dir OUT (see parallax batch -h).",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="articles or a .parallax workspace")
    p.add_argument("--version", action="version", version=f"parallax {__version__}")
    p.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="render the window once the comparison is ready, save it as PNG and exit",
    )
    p.add_argument(
        "--size",
        default="1600x1000",
        metavar="WxH",
        help="window size for --screenshot (default 1600x1000)",
    )
    return p


def compare_main(argv: Sequence[str]) -> int:
    """`parallax compare`: load, align, report. Never imports Qt."""
    from desktop.core.errors import ParallaxError
    from desktop.core.options import DEFAULT_THRESHOLDS, AlignOptions
    from desktop.core.pipeline import compare_paths

    args = _compare_parser().parse_args(argv)
    if len(args.files) < 2:
        print("parallax compare: give at least two article files to compare", file=sys.stderr)
        return EXIT_USAGE
    try:
        threshold = DEFAULT_THRESHOLDS[args.scorer] if args.threshold is None else args.threshold
        options = AlignOptions(threshold=threshold, scorer=args.scorer)
    except ValueError as exc:
        print(f"parallax compare: {exc}", file=sys.stderr)
        return EXIT_USAGE

    started = time.perf_counter()
    try:
        comparison = compare_paths(args.files, options)
    except ParallaxError as exc:
        print(f"parallax compare: {exc}", file=sys.stderr)
        return EXIT_INPUT
    elapsed = time.perf_counter() - started

    try:
        if args.json == "-":
            sys.stdout.write(comparison.to_json() + "\n")
        elif args.json:
            from desktop.core.files import write_text_atomic

            write_text_atomic(Path(args.json), comparison.to_json() + "\n")
    except ParallaxError as exc:
        print(f"parallax compare: {exc}", file=sys.stderr)
        return EXIT_INPUT

    written, failed = _write_reports(comparison, args, argv)
    if not args.quiet and args.json != "-":
        _print_summary(comparison, elapsed)
        for path in written:
            print(f"wrote {path}")
    return EXIT_INPUT if failed else EXIT_OK


def _write_reports(
    comparison: object, args: argparse.Namespace, argv: Sequence[str]
) -> tuple[list[str], bool]:
    """Write every report asked for; one stderr line per failure, the others still written."""
    requested = [(fmt, getattr(args, fmt)) for fmt in ("pdf", "html", "csv") if getattr(args, fmt)]
    if not requested:
        return [], False
    import shlex

    from desktop.core.errors import ParallaxError

    if args.pdf and not _display_available():
        # Qt needs a platform plugin even to draw into a PDF; offscreen needs no display.
        # Set before PySide6 is first imported (desktop.export.pdf imports it on demand).
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop.export import ReportOptions, export

    summary = args.summary or ""
    if args.summary_file:
        try:
            summary = Path(args.summary_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "not UTF-8 text"
            print(
                f"parallax compare: reports not written: the summary file {args.summary_file} "
                f"cannot be read ({reason})",
                file=sys.stderr,
            )
            return [], True
    options = ReportOptions(
        title=args.title or "",
        summary=summary,
        full_texts=args.full,
        claims=args.claims,
        paper=args.paper or "",
        command=shlex.join(["parallax", "compare", *argv]),
    )
    written: list[str] = []
    failed = False
    for fmt, path in requested:
        try:
            written += [str(p) for p in export(comparison, Path(path), fmt, options)]  # type: ignore[arg-type]
        except ParallaxError as exc:
            print(f"parallax compare: {fmt.upper()} not written: {exc}", file=sys.stderr)
            failed = True
    return written, failed


def _print_summary(c: Comparison, elapsed: float) -> None:
    print(
        f"{len(c.articles)} articles, {c.sentence_count} sentences, {len(c.links)} links, "
        f"{len(c.multi_claims)} shared claims ({len(c.claims)} in all), {elapsed:.2f} s"
    )
    from desktop.core.language import mixed_languages_notice

    if notice := mixed_languages_notice(a.language for a in c.articles):
        print(f"note: {notice}")
    width = max(len(a.label) for a in c.articles)
    for a in c.articles:
        counts = c.status_counts(a.id)
        print(
            f"  {a.label:<{width}}  {len(a.sentences):>4} sentences  "
            f"{100 * c.shared_fraction(a.id):3.0f}% carried elsewhere  "
            f"({counts['shared']} shared, {counts['reworded']} reworded, "
            f"{counts['conflicting']} conflicting, {counts['unique']} unique)"
        )


def gui_main(argv: Sequence[str]) -> int:
    """Open the window, unless there is no display to open it on."""
    args = _gui_parser().parse_args(argv)
    if args.screenshot:
        # A screenshot needs no screen: render offscreen unless told otherwise.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    elif not _display_available():
        print(
            "parallax: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window "
            "cannot open.\nFor headless use run: parallax compare FILE FILE [FILE...] "
            "[--json OUT.json]",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        print(f"parallax: --size must look like 1600x1000, not {args.size!r}", file=sys.stderr)
        return EXIT_USAGE

    from desktop.gui.app import run

    return run(list(args.files), screenshot=args.screenshot, size=(width, height))


def _display_available() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=os.environ.get("PARALLAX_LOG", "WARNING").upper(),
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        if args[:1] == ["_pdf"] and len(args) == 2:
            # Internal: the window renders PDFs in a child process (see export/pdf_process.py).
            from desktop.export.pdf_process import child_main

            return child_main(args[1])
        if args[:1] == ["compare"]:
            return compare_main(args[1:])
        if args[:1] == ["batch"]:
            from desktop.batch import batch_main

            return batch_main(args[1:])
        return gui_main(args)
    except BrokenPipeError:
        # The reader went away (`parallax compare … | head`): not an error worth a traceback.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

"""The `parallax` command: the window by default, `parallax compare …` headless.

`compare` must start fast and work on machines without a display, so this module imports
nothing from Qt; the GUI is imported only when the window is asked for.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import math
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desktop import __version__

if TYPE_CHECKING:
    from desktop.core.comparison import Comparison

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_BUG = 1

SCREENSHOT_SIDES = (100, 8192)
"""Smallest and largest width or height `--size` accepts (8192² pixels are 256 MB)."""

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; keep its one-line messages."""


def _compare_parser() -> argparse.ArgumentParser:
    from desktop.core import scoring
    from desktop.core.options import EMBED_LIMIT

    by_scorer = ", ".join(f"{s.name} {s.default_threshold:g}" for s in scoring.scorers().values())
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
        choices=scoring.names(),
        default=scoring.DEFAULT,
        help=f"how sentences are scored (default {scoring.DEFAULT}): "
        + "; ".join(f"{s.name}: {s.description}" for s in scoring.scorers().values()),
    )
    p.add_argument(
        "--embed-limit",
        type=int,
        default=EMBED_LIMIT,
        metavar="N",
        help=f"most distinct sentences the semantic scorers embed; beyond, content is used "
        f"(default {EMBED_LIMIT}, 0 = no limit)",
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
    p.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        help="colours for this run (default: the one chosen in View ▸ Theme; for --screenshot, "
        "the system's); not saved",
    )
    return p


def compare_main(argv: Sequence[str]) -> int:
    """`parallax compare`: load, align, report. Never imports Qt (but for a PDF)."""
    from desktop.core.errors import ParallaxError
    from desktop.core.options import AlignOptions
    from desktop.core.pipeline import compare_paths

    args = _compare_parser().parse_args(argv)
    if len(args.files) < 2:
        _say("parallax compare: give at least two article files to compare")
        return EXIT_USAGE
    if usage := _usage_problem(args):
        _say(f"parallax compare: {usage}")
        return EXIT_USAGE
    try:
        threshold = math.nan if args.threshold is None else args.threshold + 0.0
        # (+ 0.0: -0 is 0; "threshold=-0" in a report's method note reads like a typo.)
        options = AlignOptions(
            threshold=threshold, scorer=args.scorer, embed_limit=args.embed_limit
        )
    except ValueError as exc:
        _say(f"parallax compare: {exc}")
        return EXIT_USAGE

    started = time.perf_counter()
    try:
        comparison = compare_paths(args.files, options)
    except ParallaxError as exc:
        _say(f"parallax compare: {exc}")
        return EXIT_INPUT
    except MemoryError:
        # Links grow with the square of the outlets that carry a fact (300 articles sharing
        # half their facts make over a million): too many articles at once, not a bug.
        _say(
            f"parallax compare: not enough memory to compare these {len(args.files)} articles "
            "at once; compare fewer or shorter articles at a time (parallax batch compares "
            "many sets one after another)"
        )
        return EXIT_INPUT
    elapsed = time.perf_counter() - started

    written, failed = _write_reports(comparison, args, argv)
    if not args.quiet and args.json != "-":
        _print_summary(comparison, elapsed)
        for path in written:
            print(f"wrote {_printable(path)}")
    return EXIT_INPUT if failed else EXIT_OK


def _outputs(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(option, path) of every file the run will write, the CSV's links file included."""
    found = []
    for fmt in ("json", "pdf", "html", "csv"):
        path = getattr(args, fmt)
        if path is None or (fmt == "json" and path == "-"):
            continue
        found.append((f"--{fmt}", path))
        if fmt == "csv":
            from desktop.export.csv_export import links_path  # the report machinery: 20 ms

            found.append(("--csv (its links file)", str(links_path(Path(path)))))
    return found


def _usage_problem(args: argparse.Namespace) -> str | None:
    """Why the paths given cannot work (empty, or an output that would replace an input or
    another output), in one line naming both; None when they can."""
    from desktop.core.files import same_target

    for fmt in ("json", "pdf", "html", "csv"):
        path = getattr(args, fmt)
        if path is not None and not path.strip():
            return f"--{fmt} needs a file name (it was given an empty one)"
    if any(not f.strip() for f in args.files):
        return "an empty file name was given as an article"
    outputs = _outputs(args)
    for n, (option, path) in enumerate(outputs):
        if mismatch := _link_to_other_kind(path):
            return f"{option} {mismatch}"
        for source in args.files:
            if same_target(path, source):
                return (
                    f"{option} {_printable(path)} would replace the article "
                    f"{_printable(source)}; choose another output name"
                )
        for other_option, other in outputs[:n]:
            if same_target(path, other):
                return (
                    f"{option} {_printable(path)} and {other_option} {_printable(other)} name "
                    "the same file; give each output its own name"
                )
    return None


def _link_to_other_kind(path: str) -> str | None:
    """Outputs follow symbolic links (latest.json -> 2025-09-12.json stays a link); a link to a
    file of another kind (shot.png -> notes.txt, planted or mistaken) is refused instead."""
    from desktop.core.files import streams_in_place

    if not os.path.islink(path) or streams_in_place(path):
        return None
    real = Path(os.path.realpath(path))
    if real.is_file() and real.suffix.lower() != Path(path).suffix.lower():
        return (
            f"{_printable(path)} is a link to {_printable(str(real))}, a file of another kind; "
            "Parallax does not replace it"
        )
    return None


def _write_reports(
    comparison: Comparison, args: argparse.Namespace, argv: Sequence[str]
) -> tuple[list[str], bool]:
    """Write every output asked for; one stderr line per failure, the others still written."""
    from desktop.core.errors import ParallaxError

    written: list[str] = []
    failed = False
    if args.json == "-":
        failed = not _json_to_stdout(comparison)
    elif args.json:
        from desktop.core.files import write_bytes_atomic

        try:
            write_bytes_atomic(Path(args.json), comparison.to_json_bytes())
            written.append(args.json)
        except ParallaxError as exc:
            _say(f"parallax compare: JSON not written: {exc}")
            failed = True
        except MemoryError:
            _say(_no_memory_for_json(comparison))
            failed = True
    requested = [(fmt, getattr(args, fmt)) for fmt in ("pdf", "html", "csv") if getattr(args, fmt)]
    if not requested:
        return written, failed
    import shlex

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
            _say(
                f"parallax compare: reports not written: the summary file {args.summary_file} "
                f"cannot be read ({reason})"
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
    for fmt, path in requested:
        try:
            written += [str(p) for p in export(comparison, Path(path), fmt, options)]
        except ParallaxError as exc:
            _say(f"parallax compare: {fmt.upper()} not written: {exc}")
            failed = True
    return written, failed


def _no_memory_for_json(comparison: Comparison) -> str:
    return (
        f"parallax compare: JSON not written: not enough memory for the JSON of "
        f"{len(comparison.links):,} links; compare fewer articles at a time"
    )


def _json_to_stdout(comparison: Comparison) -> bool:
    """`--json -`: the JSON on standard output; False (and one line on stderr) if it is closed
    or cannot take it (a full disk). A reader that goes away (`| head`) is not an error."""
    stdout = sys.stdout
    if stdout is None:
        _say("parallax compare: JSON not written: standard output is closed")
        return False
    try:
        data = comparison.to_json_bytes()
    except MemoryError:
        _say(_no_memory_for_json(comparison))
        return False
    try:
        stdout.flush()
        try:
            fd = stdout.fileno()
        except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
            stdout.write(data.decode("utf-8"))
            stdout.flush()
        else:
            # os.write in a loop: a buffered write to a nearly full disk stops short silently.
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        _say(f"parallax compare: JSON not written to standard output ({reason})")
        _silence_stdout()
        return False
    return True


def _silence_stdout() -> None:
    """After stdout failed, send what is left to the null device so that the interpreter's
    own flush at exit cannot print a traceback."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """`text` safe to print on a terminal: control characters (ESC sequences that retitle or
    clear it, newlines inside a name) and undecodable file-name bytes shown as escapes."""
    text = _CONTROL.sub(lambda m: repr(m[0])[1:-1], text)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _say(line: str) -> None:
    """One line on stderr, printable (never raises: stderr may be closed too)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(_printable(line), file=sys.stderr)


def _print_summary(c: Comparison, elapsed: float) -> None:
    print(
        f"{len(c.articles)} articles, {c.sentence_count} sentences, {len(c.links)} links, "
        f"{len(c.multi_claims)} shared claims ({len(c.claims)} in all), "
        f"{len(c.related)} related pairs, {elapsed:.2f} s"
    )
    print(f"  scored with {c.scoring.scorer} at threshold {c.scoring.threshold:g}"
          + (f" ({c.scoring.model})" if c.scoring.model else ""))  # fmt: skip
    if c.scoring.fallback:
        print(_printable(f"  note: {c.options.scorer} was asked for. {c.scoring.fallback}"))
    from desktop.core.language import mixed_languages_notice

    if notice := mixed_languages_notice(a.language for a in c.articles):
        print(f"note: {notice}")
    width = max(len(_printable(a.label)) for a in c.articles)
    for a in c.articles:
        counts = c.status_counts(a.id)
        print(
            f"  {_printable(a.label):<{width}}  {len(a.sentences):>4} sentences  "
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
        _say(f"parallax: --size must look like 1600x1000, not {args.size!r}")
        return EXIT_USAGE
    if not all(SCREENSHOT_SIDES[0] <= v <= SCREENSHOT_SIDES[1] for v in (width, height)):
        low, high = SCREENSHOT_SIDES
        _say(f"parallax: --size {args.size}: width and height must be from {low} to {high}")
        return EXIT_USAGE
    if args.screenshot is not None and (problem := _screenshot_problem(args)):
        _say(f"parallax: {problem}")
        return EXIT_USAGE

    from desktop.gui.app import run

    return run(list(args.files), args.screenshot, (width, height), args.theme)


def _screenshot_problem(args: argparse.Namespace) -> str | None:
    """Why `--screenshot PATH` cannot be written (not a .png, one of the inputs), or None.

    A forgotten name lets the shell's glob supply one (`--screenshot set/*.md`): the first
    article would become the output, so anything but a .png is refused before any work.
    """
    from desktop.core.files import same_target

    out = args.screenshot
    if not out.strip():
        return "--screenshot needs a file name ending in .png"
    if Path(out).suffix.lower() != ".png":
        return f"--screenshot {_printable(out)}: the screenshot is a PNG; end its name in .png"
    if mismatch := _link_to_other_kind(out):
        return f"--screenshot {mismatch}"
    for source in args.files:
        if same_target(out, source):
            return f"--screenshot {_printable(out)} would replace the input {_printable(source)}"
    return None


def _display_available() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    """The `parallax` command; `argv` None means the process's own arguments, and that the
    process ends when this returns (Python code calling `main([...])` goes on afterwards)."""
    from desktop.core.threads import one_blas_thread

    one_blas_thread()  # before anything imports NumPy
    args = list(sys.argv[1:] if argv is None else argv)
    level = os.environ.get("PARALLAX_LOG", "WARNING").upper()
    logging.basicConfig(
        level=level if level in logging.getLevelNamesMapping() else "WARNING",
        format="%(levelname)s %(name)s: %(message)s",
    )
    ending = argv is None
    try:
        code = _run(args, ending)
    except BrokenPipeError:
        # The reader went away (`parallax compare … | head`): not an error worth a traceback.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _say("parallax: interrupted")
        return 130
    except Exception as exc:  # a bug: one line, the traceback only in the debug log
        log.debug("unexpected error", exc_info=True)
        _say(
            f"parallax: unexpected error ({type(exc).__name__}: {exc}); please report it "
            "(PARALLAX_LOG=debug shows the details)"
        )
        return EXIT_BUG
    if not _flush_stdout():
        code = code or EXIT_INPUT
    if ending and args[:1] == ["compare"]:
        _exit_now(code)
    return code


def _exit_now(code: int) -> NoReturn:
    """End `parallax compare` at once, its reports written and its output flushed.

    A normal exit frees every object one by one and unloads each module (NumPy, the framing
    lexicons, the language model's maps): 11–17 ms of a 0.25 s comparison, for nothing, as the
    process ends anyway. mypy ends the same way (`util.hard_exit`). Nothing of Parallax waits
    for the exit: files are written and closed before this, the embedding cache commits as it
    goes, and no thread or child process outlives the comparison.
    """
    logging.shutdown()  # what the atexit handler would do: flush and close the log handlers
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _run(args: list[str], ending: bool = False) -> int:
    if args[:1] == ["_pdf"] and len(args) == 2:
        # Internal: the window renders PDFs in a child process (see export/pdf_process.py).
        from desktop.export.pdf_process import child_main

        return child_main(args[1])
    if args[:1] == ["compare"]:
        from desktop.core.heap import collector_paused

        with collector_paused(ending):  # one comparison, then (often) the exit: core/heap.py
            return compare_main(args[1:])
    if args[:1] == ["batch"]:
        from desktop.batch import batch_main

        return batch_main(args[1:])
    return gui_main(args)


def _flush_stdout() -> bool:
    """Flush now, so that a full disk or closed stdout is one line, not a traceback at exit;
    False if what was printed could not be written."""
    if sys.stdout is None:
        return True
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except (OSError, ValueError) as exc:
        _say(f"parallax: standard output could not be written ({getattr(exc, 'strerror', exc)})")
        _silence_stdout()
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())

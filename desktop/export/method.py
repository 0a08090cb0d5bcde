"""The report's method note: what the words mean, what matching cannot see, and how to rerun it.

A report travels to people who never ran Parallax and who will act on it, so it says in plain
words what a claim, a rewording and a conflict are, what the matching can and cannot see, and
gives the exact command that reproduces it, together with what a command cannot express
(metadata edited in the window, manual links, verdicts). It never prints an absolute local path:
the command names the files relative to the folder that holds them, and that folder by name.
"""

from __future__ import annotations

import logging
import os
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from desktop.core.article import Article
from desktop.core.comparison import Comparison
from desktop.core.options import SCORERS, AlignOptions

log = logging.getLogger(__name__)

A4 = "a4"
LETTER = "letter"
PAPERS = (A4, LETTER)

#: Territories whose offices use US Letter (CLDR's paper-size data).
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "SV", "NI", "DO", "BZ"}
)

DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Claim",
        "one piece of information, as the sentences of different outlets that report it. "
        "A sentence no other outlet carries is a claim of its own.",
    ),
    ("Shared", "two outlets carry the claim in the same words."),
    (
        "Reworded",
        "they carry it in different words. The highlighted words are those that differ from "
        "the first outlet listed for the claim (marked ▸).",
    ),
    (
        "Conflict",
        "linked sentences disagree on a number, a date, a negation (“not”, “no”) or a hedge "
        "(“may” against “will”); the words on each side are named.",
    ),
    (
        "Not reported",
        "the outlet has no sentence that matched the claim. It may still say it in words too "
        "different to match, or leave it out on purpose.",
    ),
)

LEXICAL_CAVEAT = (
    "Matching compares words, not meaning: a fact told in very different words can go "
    "unmatched (it then shows as not reported by one outlet and unique to the other), and two "
    "sentences that share many words can be matched although they report different things."
)
SEMANTIC_CAVEAT = (
    "Matching scores how close two sentences are in meaning, with a small language model run "
    "on the computer, and how many words they share: a fact told in very different words, or "
    "split over two sentences, can still go unmatched (sentences that share part of their "
    "information are listed as related, not as one claim), and the model scores sentences that "
    "differ in one fact (“no red line” against “a red line”) as close, so conflicts come only "
    "from the checks below, never from the score."
)

CAVEATS: tuple[str, ...] = (
    LEXICAL_CAVEAT,
    "Conflicts are found only in numbers, dates, negations and hedges. A contradiction told in "
    "other words (“accepted” against “turned down” in different phrasing) is not flagged; a "
    "figure that differs because of rounding or units is.",
    "Placement (headline, lead, upper, lower half) measures position in the text as loaded, "
    "not prominence on the page.",
    "Sources are counted from cue words (“said”, “according to”, “officials”); anonymous means "
    "the outlet credits someone it does not name.",
    "Nothing here checks facts against the world: verdicts and notes are the reader's own.",
)


@dataclass(frozen=True)
class Method:
    """What a reader needs to understand and reproduce the result."""

    options: tuple[tuple[str, str], ...]
    """(name, value as text) of every option that shaped the comparison."""
    scorer_description: str
    generator: str
    command: str
    manual_links: int
    folder: str = ""
    """The folder to run the command from, by name only ("" when it was given as typed)."""
    notes: tuple[str, ...] = ()
    """What the command does not reproduce (metadata edits, manual links, verdicts …)."""
    definitions: tuple[tuple[str, str], ...] = DEFINITIONS
    caveats: tuple[str, ...] = CAVEATS
    intro: str = (
        "Parallax splits each article into sentences and matches sentences that carry the same "
        "information across outlets, by the words they share. Matched sentences form claims."
    )
    """The method section's first paragraph: how sentences were matched, by the scorer that
    actually ran."""

    @property
    def command_lines(self) -> str:
        """`command` as a shell continues it: one file (or option and value) per line.

        Long paths then never wrap in the middle, and the block still pastes into a shell.
        """
        try:
            words = shlex.split(self.command)
        except ValueError:
            return self.command
        lines: list[str] = []
        for word in words:
            if (
                lines
                and lines[-1].startswith("-")
                and not word.startswith("-")
                and len(shlex.split(lines[-1])) == 1
            ):
                lines[-1] += " " + shlex.quote(word)
            elif len(lines) == 1 and lines[0] == "parallax":
                lines[0] += " " + shlex.quote(word)
            else:
                lines.append(shlex.quote(word))
        return " \\\n    ".join(lines)


def _format_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def common_folder(sources: Sequence[str]) -> PurePath | None:
    """The folder holding every source file (None when the sources are not all paths)."""
    paths = [PurePath(s) for s in sources if s]
    if not paths or len(paths) != len(sources):
        return None
    try:
        return PurePath(os.path.commonpath([str(p.parent) for p in paths]))
    except ValueError:  # mixed absolute and relative, or different drives
        return None


def command_line(
    c: Comparison, report_args: Sequence[str] = (), folder: PurePath | None = None
) -> str:
    """The `parallax compare` invocation that reproduces this comparison and its report.

    Files are named relative to `folder` (the command runs there), so no absolute path of the
    user's machine ends up in a report that travels.
    """
    defaults = AlignOptions()
    files = []
    for a in c.articles:
        path = PurePath(a.source)
        if folder is not None:
            try:
                path = path.relative_to(folder)
            except ValueError:
                path = PurePath(path.name)
        files.append(str(path))
    parts = ["parallax", "compare", *files]
    parts += ["--threshold", f"{c.options.threshold:g}", "--scorer", c.options.scorer]
    if c.options.embed_limit != defaults.embed_limit:
        parts += ["--embed-limit", str(c.options.embed_limit)]
    if c.options.chain_margin != defaults.chain_margin:
        log.info("chain_margin %s is not a command-line option", c.options.chain_margin)
    return shlex.join([*parts, *report_args])


def build_method(
    c: Comparison,
    command: str,
    report_args: Sequence[str],
    metadata_edits: Sequence[str],
) -> Method:
    """The method note; `command` "" builds one from the comparison and `report_args`."""
    opts = c.options
    folder = common_folder([a.source for a in c.articles]) if not command else None
    notes: list[str] = []
    used = c.scoring
    if used.fallback:
        notes.append(
            f"{used.fallback} Links were made at {used.threshold:g} on {used.scorer}'s scale "
            f"(asked for: {opts.scorer} at {opts.threshold:g}). The command below falls back in "
            "the same way wherever the same reason holds."
        )
    manual = sum(1 for link in c.links if link.manual)
    if manual:
        notes.append(f"{manual} links were made by hand: the command does not make them.")
    unlinks = len(c.corrections.unlinks)
    if unlinks:
        notes.append(f"{unlinks} pairs were separated by hand: the command does not separate them.")
    if opts.chain_margin != AlignOptions().chain_margin:
        notes.append(
            f"chain_margin was {opts.chain_margin:g} (default {AlignOptions().chain_margin:g}); "
            "there is no command-line option for it."
        )
    if metadata_edits:
        notes.append(
            "Metadata edited in the window (the command reads the files' own): "
            + "; ".join(metadata_edits)
            + "."
        )
    if "--summary-file" in report_args:
        notes.append(
            "The summary is read from a file: save the report's summary as "
            f"“{report_args[list(report_args).index('--summary-file') + 1]}” beside the articles."
        )
    if not c.verdicts.is_empty:
        notes.append(
            f"The {len(c.verdicts)} verdicts and notes come from the workspace; the command "
            "cannot set them."
        )
    from desktop.core import scoring

    ran = scoring.scorers().get(used.scorer)
    model = used.model or (ran.model if ran is not None else "")
    semantic = bool(model)
    return Method(
        options=tuple(
            (k, _format_value(v)) for k, v in {**opts.to_dict(), **used.to_dict()}.items()
        ),
        scorer_description=SCORERS.get(used.scorer, ""),
        generator=c.generator or "parallax",
        command=command or command_line(c, report_args, folder),
        manual_links=manual,
        folder=folder.name if folder is not None else "",
        notes=tuple(notes),
        caveats=(SEMANTIC_CAVEAT if semantic else LEXICAL_CAVEAT, *CAVEATS[1:]),
        intro=_intro(used.scorer, model),
    )


def _intro(scorer: str, model: str) -> str:
    how = "by the words they share"
    if model:
        how = (
            f"by how close they are in meaning (the language model {model}, run on the "
            "computer) and by the words they share"
        )
    return (
        "Parallax splits each article into sentences and matches sentences that carry the same "
        f"information across outlets, {how} (scorer {scorer.replace('_', ' ')}). Matched "
        "sentences form claims."
    )


EDITABLE = ("outlet", "title", "published", "author", "url")


def metadata_edits(articles: Sequence[Article]) -> tuple[str, ...]:
    """What the user changed in the window, found by reading each source file again.

    For the report's method note (a command reads the files' own metadata). Files that cannot
    be read any more are skipped: there is nothing to compare with. Slow for web pages (the
    text is extracted again), so the window calls it from its export worker.
    """
    from desktop.core.errors import ParallaxError
    from desktop.core.loading import load_article

    out: list[str] = []
    for article in articles:
        if not article.source or not Path(article.source).is_file():
            continue
        try:
            original = load_article(article.source, article.id)
        except ParallaxError:
            continue
        for name in EDITABLE:
            now, was = getattr(article, name), getattr(original, name)
            if now != was:
                out.append(f"{article.label}: {name} “{now}” (file: “{was or '—'}”)")
    return tuple(out)


def default_paper(environ: Mapping[str, str] | None = None) -> str:
    """ "letter" where the locale's territory uses US Letter, "a4" elsewhere.

    POSIX precedence (LC_ALL, then LC_PAPER, then LANG); on Windows and macOS, where those are
    usually unset, the locale Python reports.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return _paper_of(value)
    if environ is None and sys.platform in ("win32", "darwin"):
        import locale

        return _paper_of(locale.getlocale()[0] or "")
    return A4


def _paper_of(locale_name: str) -> str:
    # "en_US.UTF-8", "en_CA", "English_United States" (Windows), "fr-CA"
    base = locale_name.split(".")[0].split("@")[0].replace("-", "_")
    territory = base.split("_")[1] if "_" in base else ""
    if territory.upper() in LETTER_TERRITORIES or territory.lower() == "united states":
        return LETTER
    return A4

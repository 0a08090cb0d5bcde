"""docs/framing-lexicon.md, generated from `lexicon.py` so the two cannot drift apart.

The document has prose written by hand and one generated section between two markers; only
that section is rewritten. A test fails when the file is out of date; fix it by running

    .venv/bin/python -m desktop.core.framing.lexicon_doc
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from desktop.core.framing.lexicon import (
    ANONYMITY_MARKERS,
    ANONYMOUS_NOUNS,
    CURRENCIES,
    DURATION_PREPOSITIONS,
    DURATION_UNITS,
    HEDGE_KINDS,
    HEDGE_PATTERNS,
    HEDGE_WORDS,
    INVERTIBLE_CUES,
    MONTHS,
    NEGATION_SKIP,
    NEGATORS,
    NOT_HEDGES,
    NOT_NEGATIONS,
    NUMBER_WORDS,
    OPPOSITES,
    OUTLETS,
    PARTICIPLE_CUES,
    QUALIFIERS,
    ROLE_NOUNS,
    SCALES,
    SPEECH_CUES,
    TITLES,
    WEEKDAYS,
)

log = logging.getLogger(__name__)

DOC_PATH = Path(__file__).resolve().parents[3] / "docs" / "framing-lexicon.md"
BEGIN = "<!-- BEGIN GENERATED LEXICON (python -m desktop.core.framing.lexicon_doc) -->"
END = "<!-- END GENERATED LEXICON -->"


def listed_cues() -> list[tuple[str, str]]:
    """Every (section, cue) the document must list: the contract of the drift test."""
    out: list[tuple[str, str]] = []
    for kind in HEDGE_KINDS:
        out += [(f"hedge:{kind}", w) for w in HEDGE_WORDS[kind]]
        out += [(f"hedge:{kind}", p.regex) for p in HEDGE_PATTERNS[kind]]
    out += [("not-hedge", w) for w in NOT_HEDGES]
    out += [("speech", w) for w in SPEECH_CUES]
    out += [("outlet", alias) for aliases in OUTLETS.values() for alias in aliases]
    out += [("anonymity", w) for w in ANONYMITY_MARKERS]
    out += [("anonymous-noun", w) for w in sorted(ANONYMOUS_NOUNS)]
    out += [("role-noun", w) for w in sorted(ROLE_NOUNS)]
    out += [("title", w) for w in TITLES]
    out += [("negator", w) for w in NEGATORS]
    out += [("not-negation", w) for w in NOT_NEGATIONS]
    out += [("opposite", w) for pair in OPPOSITES for side in pair for w in side]
    out += [("qualifier", w) for w in QUALIFIERS]
    out += [("currency", w) for w in CURRENCIES]
    out += [("duration", w) for w in DURATION_UNITS]
    return out


def _codes(words: Iterable[object]) -> str:
    return ", ".join(f"`{w}`" for w in words)


def render_markdown() -> str:
    """The generated part of docs/framing-lexicon.md (between the BEGIN and END markers)."""
    lines: list[str] = [BEGIN, "", "### Hedges", ""]
    for kind in HEDGE_KINDS:
        lines.append(f"**{kind}**")
        lines.append("")
        if HEDGE_WORDS[kind]:
            lines.append(f"- phrases: {_codes(HEDGE_WORDS[kind])}")
        for p in HEDGE_PATTERNS[kind]:
            before = ""
            if p.before:
                need = "after one of" if p.before_required else "with, when just before it,"
                before = f" ({need} {_codes(p.before)})"
            lines.append(
                f"- pattern `{p.regex}`{before}: {p.description}; e.g. {_codes(p.examples)}"
            )
        lines.append("")
    lines += ["**Not hedges** (decided, and tested):", ""]
    lines += [f"- `{w}`: {why}" for w, why in NOT_HEDGES.items()]
    lines += ["", "### Attribution", ""]
    lines.append(f"- reporting cues: {_codes(SPEECH_CUES)}")
    lines.append(f"- may come before the speaker: {_codes(sorted(INVERTIBLE_CUES))}")
    lines.append(f"- participles taking the sentence's subject: {_codes(sorted(PARTICIPLE_CUES))}")
    lines.append(f"- anonymity markers: {_codes(ANONYMITY_MARKERS)}")
    lines.append(f"- anonymous heads: {_codes(sorted(ANONYMOUS_NOUNS))}")
    lines.append(f"- heads naming an office or body: {_codes(sorted(ROLE_NOUNS))}")
    lines.append(f"- titles: {_codes(TITLES)}")
    lines += ["", "Known outlets (canonical name: spellings recognised):", ""]
    lines += [f"- {name}: {_codes(aliases)}" for name, aliases in OUTLETS.items()]
    lines += ["", "### Negation", ""]
    lines.append(f"- negators: {_codes(NEGATORS)}")
    lines.append(f"- not negation: {_codes(NOT_NEGATIONS)}")
    lines.append(f"- skipped before the negated word: {_codes(sorted(NEGATION_SKIP))}")
    lines.append("- opposites (one side's word in place of the other's is a conflict):")
    lines += [f"  - {_codes(yes)} ↔ {_codes(no)}" for yes, no in OPPOSITES]
    lines += ["", "### Numbers", ""]
    lines.append(f"- number words: {_codes(NUMBER_WORDS)}")
    lines.append(f"- scales: {_codes(SCALES)}")
    lines.append(f"- currencies: {_codes(CURRENCIES)}")
    lines.append(
        "- duration units (days): "
        + ", ".join(f"`{u}` = {round(d, 4):g}" for u, d in DURATION_UNITS.items())
    )
    lines.append(f"- words kept with a duration: {_codes(DURATION_PREPOSITIONS)}")
    lines.append(
        "- qualifiers (`~` within 10%, `>=` at least, `<=` at most): "
        + ", ".join(f"`{q}` {op}" for q, op in QUALIFIERS.items())
    )
    lines.append(f"- months: {_codes(MONTHS)}")
    lines.append(f"- weekdays: {_codes(WEEKDAYS)}")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def replace_generated(document: str) -> str:
    """`document` with its generated section replaced by `render_markdown()`."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    if not pattern.search(document):
        raise ValueError(f"no generated section ({BEGIN!r} … {END!r}) in the document")
    return pattern.sub(lambda _: render_markdown(), document, count=1)


def main() -> int:
    """Rewrite the generated section of docs/framing-lexicon.md in place."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    old = DOC_PATH.read_text(encoding="utf-8")
    new = replace_generated(old)
    if new != old:
        DOC_PATH.write_text(new, encoding="utf-8")
        log.info("updated %s", DOC_PATH)
    else:
        log.info("%s is up to date", DOC_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Do two linked sentences contradict each other? Numbers, dates, polarity, certainty.

Alignment links sentences that say nearly the same words, and a similarity score cannot tell
"no red line" from "a red line" or "$90 billion" from "$100 billion". So a link is called
conflicting only on explicit evidence, and every rule here leans towards precision: a figure
one side gives and the other leaves out is an omission, not a contradiction; a negation counts
only when the same word stem stands un-negated on the other side; a hedge counts only where the
word diff puts the other side's plain words in its place.

`find_conflicts` runs on every link (thousands per comparison), so it reads both sentences
through the cached `analyse_sentence` and returns at once when there is nothing to compare.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein, Opcode

from desktop.core.comparison import CONFLICTING, Conflict, Link, MemberConflict, SentenceRef
from desktop.core.framing.lexicon import DETERMINERS, FUNCTION_WORDS, OPPOSITES, WEEKDAYS
from desktop.core.framing.model import Cue, Figure, Negation, SentenceFraming
from desktop.core.framing.sentence import analyse_sentence, stem

#: Conflict causes, as stored in `Conflict.cause`.
NUMBER = "number"
DATE = "date"
NEGATION = "negation"
CERTAINTY = "certainty"
CAUSES = (NUMBER, DATE, NEGATION, CERTAINTY)

_CAUSE_OF_KIND = {
    "money": NUMBER,
    "percent": NUMBER,
    "count": NUMBER,
    "duration": DATE,
    "date": DATE,
}
_WEEKDAY_WORDS = frozenset(w.lower() for w in WEEKDAYS)
_TOLERANCE = 0.1
"""How far apart two figures may be when one is only "about" right (10%)."""


def find_conflicts(a: str, b: str) -> tuple[Conflict, ...]:
    """Why sentence `a` and sentence `b` of a link disagree; () when they do not."""
    fa, fb = analyse_sentence(a), analyse_sentence(b)
    out: list[Conflict] = []
    if fa.figures and fb.figures:
        out += _figure_conflicts(fa.figures, fb.figures, a, b)
    negations: list[Conflict] = []
    if fa.negations or fb.negations:
        negations = _negation_conflicts(a, b, fa, fb)
        out += negations
    if fa.hedges or fb.hedges:
        out += _certainty_conflicts(a, b, fa, fb, bool(negations))
    if not negations:
        out += _opposite_conflicts(a, b)
    return tuple(out)


# -- figures ------------------------------------------------------------------------------------


def _group(f: Figure) -> tuple[str, str]:
    """Figures are only compared within a group: counts of the same noun, money with money."""
    if f.kind == "count":
        return f.kind, f.unit
    return f.kind, ""


def _close(x: float, qx: str, y: float, qy: str) -> bool:
    if abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0):
        return True
    for v, q, other in ((x, qx, y), (y, qy, x)):
        if q == "~" and abs(other - v) <= _TOLERANCE * max(abs(v), abs(other)):
            return True
        if (q == ">=" and other >= v) or (q == "<=" and other <= v):
            return True
    return False


def _date_fields(unit: str) -> dict[str, str]:
    if unit.isalpha():
        return {"weekday": unit}
    if unit.startswith("--"):
        parts = unit[2:].split("-")
        return dict(zip(("month", "day"), parts, strict=False))
    return dict(zip(("year", "month", "day"), unit.split("-"), strict=False))


def _comparable(x: Figure, y: Figure) -> bool:
    if x.kind == "money":
        return x.unit == y.unit or not x.unit or not y.unit
    if x.kind == "date":
        # A bare year only meets another bare year: "1974" and "November 1973" may well be
        # two different events the sentence mentions.
        fx, fy = _date_fields(x.unit), _date_fields(y.unit)
        shared = fx.keys() & fy.keys()
        return bool(shared - {"year"}) or (fx.keys() == fy.keys() == {"year"})
    return x.value is not None and y.value is not None


def _same(x: Figure, y: Figure) -> bool:
    if not _comparable(x, y):
        return False
    if x.kind == "date":
        dx, dy = _date_fields(x.unit), _date_fields(y.unit)
        return all(dx[k] == dy[k] for k in dx.keys() & dy.keys())
    if x.value is None or y.value is None:
        return False
    return _close(x.value, x.qualifier, y.value, y.qualifier)


_SLOT_BEFORE = 2
_SLOT_AFTER = 2
"""Content words this far before and after a date or duration name what it dates: the words
next to it, not the whole sentence ("Crews said the bridge reopened on Friday" dates the
reopening, not the saying)."""
_CLAUSE_END = frozenset(",;:—–()[]")
"""Punctuation that ends the stretch of words a figure belongs to."""
_DATE_COMPANIONS = frozenset(
    "morning afternoon evening night midnight noon dawn dusk today yesterday tomorrow "
    "weekend week month year day".split()
)
"""Words that say more about the date itself, not about what happened then: "Wednesday
morning" and "Tuesday morning" share "morning" but may date two different events."""
_OFFSET_AFTER = re.compile(r"\s*(?:ago|later|after|before|earlier|from\s+now)\b", re.I)
"""After a duration, these make it an offset from some event ("a day after the talks", "two
weeks later"), not a span for something to happen in ("within ten days")."""


def _role(text: str, figure: Figure) -> str:
    """A duration's role: "offset" ("a day after", "a week later") or "span" ("within ten
    days", "for two weeks"); "" for every other figure. Only like roles compare."""
    if figure.kind != "duration":
        return ""
    return "offset" if _OFFSET_AFTER.match(text, figure.end) else "span"


def _slot(text: str, figure: Figure) -> set[str]:
    """Stems of the content words right around a figure, "released by | Wednesday | morning"
    → {"releas"}: at most two before and two after it, never across a comma or a dash, and
    never words that only qualify the date. A figure that opens its sentence ("On Tuesday,
    the ferry caught fire") reads the words after the comma instead."""
    words = _words(text)
    before: list[str] = []
    for low, st, _start, end in reversed(words):
        if end > figure.start:
            continue
        if low in _CLAUSE_END or len(before) == _SLOT_BEFORE:
            break
        if _is_content(low):
            before.append(st)
    after: list[str] = []
    for low, st, start, _end in words:
        if start < figure.end:
            continue
        if low in _CLAUSE_END:
            if before or after:
                break
            continue
        if len(after) == _SLOT_AFTER:
            break
        if _is_content(low):
            after.append(st)
    return set(before) | set(after)


def _is_content(low: str) -> bool:
    return (
        low[0].isalpha()
        and low not in FUNCTION_WORDS
        and low not in _DATE_COMPANIONS
        and stem(low) not in _DATE_COMPANIONS
        and low not in _WEEKDAY_WORDS
    )


def _same_slot(f: Figure, g: Figure, texts: tuple[str, str] | None) -> bool:
    """Whether two dates or durations date the same thing: they play the same role and share
    a content word right beside them ("met on 18 August" / "met on 19 August"). "Released by
    Wednesday" and "broke out on Tuesday" date two different events; "a day after" (an offset)
    and "within ten days" (a span) are two different kinds of time. Counts and money carry
    their own slot (the counted noun, the currency) and need none."""
    if texts is None or _CAUSE_OF_KIND[f.kind] != DATE:
        return True
    if _role(texts[0], f) != _role(texts[1], g):
        return False
    return bool(_slot(texts[0], f) & _slot(texts[1], g))


def _figure_conflicts(
    xs: tuple[Figure, ...], ys: tuple[Figure, ...], a: str | None = None, b: str | None = None
) -> list[Conflict]:
    texts = (a, b) if a is not None and b is not None else None
    out: list[Conflict] = []
    for key in dict.fromkeys(_group(f) for f in xs):
        left = [f for f in xs if _group(f) == key]
        right = [f for f in ys if _group(f) == key]
        if not right:
            continue  # present on one side only: an omission, not a contradiction
        if key == ("count", ""):
            continue  # a bare number ("at 4", "Article 5") names nothing that could be compared
        for f in list(left):
            match = next((g for g in right if _same(f, g)), None)
            if match is not None:
                left.remove(f)
                right.remove(match)
        for f in left:
            other = next((g for g in right if _comparable(f, g) and _same_slot(f, g, texts)), None)
            if other is not None:
                right.remove(other)
                out.append(Conflict(_CAUSE_OF_KIND[f.kind], f.text, other.text))
    return out


# -- within a claim ----------------------------------------------------------------------------

_FIGURE_CAUSES = (NUMBER, DATE)


def claim_conflicts(
    members: tuple[SentenceRef, ...], links: list[Link], text: dict[SentenceRef, str]
) -> tuple[MemberConflict, ...]:
    """Members of one claim whose figures disagree though no conflicting link joins them.

    The matcher links one-to-one, so a third outlet's "Twelve passengers" may be linked only to
    the member that also says twelve, while the claim's other link says twelve against
    twenty-one. Two rules, both over figures only (wording without a link is too loose for
    negation or certainty): (1) two members with no link between them whose own figures
    conflict as a link's would;
    (2) a member carries the figure one side of a conflicting link in the claim gives — same
    kind, same value — and nothing equal to the other side's: it conflicts with that side too.
    `links` are the links within the claim; `text` gives each member's sentence.
    """
    if len(members) < 3:
        return ()  # two members are joined by their own link
    linked = {frozenset((ln.a, ln.b)): ln.relation for ln in links}
    # Rule 2's links, by member: only conflicting links over a figure can carry one. Asking
    # every link of the claim for every pair of members took 8.8 of the 14.5 s (profiled) of
    # aligning 100 articles × 50 sentences, where claims of 100 members hold 4,950 links.
    figure_links: dict[SentenceRef, list[Link]] = {}
    for ln in links:
        if ln.relation == CONFLICTING and any(c.cause in _FIGURE_CAUSES for c in ln.conflicts):
            figure_links.setdefault(ln.a, []).append(ln)
            figure_links.setdefault(ln.b, []).append(ln)
    out: list[MemberConflict] = []
    for i, x in enumerate(members):
        for y in members[i + 1 :]:
            relation = linked.get(frozenset((x, y)))
            if relation == CONFLICTING:
                continue
            found: list[Conflict] = []
            if relation is None:  # a link's own check already ran on linked pairs
                fx, fy = analyse_sentence(text[x]).figures, analyse_sentence(text[y]).figures
                found = [
                    c
                    for c in _figure_conflicts(fx, fy, text[x], text[y])
                    if not (_gives(fx, text[y], c.b) or _gives(fy, text[x], c.a))
                ]
            if not found and figure_links:
                found = _carried(x, y, figure_links.get(y, []), text) or [
                    Conflict(c.cause, c.b, c.a)
                    for c in _carried(y, x, figure_links.get(x, []), text)
                ]
            if found:
                out.append(MemberConflict(x, y, tuple(dict.fromkeys(found))))
    return tuple(out)


def _carried(
    x: SentenceRef, y: SentenceRef, links: list[Link], text: dict[SentenceRef, str]
) -> list[Conflict]:
    """Conflicts (x's words first) where x repeats the figure a conflicting link of the claim
    sets against y's. `links` are the claim's conflicting links that have y as one end."""
    if not links:
        return []
    own = analyse_sentence(text[x]).figures
    out: list[Conflict] = []
    for link in links:
        if x in (link.a, link.b):
            continue
        p = link.other(y)
        for c in link.conflicts:
            if c.cause not in _FIGURE_CAUSES:
                continue
            theirs, mine = (c.a, c.b) if link.a == p else (c.b, c.a)  # p's words, y's words
            g = _figure_named(text[p], theirs)
            h = _figure_named(text[y], mine)
            if g is None or h is None:
                continue
            same = next((f for f in own if f.kind == g.kind and _same(f, g)), None)
            if same is None or any(f.kind == h.kind and _same(f, h) for f in own):
                continue
            out.append(Conflict(c.cause, same.text, h.text))
    return out


def _gives(figures: tuple[Figure, ...], text: str, words: str) -> bool:
    """Whether one of `figures` equals the figure `words` names in `text`: a sentence giving
    both counts ("twelve, or twenty-one by another count") contradicts neither."""
    named = _figure_named(text, words)
    return named is not None and any(f.kind == named.kind and _same(f, named) for f in figures)


def _figure_named(text: str, words: str) -> Figure | None:
    return next((f for f in analyse_sentence(text).figures if f.text == words), None)


# -- negation -----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_NEGATING = frozenset(
    "not no never cannot without nor neither refused refuses refusing declined declines "
    "failed fails unable unwilling".split()
)
_PARTICLES = frozenset("out up off down back over".split())
_ARTICLES = frozenset("a an the some any this that".split())
_REACH_BEFORE = 5
"""A negator this many words before a word still governs it ("don't want to be photographed")."""
_REACH_AFTER = 3


@lru_cache(maxsize=32768)
def _words(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(lower-case word, stem, start, end) for each token of `text`."""
    return tuple(
        (m.group(0).lower(), stem(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)
    )


def _is_negating(word: str) -> bool:
    return word in _NEGATING or word.endswith(("n't", "n’t"))


def _positive(text: str, neg: Negation) -> str | None:
    """The words of `text` that assert what `neg` denies, or None."""
    words = _words(text)
    denied = set(_WORD.findall(neg.text.lower()))
    for k, (low, st, _start, end) in enumerate(words):
        if st != neg.lemma or low in FUNCTION_WORDS:
            continue
        if any(_is_negating(w[0]) for w in words[max(0, k - _REACH_BEFORE) : k + _REACH_AFTER]):
            continue  # negated here too, or close enough that we cannot tell
        first = k
        if neg.scope == "verb":
            if k > 0 and words[k - 1][0] in DETERMINERS:
                continue  # "the signing": the noun, not the act that was denied
            if k + 1 < len(words) and words[k + 1][0] in _PARTICLES:
                end = words[k + 1][3]
        else:
            # A noun counts with the same modifiers ("no red line" / "a red line") or with an
            # article of its own; "federal agencies" does not answer "not the agency".
            while first > 0 and words[first - 1][0] in denied and words[first - 1][0].isalpha():
                if words[first - 1][0] in FUNCTION_WORDS:
                    break
                first -= 1
            before = words[first - 1][0] if first > 0 else ""
            if before in _ARTICLES:
                first -= 1
            elif first == k and before.isalpha():
                continue
        return text[words[first][2] : end]
    return None


def _negation_conflicts(a: str, b: str, fa: SentenceFraming, fb: SentenceFraming) -> list[Conflict]:
    out: list[Conflict] = []
    seen: set[str] = set()
    for negated, other, other_text, negated_is_a in ((fa, fb, b, True), (fb, fa, a, False)):
        for neg in negated.negations:
            if neg.lemma in seen or any(n.lemma == neg.lemma for n in other.negations):
                continue
            words = _positive(other_text, neg)
            if words is None:
                continue
            seen.add(neg.lemma)
            pair = (neg.text, words) if negated_is_a else (words, neg.text)
            out.append(Conflict(NEGATION, *pair))
    return out


_OPPOSITE_OF: dict[str, frozenset[str]] = {}
for _yes, _no in OPPOSITES:
    for _word in _yes:
        _OPPOSITE_OF[_word] = _OPPOSITE_OF.get(_word, frozenset()) | frozenset(_no)
    for _word in _no:
        _OPPOSITE_OF[_word] = _OPPOSITE_OF.get(_word, frozenset()) | frozenset(_yes)
_MAX_SWAP = 3
"""At most this many words on each side of one diff step around an opposite."""


def _opposite_conflicts(a: str, b: str) -> list[Conflict]:
    """ "approved" where the other side has "rejected", in the same frame of words."""
    if _OPPOSITE_OF.keys().isdisjoint(_lower_words(a)) or _OPPOSITE_OF.keys().isdisjoint(
        _lower_words(b)
    ):
        return []  # the common case: nothing to look at
    words_a, spans_a = _tokens(a)
    words_b, spans_b = _tokens(b)
    ops = Levenshtein.opcodes(words_a, words_b)
    out: list[Conflict] = []
    for k, op in enumerate(ops):
        if op.tag != "replace" or _span(op) > _MAX_SWAP or op.dest_end - op.dest_start > _MAX_SWAP:
            continue
        if not any(0 <= n < len(ops) and ops[n].tag == "equal" for n in (k - 1, k + 1)):
            continue  # not anchored in words both sides share
        mine = range(op.src_start, op.src_end)
        theirs = range(op.dest_start, op.dest_end)
        pair = next(
            (
                (i, j)
                for i in mine
                for j in theirs
                if words_b[j] in _OPPOSITE_OF.get(words_a[i], ())
            ),
            None,
        )
        if pair is None:
            continue
        i, j = pair
        rest = [words_a[n] for n in mine if n != i] + [words_b[n] for n in theirs if n != j]
        if all(w in FUNCTION_WORDS for w in rest):  # "agreed to" / "rejected"
            out.append(Conflict(NEGATION, _words_between(a, spans_a, i, i + 1),
                                _words_between(b, spans_b, j, j + 1)))  # fmt: skip
    return out


# -- certainty ----------------------------------------------------------------------------------


@lru_cache(maxsize=32768)
def _tokens(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """`_words` without the stems, which the check for opposites does not need."""
    spans = tuple(m.span() for m in _WORD.finditer(text))
    return tuple(text[a:b].lower() for a, b in spans), spans


@lru_cache(maxsize=32768)
def _lower_words(text: str) -> frozenset[str]:
    """The lower-case words of `text`: the quick test every link gets for opposites (stemming
    and locating every word of every linked sentence first was the slowest part of linking
    2 × 10,000 sentences)."""
    return frozenset(w.lower() for w in _WORD.findall(text))


_ASSERTIVE = frozenset("will would shall must can is are was were has have had does do did".split())


def _speaker_key(framing: SentenceFraming) -> str:
    """The quoted speaker, by last word ("Sergey Lavrov" and "Lavrov" match); "?" if unknown."""
    speaker = framing.attribution.speaker
    return speaker.split()[-1].lower() if speaker else "?"


def _voice(cue: Cue, framing: SentenceFraming) -> str:
    """Whose caution a hedge is: "" for the outlet's own voice, else the quoted speaker's key."""
    return _speaker_key(framing) if cue.in_quote else ""


def _certainty_conflicts(
    a: str, b: str, fa: SentenceFraming, fb: SentenceFraming, negation_found: bool
) -> list[Conflict]:
    voices_a = {_voice(c, fa) for c in fa.hedges}
    voices_b = {_voice(c, fb) for c in fb.hedges}
    quoted_a = {_speaker_key(fa)} if fa.quotes else set()
    quoted_b = {_speaker_key(fb)} if fb.quotes else set()
    out: list[Conflict] = []
    for voice in sorted(voices_a ^ voices_b):  # hedged in that voice on one side only
        if voice and not (voice in quoted_a and voice in quoted_b):
            continue  # the other side does not quote this speaker: nothing to compare
        on_a = voice in voices_a
        framing = fa if on_a else fb
        for cue in framing.hedges:
            if _voice(cue, framing) != voice or (negation_found and cue.kind == "openness"):
                continue  # "does not rule out" against "rules out" is a negation already
            other = _counterpart(a, b, cue, on_a)
            if other is not None:
                out.append(Conflict(CERTAINTY, *((cue.text, other) if on_a else (other, cue.text))))
                break
    return out


def _counterpart(a: str, b: str, cue: Cue, on_a: bool) -> str | None:
    """The other sentence's words in place of the hedge, "" if it has none there, or None when
    the hedge sits in a passage the other sentence does not carry at all."""
    own_text, other_text = (a, b) if on_a else (b, a)
    own_words, own_spans = _tokens(own_text)
    other_words, other_spans = _tokens(other_text)
    first = next((k for k, (s, e) in enumerate(own_spans) if e > cue.start), len(own_spans))
    last = next((k for k, (s, e) in enumerate(own_spans) if s >= cue.end), len(own_spans))
    ops = Levenshtein.opcodes(own_words, other_words)
    touched = [
        k
        for k, op in enumerate(ops)
        if op.tag != "equal" and op.src_end > first and op.src_start < last
    ]
    if not touched:
        return None  # every word of the hedge is on the other side too
    before, after = touched[0] - 1, touched[-1] + 1
    left_anchor = before < 0 or ops[before].tag == "equal"
    right_anchor = after >= len(ops) or ops[after].tag == "equal"
    lo, hi = ops[touched[0]].src_start, ops[touched[-1]].src_end
    olo, ohi = ops[touched[0]].dest_start, ops[touched[-1]].dest_end
    small = hi - lo <= (last - first) + 2 and ohi - olo <= 3
    if left_anchor and right_anchor and small:
        if ohi == olo:
            # Only the hedge is missing on the other side ("will likely take" / "will take");
            # if more went missing it is an omission, not a firmer claim.
            return "" if lo >= first and hi <= last else None
        for k in range(olo, ohi):
            if other_words[k] in _ASSERTIVE:
                return _words_between(other_text, other_spans, k, ohi)  # "for Ukraine will"
        if lo == first and hi == last:
            return _words_between(other_text, other_spans, olo, ohi)  # the hedge alone, swapped
        return None
    # The hedge right against words both sides share, "Washington may | take part" against
    # "the United States will | take part": the other side's verb before the shared words.
    # Elsewhere the hedge must sit right against at least two shared words, so a stray "the"
    # matched across two different sentences does not count as an anchor.
    right_anchor = after < len(ops) and ops[after].tag == "equal" and _span(ops[after]) >= 2
    left_anchor = before >= 0 and ops[before].tag == "equal" and _span(ops[before]) >= 2
    if right_anchor and hi == last and ohi > olo:
        for k in range(ohi - 1, max(olo, ohi - 3) - 1, -1):
            if other_words[k] in _ASSERTIVE:
                return _words_between(other_text, other_spans, k, k + 1)
    if left_anchor and lo == first and ohi > olo:
        for k in range(olo, min(ohi, olo + 3)):
            if other_words[k] in _ASSERTIVE:
                return _words_between(other_text, other_spans, k, k + 1)
    return None


def _span(op: Opcode) -> int:
    return int(op.src_end - op.src_start)


def _words_between(text: str, spans: tuple[tuple[int, int], ...], lo: int, hi: int) -> str:
    return text[spans[lo][0] : spans[hi - 1][1]]

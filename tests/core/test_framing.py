"""Framing: attribution, hedges, quotes, figures, negation; conflicts; per-outlet profiles.

Every sentence here is written for these tests (about the August 2025 security-guarantees story
or generic), including the traps the rules must not fall into.
"""

from __future__ import annotations

import json
import time

import pytest

from desktop.core.article import Article, Sentence
from desktop.core.comparison import Claim, Comparison, Conflict, Link, SentenceRef
from desktop.core.diff import word_changes
from desktop.core.framing import (
    PLACEMENTS,
    FramingReport,
    SentenceFraming,
    analyse,
    analyse_sentence,
    find_conflicts,
    placements,
)
from desktop.core.framing.lexicon import HEDGE_KINDS, HEDGE_PATTERNS, HEDGE_WORDS, NOT_HEDGES
from desktop.core.framing.lexicon_doc import BEGIN, DOC_PATH, END, listed_cues, render_markdown
from desktop.core.framing.sentence import stem
from desktop.core.pipeline import compare_paths
from tests.conftest import MAIN_SET
from tests.helpers import make_article

# -- attribution --------------------------------------------------------------------------------

RED_LINE = (
    "A senior US official said Washington had no red line on troops and was not ruling out "
    "peacekeepers if necessary"
)


def test_anonymous_official_with_two_hedges() -> None:
    f = analyse_sentence(RED_LINE)
    assert f.attribution.kind == "anonymous"
    assert f.attribution.source.lower() == "a senior us official"
    assert f.attribution.cue == "said"
    assert [c.text for c in f.hedges] == ["not ruling out", "if necessary"]
    assert [c.kind for c in f.hedges] == ["openness", "conditional"]
    assert f.outlet_hedged and not f.speaker_hedged


def test_another_outlet_reported() -> None:
    a = analyse_sentence(
        "No concrete discussions have taken place, the Washington Post reported"
    ).attribution
    assert (a.kind, a.source, a.cue) == ("outlet", "The Washington Post", "reported")


def test_called_is_an_attribution_when_it_characterises() -> None:
    a = analyse_sentence(
        "Lavrov called the presence of NATO troops an unacceptable threat"
    ).attribution
    assert (a.kind, a.source, a.cue) == ("named", "Lavrov", "called")


def test_called_is_a_phone_call_before_a_name() -> None:
    f = analyse_sentence("Trump called Russian President Vladimir Putin after the talks ended.")
    assert f.attribution.kind == "none"


@pytest.mark.parametrize(
    ("sentence", "kind", "source", "cue"),
    [
        ("Lavrov said NATO troops in Ukraine would be a threat.", "named", "Lavrov", "said"),
        (
            "Zelensky told reporters the guarantees would be on paper within ten days.",
            "named",
            "Zelensky",
            "told",
        ),
        (
            "The deployment would escalate the war, the Kremlin said.",
            "named",
            "the Kremlin",
            "said",
        ),
        (
            "No orders have been issued, according to the Pentagon.",
            "named",
            "the Pentagon",
            "according to",
        ),
        (
            "Talks on the text are still under way, officials said.",
            "anonymous",
            "officials",
            "said",
        ),
        (
            "The draft is not final, according to people familiar with the discussions.",
            "anonymous",
            "people familiar with the discussions",
            "according to",
        ),
        ("The package covers air defence, sources said.", "anonymous", "sources", "said"),
        (
            "A diplomat who spoke on condition of anonymity said the text was close to done.",
            "anonymous",
            "A diplomat who spoke on condition of anonymity",
            "said",
        ),
        (
            "The guarantees will be binding, according to Reuters.",
            "outlet",
            "Reuters",
            "according to",
        ),
        ("Politico reported that no decision had been made.", "outlet", "Politico", "reported"),
        ('"We are ready to meet," said Zelensky.', "named", "Zelensky", "said"),
        (
            "Moscow warned that foreign troops would escalate the conflict.",
            "named",
            "Moscow",
            "warned",
        ),
        ("Starmer argued that Europe must lead.", "named", "Starmer", "argued"),
        ("Macron insisted the force would be European.", "named", "Macron", "insisted"),
        ("Merz noted that no date had been set.", "named", "Merz", "noted"),
        ("The talks were useful, Stubb added.", "named", "Stubb", "added"),
        ("Russia claimed the plan was a provocation.", "named", "Russia", "claimed"),
        ("Meloni stressed that Italy would not send soldiers.", "named", "Meloni", "stressed"),
        ("Rutte wrote that the alliance stood united.", "named", "Rutte", "wrote"),
        (
            "Russian Foreign Minister Sergey Lavrov has said that the idea is unacceptable.",
            "named",
            "Russian Foreign Minister Sergey Lavrov",
            "said",
        ),
        (
            "Kremlin aide Yury Ushakov later described the call as useful.",
            "named",
            "Kremlin aide Yury Ushakov",
            "described",
        ),
        (
            "President Donald Trump hosted them on Monday, telling them Washington would help.",
            "named",
            "President Donald Trump",
            "telling",
        ),
        (
            "Any deployment would be temporary, those people said.",
            "anonymous",
            "those people",
            "said",
        ),
    ],
)
def test_attribution(sentence: str, kind: str, source: str, cue: str) -> None:
    a = analyse_sentence(sentence).attribution
    assert (a.kind, a.source, a.cue) == (kind, source, cue)
    assert sentence[a.cue_start : a.cue_end] == cue
    if kind != "outlet":
        assert sentence[a.start : a.end] == source


def test_told_an_outlet_credits_the_outlet_and_keeps_the_speaker() -> None:
    a = analyse_sentence("Zelensky told Politico the guarantees would be ready soon.").attribution
    assert (a.kind, a.source, a.speaker, a.cue) == ("outlet", "Politico", "Zelensky", "told")


def test_said_inside_a_quote_is_not_the_attribution() -> None:
    f = analyse_sentence('"They said it could not be done," the minister said.')
    assert (f.attribution.kind, f.attribution.source) == ("named", "the minister")
    assert f.attribution.cue_start > f.quotes[0].end
    f = analyse_sentence('The report, titled "What they said", was published on Tuesday.')
    assert f.attribution.kind == "none"


def test_said_in_a_passive_hedge_is_not_the_attribution() -> None:
    f = analyse_sentence("The package is said to include long-range missiles.")
    assert f.attribution.kind == "none"
    assert [(c.kind, c.text) for c in f.hedges] == [("distance", "is said to")]


def test_the_outlet_voice_has_no_attribution() -> None:
    f = analyse_sentence("The two sides discussed a weapons package for Ukraine.")
    assert f.attribution.kind == "none" and not f.attributed


# -- hedges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "phrase"), [(kind, w) for kind in HEDGE_KINDS for w in HEDGE_WORDS[kind]]
)
def test_every_listed_hedge_is_found(kind: str, phrase: str) -> None:
    sentence = f"Washington {phrase} send a small contingent."
    cues = analyse_sentence(sentence).hedges
    assert [(c.kind, c.text) for c in cues] == [(kind, phrase)]


@pytest.mark.parametrize(
    ("kind", "example"),
    [(kind, e) for kind in HEDGE_KINDS for p in HEDGE_PATTERNS[kind] for e in p.examples],
)
def test_every_pattern_example_is_found(kind: str, example: str) -> None:
    sentence = f"Officials {example} sending a small contingent."
    cues = analyse_sentence(sentence).hedges
    assert [(c.kind, c.text) for c in cues] == [(kind, example)]


def test_hedges_inside_a_quote_belong_to_the_speaker() -> None:
    f = analyse_sentence('"We may send troops if needed," the defence minister said.')
    assert [(c.text, c.in_quote) for c in f.hedges] == [("may", True), ("if needed", True)]
    assert f.speaker_hedged and not f.outlet_hedged and f.hedged
    f = analyse_sentence("Britain may send troops, the defence minister said.")
    assert [(c.text, c.in_quote) for c in f.hedges] == [("may", False)]
    assert f.outlet_hedged and not f.speaker_hedged


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States has no red line on troops.",
        '"It could not be done," the minister said.',
        "The talks resumed in May after a pause.",
        "Nobody knows when a ceasefire might begin.",
        "The committee said it would meet again.",
    ],
)
def test_not_hedges(sentence: str) -> None:
    assert analyse_sentence(sentence).hedges == ()


def test_no_red_line_is_a_decided_non_hedge_and_a_negation() -> None:
    assert "no red line" in NOT_HEDGES
    [neg] = analyse_sentence("Washington has no red line on troops.").negations
    assert (neg.text, neg.scope, neg.lemma) == ("no red line", "noun", stem("line"))


# -- quotes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quote", "speaker"),
    [
        ('"NATO troops are a threat," Lavrov said.', "NATO troops are a threat,", "Lavrov"),
        ('Lavrov said: "NATO troops are a threat."', "NATO troops are a threat.", "Lavrov"),
        (
            'Ushakov called the talks "candid and constructive".',
            "candid and constructive",
            "Ushakov",
        ),
        (
            "Ushakov called the talks “candid and constructive”.",
            "candid and constructive",
            "Ushakov",
        ),
        ("Peskov called the plan «unacceptable».", "unacceptable", "Peskov"),
        ("Washington drew no ‘red line’ on troops.", "red line", ""),
    ],
)
def test_quotes_and_their_speakers(sentence: str, quote: str, speaker: str) -> None:
    [q] = analyse_sentence(sentence).quotes
    assert (q.text, q.speaker) == (quote, speaker)
    assert sentence[q.start : q.end] == quote


def test_apostrophes_are_not_quotes() -> None:
    assert analyse_sentence("Ukraine’s army and the allies’ plans were discussed.").quotes == ()


def test_a_quote_running_on_to_the_next_sentence() -> None:
    [q] = analyse_sentence('Zelensky said: "We are ready to meet at any level.').quotes
    assert q.text == "We are ready to meet at any level."


# -- figures ------------------------------------------------------------------------------------


def test_a_year_inside_a_date_is_not_an_amount() -> None:
    sentence = "On 18 August 2025 a $90 billion deal was discussed."
    figures = analyse_sentence(sentence).figures
    assert [(f.kind, f.text) for f in figures] == [
        ("date", "18 August 2025"),
        ("money", "$90 billion"),
    ]
    assert figures[0].unit == "2025-08-18"
    assert figures[1].value == 90e9 and figures[1].unit == "USD"
    assert not any(f.text == "2025" for f in figures)


@pytest.mark.parametrize(
    ("written", "value", "currency"),
    [
        ("$90 billion", 90e9, "USD"),
        ("90bn", 90e9, ""),
        ("$90bn", 90e9, "USD"),
        ("USD 90 billion", 90e9, "USD"),
        ("90 billion dollars", 90e9, "USD"),
        ("€5 million", 5e6, "EUR"),
        ("£1.5bn", 1.5e9, "GBP"),
    ],
)
def test_money(written: str, value: float, currency: str) -> None:
    [f] = analyse_sentence(f"The package is worth {written} over several years.").figures
    assert (f.kind, f.value, f.unit, f.text) == ("money", value, currency, written)


@pytest.mark.parametrize(
    ("sentence", "kind", "value", "unit", "text"),
    [
        ("Seven European leaders flew in.", "count", 7, "leader", "Seven European leaders"),
        ("About 2,000 troops could be sent.", "count", 2000, "troop", "2,000 troops"),
        ("It must be signed within ten days.", "duration", 10, "day", "within ten days"),
        ("It must be signed within a week.", "duration", 7, "day", "within a week"),
        ("Talks could take two weeks.", "duration", 14, "day", "two weeks"),
        ("It should be ready within a month.", "duration", 30, "day", "within a month"),
        ("The ten-day deadline is tight.", "duration", 10, "day", "ten-day"),
        ("Support rose to 64%.", "percent", 64, "%", "64%"),
        ("Support rose by five per cent.", "percent", 5, "%", "five per cent"),
        ("They met on Aug. 18 in Washington.", "date", None, "--08-18", "Aug. 18"),
        ("They met on Monday in Washington.", "date", None, "monday", "Monday"),
        ("The invasion began in February 2022.", "date", None, "2022-02", "February 2022"),
        ("The war began in 2022.", "date", None, "2022", "2022"),
    ],
)
def test_figures(sentence: str, kind: str, value: float | None, unit: str, text: str) -> None:
    [f] = analyse_sentence(sentence).figures
    assert (f.kind, f.value, f.unit, f.text) == (kind, value, unit, text)
    assert sentence[f.start : f.end] == text


@pytest.mark.parametrize(
    "sentence",
    [
        "The war has killed hundreds of thousands of people.",
        "One of the leaders left early.",
        "A three-way meeting could follow.",
        "The envoy is 45 years old.",
        "Theresa May did not attend.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert analyse_sentence(sentence).figures == ()


def test_qualifiers() -> None:
    [f] = analyse_sentence("A deal worth about $90 billion was discussed.").figures
    assert f.qualifier == "~"
    [f] = analyse_sentence("More than 7 people were hurt.").figures
    assert f.qualifier == ">="


# -- negation -----------------------------------------------------------------------------------


def test_negation_of_a_phrasal_verb() -> None:
    [neg] = analyse_sentence("Washington does not rule out sending troops.").negations
    assert (neg.text, neg.lemma, neg.scope) == ("does not rule out", stem("rules"), "verb")


def test_not_only_but_is_not_negation() -> None:
    sentence = "The guarantees are not only political but also military."
    assert analyse_sentence(sentence).negations == ()
    assert find_conflicts(sentence, "The guarantees are political and military.") == ()


def test_contracted_negation() -> None:
    [neg] = analyse_sentence("Washington won't send troops.").negations
    assert neg.text == "won't send" and neg.lemma == stem("send")


def test_stem_groups_inflections() -> None:
    assert len({stem(w) for w in ("rule", "rules", "ruled", "ruling")}) == 1
    assert len({stem(w) for w in ("agree", "agreed", "agrees", "agreeing")}) == 1
    assert stem("need") == stem("needed") != stem("agreed")


# -- conflicts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "The arms deal is worth $90 billion.",
            "The arms deal is worth $100 billion.",
            [Conflict("number", "$90 billion", "$100 billion")],
        ),
        (
            "Seven European leaders joined Zelensky in Washington.",
            "Six European leaders joined Zelensky in Washington.",
            [Conflict("number", "Seven European leaders", "Six European leaders")],
        ),
        (
            "The guarantees will be on paper within ten days.",
            "The guarantees will be on paper within a week.",
            [Conflict("date", "within ten days", "within a week")],
        ),
        (
            "The leaders met on 18 August in Washington.",
            "The leaders met on 19 August in Washington.",
            [Conflict("date", "18 August", "19 August")],
        ),
        (
            "Washington rules out sending troops.",
            "Washington does not rule out sending troops.",
            [Conflict("negation", "rules out", "does not rule out")],
        ),
        (
            "The leaders agreed on a timetable.",
            "The leaders did not agree on a timetable.",
            [Conflict("negation", "agreed", "did not agree")],
        ),
        (
            "Washington has a red line on troops.",
            "Washington has no red line on troops.",
            [Conflict("negation", "a red line", "no red line")],
        ),
        (
            "Washington will take part in the guarantees.",
            "Washington may take part in the guarantees.",
            [Conflict("certainty", "will", "may")],
        ),
        (
            "Washington will likely take part in the guarantees.",
            "Washington will take part in the guarantees.",
            [Conflict("certainty", "likely", "")],
        ),
        (
            '"We may send troops," Macron said.',
            '"We will send troops," Macron said.',
            [Conflict("certainty", "may", "will")],
        ),
    ],
)
def test_conflicts(a: str, b: str, expected: list[Conflict]) -> None:
    assert list(find_conflicts(a, b)) == expected
    swapped = [Conflict(c.cause, c.b, c.a) for c in expected]
    assert list(find_conflicts(b, a)) == swapped


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The arms deal is worth 90bn.", "The arms deal is worth $90 billion."),
        ("The arms deal is worth about $90 billion.", "The arms deal is worth $90bn."),
        ("The deal is worth $140-150 million.", "The deal is worth $150 million."),
        ("The summit was held on Monday.", "The summit was held on 18 August."),
        ("The summit was held on 18 August 2025.", "The summit was held on 18 August."),
        ("A $90 billion deal was discussed.", "A deal was discussed."),
        ("Formalisation is due within a week.", "Formalisation is due within seven days."),
        ('"We may send troops," Macron said.', '"We will send troops," Scholz said.'),
        ('"Washington may take part," the official said.', "Washington will take part."),
        ("Russia will not accept NATO soldiers.", "Russia would accept no NATO soldiers."),
        ("The same words, the same sentence.", "The same words, the same sentence."),
        (
            "Questions remain over when a ceasefire might begin.",
            "Questions remain over the timing of a ceasefire.",
        ),
    ],
)
def test_no_conflict(a: str, b: str) -> None:
    assert find_conflicts(a, b) == ()


def test_negation_is_not_also_a_certainty_conflict() -> None:
    causes = [
        c.cause for c in find_conflicts(RED_LINE, RED_LINE.replace("was not ruling", "was ruling"))
    ]
    assert causes == ["negation"]


def test_analysis_is_cached() -> None:
    assert analyse_sentence(RED_LINE) is analyse_sentence(RED_LINE)


def test_sentence_framing_round_trips_through_json() -> None:
    f = analyse_sentence('On 18 August a senior official said "we may act if needed", not later.')
    data = json.loads(json.dumps(f.to_dict()))
    assert SentenceFraming.from_dict(data) == f
    assert SentenceFraming.from_dict({}) == SentenceFraming()


# -- the comparison -----------------------------------------------------------------------------

A1 = [
    "Zelensky said the security guarantees would be ready within ten days.",
    "The guarantees include a $90 billion arms deal.",
    "Trump pledged that troops could help if necessary.",
    "He said the talks were useful.",
    "A senior official said the guarantees would be binding.",
    "The weather in Washington was hot.",
]
A2 = [
    "The guarantees include a $90 billion arms deal.",
    "Zelensky said the security assurances would be ready within ten days.",
    "Officials expect Europe to pay.",
    "Trump pledged that peacekeepers could help if necessary.",
    "A senior official said the assurances would be binding.",
    "The summit ended late.",
]
A3 = [
    "Zelensky said the security guarantees would be ready within a week.",
    "The guarantees include a $90 billion arms deal.",
    "Markets were calm.",
]
A4 = [
    "The guarantees include a $90 billion arms deal.",
    "Zelensky said the security guarantees would be ready within ten days, Reuters reported.",
]


def _link(arts: dict[str, Article], x: tuple[str, int], y: tuple[str, int]) -> Link:
    ta, tb = arts[x[0]].sentences[x[1]].text, arts[y[0]].sentences[y[1]].text
    return Link(
        SentenceRef(*x),
        SentenceRef(*y),
        80.0,
        "conflicting" if find_conflicts(ta, tb) else "reworded",
        word_changes(ta, tb),
        find_conflicts(ta, tb),
    )


@pytest.fixture
def comparison() -> Comparison:
    articles = [
        make_article("a1", A1, "One"),
        make_article("a2", A2, "Two"),
        make_article("a3", A3, "Three"),
        make_article("a4", A4, "Four"),
    ]
    arts = {a.id: a for a in articles}
    groups = [
        [("a1", 0), ("a2", 1), ("a3", 0), ("a4", 1)],  # ten days (a week in a3)
        [("a1", 1), ("a2", 0), ("a3", 1), ("a4", 0)],  # $90 billion
        [("a1", 2), ("a2", 3)],  # troops / peacekeepers
        [("a1", 4), ("a2", 4)],  # guarantees / assurances
    ]
    links = [
        _link(arts, x, y) for group in groups for i, x in enumerate(group) for y in group[i + 1 :]
    ]
    grouped = {ref for group in groups for ref in group}
    singles = [[(a.id, s.index)] for a in articles for s in a.sentences]
    singles = [g for g in singles if g[0] not in grouped]
    claims = tuple(
        Claim(n + 1, tuple(SentenceRef(*r) for r in g)) for n, g in enumerate(groups + singles)
    )
    return Comparison(tuple(articles), tuple(links), claims)


def test_report_covers_every_sentence(comparison: Comparison) -> None:
    report = analyse(comparison)
    refs = {SentenceRef(a.id, s.index) for a in comparison.articles for s in a.sentences}
    assert set(report.sentences) == refs == set(report.placements)
    assert set(report.placements.values()) <= set(PLACEMENTS)


def test_profile(comparison: Comparison) -> None:
    one = analyse(comparison).outlet("a1")
    assert one.sentences == 6
    assert one.unique == (3, 5)  # "He said …" and the weather: nobody else carries them
    assert one.hedged_share == pytest.approx(1 / 6)  # "could … if necessary"
    assert one.attributed_share == pytest.approx(4 / 6)
    assert one.sources == {"named": 3, "anonymous": 1, "outlet": 0}
    assert one.figures == ("within ten days", "$90 billion")
    four = analyse(comparison).outlet("a4")
    assert four.sources["outlet"] == 1


def test_pronoun_takes_the_speaker_before_it(comparison: Comparison) -> None:
    report = analyse(comparison)
    he = report.sentences[SentenceRef("a1", 3)].attribution
    assert (he.source, he.kind, he.speaker) == ("He", "named", "Trump")


def test_blindspots(comparison: Comparison) -> None:
    report = analyse(comparison)
    # Claims 3 and 4 are carried by a1 and a2 only: for a3 and a4 that is two of three others.
    assert report.outlet("a3").blindspots == (3, 4)
    assert report.outlet("a4").blindspots == (3, 4)
    assert report.outlet("a1").blindspots == ()


def test_no_blindspots_between_two_articles() -> None:
    articles = [make_article("a1", A1[:2]), make_article("a2", A2[:1])]
    arts = {a.id: a for a in articles}
    link = _link(arts, ("a1", 1), ("a2", 0))
    claims = (
        Claim(1, (SentenceRef("a1", 1), SentenceRef("a2", 0))),
        Claim(2, (SentenceRef("a1", 0),)),
    )
    report = analyse(Comparison(tuple(articles), (link,), claims))
    assert report.outlet("a2").blindspots == ()


def test_word_choices(comparison: Comparison) -> None:
    two = analyse(comparison).outlet("a2")
    against_one = [(w.ours, w.theirs, w.count) for w in two.word_choices if w.other == "a1"]
    assert against_one[0] == ("assurances", "guarantees", 2)
    assert ("peacekeepers", "troops", 1) in against_one
    assert [(w.ours, w.theirs) for w in two.consistent_word_choices] == [
        ("assurances", "guarantees")
    ]
    assert two.consistent_word_choices[0].sentences == (1, 4)
    one = analyse(comparison).outlet("a1")
    assert ("guarantees", "assurances", 2) in [
        (w.ours, w.theirs, w.count) for w in one.word_choices
    ]


def test_conflicting_link_between_ten_days_and_a_week(comparison: Comparison) -> None:
    link = comparison.link_between(SentenceRef("a1", 0), SentenceRef("a3", 0))
    assert link is not None
    assert link.conflicts == (Conflict("date", "within ten days", "within a week"),)


def test_placements() -> None:
    sentences = (
        Sentence(0, 0, 8, "Headline", "headline"),
        Sentence(1, 9, 15, "KYIV —", "dateline"),
        *(Sentence(i, 16 + i, 17 + i, "x") for i in range(2, 10)),
    )
    article = Article("a1", "a1.txt", "x" * 40, sentences, "One")
    where = placements(article)
    assert [where[i] for i in range(10)] == [
        "headline", "dateline", "lead", "lead", "upper", "upper", "lower", "lower", "lower",
        "lower",
    ]  # fmt: skip


def test_buried_claims() -> None:
    lead = ["Fact A was reported.", "Filler one.", "Filler two.", "Filler three."]
    late = ["Filler four.", "Filler five.", "Filler six.", "Fact A was reported."]
    articles = [make_article("a1", lead), make_article("a2", late)]
    claims = (Claim(1, (SentenceRef("a1", 0), SentenceRef("a2", 3))),)
    report = analyse(Comparison(tuple(articles), (), claims))
    [claim] = report.claims
    assert claim.placements == {"a1": "lead", "a2": "lower"}
    assert claim.buried_in == ("a2",)


def test_report_round_trips_through_json(comparison: Comparison) -> None:
    report = analyse(comparison)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["sentences"]["a1:0"]["placement"] == "lead"
    assert FramingReport.from_dict(data) == report


def test_main_sample_set() -> None:
    comparison = compare_paths(sorted(MAIN_SET.glob("*.md")))
    report = analyse(comparison)
    assert FramingReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
    politico = next(a for a in comparison.articles if a.outlet == "Politico")
    assert report.outlet(politico.id).sources["anonymous"] >= 1
    post = next(a for a in comparison.articles if a.outlet == "The Washington Post")
    assert report.outlet(post.id).hedged_share > 0


# -- the lexicon document -----------------------------------------------------------------------


def test_lexicon_document_is_up_to_date() -> None:
    document = DOC_PATH.read_text(encoding="utf-8")
    generated = document[document.index(BEGIN) : document.index(END) + len(END)] + "\n"
    assert generated == render_markdown(), (
        "docs/framing-lexicon.md is out of date: run python -m desktop.core.framing.lexicon_doc"
    )


def test_lexicon_document_lists_every_cue() -> None:
    document = DOC_PATH.read_text(encoding="utf-8")
    missing = [(section, cue) for section, cue in listed_cues() if f"`{cue}`" not in document]
    assert not missing


# -- speed --------------------------------------------------------------------------------------


@pytest.mark.benchmark
def test_speed() -> None:
    texts = [
        s.text for a in compare_paths(sorted(MAIN_SET.glob("*.md"))).articles for s in a.sentences
    ]
    pairs = [(a, b) for a in texts for b in texts[::7] if a is not b]
    analyse_sentence.cache_clear()
    start = time.perf_counter()
    for t in texts:
        analyse_sentence(t)
    per_sentence = (time.perf_counter() - start) / len(texts) * 1e6
    start = time.perf_counter()
    for a, b in pairs:
        find_conflicts(a, b)
    per_pair = (time.perf_counter() - start) / len(pairs) * 1e6
    print(f"\nanalyse_sentence {per_sentence:.1f} µs (cold); find_conflicts {per_pair:.1f} µs")
    assert per_pair < 50


def test_a_speaker_named_like_an_open_outlet_is_that_outlet() -> None:
    wire = make_article(
        "a1", ["The Harbor Times said the talks would resume on Friday."], "Meridian Wire"
    )
    times = make_article(
        "a2",
        ["Meridian Wire reported that the talks would resume.", "Smith said he was hopeful."],
        "The Harbor Times",
    )
    comparison = Comparison((wire, times), (), ())
    report = analyse(comparison)
    credited = report.sentences[SentenceRef("a2", 0)].attribution
    assert (credited.kind, credited.source) == ("outlet", "Meridian Wire")
    other_way = report.sentences[SentenceRef("a1", 0)].attribution
    assert (other_way.kind, other_way.source) == ("outlet", "The Harbor Times")
    person = report.sentences[SentenceRef("a2", 1)].attribution
    assert (person.kind, person.source) == ("named", "Smith")
    # Without the other article open, the same name is just a name.
    alone = analyse(Comparison((times,), (), ())).sentences[SentenceRef("a2", 0)].attribution
    assert alone.kind == "named"


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (
            "The council approved the plan on Tuesday.",
            "The council rejected the plan on Tuesday.",
            ("approved", "rejected"),
        ),
        (
            "Ukraine agreed to the proposal, officials said.",
            "Ukraine rejected the proposal, officials said.",
            ("agreed", "rejected"),
        ),
        (
            "The minister denied the report.",
            "The minister confirmed the report.",
            ("denied", "confirmed"),
        ),
    ],
)
def test_opposite_words_in_the_same_frame_conflict(a: str, b: str, words: tuple[str, str]) -> None:
    assert find_conflicts(a, b) == (Conflict("negation", *words),)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Exports rose in March.", "Imports fell in March."),  # different subjects
        (
            "Prices rose in March and fell in April.",
            "Prices rose in March and fell in April, data show.",
        ),
        (
            "The council approved the plan.",
            "The council approved the plan and rejected the budget.",
        ),
    ],
)
def test_opposite_words_in_different_frames_do_not(a: str, b: str) -> None:
    assert find_conflicts(a, b) == ()


@pytest.mark.parametrize(
    ("said", "open_question"),
    [
        (
            "Alden Lines said the route would stay closed.",
            "Alden Lines has not said when the route will reopen.",
        ),
        (
            "The ministry said the ferry was insured.",
            "The ministry did not say whether the ferry was insured.",
        ),
        (
            "Kyiv decided to send two hundred troops.",
            "Kyiv has not decided how many troops to send.",
        ),
    ],
)
def test_an_unanswered_question_is_not_a_denial(said: str, open_question: str) -> None:
    # Seen on the ferry-fire set: "has not said when …" against "said the route would stay
    # closed" was a negation conflict; not saying when is not saying the opposite.
    assert [c for c in find_conflicts(said, open_question) if c.cause == "negation"] == []


def test_a_denied_statement_is_still_a_negation() -> None:
    found = find_conflicts(
        "Alden Lines said the route would reopen on Friday.",
        "Alden Lines did not say the route would reopen on Friday.",
    )
    assert [c.cause for c in found] == ["negation"]

"""Framing data the panel shows: who speaks, which figures count, word choices, date slots."""

from __future__ import annotations

import pytest

from desktop.core.comparison import Claim, Comparison, Link, SentenceRef
from desktop.core.diff import word_changes
from desktop.core.framing import analyse, analyse_sentence, find_conflicts
from desktop.core.framing.numbers import find_figures
from tests.helpers import make_article


def _comparison(one: list[str], two: list[str], pairs: list[tuple[int, int]]) -> Comparison:
    articles = (make_article("a1", one, "One"), make_article("a2", two, "Two"))
    links = []
    for i, j in pairs:
        ta, tb = one[i], two[j]
        conflicts = find_conflicts(ta, tb)
        relation = "conflicting" if conflicts else "reworded"
        links.append(
            Link(
                SentenceRef("a1", i),
                SentenceRef("a2", j),
                80.0,
                relation,
                word_changes(ta, tb),
                conflicts,
            )
        )
    linked = {SentenceRef("a1", i) for i, _ in pairs} | {SentenceRef("a2", j) for _, j in pairs}
    claims = [Claim(0, (SentenceRef("a1", i), SentenceRef("a2", j))) for i, j in pairs]
    claims += [Claim(0, (r,)) for a in articles for r in _refs(a.id, a) if r not in linked]
    numbered = tuple(Claim(k + 1, c.members) for k, c in enumerate(claims))
    return Comparison(articles, tuple(links), numbered)


def _refs(article_id: str, article: object) -> list[SentenceRef]:
    return [SentenceRef(article_id, s.index) for s in article.sentences]  # type: ignore[attr-defined]


def test_said_it_would_credits_the_named_body_not_it() -> None:
    a = analyse_sentence(
        "The ferry operator, Alden Lines, said it would suspend the route until the "
        "investigation is complete."
    ).attribution
    assert a.kind == "named" and a.source == "Alden Lines"
    inverted = analyse_sentence('"The route stays shut," said he.').attribution
    assert inverted.source == "he"  # "…, said he." is still an inverted speaker


def test_it_is_never_credited_to_a_person() -> None:
    c = _comparison(
        ["Fire chief Dana Okafor said the blaze was out.", "It said the route would reopen."],
        ["The ministry said the inquiry would start.", "It said the report was due soon."],
        [],
    )
    report = analyse(c)
    person = report.sentences[SentenceRef("a1", 1)].attribution
    assert "Okafor" not in person.speaker
    body = report.sentences[SentenceRef("a2", 1)].attribution
    assert body.speaker == "The ministry"


def test_clock_times_are_not_figures() -> None:
    for text in (
        "The fire started shortly after 7 p.m., the chief said.",
        "Talks are set for 10:30.",
        "It began at seven o'clock.",
        "At 7pm the ferry left.",
    ):
        assert find_figures(text) == (), text
    assert [f.text for f in find_figures("At 9 a.m., 240 passengers left.")] == ["240 passengers"]


def test_weekdays_are_kept_for_conflicts_but_not_listed_as_figures() -> None:
    c = _comparison(["The summit was held on Monday with seven leaders."], ["Other news."], [])
    report = analyse(c)
    assert [f.text for f in report.sentences[SentenceRef("a1", 0)].figures] == [
        "Monday",
        "seven leaders",
    ]
    assert report.outlet("a1").figures == ("seven leaders",)


def test_numbers_are_not_word_choices() -> None:
    c = _comparison(
        ["Twelve people were treated for smoke inhalation at the hospital."],
        ["Twenty-one people were treated for smoke inhalation at the hospital."],
        [(0, 0)],
    )
    report = analyse(c)
    assert report.outlet("a1").word_choices == ()
    assert report.outlet("a2").word_choices == ()


def test_word_choices_merge_their_outlets() -> None:
    one = ["After the summit, Trump phoned Putin."]
    two = ["After the summit, Trump called Putin."]
    articles = (
        make_article("a1", one, "Politico"),
        make_article("a2", two, "The Post"),
        make_article("a3", one, "Kyiv Courier"),
    )
    links = (
        Link(
            SentenceRef("a1", 0), SentenceRef("a2", 0), 80.0, "reworded", word_changes(*one, *two)
        ),
        Link(
            SentenceRef("a2", 0), SentenceRef("a3", 0), 80.0, "reworded", word_changes(*two, *one)
        ),
    )
    claims = (Claim(1, tuple(SentenceRef(a.id, 0) for a in articles)),)
    report = analyse(Comparison(articles, links, claims))
    merged = report.outlet("a2").merged_word_choices()
    assert [(m.theirs, m.ours, m.others) for m in merged] == [("phoned", "called", ("a1", "a3"))]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Twelve people were treated at St Brendan's Hospital, and all were released by "
            "Wednesday morning.",
            "Twelve people were treated after a fire broke out on the ferry Marisol on "
            "Tuesday evening.",
        ),
        (
            "The comment came a day after Trump welcomed Zelensky.",
            "The guarantees are to be formalised on paper within ten days of the talks.",
        ),
    ],
)
def test_dates_of_different_events_do_not_conflict(a: str, b: str) -> None:
    assert find_conflicts(a, b) == ()


def test_dates_of_the_same_event_still_conflict() -> None:
    conflicts = find_conflicts(
        "The ferry caught fire on Tuesday evening.", "The ferry caught fire on Monday evening."
    )
    assert [(c.cause, c.a, c.b) for c in conflicts] == [("date", "Tuesday", "Monday")]

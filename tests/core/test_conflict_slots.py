"""Dates and durations conflict only when they describe the same slot (ux-review problem 9).

Every sentence here is written for the test. Each rule has a pair that must not conflict (and
did before the rule) beside a pair of the same shape that must.
"""

from __future__ import annotations

import pytest

from desktop.core.framing import find_conflicts


def _found(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(c.cause, c.a, c.b) for c in find_conflicts(a, b)]


def test_an_offset_is_not_a_span() -> None:
    # "a day after" counts from an event, "within ten days" is the time allowed for one.
    assert (
        _found(
            "The repairs began a day after the storm.",
            "The repairs began within ten days of the storm.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (
            "The bridge will reopen within ten days.",
            "The bridge will reopen within a week.",
            ("within ten days", "within a week"),
        ),
        (
            "The council voted two days later to close it.",
            "The council voted a week later to close it.",
            ("two days", "a week"),
        ),
    ],
)
def test_like_roles_still_conflict(a: str, b: str, words: tuple[str, str]) -> None:
    assert _found(a, b) == [("date", *words)]


def test_time_of_day_words_do_not_make_a_slot() -> None:
    # "morning" qualifies the date on both sides; the events (release, fire) differ.
    assert (
        _found(
            "All passengers were released by Wednesday morning.",
            "The fire broke out on Tuesday morning.",
        )
        == []
    )


def test_the_reporting_verb_is_not_what_a_date_dates() -> None:
    # Only the words right beside the date count: "reopened" and "found", not "said".
    assert (
        _found(
            "Crews said the bridge reopened on Friday.",
            "Crews said the leak was found on Thursday.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (
            "On Tuesday, the ferry caught fire near the pier.",
            "On Monday, the ferry caught fire near the pier.",
            ("Tuesday", "Monday"),
        ),
        (
            "The ministers met on 18 August in Brussels.",
            "The ministers met on 19 August in Brussels.",
            ("18 August", "19 August"),
        ),
    ],
)
def test_dates_of_one_event_still_conflict(a: str, b: str, words: tuple[str, str]) -> None:
    assert _found(a, b) == [("date", *words)]


def test_a_number_conflict_keeps_without_the_date_of_another_event() -> None:
    assert _found(
        "Twelve people were treated and all were released by Wednesday morning.",
        "Twenty-one people were treated after a fire broke out on Tuesday evening.",
    ) == [("number", "Twelve people", "Twenty-one people")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The ferry was inspected in March and passed all safety checks.",
            "The ferry may not have been inspected since 2023.",
        ),
        (
            "The lift was serviced in June, the council said.",
            "The lift has not been serviced since 2021, residents said.",
        ),
    ],
)
def test_a_denied_predicate_conflicts_though_the_dates_differ(a: str, b: str) -> None:
    # The dates (a month against a year) are not comparable; the shared predicate is denied.
    found = _found(a, b)
    assert [cause for cause, *_ in found] == ["negation"]
    assert _found(b, a) == [(cause, y, x) for cause, x, y in found]

"""Word-level diffs: punctuation is its own token, and opcodes rebuild both sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.diff import changed_spans, is_identical, tokenize, word_changes


def test_punctuation_is_a_token_of_its_own() -> None:
    assert tokenize("He flew to Brussels.") == ["He", "flew", "to", "Brussels", "."]
    assert tokenize("about $90 billion, or 90,000 drones") == [
        "about", "$", "90", "billion", ",", "or", "90,000", "drones",
    ]  # fmt: skip


def test_a_full_stop_is_not_a_word_change() -> None:
    changes = word_changes("He flew to Brussels.", "He flew to Brussels")
    assert [op[0] for op in changes] == ["equal", "delete"]


def test_changed_spans_cover_whole_words() -> None:
    a = "Zelensky said the guarantees would be formalised within ten days."
    b = "Zelensky said the assurances would be formalised within a week."
    changes = word_changes(a, b)
    assert [a[s:e] for s, e in changed_spans(a, changes, "a")] == ["guarantees", "ten days"]
    assert [b[s:e] for s, e in changed_spans(b, changes, "b")] == ["assurances", "a week"]


def test_identical_ignores_case_but_not_words() -> None:
    assert is_identical(
        "After the summit, Trump phoned Putin.", "after the summit, trump phoned putin."
    )
    assert not is_identical("Trump phoned Putin.", "Trump called Putin.")


@given(st.text(max_size=80), st.text(max_size=80))
def test_opcodes_reproduce_both_sentences(a: str, b: str) -> None:
    ta, tb = tokenize(a), tokenize(b)
    rebuilt_a: list[str] = []
    rebuilt_b: list[str] = []
    position_a = position_b = 0
    for tag, i1, i2, j1, j2 in word_changes(a, b):
        assert (i1, j1) == (position_a, position_b)
        rebuilt_a += ta[i1:i2]
        rebuilt_b += tb[j1:j2]
        if tag == "equal":
            assert ta[i1:i2] == tb[j1:j2]
        position_a, position_b = i2, j2
    assert rebuilt_a == ta and rebuilt_b == tb

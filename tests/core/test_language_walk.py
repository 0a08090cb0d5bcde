"""The NumPy walk of py3langid's automaton finds exactly what py3langid's own walk finds
(language_walk.py), on any text, and its check catches a walk that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from py3langid.langid import visit_counts

from desktop.core import language_model
from desktop.core.cache import CACHE_ENV
from desktop.core.language_walk import (
    CHECK_TEXT,
    WalkingIdentifier,
    counts,
    features,
    walks_alike,
)

# Letters of several scripts, digits, punctuation and spaces: texts that visit deep states.
_ALPHABET = st.sampled_from(
    list("the bridge reopens, Saturday! ") + list("мост откроется ") + list("die Brücke ")
    + list("大桥将于星期六不是一个") + list("することがあるした。") + list("الجسر يفتح")
    + list("0123.;'«»…\"")
)  # fmt: skip


@pytest.fixture(scope="module")
def identifier(tmp_path_factory: pytest.TempPathFactory) -> WalkingIdentifier:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(tmp_path_factory.mktemp("cache")))
        language_model.load_identifier()  # unpacks, measures the depth, checks the walk
        mapped = language_model.load_identifier()
    assert isinstance(mapped, WalkingIdentifier)
    return mapped


def _own(identifier: WalkingIdentifier, data: bytes) -> dict[int, int]:
    found = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data)
    return dict(found) if found else {}


@given(st.lists(_ALPHABET, max_size=300).map("".join))
def test_the_walk_finds_py3langids_features_in_its_order(identifier, text):
    data = identifier._encode(text)
    mine, own = counts(features(*identifier._walk, data)), _own(identifier, data)
    assert mine == own and list(mine) == list(own)


def test_a_real_article_scores_exactly_as_py3langid_scores_it(identifier):
    paths = sorted((Path(__file__).parents[2] / "samples").glob("*/*.md"))
    assert len(paths) >= 4
    for path in paths:
        sample = path.read_text(encoding="utf-8")[:5000]
        data = identifier._encode(sample)
        own = identifier._sparse_score(_own(identifier, data), identifier.nb_ptc)
        assert (identifier._raw_score(data) == own).all()


def test_the_deepest_node_is_the_longest_feature(identifier):
    # py3langid's model: byte n-grams of up to six bytes (one CJK character and a half)
    assert identifier._walk[3] == 6


def test_a_walk_too_shallow_for_the_automaton_fails_the_check(identifier):
    nextmove, rowbase, output, depth = identifier._walk
    assert walks_alike(identifier, (nextmove, rowbase, output, depth))
    assert not walks_alike(identifier, (nextmove, rowbase, output, depth - 1))
    assert len(CHECK_TEXT.encode()) > 100


def test_texts_shorter_than_the_depth_and_empty_ones(identifier):
    for text in ("", "a", "ab", "大"):
        data = identifier._encode(text)
        assert counts(features(*identifier._walk, data)) == _own(identifier, data)

"""The scoring package: registry, scorers scoring blocks and candidate pairs alike, the sentence
model and its caches, falling back to content, and explaining one pair."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from desktop.core import scoring
from desktop.core.align import align
from desktop.core.cache import CACHE_ENV
from desktop.core.comparison import CONFLICTING, Comparison, SentenceRef
from desktop.core.errors import Cancelled
from desktop.core.options import AlignOptions
from desktop.core.scoring import minilm, vectors
from desktop.core.text import sorted_words
from tests.core.test_align import BOILERPLATE, FILLER_A, FILLER_B, _pair
from tests.helpers import make_article

# These tests watch the model embed (or not): the cache is their own, never the session's.
pytestmark = pytest.mark.own_embedding_cache

ROOT = Path(__file__).resolve().parents[2]

A = [
    "Trump pledged that the United States would help guarantee Ukraine's security.",
    "He said so.",
    "Kremlin aide Yury Ushakov called the phone call candid and constructive.",
    *FILLER_A,
]
B = [
    *FILLER_B,
    "Ushakov, an aide to Putin, described the conversation as candid and constructive.",
    "The United States will help guarantee the security of Ukraine, Trump said.",
    "He said so on Monday.",
]
EMBEDDED = 8
"""Distinct sentences of A and B with a content word: what the model embeds."""


@pytest.fixture
def articles() -> list:  # type: ignore[type-arg]
    return [make_article("a1", A), make_article("a2", B)]


def test_registry_lists_every_scorer_with_description_and_threshold() -> None:
    assert scoring.names() == ["hybrid", "semantic", "content", "token_sort", "token_set"]
    for name, scorer in scoring.scorers().items():
        assert scorer.name == name
        assert scorer.description
        assert 0 < scorer.default_threshold < 100
        assert AlignOptions(scorer=name).threshold == scorer.default_threshold
    assert AlignOptions().scorer == scoring.DEFAULT
    with pytest.raises(ValueError, match="choose one of: hybrid, semantic"):
        AlignOptions(scorer="nope")


def test_the_cli_lists_the_registry() -> None:
    from desktop.cli import _compare_parser

    action = next(a for a in _compare_parser()._actions if a.dest == "scorer")
    assert list(action.choices or []) == scoring.names()
    assert action.default == scoring.DEFAULT


def test_importing_the_registry_loads_no_model() -> None:
    code = (
        "import sys; from desktop.core import scoring, align; scoring.scorers(); "
        "print(sorted(m for m in ('onnxruntime', 'tokenizers') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", ["content", "token_sort", "token_set", "semantic", "hybrid"])
def test_candidate_pairs_score_as_the_dense_block(name: str, articles: list) -> None:  # type: ignore[type-arg]
    prepared = scoring.get(name).prepare(articles)
    block = prepared.block(0, 1)
    rows, cols = np.nonzero(np.ones_like(block, dtype=bool))
    assert prepared.pairs(0, 1, rows, cols) == pytest.approx(block[rows, cols], abs=1e-4)
    for r, c in zip(rows, cols, strict=True):
        assert prepared.one(0, r, 1, c) == pytest.approx(block[r, c], abs=1e-4)
    # Datelines and sentences without a content word score 0 against everything.
    assert not block[1].any() and not block[:, 4].any()


def test_lexical_scores_are_the_rapidfuzz_formulas(articles: list) -> None:  # type: ignore[type-arg]
    sort = scoring.get("token_sort").prepare(articles).block(0, 1)
    tset = scoring.get("token_set").prepare(articles).block(0, 1)
    assert sort[0, 3] == pytest.approx(fuzz.ratio(sorted_words(A[0]), sorted_words(B[3])))
    assert tset[0, 3] == pytest.approx(fuzz.token_set_ratio(A[0], B[3], processor=default_process))
    prepared = scoring.get("content").prepare(articles)
    parts = prepared.parts(0, 0, 1, 3)
    assert prepared.one(0, 0, 1, 3) == pytest.approx(0.5 * parts["ratio"] + 0.5 * parts["overlap"])


def test_hybrid_blends_content_and_cosine(articles: list) -> None:  # type: ignore[type-arg]
    from desktop.core.scoring.hybrid import CONTENT_WEIGHT

    hybrid = scoring.get("hybrid").prepare(articles)
    words = scoring.get("content").prepare(articles).block(0, 1)
    cos = scoring.get("semantic").prepare(articles).block(0, 1)
    assert hybrid.block(0, 1) == pytest.approx(CONTENT_WEIGHT * words + (1 - CONTENT_WEIGHT) * cos)
    # A cutoff may drop what cannot reach it, never what can.
    cut = hybrid.block(0, 1, cutoff=60)
    full = hybrid.block(0, 1)
    assert cut[full >= 60] == pytest.approx(full[full >= 60])


def test_semantic_scorers_link_paraphrases_and_keep_explicit_checks() -> None:
    for name in ("hybrid", "semantic"):
        options = AlignOptions(scorer=name)
        comparison = _pair(A[2], B[2], options)
        assert comparison.counterpart(SentenceRef("a1", 1), "a2") == SentenceRef("a2", 2)
        # Negation is an explicit check, never left to the score.
        [link] = _pair(
            "The United States has no red line on troops.",
            "The United States has a red line on troops.",
            options,
        ).links
        assert link.relation == CONFLICTING


@pytest.mark.parametrize(("a", "b"), BOILERPLATE)
def test_hybrid_keeps_look_alikes_apart(a: str, b: str) -> None:
    assert _pair(a, b, AlignOptions(scorer="hybrid")).links == ()


def test_embeddings_are_cached_in_memory_and_on_disk(
    articles: list,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    calls: list[int] = []
    encode = minilm.MODEL.encode

    def counting(texts):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return encode(texts)

    monkeypatch.setattr(minilm.MODEL, "encode", counting)
    vectors.MEMORY.clear()
    first = align(articles, AlignOptions(scorer="hybrid"))
    assert sum(calls) == EMBEDDED
    cache = tmp_path / "cache" / "parallax" / "embeddings.sqlite3"  # XDG_CACHE_HOME (conftest)
    assert cache.is_file()
    # A threshold change re-aligns without embedding again.
    looser = align(articles, AlignOptions(scorer="hybrid", threshold=40))
    assert sum(calls) == EMBEDDED
    assert len(looser.links) >= len(first.links)
    # A new process (memory empty) reads the disk cache: still nothing embedded.
    vectors.MEMORY.clear()
    again = align(articles, AlignOptions(scorer="hybrid"))
    assert sum(calls) == EMBEDDED
    assert [x.score for x in again.links] == [x.score for x in first.links]


def test_an_unwritable_cache_folder_only_costs_the_disk_cache(
    articles: list,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "parallax"))
    vectors.MEMORY.clear()
    comparison = align(articles, AlignOptions(scorer="hybrid"))
    assert comparison.scoring.scorer == "hybrid" and comparison.links


def test_embedding_reports_progress_and_can_be_cancelled(articles: list) -> None:  # type: ignore[type-arg]
    vectors.MEMORY.clear()
    seen: list[str] = []
    align(articles, AlignOptions(scorer="semantic"), progress=lambda f, m: seen.append(m))
    assert "Embedding sentences" in seen
    vectors.MEMORY.clear()
    with pytest.raises(Cancelled):
        vectors.embed(["One sentence here."], minilm.MODEL, minilm.DIM, cancelled=lambda: True)


def _fallback_is_reported(comparison: Comparison, why: str) -> None:
    assert comparison.options.scorer == "hybrid"
    assert comparison.scoring.scorer == "content"
    assert why in comparison.scoring.fallback
    options = json.loads(comparison.to_json())["options"]
    assert options["scorer"] == "hybrid" and options["scored_with"] == "content"
    assert why in options["fallback"]
    # The user's strictness carries over: as far above content's default as above hybrid's.
    shift = comparison.options.threshold - scoring.default_threshold("hybrid")
    assert options["fallback_threshold"] == scoring.default_threshold("content") + shift
    assert Comparison.from_json(comparison.to_json()).scoring == comparison.scoring


def test_a_model_that_cannot_load_falls_back_to_content(
    articles: list,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vectors.MEMORY.clear()
    monkeypatch.setattr(minilm.MODEL, "_session", None)
    monkeypatch.setattr(minilm.MODEL, "_error", "the sentence model file x.onnx is missing")
    comparison = align(articles, AlignOptions(scorer="hybrid", threshold=70))
    _fallback_is_reported(comparison, "x.onnx is missing")
    assert comparison.links  # the pipeline keeps working
    assert comparison.links == align(articles, AlignOptions(scorer="content", threshold=55)).links


def test_the_model_not_installed_is_a_clear_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_onnxruntime(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == "onnxruntime":
            raise ImportError("No module named 'onnxruntime'", name="onnxruntime")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    with pytest.raises(scoring.ScorerUnavailable, match=r"not installed \(onnxruntime\)"):
        minilm._load()


def test_too_many_sentences_fall_back_to_content(articles: list) -> None:  # type: ignore[type-arg]
    comparison = align(articles, AlignOptions(scorer="hybrid", embed_limit=EMBEDDED - 1))
    _fallback_is_reported(comparison, f"{EMBEDDED} sentences are more than the sentence model")
    options = AlignOptions(scorer="hybrid", embed_limit=EMBEDDED)
    assert align(articles, options).scoring.scorer == "hybrid"


def test_languages_the_model_cannot_read_fall_back_to_content(articles: list) -> None:  # type: ignore[type-arg]
    russian = [dataclasses.replace(a, language="ru") for a in articles]
    comparison = align(russian, AlignOptions(scorer="hybrid"))
    _fallback_is_reported(comparison, "reads en only, and some articles are in ru")


def test_explain_pair_says_why(articles: list) -> None:  # type: ignore[type-arg]
    comparison = align(articles, AlignOptions(scorer="hybrid"))
    x, y = SentenceRef("a1", 2), SentenceRef("a2", 2)
    linked = scoring.explain_pair(comparison, x, y)
    assert linked.verdict == "linked"
    assert linked.score == comparison.link_between(x, y).score  # type: ignore[union-attr]
    assert set(linked.parts) == {"content", "cosine", "content_weight"}
    assert "ushakov" in linked.shared_words
    assert scoring.explain_pair(comparison, SentenceRef("a1", 1), y).verdict == "no content words"
    far = scoring.explain_pair(comparison, SentenceRef("a1", 3), SentenceRef("a2", 0))
    assert far.verdict == "below threshold" and far.score < far.threshold
    # The sentence linked elsewhere: its rival is named with its score.
    rival = scoring.explain_pair(comparison, x, SentenceRef("a2", 3))
    assert rival.verdict in ("outscored", "below threshold", "related")
    assert (y, linked.score) in rival.rivals


def test_the_model_writes_nothing_outside_our_folders(tmp_path: Path) -> None:
    """A whole `compare` with the sentence model, HOME in a fresh folder: only our cache."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", CACHE_ENV)}
    env["HOME"] = str(home)
    files = [str(p) for p in sorted((ROOT / "samples" / "riverside-bridge").glob("*.md"))]
    subprocess.run(
        [sys.executable, "-m", "desktop", "compare", *files, "--scorer", "hybrid", "-q"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    # Only our cache: the embeddings and the language model unpacked once (language_model.py).
    assert ".cache/parallax/embeddings.sqlite3" in written
    assert all(path.startswith(".cache/parallax/") for path in written), written


def test_compare_says_which_scorer_ran_and_why_not_the_one_asked_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from desktop.cli import main

    files = [str(p) for p in sorted((ROOT / "samples" / "riverside-bridge").glob("*.md"))]
    out = tmp_path / "out.json"
    assert main(["compare", *files, "--embed-limit", "3", "--json", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "scored with content at threshold 50" in summary
    assert "note: hybrid was asked for. Scored with content: " in summary
    assert "more than the sentence model embeds in a few seconds (limit 3)" in summary
    options = json.loads(out.read_text(encoding="utf-8"))["options"]
    assert options["embed_limit"] == 3 and options["scored_with"] == "content"
    assert main(["compare", *files]) == 0
    assert "scored with hybrid at threshold 60 (all-MiniLM-L6-v2" in capsys.readouterr().out

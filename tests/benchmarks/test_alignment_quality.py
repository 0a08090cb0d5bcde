"""Alignment quality of every scorer, side by side in one run, against `content`.

Run with `make bench`, or `pytest tests/benchmarks -m benchmark -s -k quality`; skipped without
../shared/corpora. Data and fast scoring: quality_data.py. Printed:

1. Every scorer at its default: STS-B news 40-pair articles (threshold tuned on train, P/R/F1
   on dev at it, F1 at the default, AUC on dev), links per pair of unrelated ECB+ reports (all
   false) and of same-event ones, the security-guarantees labels (recall of `same` pairs,
   precision of links, related pairs and how many are right, the troops contrast) and the held
   out labels (riverside-bridge, ECB+ same-event pairs). `content` with the hand-written
   stemmer it replaced is the "before" row of that change.
2. The hybrid's default threshold: content against the hybrid at 60, 63, 65 and 67 on every set
   (the targets of issue 14 marked), through `align()` itself.
3. Calibrations explored: the blend weight and a length pivot, each at the point a grid
   search picks on the tuning sets (STS train and the security labels: the mean of their F1),
   reported on STS dev and the held-out labels next to the default ("before").
4. The related rule: pairs near the threshold only ("before") against that plus mutual-best
   pairs whose closest clauses say the same: how many are added and how many are right.
5. The sentence model's speed and the embedding limit it gives (`options.EMBED_LIMIT`).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterator
from itertools import product
from pathlib import Path

import numpy as np
import pytest

from desktop.core import scoring
from desktop.core import text as text_module
from desktop.core.align import align
from desktop.core.article import Article
from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.options import EMBED_LIMIT, AlignOptions
from desktop.core.scoring import hybrid, vectors
from desktop.core.scoring.minilm import MODEL
from tests.benchmarks import quality_data as data
from tests.benchmarks.quality_data import Chunk, LabelledSet, ScoredSet, Transform
from tests.benchmarks.test_scorer_thresholds import _pairs
from tests.helpers import make_article

pytestmark = pytest.mark.benchmark

GRID = np.arange(30.0, 95.0, 0.5)
WEIGHTS = (0.1, 0.2, 0.3, 0.4, 0.5)
CANDIDATES = (60.0, 63.0, 65.0, 67.0)
EMBED_SECONDS = 2.2
"""What a cold 20 × 100 `compare` (under 4 s, issue 14) leaves for embedding (options.py)."""
TARGETS = "dev F1 ≥ 0.95, ≤ 0.05 false links, samples R ≥ 0.85 with P ≥ 0.90"


# -- STS-B figures of a scorer --------------------------------------------------------------------


def _blocks(name: str, chunks: list[Chunk]) -> list[np.ndarray]:
    """The scorer's full score matrix of each article pair."""
    out = []
    for a, b, _ in chunks:
        prepared = scoring.get(name).prepare([make_article("a1", a), make_article("a2", b)])
        out.append(prepared.block(0, 1))
    return out


def _counts(mats: list[np.ndarray], chunks: list[Chunk], t: float) -> tuple[int, int, int]:
    tp = fp = pos = 0
    for m, (_, _, truth) in zip(mats, chunks, strict=True):
        pos += sum(truth.values())
        for i, j in data.links_of(m, t):
            if truth.get((i, j), False):
                tp += 1
            else:
                fp += 1
    return tp, fp, pos


def _prf(tp: int, fp: int, pos: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / pos if pos else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _best(mats: list[np.ndarray], chunks: list[Chunk]) -> tuple[float, float]:
    """(threshold, F1) maximising F1; ties go to the lower threshold."""
    scores = [(_prf(*_counts(mats, chunks, t))[2], -t) for t in GRID]
    f1, t = max(scores)
    return -t, f1


def _auc(mats: list[np.ndarray], chunks: list[Chunk]) -> float:
    from scipy.stats import rankdata

    pos, neg = [], []
    for m, (_, _, truth) in zip(mats, chunks, strict=True):
        for (i, j), same in truth.items():
            (pos if same else neg).append(m[i, j])
    ranks = rankdata(np.array(pos + neg))
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


# -- labelled-set figures of a comparison ---------------------------------------------------------


def _troops(c: Comparison) -> set[frozenset[SentenceRef]]:
    by_file = {Path(a.source).name: a for a in c.articles}
    politico, post = by_file.get("1-politico.md"), by_file.get("2-washington-post.md")
    if politico is None or post is None:
        return set()
    return {
        frozenset((SentenceRef(politico.id, s.index), SentenceRef(post.id, t.index)))
        for s in politico.sentences
        if 'no fixed "red line" on sending' in s.text
        for t in post.sentences
        if "No concrete discussions about" in t.text
    }


def _figures(labelled: LabelledSet, options: AlignOptions) -> dict[str, float]:
    """Links and related pairs of `align()` on every comparison of the set, against its labels."""
    same = linked_same = links = right = related = related_right = with_related = troops = 0
    for articles, labels in labelled.groups:
        c = align(articles, options)
        found = {frozenset((x.a, x.b)) for x in c.links}
        near = {frozenset((x.a, x.b)) for x in c.related}
        wanted = {k for k, v in labels.items() if v == "same"}
        same += len(wanted)
        linked_same += len(found & wanted)
        links += len(found)
        right += sum(1 for x in found if x in labels)
        related += len(near)
        related_right += sum(1 for x in near if x in labels)
        with_related += len((found | near) & wanted)
        contrast = _troops(c)
        troops = max(troops, 2 if contrast & found else 1 if contrast & near else 0)
    return {
        "same": same,
        "linked same": linked_same,
        "right": right,
        "links": links,
        "recall": linked_same / max(1, same),
        "precision": right / max(1, links),
        "related": related,
        "related ok": related_right,
        "related right": related_right / max(1, related),
        "recall with related": with_related / max(1, same),
        "troops": troops,
    }


def _pooled(sets: list[LabelledSet], options: AlignOptions) -> dict[str, float]:
    """Recall and precision over several labelled sets together (pairs pooled, not averaged)."""
    total = {k: 0.0 for k in ("same", "linked same", "links", "right", "related", "related ok")}
    for s in sets:
        f = _figures(s, options)
        for k in total:
            total[k] += f[k]
    return {
        **total,
        "recall": total["linked same"] / max(1, total["same"]),
        "precision": total["right"] / max(1, total["links"]),
    }


def _mark(good: bool) -> str:
    """ "+" after a figure that meets its target."""
    return "+" if good else " "


TROOPS = ("not paired", "related", "linked")


# -- the run --------------------------------------------------------------------------------------


def _hand_stem(word: str) -> str:
    """The hand-written English stemmer that PyStemmer replaced (the "before" row)."""
    numbers = text_module._NUMBER_WORDS
    if word in numbers:
        return numbers[word]
    if len(word) <= 4 or word.isdigit():
        return word
    suffixes = r"(?:ies|ied|es|s|ing|ed|ly|ment|ation|ised|ized|ise|ize|ians|ian|ia|e)$"
    stemmed = re.sub(suffixes, "", word)
    return stemmed if len(stemmed) >= 3 else word


def _with_hand_stemmer(fn: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(text_module.lexicon("en"), "stem", _hand_stem)
        m.setattr(text_module.lexicon("en"), "_cache", {})
        return fn()


@pytest.mark.skipif(
    not (data.STS.is_dir() and data.ECBPLUS.is_dir()), reason="needs ../shared/corpora"
)
def test_alignment_quality(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started = time.perf_counter()
    train, dev = data.chunks(data.sts("train")), data.chunks(data.sts("dev"))
    tuning = data.security()
    held = data.held_out()
    same_event, unrelated = (data.unrelated_pairs(p) for p in _pairs())

    def false_links(options: AlignOptions) -> tuple[float, float]:
        counts = [
            sum(len(align(pair, options).links) for pair in pairs) / len(pairs)
            for pairs in (same_event, unrelated)
        ]
        return counts[0], counts[1]

    # 1. Every scorer at its default. ------------------------------------------------------
    rows: dict[str, dict[str, float]] = {}

    def measure(label: str, name: str, train_m: list[np.ndarray], dev_m: list[np.ndarray]) -> None:
        t, train_f1 = _best(train_m, train)
        default = scoring.default_threshold(name)
        options = AlignOptions(scorer=name)
        row = dict(zip(("P", "R", "F1"), _prf(*_counts(dev_m, dev, t)), strict=True))
        row.update({"t train": t, "F1 train": train_f1, "AUC": _auc(dev_m, dev)})
        row["default"] = default
        row["F1 at default"] = _prf(*_counts(dev_m, dev, default))[2]
        row["same-event links"], row["false links"] = false_links(options)
        row.update(_figures(tuning, options))
        pooled = _pooled(held, options)
        row["held R"], row["held P"] = pooled["recall"], pooled["precision"]
        rows[label] = row

    before = "content, hand stemmer (before)"
    _with_hand_stemmer(
        lambda: measure(before, "content", _blocks("content", train), _blocks("content", dev)),
        monkeypatch,
    )
    mats: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
    for name in scoring.names():
        mats[name] = (_blocks(name, train), _blocks(name, dev))
        measure(name, name, *mats[name])

    print("\nhybrid content weight on train (threshold tuned per weight):")
    words, cos = mats["content"], mats["semantic"]
    for w in WEIGHTS:
        mixed = [w * x + (1 - w) * y for x, y in zip(words[0], cos[0], strict=True)]
        t, f1 = _best(mixed, train)
        mark = "  <- hybrid.CONTENT_WEIGHT" if w == hybrid.CONTENT_WEIGHT else ""
        print(f"  weight {w:.1f}: threshold {t:g}, train F1 {f1:.3f}{mark}")

    held_names = " + ".join(f"{s.name} ({s.same} same, {s.part} part)" for s in held)
    print(f"\n1. every scorer at its default ({time.perf_counter() - started:.0f} s so far)")
    print(
        f"STS-B news 40-pair articles (train tunes t*, dev reports) | ECB+ links per pair "
        f"({len(unrelated)} unrelated, {len(same_event)} same-event) | security labels "
        f"({tuning.same} same, {tuning.part} part) | held out: {held_names}"
    )
    print(
        f"{'scorer':<31}{'t*':>5}{'P':>6}{'R':>6}{'F1':>6}{'AUC':>6}{'def':>5}{'F1@d':>6}"
        f"{'false':>7}{'same':>6}{'links':>6}{'R':>6}{'P':>6}{'rel':>5}{'rel ok':>7}"
        f"{'R+rel':>6}{'heldR':>6}{'heldP':>6}  troops"
    )
    base = rows["content"]
    for label, r in rows.items():
        print(
            f"{label:<31}{r['t train']:>5g}{r['P']:>6.3f}{r['R']:>6.3f}{r['F1']:>6.3f}"
            f"{r['AUC']:>6.3f}{r['default']:>5g}{r['F1 at default']:>6.3f}"
            f"{r['false links']:>7.3f}{r['same-event links']:>6.1f}{r['links']:>6.0f}"
            f"{r['recall']:>6.3f}{r['precision']:>6.3f}{r['related']:>5.0f}"
            f"{r['related right']:>7.3f}{r['recall with related']:>6.3f}"
            f"{r['held R']:>6.3f}{r['held P']:>6.3f}  {TROOPS[int(r['troops'])]}"
        )
    for label, r in rows.items():
        if label != "content":
            print(
                f"  {label} vs content: dev F1 {r['F1'] - base['F1']:+.3f}, security recall "
                f"{r['recall'] - base['recall']:+.3f}, precision "
                f"{r['precision'] - base['precision']:+.3f}; held-out recall "
                f"{r['held R'] - base['held R']:+.3f}, "
                f"precision {r['held P'] - base['held P']:+.3f}"
            )

    # 2. The hybrid's default threshold, side by side with content. -------------------------
    print(f"\n2. default threshold: content vs hybrid at {', '.join(f'{t:g}' for t in CANDIDATES)}")
    print(f"   targets ({TARGETS}) met: +")
    w = hybrid.CONTENT_WEIGHT
    mixed = tuple(
        [w * x + (1 - w) * y for x, y in zip(words[k], cos[k], strict=True)] for k in (0, 1)
    )
    print(
        f"{'scorer':<9}{'t':>4}{'train':>7}{'dev F1':>7}{'false':>7} | {'security R':>10}{'P':>6}"
        + "".join(f" | {s.name[:13]:>13} R{'P':>6}" for s in held)
        + f" | {'held out R':>10}{'P':>6}"
    )
    points = [("content", scoring.default_threshold("content"))]
    points += [("hybrid", t) for t in CANDIDATES]
    for name, t in points:
        options = AlignOptions(scorer=name, threshold=t)
        train_m, dev_m = mats[name] if name == "content" else mixed
        train_f1 = _prf(*_counts(train_m, train, t))[2]
        dev_f1 = _prf(*_counts(dev_m, dev, t))[2]
        false = false_links(options)[1]
        sec = _figures(tuning, options)
        pooled = _pooled(held, options)
        line = (
            f"{name:<9}{t:>4g}{train_f1:>7.3f}{dev_f1:>6.3f}{_mark(dev_f1 >= 0.95)}"
            f"{false:>6.3f}{_mark(false <= 0.05)} | {sec['recall']:>10.3f}{sec['precision']:>6.3f}"
            f"{_mark(sec['recall'] >= 0.85 and sec['precision'] >= 0.9)}"
        )
        for s in held:
            f = _figures(s, options)
            line += f"| {f['recall']:>14.3f}{f['precision']:>6.3f} "
        line += (
            f"| {pooled['recall']:>10.3f}{pooled['precision']:>6.3f}"
            f"{_mark(pooled['recall'] >= 0.85 and pooled['precision'] >= 0.9)}"
        )
        print(line)

    # 3. Calibrations explored on the tuning sets, reported on dev and held out. --------------
    explored = _explore(train, dev, tuning, held, unrelated)
    for line in explored:
        print(line)

    # 4. The related rule, before and after. ------------------------------------------------
    print("\n4. related pairs at the default (right = labelled same or part), before and after:")
    print(f"{'rule':<40}{'security':>14}" + "".join(f"{s.name[:14]:>16}" for s in held)
          + f"{'unrelated/pair':>16}  troops")  # fmt: skip
    related_rows = {}
    rules = (
        ("near the threshold only (before)", 0.0),
        ("+ mutual best sharing a clause", hybrid.HybridScorer.partial_margin),
    )
    for label, margin in rules:
        with monkeypatch.context() as m:
            m.setattr(hybrid.HybridScorer, "partial_margin", margin)
            options = AlignOptions()
            sec = _figures(tuning, options)
            each = [_figures(s, options) for s in held]
            noise = sum(len(align(pair, options).related) for pair in unrelated) / len(unrelated)
        related_rows[label] = (sec, each)
        cells = "".join(f"{int(f['related ok']):>9}/{int(f['related']):<6}" for f in each)
        print(
            f"{label:<40}{int(sec['related ok']):>8}/{int(sec['related']):<5}{cells}"
            f"{noise:>13.2f}   {TROOPS[int(sec['troops'])]}"
        )
    (sec0, held0), (sec1, held1) = related_rows.values()
    added = int(sec1["related"] - sec0["related"]), int(sec1["related ok"] - sec0["related ok"])
    added_held = (
        sum(int(b["related"] - a["related"]) for a, b in zip(held0, held1, strict=True)),
        sum(int(b["related ok"] - a["related ok"]) for a, b in zip(held0, held1, strict=True)),
    )
    print(
        f"  added: security {added[0]} ({added[1]} right), held out {added_held[0]} "
        f"({added_held[1]} right); links unchanged (related pairs never change a link)"
    )

    # 5. The sentence model's speed, and the embedding limit it gives. -----------------------
    from tests.benchmarks.synthetic import corpus_sentences

    vectors.MEMORY.clear()
    texts = random.Random(7).sample(sorted(set(corpus_sentences())), 1000)
    load_started = time.perf_counter()
    MODEL.load()
    load = time.perf_counter() - load_started
    embedded = time.perf_counter()
    vectors.embed(texts, MODEL, 384, disk=vectors.DiskCache(tmp_path / "fresh"))
    rate = len(texts) / (time.perf_counter() - embedded)
    vectors.MEMORY.clear()
    print(
        f"\n5. {MODEL.label}: loaded in {load:.2f} s (already loaded above: the first load is "
        f"in the run), {rate:.0f} ECB+ sentences/s on this machine now; {EMBED_SECONDS:g} s "
        f"embed {rate * EMBED_SECONDS:.0f} sentences (options.EMBED_LIMIT = {EMBED_LIMIT})"
    )

    default = rows[scoring.DEFAULT]
    print(
        f"default ({scoring.DEFAULT} at {default['default']:g}): the troops contrast of "
        f"Politico and the Post is {TROOPS[int(default['troops'])]}; "
        f"run {time.perf_counter() - started:.0f} s"
    )
    # The default measures better than content on every set, at the thresholds users get.
    assert default["F1 at default"] > base["F1 at default"]
    assert default["AUC"] > base["AUC"]
    assert default["recall"] > base["recall"]
    assert default["held R"] > base["held R"]
    # content links no unrelated pair here; the target is at most 0.05 per pair (the hybrid's
    # 0.017 is 2 links in 120 pairs).
    assert default["false links"] <= 0.05
    # Issue 14's sample targets, on the tuning labels and on the held-out ones.
    assert default["recall"] >= 0.85 and default["precision"] >= 0.90
    assert default["held R"] >= 0.85 and default["held P"] >= 0.90
    assert default["troops"] >= 1
    # The clause rule adds related pairs, more of them right than wrong on the labels.
    assert added[1] + added_held[1] > 0


def _explore(
    train: list[Chunk],
    dev: list[Chunk],
    tuning: LabelledSet,
    held: list[LabelledSet],
    unrelated: list[list[Article]],
) -> Iterator[str]:
    """Section 3: each family's best point by the tuning objective, beside the default."""
    started = time.perf_counter()
    train_b, dev_b = data.sts_blocks(train), data.sts_blocks(dev)
    tune_s = ScoredSet.of(tuning)
    held_s = [ScoredSet.of(s) for s in held]
    noise = [next(iter(data.blocks(pair).values())) for pair in unrelated]

    def sec_f1(f: Transform, t: float) -> tuple[float, float, float]:
        found, links, right = tune_s.counts(f, t)
        r, p = found / tune_s.same, right / max(1, links)
        return r, p, 2 * p * r / (p + r) if p + r else 0.0

    def objective(f: Transform, t: float) -> float:
        return (data.sts_f1(train_b, f, t) + sec_f1(f, t)[2]) / 2

    families: dict[str, list[tuple[str, Transform]]] = {
        "blend weight": [(f"w {w:g}", data.blend(w)) for w in (0.1, 0.2, 0.3)],
        "length pivot": [
            (f"w {w:g} +{b:g} from {lo:g} to {hi:g} content words", data.length_pivot(w, b, lo, hi))
            for w, b, (lo, hi) in product((0.2,), (4, 8, 12), ((4, 8), (4, 10), (4, 12), (6, 12)))
        ],
    }
    default = (f"default: w {hybrid.CONTENT_WEIGHT:g}", data.blend(hybrid.CONTENT_WEIGHT),
               hybrid.HybridScorer.default_threshold)  # fmt: skip
    points = [default]
    for family, options in families.items():
        scored = [
            (objective(f, t), label, f, t) for label, f in options for t in np.arange(55.0, 78.0)
        ]
        _, label, f, t = max(scored, key=lambda x: (x[0], -x[3]))
        points.append((f"{family}: {label}", f, float(t)))
    yield (
        "\n3. calibrations explored: each family's best point by (STS train F1 + security F1) / 2,"
        " reported on STS dev and held out"
    )
    yield (
        f"{'point':<46}{'t':>4}{'train':>7}{'sec R':>7}{'P':>6}{'F1':>6} |{'dev F1':>7}"
        f"{'false':>7}{'held R':>8}{'P':>6}{'F1':>6}"
    )
    for label, f, t in points:
        r, p, f1 = sec_f1(f, t)
        found = links = right = same = 0
        for s in held_s:
            a, b, c = s.counts(f, t)
            found, links, right, same = found + a, links + b, right + c, same + s.same
        hr, hp = found / same, right / max(1, links)
        hf = 2 * hp * hr / (hp + hr) if hp + hr else 0.0
        false = sum(len(data.links_of(f(b), t)) for b in noise) / len(noise)
        yield (
            f"{label:<46}{t:>4g}{data.sts_f1(train_b, f, t):>7.3f}{r:>7.3f}{p:>6.3f}{f1:>6.3f} |"
            f"{data.sts_f1(dev_b, f, t):>7.3f}{false:>7.3f}{hr:>8.3f}{hp:>6.3f}{hf:>6.3f}"
        )
    yield f"   ({time.perf_counter() - started:.0f} s)"

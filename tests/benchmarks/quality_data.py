"""The labelled data the alignment quality benchmark measures on, and fast ways to score it.

- STS-B news (../shared/corpora/sts-news) cut into 40-pair "articles" (train tunes, dev reports).
- Labelled article sets, each a list of comparisons with the sentence pairs that carry the same
  information (`same`) or part of it (`part`), written down by reading the articles:
  the security-guarantees sample set (tests/data/sample-alignment.tsv: tuning), and held out
  (labelled before anything was tuned on them) the riverside-bridge sample set
  (tests/data/riverside-alignment.tsv) and a few ECB+ same-event article pairs
  (tests/data/ecbplus-alignment.tsv, read only when the corpus is present: its sentences are
  named by index and a check of their text, never by the text).
- `Blocks`: the `content` and cosine score matrices (and content-word counts) of every article
  pair of a set, computed once, so that blends, thresholds and calibrations can be compared
  side by side in seconds with the aligner's own one-to-one matching.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.core import align as align_module
from desktop.core import scoring
from desktop.core.article import Article
from desktop.core.comparison import SentenceRef
from desktop.core.loading import load_article
from tests.conftest import CORPORA, MAIN_SET, ROOT, SMALL_SET
from tests.helpers import make_article

STS = CORPORA / "sts-news"
ECBPLUS = CORPORA / "ecbplus"
DATA = ROOT / "tests" / "data"
SIZE = 40

Labels = dict[frozenset[SentenceRef], str]
Chunk = tuple[list[str], list[str], dict[tuple[int, int], bool]]


# -- STS-B news in 40-pair articles ---------------------------------------------------------------


def sts(split: str) -> list[tuple[bool, str, str]]:
    rows = []
    with (STS / f"sts-{split}-news.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            score = float(row[4])
            if score >= 4 or score <= 1.5:
                rows.append((score >= 4, row[5], row[6]))
    return rows


def chunks(rows: list[tuple[bool, str, str]]) -> list[Chunk]:
    rng = random.Random(0)
    out = []
    for k in range(0, len(rows), SIZE):
        part = rows[k : k + SIZE]
        order = list(range(len(part)))
        rng.shuffle(order)
        truth = {(i, j): part[i][0] for j, i in enumerate(order)}
        out.append(([r[1] for r in part], [part[i][2] for i in order], truth))
    return out


# -- labelled article sets ------------------------------------------------------------------------


@dataclass
class LabelledSet:
    """Comparisons (each a list of articles) with their labelled sentence pairs."""

    name: str
    groups: list[tuple[list[Article], Labels]]

    @property
    def same(self) -> int:
        return sum(v == "same" for _, labels in self.groups for v in labels.values())

    @property
    def part(self) -> int:
        return sum(v == "part" for _, labels in self.groups for v in labels.values())


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    return rows[1:]


def sample_set(folder: Path, tsv: Path, name: str) -> LabelledSet:
    """A sample set labelled by file name and a distinctive part of each sentence's text."""
    articles = [load_article(p, f"a{i + 1}") for i, p in enumerate(sorted(folder.glob("*.md")))]
    by_file = {Path(a.source).name: a for a in articles}

    def ref(file: str, part: str) -> SentenceRef:
        hits = [s for s in by_file[file].sentences if part in s.text]
        assert len(hits) == 1, f"{file}: {part!r} names {len(hits)} sentences"
        return SentenceRef(by_file[file].id, hits[0].index)

    labels = {
        frozenset((ref(fa, ta), ref(fb, tb))): relation
        for _fact, relation, fa, ta, fb, tb in _rows(tsv)
    }
    return LabelledSet(name, [(articles, labels)])


def security() -> LabelledSet:
    return sample_set(MAIN_SET, DATA / "sample-alignment.tsv", "security-guarantees")


def riverside() -> LabelledSet:
    return sample_set(SMALL_SET, DATA / "riverside-alignment.tsv", "riverside-bridge")


def check(text: str) -> str:
    """What tests/data/ecbplus-alignment.tsv names a sentence's text by (not the text)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def ecbplus_pairs() -> LabelledSet:
    """The labelled ECB+ article pairs (each a two-article comparison)."""
    groups: dict[tuple[str, str], Labels] = {}
    loaded: dict[str, Article] = {}
    for _fact, relation, fa, ia, ca, fb, ib, cb in _rows(DATA / "ecbplus-alignment.tsv"):
        refs = []
        for file, index, want, article_id in ((fa, ia, ca, "a1"), (fb, ib, cb, "a2")):
            if file not in loaded:
                loaded[file] = load_article(ECBPLUS / file, article_id)
            sentence = loaded[file].sentences[int(index)]
            assert check(sentence.text) == want, f"{file} sentence {index} is not the labelled one"
            refs.append(SentenceRef(article_id, int(index)))
        groups.setdefault((fa, fb), {})[frozenset(refs)] = relation
    return LabelledSet(
        "ECB+ pairs", [([loaded[fa], loaded[fb]], labels) for (fa, fb), labels in groups.items()]
    )


def held_out() -> list[LabelledSet]:
    return [riverside(), ecbplus_pairs()]


def unrelated_pairs(pairs: list[tuple[Path, Path]]) -> list[list[Article]]:
    loaded: dict[Path, Article] = {}

    def article(path: Path, article_id: str) -> Article:
        if path not in loaded:
            loaded[path] = load_article(path, "x")
        return dataclasses.replace(loaded[path], id=article_id)

    return [[article(a, "a1"), article(b, "a2")] for a, b in pairs]


# -- score matrices, computed once ----------------------------------------------------------------


@dataclass
class Block:
    """One article pair's `content` and cosine scores, and each sentence's content words."""

    content: np.ndarray
    cosine: np.ndarray
    words_a: np.ndarray
    words_b: np.ndarray


Transform = Callable[[Block], np.ndarray]
"""A way of scoring pairs from a block (a blend, a calibration)."""


def blocks(articles: list[Article]) -> dict[tuple[int, int], Block]:
    """Every article pair of one comparison (content weights are comparison-wide, as in align)."""
    content = scoring.get("content").prepare(articles)
    semantic = scoring.get("semantic").prepare(articles)
    counts = [np.array([len(t) for t in lex.tokens]) for lex in content.lexical]
    return {
        (i, j): Block(content.block(i, j), semantic.block(i, j), counts[i], counts[j])
        for i in range(len(articles))
        for j in range(i + 1, len(articles))
    }


@dataclass
class ScoredSet:
    """A labelled set with its blocks: evaluates any `Transform` at any threshold."""

    name: str
    groups: list[tuple[dict[tuple[int, int], Block], dict[frozenset[tuple[int, int]], str]]]
    same: int

    @classmethod
    def of(cls, labelled: LabelledSet) -> ScoredSet:
        groups = []
        for articles, labels in labelled.groups:
            index = {a.id: k for k, a in enumerate(articles)}
            keyed = {
                frozenset((index[r.article], r.sentence) for r in pair): v
                for pair, v in labels.items()
            }
            groups.append((blocks(articles), keyed))
        return cls(labelled.name, groups, labelled.same)

    def counts(self, transform: Transform, threshold: float) -> tuple[int, int, int]:
        """(same pairs linked, links, links on a labelled pair)."""
        found = links = right = 0
        for by_pair, labels in self.groups:
            for (i, j), block in by_pair.items():
                for r, c in links_of(transform(block), threshold):
                    key = frozenset(((i, r), (j, c)))
                    links += 1
                    right += key in labels
                    found += labels.get(key) == "same"
        return found, links, right


def links_of(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """The aligner's one-to-one links of a score matrix at `threshold`."""
    r, c = np.nonzero(scores >= threshold)
    return [(i, j) for i, j, _ in align_module._match(r, c, scores[r, c], *scores.shape)]


def sts_blocks(rows: list[Chunk]) -> list[tuple[Block, dict[tuple[int, int], bool]]]:
    out = []
    for a, b, truth in rows:
        [block] = blocks([make_article("a1", a), make_article("a2", b)]).values()
        out.append((block, truth))
    return out


def sts_f1(data: list[tuple[Block, dict[tuple[int, int], bool]]], f: Transform, t: float) -> float:
    tp = fp = pos = 0
    for block, truth in data:
        pos += sum(truth.values())
        for i, j in links_of(f(block), t):
            if truth.get((i, j), False):
                tp += 1
            else:
                fp += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / pos if pos else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def blend(weight: float) -> Transform:
    """content · weight + cosine · (1 − weight): the hybrid scorer's formula."""
    return lambda b: weight * b.content + (1 - weight) * b.cosine


def length_pivot(weight: float, bonus: float, short: float, long: float) -> Transform:
    """The blend plus up to `bonus` points for pairs of long sentences: none when the shorter
    sentence has `short` content words or fewer, all of it from `long` up, linear between.

    Why it might help: STS pairs are headlines (median 6 content words) while article sentences
    carry more (median 10, a tenth over 18), and the sentence model scores long sentences that
    carry the same news, each with details of its own, lower than short ones."""

    def f(b: Block) -> np.ndarray:
        shorter = np.minimum(b.words_a[:, None], b.words_b[None, :]).astype(np.float64)
        ramp = np.clip((shorter - short) / (long - short), 0.0, 1.0)
        mixed = weight * b.content + (1 - weight) * b.cosine
        return np.where(mixed > 0, np.minimum(100.0, mixed + bonus * ramp), 0.0)

    return f

"""Synthetic and corpus-derived articles for benchmarks (nothing here is committed text)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from desktop.core.article import Article
from tests.helpers import make_article

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "ecbplus"


def corpus_sentences() -> list[str]:
    """Every sentence of the ECB+ clusters, when they are beside the checkout."""
    out = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("# source"):
                out.append(re.sub(r"\s+", " ", line))
    return out


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    letters = "abcdefghijklmnoprstuvwy"
    return ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(size)]


def sentence(rng: random.Random, words: list[str]) -> str:
    # Zipf-like choice: a few words are everywhere, most are rare, as in news.
    picked = [words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)] for _ in range(14)]
    picked += rng.sample(words, 6)
    rng.shuffle(picked)
    return " ".join(picked).capitalize() + "."


def perturb(rng: random.Random, text: str) -> str:
    """A rewording: drop, swap and replace a few words."""
    words = text.rstrip(".").split()
    if len(words) < 6:
        return text
    for _ in range(3):
        if len(words) > 4:
            words.pop(rng.randrange(len(words)))
    i = rng.randrange(len(words) - 1)
    words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words).capitalize() + "."


def article_set(n_articles: int, n_sentences: int, seed: int = 1) -> list[Article]:
    """Articles that share about half their facts, reworded and reordered."""
    rng = random.Random(seed)
    pool = corpus_sentences()
    if len(pool) < n_sentences * 2:
        words = vocabulary(rng)
        pool = [sentence(rng, words) for _ in range(n_sentences * 3)]
    facts = rng.sample(pool, n_sentences)
    articles = []
    for k in range(n_articles):
        own = [perturb(rng, s) if rng.random() < 0.5 else s for s in facts if rng.random() < 0.5]
        own += rng.sample(pool, n_sentences - len(own))
        rng.shuffle(own)
        articles.append(make_article(f"a{k + 1}", own, f"Outlet {k + 1}"))
    return articles


def big_pair(n: int, seed: int = 2) -> list[Article]:
    """Two articles of `n` sentences each; half of B rewords A in another order."""
    rng = random.Random(seed)
    words = vocabulary(rng, 20000)
    a = [sentence(rng, words) for _ in range(n)]
    b = [perturb(rng, s) for s in rng.sample(a, n // 2)] + [
        sentence(rng, words) for _ in range(n - n // 2)
    ]
    rng.shuffle(b)
    return [make_article("a1", a, "A"), make_article("a2", b, "B")]


def splice(rng: random.Random, first: str, second: str) -> str:
    """The first half of one sentence and the second half of another: a new sentence whose
    words overlap other sentences the way real coverage of one event does."""
    a, b = first.rstrip(" .").split(), second.split()
    return " ".join(a[: max(2, len(a) // 2)] + b[len(b) // 2 :])


def ecb_pair(n: int, seed: int = 3) -> list[list[str]]:
    """Two articles of `n` sentences drawn from ECB+ (issue 17's realistic-overlap case).

    Half of B carries A's facts in another order, half of those verbatim and half reworded
    (`perturb`); the rest of B is other ECB+ sentences. Past the corpus's ~7,250 distinct
    sentences, more are spliced from two of them, so vocabulary and overlap stay those of
    news. Returns the two sentence lists (empty when the corpus is not beside the checkout).
    """
    rng = random.Random(seed)
    real = sorted(set(corpus_sentences()))
    if not real:
        return []
    rng.shuffle(real)
    pool, seen = list(real), set(real)
    while len(pool) < 2 * n:
        made = splice(rng, rng.choice(real), rng.choice(real))
        if made not in seen:
            seen.add(made)
            pool.append(made)
    a, others = pool[:n], pool[n : 2 * n]
    facts = rng.sample(a, n // 2)
    b = [s if rng.random() < 0.5 else perturb(rng, s) for s in facts] + others[: n - n // 2]
    rng.shuffle(b)
    return [a, b]


def repetitive_text(seed: int = 5, count: int = 50_000) -> tuple[str, str]:
    """The reliability review's M4 files: `count` three-word sentences over 200 words each,
    one per paragraph (two files of about 850 KB at 50,000)."""
    rng = random.Random(seed)  # the review's recipe and seed, so the figures compare
    vocab = [f"{a}{b}{c}" for a in "bcdfghjklm" for b in "aeiou" for c in ("rt", "nd", "sk", "lp")]
    vocab = vocab[:200]
    texts = []
    for _ in range(2):
        lines = []
        for _ in range(count):
            w = rng.sample(vocab, 3)
            lines.append(f"{w[0].capitalize()} {w[1]} {w[2]}.\n\n")
        texts.append("".join(lines))
    return texts[0], texts[1]

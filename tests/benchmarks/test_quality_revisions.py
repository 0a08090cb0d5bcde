"""Alignment P/R/F1 of earlier revisions beside now, in one run, on the same labelled files.

    make bench PYTEST_ARGS="-k quality_revisions"

Each revision is unpacked (tests/benchmarks/trees.py) and runs in its own process: it loads the
labelled files with its own loader and segmenter and aligns them with its own `align()`. Its
links come back as character spans, so a revision that cuts sentences differently is still
scored against the same labels: a labelled pair (named by spans of today's sentences) is found
when a link joins a sentence overlapping one side with a sentence overlapping the other, and a
link is right when a labelled pair (same or part) joins sentences it overlaps. The revisions:

- 89ab3a2, the code the reviews measured;
- the merges of the segmentation work (issue 13) and of the one candidate index with exact
  small matching (issue 17), each beside its first parent, so each change is seen alone;
- this checkout.

Every revision runs `content` at 50 (every revision has it); those with the sentence model also
run their own default. Labelled sets: tests/data/sample-alignment.tsv (the security set, whose
thresholds were tuned on it), and the held-out riverside and ECB+ labels. Skipped without
../shared/corpora.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.article import Article
from desktop.core.comparison import SentenceRef
from tests.benchmarks import quality_data as data
from tests.benchmarks.trees import load, python, unpack
from tests.conftest import ROOT

pytestmark = pytest.mark.benchmark

REVISIONS = (
    ("89ab3a2", "reviewed code"),
    ("888446d^1", "before segmentation (issue 13)"),
    ("888446d", "after segmentation"),
    ("c6cd246^1", "before candidate index (issue 17)"),
    ("c6cd246", "after candidate index"),
    ("5012323", "before start-up work (this stop)"),
)

CHILD = """
import json, sys
from desktop.core.align import align
from desktop.core.loading import load_article
from desktop.core.options import AlignOptions
job = json.load(open(sys.argv[1], encoding="utf-8"))
kinds = {"content": AlignOptions(scorer="content", threshold=50.0)}
try:
    from desktop.core import scoring
    kinds["default"] = AlignOptions()
except ImportError:
    pass
out = {}
for kind, options in kinds.items():
    groups, texts = [], []
    for files in job:
        articles = [load_article(p, f"a{i + 1}") for i, p in enumerate(files)]
        c = align(articles, options)
        spans = {a.id: a.sentences for a in articles}
        index = {a.id: i for i, a in enumerate(articles)}
        def span(ref):
            s = spans[ref.article][ref.sentence]
            return [index[ref.article], s.start, s.end]
        groups.append([[span(x.a), span(x.b)] for x in c.links])
        texts.append([len(a.text) for a in articles])
    out[kind] = {"scorer": getattr(c, "scoring", None) and c.scoring.scorer or options.scorer,
                 "groups": groups, "lengths": texts}
print(json.dumps(out))
"""


LENGTHS: list[list[int]] = []


def _span(articles: list[Article], ref: SentenceRef) -> list[int]:
    """[article position, start, end] of a sentence."""
    k = next(i for i, a in enumerate(articles) if a.id == ref.article)
    s = articles[k].sentences[ref.sentence]
    return [k, s.start, s.end]


def _labelled() -> list[tuple[str, list[list[str]], list[tuple[list[int], list[int], str]]]]:
    """Each labelled comparison: set name, its files, its pairs as spans [article, start, end]."""
    out = []
    for labelled in (data.security(), *data.held_out()):
        for articles, labels in labelled.groups:
            pairs = [
                (_span(articles, x), _span(articles, y), rel)
                for (x, y), rel in ((tuple(k), v) for k, v in labels.items())
            ]
            out.append((labelled.name, [str(a.source) for a in articles], pairs))
            LENGTHS.append([len(a.text) for a in articles])
    return out


def _overlap(a: list[int], b: list[int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _joins(link: list[list[int]], pair: tuple[list[int], list[int], str]) -> bool:
    x, y = link
    a, b, _ = pair
    return (_overlap(x, a) and _overlap(y, b)) or (_overlap(x, b) and _overlap(y, a))


def _prf(groups: list[list[list[list[int]]]], labelled: list, names: set[str]) -> tuple[float, ...]:
    same = found = links = right = 0
    for links_of, (name, _files, pairs) in zip(groups, labelled, strict=True):
        if name not in names:
            continue
        wanted = [p for p in pairs if p[2] == "same"]
        same += len(wanted)
        found += sum(any(_joins(link, p) for link in links_of) for p in wanted)
        links += len(links_of)
        right += sum(any(_joins(link, p) for p in pairs) for link in links_of)
    p, r = right / max(1, links), found / max(1, same)
    return p, r, 2 * p * r / max(1e-9, p + r), links


@pytest.mark.skipif(not data.ECBPLUS.is_dir(), reason="needs ../shared/corpora")
def test_quality_revisions(tmp_path: Path) -> None:
    labelled = _labelled()
    job = tmp_path / "job.json"
    job.write_text(json.dumps([files for _n, files, _p in labelled]), encoding="utf-8")
    (tmp_path / "child.py").write_text(CHILD, encoding="utf-8")
    sets = {
        "security": {"security-guarantees"},
        "held out": {n for n, _f, _p in labelled} - {"security-guarantees"},
    }
    print(f"\n{load()}; spans of today's sentences; P = right links / links")
    print(f"{'revision':<44}{'scorer':<9}" + "".join(f"{s:>28}" for s in sets))
    print(f"{'':<53}" + "".join(f"{'P':>7}{'R':>7}{'F1':>7}{'links':>7}" for _ in sets))
    trees = [(rev, what, unpack(rev, tmp_path / rev.replace("^", "_"))) for rev, what in REVISIONS]
    trees.append(("now", "this checkout", ROOT))
    for rev, what, tree in trees:
        run = python(
            tree, str(tmp_path / "child.py"), str(job), timeout=1800.0, cache=tmp_path / "cache"
        )
        assert run.ok, f"{rev}: {run.ending()}"
        result = json.loads(run.stdout.strip().splitlines()[-1])
        for found in result.values():
            moved = sum(x != y for x, y in zip(found["lengths"], LENGTHS, strict=True))
            figures = "".join(
                f"{p:>7.3f}{r:>7.3f}{f:>7.3f}{n:>7}"
                for p, r, f, n in (
                    _prf(found["groups"], labelled, names) for names in sets.values()
                )
            )
            note = f"  ({moved} comparisons' texts differ from today's)" if moved else ""
            print(f"{rev + ' ' + what:<44.44}{found['scorer']:<9}{figures}{note}")

"""Building articles by hand, so engine tests do not depend on the segmenter."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.core.article import Article, Sentence


def make_article(article_id: str, sentences: Sequence[str], outlet: str = "") -> Article:
    """An article whose text is the sentences joined by spaces, one paragraph."""
    text = " ".join(sentences)
    out = []
    pos = 0
    for i, s in enumerate(sentences):
        start = text.index(s, pos)
        out.append(Sentence(i, start, start + len(s), s))
        pos = start + len(s)
    return Article(article_id, f"{article_id}.txt", text, tuple(out), outlet or article_id)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """A file in `folder` holding `data` (text is written as UTF-8)."""
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path

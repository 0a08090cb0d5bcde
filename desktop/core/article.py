"""Articles and their sentences: the unit of input of the engine.

An `Article` keeps its text exactly as loaded (after front matter, if any) and every `Sentence`
keeps character offsets into that text, so any view or export can point back at the source.
Both are immutable; metadata edits make a new article with `dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

#: The kinds of unit the segmenter produces.
SENTENCE_KINDS = ("headline", "heading", "dateline", "item", "body")


METADATA_FIELDS = ("outlet", "title", "published", "author", "url", "note", "language")
"""The fields a user can edit in the window (Edit Article Details) and a file can set."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or headline, dateline, list item) of an article."""

    index: int
    """Position in the article, from 0."""
    start: int
    """Offset of the first character in `Article.text`."""
    end: int
    """Offset one past the last character; `article.text[start:end] == text`."""
    text: str
    kind: str = "body"
    """One of `SENTENCE_KINDS`."""
    block: int = 0
    """Index of the paragraph, heading or list item the sentence belongs to."""


@dataclass(frozen=True)
class Article:
    """A loaded report of the event, by one outlet."""

    id: str
    """Stable identifier within a comparison ("a1", "a2", …)."""
    source: str
    """Path as given by the user (or a label for text that came from elsewhere)."""
    text: str
    sentences: tuple[Sentence, ...]
    outlet: str
    title: str = ""
    published: str = ""
    """Publication date as found (ISO "YYYY-MM-DD" when it could be read), or ""."""
    author: str = ""
    url: str = ""
    note: str = ""
    language: str = ""
    """ISO 639-1 code of the article's language ("en", "ru", …), or "" when not known."""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Other front-matter keys, kept so nothing the user wrote is dropped."""

    def __post_init__(self) -> None:
        for i, s in enumerate(self.sentences):
            if s.index != i:
                raise ValueError(f"sentence {i} of {self.id} has index {s.index}")

    @property
    def label(self) -> str:
        """What the user sees when an article must be named in one short phrase."""
        return self.outlet or self.title or self.id

    def with_metadata(self, **changes: str) -> Article:
        """A copy with edited outlet, title, published, author, url, note or language."""
        unknown = set(changes) - set(METADATA_FIELDS)
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        return replace(self, **changes)  # type: ignore[arg-type]

    def with_id(self, article_id: str) -> Article:
        return replace(self, id=article_id)

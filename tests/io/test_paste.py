"""Pasted articles: the clipboard's text or HTML becomes an article, with no file behind it."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.core.errors import LoadError
from desktop.core.paste import is_pasted, pasted_article, pasted_document, pasted_source, site_name

# As a browser copies a selection: the plain text (one paragraph per line) …
TEXT = (
    "Bridge reopens on Saturday\n"
    "The Ferris Street bridge will reopen on Saturday after fourteen months of repairs, town "
    "officials said on Thursday.\n"
    "The repairs cost $4.2 million, most of it paid by a state grant.\n"
)
# … and the same selection as an HTML fragment.
HTML = (
    "<html><head><meta charset='utf-8'><meta property='og:site_name' content='Kettle Valley "
    "Times'></head><body><!--StartFragment--><h2>Bridge reopens on Saturday</h2><p>The Ferris "
    "Street bridge will reopen on Saturday after fourteen months of repairs, town officials said "
    "on Thursday.</p><p>The repairs cost $4.2 million, most of it paid by a state grant.</p>"
    "<!--EndFragment--></body></html>"
)


def test_pasted_text_becomes_an_article() -> None:
    article = pasted_article(TEXT, "a3", "Riverside Gazette")
    assert (article.id, article.outlet, article.language) == ("a3", "Riverside Gazette", "en")
    assert [s.kind for s in article.sentences] == ["headline", "body", "body"]
    assert is_pasted(article.source)
    assert article.title == "Bridge reopens on Saturday"


def test_pasted_html_keeps_its_structure() -> None:
    html = (
        "<p>The Ferris Street bridge will reopen on Saturday after fourteen months of repairs, "
        "town officials said.</p><ul><li>New steel deck.</li><li>Two rebuilt ramps.</li></ul>"
    )
    text = (
        "The Ferris Street bridge will reopen on Saturday after fourteen months of repairs, town "
        "officials said.\nNew steel deck.\nTwo rebuilt ramps.\n"
    )
    article = pasted_article(text, "a1", "Valley Radio", html)
    assert [(s.kind, s.text) for s in article.sentences][1:] == [
        ("item", "New steel deck."),
        ("item", "Two rebuilt ramps."),
    ]


def test_pasted_html_names_its_site() -> None:
    assert pasted_document(TEXT, HTML).text.startswith(
        "## Bridge reopens on Saturday\n\nThe Ferris"
    )
    assert site_name(HTML) == "Kettle Valley Times"
    article = pasted_article(TEXT, "a1", "", HTML)
    assert article.outlet == "Kettle Valley Times"  # no answer in the dialog: the site's name
    assert (article.sentences[0].kind, article.sentences[0].text) == (
        "heading",
        "Bridge reopens on Saturday",
    )


def test_html_that_drops_part_of_the_selection_gives_way_to_the_text() -> None:
    # trafilatura takes an <h1> repeating the <title> for the page title and drops it.
    html = (
        "<html><head><title>Bridge reopens on Saturday</title></head><body><h1>Bridge reopens on "
        "Saturday</h1><p>The Ferris Street bridge will reopen on Saturday after fourteen months of "
        "repairs, town officials said on Thursday.</p><p>The repairs cost $4.2 million, most of it "
        "paid by a state grant.</p></body></html>"
    )
    assert pasted_document(TEXT, html).text == TEXT
    assert pasted_article(TEXT, "a1", "", html).sentences[0].text == "Bridge reopens on Saturday"


def test_site_name_from_the_source_address() -> None:
    fragment = "Version:0.9\nSourceURL:https://www.kettle-times.example/news/1\n<html><body><p>x</p></body></html>"
    assert site_name(fragment) == "kettle-times.example"
    assert site_name("<p>No hint here.</p>") == ""


def test_empty_clipboard_is_refused() -> None:
    with pytest.raises(LoadError) as info:
        pasted_document("  \n", "")
    assert info.value.reason == "the clipboard holds no text"


def test_pasted_source_names_the_time() -> None:
    assert pasted_source(datetime(2025, 9, 12, 14, 2, 5)) == "(pasted) 2025-09-12 14:02:05"
    assert not is_pasted("samples/a.md")

"""Web pages: the eight defects of the HTML loading review, each on a small page written here.

The review (shared/reviews/html-loading-review.md) measured the loader on real pages; every
page below is our own minimal reproduction of one defect, so each test fails on the old loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.article import Article
from desktop.core.loading import load_article
from tests.helpers import write

P = (
    "<p>The city council approved the new budget on Monday after a long debate among its "
    "members.</p><p>The mayor said the plan would fund road repairs and two new schools over "
    "the next three years.</p>"
)


def load(tmp_path: Path, html: str, name: str = "page.html") -> Article:
    article = load_article(write(tmp_path, name, html), "a1")
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
    return article


def texts(article: Article) -> list[str]:
    return [s.text for s in article.sentences]


def test_text_between_blocks_is_kept(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article><h1>Deals of the day</h1><h2>Controller for $39</h2>The price of "
        "the controller has dropped to its lowest level ever, the retailer said on Monday."
        "<h2>Watch for $169</h2>The smart watch is now cheaper than it has ever been, and stock "
        "is limited this week." + P + "</article></body></html>",
    )
    assert texts(article)[:5] == [
        "Deals of the day",
        "Controller for $39",
        "The price of the controller has dropped to its lowest level ever, the retailer said "
        "on Monday.",
        "Watch for $169",
        "The smart watch is now cheaper than it has ever been, and stock is limited this week.",
    ]
    assert [s.kind for s in article.sentences[:4]] == ["headline", "heading", "body", "heading"]


def test_soft_hyphens_zero_width_and_bidi_characters_go(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article><p>W&auml;h&shy;rend Sie &uuml;ber den Markt schlen&shy;dern, "
        "stau&shy;nen die Kin&shy;der im Hof.</p><p>Der Markt&#8203;platz ist am Samstag "
        "ge&ouml;ffnet, sagte &#8294;Anna Weber&#8297; am Montag.</p>"
        + P
        + "</article></body></html>",
    )
    assert texts(article)[:2] == [
        "Während Sie über den Markt schlendern, staunen die Kinder im Hof.",
        "Der Marktplatz ist am Samstag geöffnet, sagte Anna Weber am Montag.",
    ]
    assert not set(article.text) & set("\u00ad\u200b\u2066\u2069")


def test_text_is_nfc(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article><p>Besonders bei Babyschalen sollte gepru\u0308ft werden, ob die "
        "Gurtla\u0308nge im Fahrzeug ausreicht.</p>" + P + "</article></body></html>",
    )
    assert texts(article)[0] == (
        "Besonders bei Babyschalen sollte geprüft werden, ob die Gurtlänge im Fahrzeug ausreicht."
    )
    assert "\u0308" not in article.text


def test_blocks_inside_a_table_cell_are_not_glued(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><table><tr><td><h1>Rocket stage ready</h1><p>The core stage will soon be "
        "ready for shipment to the test stand, just as planned for the launch.</p><p>The rocket "
        "has been a key part of the agency's exploration plans since the 2010 authorization "
        "act.</p><p>Engineers expect the first full test firing around the middle of next year, "
        "officials said.</p></td></tr></table></body></html>",
    )
    assert [s.text[:24] for s in article.sentences] == [
        "Rocket stage ready",
        "The core stage will soon",
        "The rocket has been a ke",
        "Engineers expect the fir",
    ]
    assert "launch.The" not in article.text


def test_blocks_inside_a_list_item_are_not_glued(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article>" + P + "<ul><li><h3>Laker Girls</h3><p>Gronk may join the dance "
        "team, reports said on Tuesday.</p></li><li><p>The second item is a paragraph.</p></li>"
        "<li>The third item is plain text.</li></ul></article></body></html>",
    )
    assert texts(article)[2:] == [
        "Laker Girls",
        "Gronk may join the dance team, reports said on Tuesday.",
        "The second item is a paragraph.",
        "The third item is plain text.",
    ]
    assert [s.kind for s in article.sentences[2:]] == ["heading", "body", "item", "item"]


def test_chinese_prose_is_not_refused(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article><p>北京时间八月十九日，市议会批准了新的预算，双方讨论了道路维修问题。</p>"
        "<p>会谈持续了大约两个小时，双方都表示会谈富有成果，并同意在下周继续磋商。</p></article></body></html>",
    )
    assert len(article.sentences) == 2
    assert article.language == "zh"


def test_japanese_first_sentence_is_not_a_headline(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article><p>市議会は月曜日、長い議論の末に新しい予算を承認した。</p>"
        "<p>市長は、この計画で道路の補修と二つの新しい学校の建設を進めると述べた。</p></article></body></html>",
    )
    assert [s.kind for s in article.sentences] == ["body", "body"]


def test_code_blocks_are_kept(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article>" + P + "<p>Create the environment with this command:</p><pre>"
        "<code>python3 -m venv .venv --upgrade-deps\n# then install\npip install parallax"
        "</code></pre><p>Then activate it before installing any packages.</p></article>"
        "</body></html>",
    )
    assert "python3 -m venv .venv --upgrade-deps" in texts(article)
    assert all(s.kind != "heading" for s in article.sentences)  # "# then install" is code
    assert texts(article)[-1] == "Then activate it before installing any packages."


def test_inline_code_stays_in_its_sentence(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article>" + P + "<p>Run <code>make test</code> before every commit, "
        "the maintainers said.</p></article></body></html>",
    )
    assert "Run make test before every commit, the maintainers said." in texts(article)


OG = '<meta property="og:site_name" content="{}">'


@pytest.mark.parametrize(
    ("head", "outlet"),
    [
        # og:site_name as written, not the JSON-LD publisher trafilatura prefers.
        (
            OG.format("Deccan Herald") + '<script type="application/ld+json">{"@context":'
            '"https://schema.org","@type":"NewsArticle","publisher":{"@type":"Organization",'
            '"name":"DH News Service"}}</script>',
            "Deccan Herald",
        ),
        (OG.format("9to5Mac"), "9to5Mac"),  # not title-cased to "9To5Mac"
        (
            "<meta content='pv magazine International' property='og:site_name'>",
            "pv magazine International",
        ),
        # No og:site_name and no address: the file name, never half of the <title>.
        (
            "<title>Council approves budget - road repairs and two new schools. Reviews</title>",
            "Page",
        ),
        ('<link rel="canonical" href="https://www.example-news.org/budget">', "example-news.org"),
    ],
)
def test_outlet_is_og_site_name_then_domain_then_file_name(
    tmp_path: Path, head: str, outlet: str
) -> None:
    html = (
        f"<html><head>{head}</head><body><article><h1>Council approves budget</h1>{P}"
        "</article></body></html>"
    )
    assert load(tmp_path, html).outlet == outlet


def test_title_loses_the_site_name_suffix(tmp_path: Path) -> None:
    html = (
        "<html><head>" + OG.format("The Paradigm") + "<title>Council approves budget | The "
        "Paradigm</title></head><body><article>" + P + "</article></body></html>"
    )
    assert load(tmp_path, html).title == "Council approves budget"


@pytest.mark.parametrize("top", ["By Jane Doe", "January 22, 2014", "Courtesy of Forests News"])
def test_a_byline_or_date_at_the_top_is_not_the_headline(tmp_path: Path, top: str) -> None:
    article = load(tmp_path, f"<html><body><article><p>{top}</p>{P}</article></body></html>")
    assert article.sentences[0].text == top
    assert article.sentences[0].kind == "body"
    assert article.title != top


def test_lines_broken_by_br_are_separate_sentences(tmp_path: Path) -> None:
    article = load(
        tmp_path,
        "<html><body><article>" + P + "<p>Elektronische Fallakte (eFA)<br>Die eFA ist ein "
        "Verfahren zum Austausch von Daten zwischen Ärzten.<br>Tour dates<br>12 March Berlin"
        "<br>14 March Hamburg</p><p>The mayor said<br>the plan would work.</p></article>"
        "</body></html>",
    )
    assert texts(article)[2:] == [
        "Elektronische Fallakte (eFA)",
        "Die eFA ist ein Verfahren zum Austausch von Daten zwischen Ärzten.",
        "Tour dates",
        "12 March Berlin",
        "14 March Hamburg",
        "The mayor said\nthe plan would work.",  # goes on in lower case: one sentence
    ]

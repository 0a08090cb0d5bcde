"""PDF, Word and e-mail articles, written byte by byte by tests/documents.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import LoadError
from desktop.core.loading import load_article
from tests.documents import Line, docx_bytes, pdf_bytes
from tests.helpers import write

PAGE_ONE = [
    Line("Bridge reopens on Saturday", 20),
    Line("ALDER FALLS — The Ferris Street bridge will reopen on Saturday after", gap=12),
    Line("fourteen months of repairs, town officials said on Thursday. The recon-"),
    Line("struction cost $4.2 million, most of it paid by the state."),
    Line("Crews replaced the corroded deck and rebuilt both ramps. “People have", gap=9),
    Line("waited long enough,” the mayor said, and she thanked the"),
    Line("1"),  # the page number
]
PAGE_TWO = [
    Line("families on the east side for their patience."),
    Line("The town council will review the final accounts in October.", gap=9),
    Line("2"),
]


def test_text_pdf(tmp_path: Path) -> None:
    data = pdf_bytes([PAGE_ONE, PAGE_TWO], title="Bridge reopens", author="Staff writer")
    article = load_article(write(tmp_path, "bridge.pdf", data), "a1")
    assert article.text == (
        "# Bridge reopens on Saturday\n\n"
        "ALDER FALLS — The Ferris Street bridge will reopen on Saturday after fourteen months of "
        "repairs, town officials said on Thursday. The reconstruction cost $4.2 million, most of "
        "it paid by the state.\n\n"
        "Crews replaced the corroded deck and rebuilt both ramps. “People have waited long "
        "enough,” the mayor said, and she thanked the families on the east side for their "
        "patience.\n\n"
        "The town council will review the final accounts in October."
    )
    assert (article.title, article.author, article.language) == (
        "Bridge reopens",
        "Staff writer",
        "en",
    )
    assert [s.kind for s in article.sentences][:3] == ["headline", "dateline", "body"]
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_pdf_without_a_title_takes_its_headline(tmp_path: Path) -> None:
    data = pdf_bytes([PAGE_ONE], title="Microsoft Word - bridge.docx")
    assert load_article(write(tmp_path, "b.pdf", data), "a1").title == "Bridge reopens on Saturday"


def test_scanned_pdf_gets_a_clear_message(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", pdf_bytes([[], []], images_only=True))
    with pytest.raises(LoadError) as info:
        load_article(path, "a1")
    assert "no text layer" in info.value.reason and "OCR" in info.value.reason


def test_docx(tmp_path: Path) -> None:
    data = docx_bytes(
        [
            ("Title", "Brücke öffnet am Samstag"),
            (
                "",
                "ALDER FALLS — Die Brücke wird am Samstag nach vierzehn Monaten wieder "
                "freigegeben.",
            ),
            ("Heading2", "Kosten"),
            ("", "Die Reparatur kostete ca. 4,2 Mio. Dollar.\nDer Staat zahlte den größten Teil."),
            ("ListParagraph", "Neues Stahldeck"),
            ("ListParagraph", "Zwei neue Auffahrten"),
            ("", "Der Stadtrat prüft die Abrechnung im Oktober."),
        ],
        title="Brücke öffnet",
        creator="Lokalredaktion",
    )
    article = load_article(write(tmp_path, "bruecke.docx", data), "a1")
    assert [(s.kind, s.text) for s in article.sentences] == [
        ("headline", "Brücke öffnet am Samstag"),
        ("dateline", "ALDER FALLS —"),
        ("body", "Die Brücke wird am Samstag nach vierzehn Monaten wieder freigegeben."),
        ("heading", "Kosten"),
        ("body", "Die Reparatur kostete ca. 4,2 Mio. Dollar."),
        ("body", "Der Staat zahlte den größten Teil."),
        ("item", "Neues Stahldeck"),
        ("item", "Zwei neue Auffahrten"),
        ("body", "Der Stadtrat prüft die Abrechnung im Oktober."),
    ]
    assert (article.title, article.author, article.language) == (
        "Brücke öffnet",
        "Lokalredaktion",
        "de",
    )


def test_docx_without_a_document_part_is_refused(tmp_path: Path) -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a Word file")
    with pytest.raises(LoadError) as info:
        load_article(write(tmp_path, "x.docx", out.getvalue()), "a1")
    assert info.value.reason == "this is a zip archive, not a Word document"


EML = (
    "From: The Morning Brief <news@morning-brief.example>\r\n"
    "To: reader@example.org\r\n"
    "Subject: Bridge reopens on Saturday\r\n"
    "Date: Fri, 12 Sep 2025 07:00:00 +0000\r\n"
    "MIME-Version: 1.0\r\n"
    'Content-Type: multipart/alternative; boundary="b1"\r\n'
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Plain part.\r\n"
    "--b1\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<html><body><h1>Bridge reopens</h1><p>The Ferris Street bridge reopens on Saturday after "
    "fourteen months of repairs, officials said.</p><p>The repairs cost $4.2 million, most of "
    "it from a state grant.</p></body></html>\r\n"
    "--b1--\r\n"
)


def test_eml_newsletter(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "brief.eml", EML), "a1")
    assert (article.outlet, article.title, article.published) == (
        "The Morning Brief",
        "Bridge reopens on Saturday",
        "2025-09-12",
    )
    assert any(s.text.startswith("The Ferris Street bridge reopens on") for s in article.sentences)
    assert "Plain part." not in article.text  # the HTML part is the article


def test_eml_that_is_not_a_message(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_article(write(tmp_path, "x.eml", "Just some words, no headers at all.\n"), "a1")
    assert "not an e-mail message" in info.value.reason

"""Loading article files: encodings, front matter, web pages, and every refusal's reason.

All inputs are written to tmp_path by the tests themselves, byte for byte.
"""

from __future__ import annotations

import codecs
import errno
import os
import socket
from pathlib import Path

import pytest

from desktop.core.errors import Cancelled, InputError, LoadError
from desktop.core.loading import iso_date, load_article, load_articles, read_document
from tests.helpers import write

BODY = (
    "WASHINGTON — European leaders met President Donald Trump on Monday. "
    "Zelensky called the talks “the best so far”.\n\n"
    "A follow-up call is planned for next week, officials said.\n"
)


def refused(path: Path | str) -> str:
    with pytest.raises(LoadError) as info:
        load_article(path, "a1")
    assert info.value.path == str(path)
    return info.value.reason


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"", "utf-8"), (codecs.BOM_UTF8, "utf-8"), (b"", "cp1252"),
     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
     (b"", "utf-16-le"), (b"", "utf-16-be"),
     (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
     (b"", "utf-32-le"), (b"", "utf-32-be")],
)  # fmt: skip
def test_encodings(tmp_path: Path, bom: bytes, codec: str) -> None:
    doc = read_document(write(tmp_path, "article.txt", bom + BODY.encode(codec)))
    assert doc.encoding == codec
    assert doc.text == BODY
    assert "\ufeff" not in doc.text


def test_cp1252_undefined_bytes_fall_back_to_latin1(tmp_path: Path) -> None:
    data = "Caf\xe9 talks began. Officials said so.".encode("latin-1") + b"\x81\x8d"
    doc = read_document(write(tmp_path, "article.txt", data))
    assert doc.encoding == "latin-1"
    assert doc.text.startswith("Café talks began.")


def test_utf8_with_a_stray_byte_stays_utf8(tmp_path: Path) -> None:
    data = "Zelensky met Macron, Merz and Starmer in Kyiv. Über café, naïve — “fine”.".encode()
    doc = read_document(write(tmp_path, "article.txt", data + b" \xff Done."))
    assert doc.encoding == "utf-8"
    assert "“fine”" in doc.text and "\ufffd" in doc.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_cyrillic_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    text = "Київ заявив про нові гарантії безпеки. Переговори тривали дві години.\n"
    doc = read_document(write(tmp_path, "kyiv.txt", text.encode(codec)))
    assert (doc.encoding, doc.text) == (codec, text)


@pytest.mark.parametrize("text", [BODY, "Київ заявив про нові гарантії.", "ab" * 100])
def test_utf8_is_never_taken_for_utf16(tmp_path: Path, text: str) -> None:
    assert read_document(write(tmp_path, "a.txt", text.encode())).encoding == "utf-8"


def test_html_meta_charset_is_respected(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Новини</title></head><body>'
        "<article><p>Київ заявив про нові гарантії безпеки після зустрічі у Вашингтоні.</p>"
        "<p>Переговори тривали понад дві години, повідомили чиновники.</p></article>"
        "</body></html>"
    )
    doc = read_document(write(tmp_path, "page.html", html.encode("cp1251")))
    assert doc.encoding == "cp1251"
    assert "Київ заявив про нові гарантії" in doc.text


FRONT = """\
---
Outlet: Meridian Wire
title: "Trump pledges US role in guarantees"
date: 19 August 2025
author: Jane Doe
url: https://meridian.example/a
note: written for the tests
Desk: World
tags:
  - ukraine
  - guarantees
# a comment line
---
"""


def test_front_matter(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "wire.md", FRONT + BODY), "a1")
    assert article.outlet == "Meridian Wire"
    assert article.title == "Trump pledges US role in guarantees"
    assert article.published == "2025-08-19"
    assert article.author == "Jane Doe" and article.note == "written for the tests"
    assert article.url == "https://meridian.example/a"
    assert article.extra == {"desk": "World", "tags": "ukraine, guarantees"}
    assert article.text == BODY
    assert article.sentences[0].text == "WASHINGTON —"
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def test_front_matter_with_bom_crlf_and_leading_blank_line(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + ("\r\n" + FRONT + "\n" + BODY).replace("\n", "\r\n").encode()
    doc = read_document(write(tmp_path, "wire.md", data))
    assert doc.metadata["outlet"] == "Meridian Wire"
    assert doc.text == "\r\n" + BODY.replace("\n", "\r\n")  # body kept exactly


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Unclosed\n\n" + BODY,  # no closing line
        "---\n\nThe talks began. They ended.\n\n---\n\nMore text.",  # a Markdown rule, not metadata
    ],
)
def test_invalid_front_matter_is_body(tmp_path: Path, text: str) -> None:
    doc = read_document(write(tmp_path, "x.md", text))
    assert doc.text == text
    assert doc.metadata == {}


@pytest.mark.parametrize(
    ("text", "reason"),
    [("---\ntitle: Only this\n---\n\n  \n", "no text after its front matter"),
     ("---\ntitle: Marks only\n---\n# \n\n* * *\n", "no text after its front matter"),
     ("# \n\n* * *\n", "no text (only formatting marks)")],
)  # fmt: skip
def test_no_text_to_compare(tmp_path: Path, text: str, reason: str) -> None:
    assert refused(write(tmp_path, "x.md", text)) == f"the article has {reason}"


@pytest.mark.parametrize(
    ("name", "outlet"),
    [("washington-post.md", "Washington Post"), ("politico_2025.txt", "Politico 2025"),
     ("the.kyiv.courier.txt", "The Kyiv Courier"), ("BBC.txt", "BBC")],
)  # fmt: skip
def test_outlet_from_file_name(tmp_path: Path, name: str, outlet: str) -> None:
    assert load_article(write(tmp_path, name, BODY), "a1").outlet == outlet


def test_headline_becomes_title_when_there_is_none(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "x.txt", "Leaders meet in Washington\n\n" + BODY), "a1")
    assert article.title == "Leaders meet in Washington"


@pytest.mark.parametrize(
    "raw",
    ["2025-08-19", "19 August 2025", "August 19, 2025", "Aug. 19, 2025", "2025/08/19",
     "Tuesday, August 19, 2025", "2025-08-19T14:30:00Z", "2025-08-19T23:30:00-04:00"],
)  # fmt: skip
def test_iso_date(raw: str) -> None:
    assert iso_date(raw) == "2025-08-19"
    assert iso_date(" last Tuesday ") == "last Tuesday"  # unreadable: kept as written
    assert iso_date("31 February 2025") == "31 February 2025"


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Leaders weigh guarantees for Ukraine | Meridian News</title>
<meta property="og:title" content="Leaders weigh guarantees for Ukraine">
{site}
<meta property="og:url" content="https://www.meridian-news.example/world/guarantees">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-08-19T14:30:00Z">
<script src="http://tracker.example/t.js"></script>
<script>fetch("http://tracker.example/beacon");</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Leaders weigh guarantees for Ukraine</h1>
<p>WASHINGTON — European leaders met President Donald Trump at the White House on Monday.</p>
<img src="http://images.example/photo.jpg" alt="The leaders">
<p>The talks lasted more than two hours<br>and ended late. Officials said no decision was
taken on troops.</p>
<h2>What comes next</h2>
<p>A follow-up meeting is planned in Brussels, two diplomats said.</p>
<ul><li>Britain offered air support.</li><li>France proposed a reassurance force.</li></ul>
</article>
<footer>Copyright 2025 Meridian News. All rights reserved.</footer>
</body></html>
"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading never touches the network: any attempt, in any test here, fails it."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_with_site_name(tmp_path: Path) -> None:
    site = '<meta property="og:site_name" content="Meridian News">'
    article = load_article(write(tmp_path, "page.html", PAGE.format(site=site)), "a1")
    assert (article.outlet, article.published, article.author) == (
        "Meridian News", "2025-08-19", "Jane Doe"
    )  # fmt: skip
    assert article.title == "Leaders weigh guarantees for Ukraine"
    assert article.url == "https://www.meridian-news.example/world/guarantees"
    assert [(s.kind, s.text) for s in article.sentences] == [
        ("headline", "Leaders weigh guarantees for Ukraine"),
        ("dateline", "WASHINGTON —"),
        ("body", "European leaders met President Donald Trump at the White House on Monday."),
        ("body", "The talks lasted more than two hours\nand ended late."),
        ("body", "Officials said no decision was taken on troops."),
        ("heading", "What comes next"),
        ("body", "A follow-up meeting is planned in Brussels, two diplomats said."),
        ("item", "Britain offered air support."),
        ("item", "France proposed a reassurance force."),
    ]
    assert "Home" not in article.text and "Copyright" not in article.text
    assert "fetch" not in article.text


def test_html_date_is_not_guessed_from_a_copyright_line(tmp_path: Path) -> None:
    page = PAGE.format(site="").replace("2025-08-19T14:30:00Z", "")
    assert load_article(write(tmp_path, "page.html", page), "a1").published == ""


TITLE_AS_SITE = '<meta property="og:site_name" content="Leaders weigh guarantees for Ukraine">'
CANONICAL = '<link rel="canonical" href="https://www.politico.com/x">'


@pytest.mark.parametrize(
    ("head", "drop_url", "name", "outlet"),
    [("", False, "page.htm", "meridian-news.example"),  # no og:site_name: the domain
     ("", True, "kyiv-courier.html", "Kyiv Courier"),  # no domain either: the file name
     # A site name equal to the title is trafilatura's guess, not the outlet.
     (TITLE_AS_SITE, True, "p.html", "P"),
     (TITLE_AS_SITE + CANONICAL, True, "p.html", "politico.com")],
)  # fmt: skip
def test_html_outlet_fallbacks(
    tmp_path: Path, head: str, drop_url: bool, name: str, outlet: str
) -> None:
    page = PAGE.format(site=head)
    page = page.replace("og:url", "og:nothing") if drop_url else page
    assert load_article(write(tmp_path, name, page), "a1").outlet == outlet


def test_html_sniffed_without_html_extension(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "saved.php", PAGE.format(site="")), "a1")
    assert article.sentences[0].text == "Leaders weigh guarantees for Ukraine"
    assert "<p>" not in article.text


@pytest.mark.parametrize(
    "page",
    [
        '<html><head><title>Meridian</title></head><body><nav><a href="/">Home</a> '
        '<a href="/world">World</a> <a href="/politics">Politics</a></nav></body></html>',
        "<html><head><title>Meridian</title></head><body><header><nav><ul>"
        '<li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>'
        '<main><div><a href="/sub">Subscribe now for unlimited access</a></div></main>'
        "</body></html>",
        "<html><body></body></html>",
        "just some words without any markup",
    ],
)
def test_html_without_article(tmp_path: Path, page: str) -> None:
    assert refused(write(tmp_path, "nav.html", page)) == "no article text found in this web page"


def test_missing_deleted_or_folder(tmp_path: Path) -> None:
    assert refused(tmp_path / "gone.md") == "file not found"
    path = write(tmp_path, "a.md", BODY)
    path.unlink()  # as if deleted between choosing and loading
    assert refused(path) == "file not found"
    assert refused(tmp_path) == "is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert "not a regular file" in refused(tmp_path / "pipe.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.md", BODY)
    path.chmod(0)
    try:
        assert refused(path) == "permission denied: cannot read this file"
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied: cannot read"),
        (OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
)
def test_os_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    path = write(tmp_path, "a.md", BODY)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Path, "open", fail)
    assert reason in refused(path)


BINARY = "this looks like a binary file{}, not an article"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (codecs.BOM_UTF8, "the file is empty"),
        (b" \n\t\r\n  \n", "the file contains only whitespace"),
        ("\u00a0\u3000\n".encode(), "the file contains only whitespace"),
        (b"Some text\x00with a NUL byte in it. " * 3, BINARY.format("")),
        (bytes(range(1, 32)) * 20, BINARY.format("")),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY.format(" (PNG image)")),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", BINARY.format(" (JPEG image)")),
        (b"PK\x03\x04\x14\x00\x06\x00", BINARY.format(" (ZIP archive or OpenDocument file)")),
    ],
)
def test_bad_content(tmp_path: Path, data: bytes, reason: str) -> None:
    assert refused(write(tmp_path, "article.txt", data)) == reason


def test_a_damaged_pdf_is_refused_with_a_reason(tmp_path: Path) -> None:
    reason = refused(write(tmp_path, "article.txt", b"%PDF-1.7\n%\xe2\xe3\n"))
    assert reason.startswith("this PDF could not be read (")


def test_unknown_extension(tmp_path: Path) -> None:
    assert load_article(write(tmp_path, "notes.rst", BODY), "a1").text == BODY
    reason = refused(write(tmp_path, "data.bin", bytes(range(256)) * 4))
    assert reason == "unsupported file type (.bin): not text"


def test_too_big(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(int(73.2 * 1024 * 1024))  # sparse: costs no disk
    assert refused(path) == "the file is 73.2 MB; Parallax reads articles up to 50 MB"


def test_load_articles_in_order_with_progress(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{name}.md", BODY) for name in ("politico", "meridian-wire")]
    calls: list[tuple[float, str]] = []
    articles = load_articles(paths, progress=lambda f, m: calls.append((f, m)))
    assert [a.id for a in articles] == ["a1", "a2"]
    assert [a.outlet for a in articles] == ["Politico", "Meridian Wire"]
    assert [f for f, _ in calls] == [0.5, 1.0]
    assert "meridian-wire.md" in calls[1][1]


def test_same_file_twice(tmp_path: Path) -> None:
    path = write(tmp_path, "politico.md", BODY)
    same = tmp_path / "sub" / ".." / "politico.md"
    (tmp_path / "sub").mkdir()
    with pytest.raises(InputError, match=r"politico\.md"):
        load_articles([path, write(tmp_path, "other.md", BODY), same])


def test_cancel(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{n}.md", BODY) for n in "abc"]
    loaded: list[float] = []
    with pytest.raises(Cancelled):
        load_articles(paths, progress=lambda f, m: loaded.append(f), cancelled=lambda: bool(loaded))
    assert len(loaded) == 1


def test_first_bad_file_stops_loading(tmp_path: Path) -> None:
    good = write(tmp_path, "good.md", BODY)
    empty = write(tmp_path, "empty.md", b"")
    with pytest.raises(LoadError) as info:
        load_articles([good, empty, tmp_path / "missing.md"])
    assert info.value.path == str(empty)
    assert info.value.reason == "the file is empty"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_leading_source_line_is_the_address_not_the_headline(tmp_path: Path, suffix: str) -> None:
    # As news corpora and page clippers save articles: a "# source:" line, the address again,
    # then the headline.
    url = "https://example.org/news/2025/08/bridge-vote"
    text = f"# source: {url}\n{url}\nCouncil backs the bridge.\n\nThe vote was close. It passed."
    article = load_article(write(tmp_path, f"clip{suffix}", text), "a1")
    assert article.url == url
    assert "source" not in article.title
    assert [s.text for s in article.sentences] == [
        "Council backs the bridge.",
        "The vote was close.",
        "It passed.",
    ]
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


def test_source_heading_without_an_address_stays_a_heading(tmp_path: Path) -> None:
    text = "# Source: the debate over the bridge\n\nThe vote was close. It passed."
    article = load_article(write(tmp_path, "a.md", text), "a1")
    assert article.url == ""
    assert article.title == "Source: the debate over the bridge"
    assert article.sentences[0].kind == "headline"


def test_a_file_with_only_a_source_line_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "# source: https://example.org/a\nhttps://example.org/a\n")
    with pytest.raises(LoadError, match="no text after its source address"):
        load_article(path, "a1")


def test_one_long_file_reports_progress_while_it_is_segmented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.core.segment as segment_module

    monkeypatch.setattr(segment_module, "PROGRESS_CHARS", 10_000)
    body = "\n\n".join(f"Item {i} was reported. It was checked on day {i}." for i in range(2000))
    paths = [
        write(tmp_path, "short.txt", "A short one. It ends."),
        write(tmp_path, "long.txt", body),
    ]
    reports: list[tuple[float, str]] = []
    load_articles(paths, lambda f, m: reports.append((f, m)))
    during = [f for f, m in reports if m == "Reading long.txt"]
    assert len(during) >= 5  # not only once per file
    assert all(0.5 < f < 1 for f in during) and during == sorted(during)
    assert reports[-1][0] == 1.0

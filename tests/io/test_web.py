"""Open URL: the one network access, against a local HTTP server on 127.0.0.1 only
(tests/http_server.py); a guard fails any test that tries another address."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.errors import Cancelled, LoadError
from desktop.core.loading import load_articles
from desktop.core.web import USER_AGENT, fetch, is_url, load_url
from tests.documents import Line, pdf_bytes
from tests.http_server import Server

PAGE = (
    "<html><head><meta property='og:site_name' content='Kettle Valley Times'><title>Bridge "
    "reopens</title></head><body><article><h1>Bridge reopens on Saturday</h1><p>The Ferris "
    "Street bridge will reopen on Saturday after fourteen months of repairs, officials said."
    "</p><p>The repairs cost $4.2 million, most of it paid by a state grant.</p></article>"
    "</body></html>"
)
RUSSIAN_PAGE = (
    "<html><body><article><p>Мост через реку Кеттл снова откроется в субботу после четырнадцати "
    "месяцев ремонта, сообщили в мэрии.</p><p>Ремонт обошёлся в 4,2 млн долларов.</p></article>"
    "</body></html>"
)


@pytest.fixture(autouse=True)
def _loopback(loopback_only: None) -> None:
    """No test here reaches any address but 127.0.0.1."""


def test_a_page_becomes_an_article(server: Server) -> None:
    url = server.page("/bridge", PAGE)
    seen: list[float] = []
    article = load_url(url, "a1", seen.append)
    assert (article.source, article.url, article.outlet) == (url, url, "Kettle Valley Times")
    assert article.sentences[0].text == "Bridge reopens on Saturday"
    assert (
        article.sentences[1].text
        == "The Ferris Street bridge will reopen on Saturday after fourteen months of repairs, "
        "officials said."
    )
    assert article.language == "en"
    assert seen and max(seen) <= 1.0
    assert server.requests[0]["User-Agent"] == USER_AGENT


def test_outlet_is_the_domain_without_og_site_name(server: Server) -> None:
    article = load_url(server.page("/ru", RUSSIAN_PAGE), "a1")
    assert (article.outlet, article.language) == ("127.0.0.1", "ru")


def test_charset_from_the_header(server: Server) -> None:
    url = server.page("/cp", RUSSIAN_PAGE.encode("cp1251"), "text/html; charset=windows-1251")
    assert "Мост через реку Кеттл" in load_url(url, "a1").text


def test_redirects_are_followed_to_http_only(server: Server) -> None:
    target = server.page("/bridge", PAGE)
    server.routes["/old"] = (301, {"Location": target}, b"")
    assert load_url(server.url("/old"), "a1").url == target
    for scheme in ("file:///etc/passwd", "ftp://127.0.0.1/x"):
        server.routes["/evil"] = (302, {"Location": scheme}, b"")
        with pytest.raises(LoadError) as info:
            load_url(server.url("/evil"), "a1")
        assert (
            "not allowed" in info.value.reason or "not to an http(s) address" in info.value.reason
        )


def test_pdf_by_url(server: Server) -> None:
    data = pdf_bytes(
        [[Line("The Ferris Street bridge reopens on Saturday after fourteen months of repairs.")]]
    )
    article = load_url(server.page("/b.pdf", data, "application/pdf"), "a1")
    assert article.sentences[0].text.startswith("The Ferris Street bridge reopens")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ((404, {}, b"gone"), "the server answered 404 Not Found"),
        (
            (200, {"Content-Type": "image/png"}, b"\x89PNG...."),
            "this address is not a web page or an article (image/png)",
        ),
        ((200, {"Content-Type": "text/html"}, b"   "), "the server sent an empty page"),
        (
            (
                200,
                {"Content-Type": "text/html"},
                b"<html><body><ul><li>Home</li></ul></body></html>",
            ),
            "no article text found in this web page",
        ),
    ],
)
def test_failures_have_a_reason(
    server: Server, route: tuple[int, dict[str, str], bytes], reason: str
) -> None:
    server.routes["/x"] = route
    with pytest.raises(LoadError) as info:
        load_url(server.url("/x"), "a1")
    assert info.value.reason == reason
    assert info.value.path == server.url("/x")


def test_size_cap(server: Server) -> None:
    url = server.page("/big", b"x" * 300_000, "text/plain")
    with pytest.raises(LoadError) as info:
        fetch(url, max_bytes=100_000)
    assert "Parallax opens pages up to" in info.value.reason
    # Without a Content-Length the download stops at the cap as well.
    server.routes["/big2"] = (
        200,
        {"Content-Type": "text/plain", "Content-Length": ""},
        b"x" * 300_000,
    )
    with pytest.raises(LoadError):
        fetch(server.url("/big2"), max_bytes=100_000)


def test_timeout(server: Server) -> None:
    server.page("/slow", PAGE)
    server.delay = 1.5
    with pytest.raises(LoadError) as info:
        fetch(server.url("/slow"), timeout=0.3)
    assert "did not answer" in info.value.reason or "no answer in time" in info.value.reason


def test_cancel_stops_the_download(server: Server) -> None:
    url = server.page("/long", b"y" * 1_000_000, "text/plain")
    with pytest.raises(Cancelled):
        fetch(url, cancelled=lambda: True)


def test_refused_connection(server: Server) -> None:
    port = server.httpd.server_address[1]
    server.httpd.shutdown()
    server.httpd.server_close()
    with pytest.raises(LoadError) as info:
        fetch(f"http://127.0.0.1:{port}/gone", timeout=2)
    assert info.value.reason.startswith("the page could not be fetched (")


def test_only_http_and_https() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("file:///etc/passwd") and not is_url("example.org") and not is_url("a.html")
    with pytest.raises(LoadError):
        fetch("ftp://127.0.0.1/file")


def test_compare_url_on_the_command_line(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.page("/bridge", PAGE)
    other = tmp_path / "gazette.txt"
    other.write_text(
        "The Ferris Street bridge reopens on Saturday after fourteen months of repairs, "
        "officials said.\n",
        encoding="utf-8",
    )
    assert main(["compare", url, str(other), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["articles"][0]
    assert (first["source"], first["url"], first["outlet"], first["language"]) == (
        url,
        url,
        "Kettle Valley Times",
        "en",
    )
    assert data["links"], "the two reports should link"


def test_command_line_notes_mixed_languages(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.page("/ru", RUSSIAN_PAGE)
    assert main(["compare", server.page("/bridge", PAGE), url]) == 0
    out = capsys.readouterr().out
    assert "note: These articles are in English and Russian." in out


def test_load_articles_takes_urls(server: Server) -> None:
    articles = load_articles([server.page("/bridge", PAGE), server.page("/ru", RUSSIAN_PAGE)])
    assert [a.language for a in articles] == ["en", "ru"]

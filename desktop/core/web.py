"""Opening an article from its address: the one network access Parallax ever makes.

Nothing else in Parallax touches the network: files, saved pages and workspaces are read from
disk only. A URL is fetched only when the user asks for it by name (File ▸ Open URL…, or
`parallax compare URL …`), once, with `urllib`: a timeout, a size cap, a user agent that says
what is asking, and http/https only (no file:, ftp: or data:, including on redirects). The page
is then read like a saved one and its text becomes the article's, so a workspace keeps it as it
was when fetched: it never changes under the user, and reopening it fetches nothing.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import PurePosixPath
from typing import IO
from urllib.parse import urlparse

from desktop import __version__
from desktop.core.article import Article
from desktop.core.errors import Cancelled, LoadError
from desktop.core.loading import Document, article_from_document, parse_document, parse_text

log = logging.getLogger(__name__)

USER_AGENT = f"Parallax/{__version__} (news comparison app; fetches only pages its user opens)"
TIMEOUT_S = 20.0
"""Seconds to wait for the server to connect or to send more data."""
MAX_BYTES = 10 * 1024 * 1024
"""Pages larger than this are refused: no article is anywhere near it."""
CHUNK = 64 * 1024

_SUFFIX_BY_TYPE = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
    "text/markdown": ".md", "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "message/rfc822": ".eml",
}  # fmt: skip
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    """What the server sent."""

    data: bytes
    url: str
    """The address after redirects."""
    content_type: str
    """The media type without parameters ("text/html"), lower case; "" if none was sent."""
    charset: str = ""


def is_url(text: str) -> bool:
    """True for an http or https address (what `fetch` accepts)."""
    parsed = urlparse(text.strip())
    return parsed.scheme.lower() in ("http", "https") and bool(parsed.netloc)


def fetch(
    url: str,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """Download `url`; `LoadError` (naming the address) for anything that goes wrong.

    `progress` gets the fraction received (of the announced size, when there is one), and the
    download stops with `Cancelled` between two chunks once `cancelled()` is true.
    """
    if not is_url(url):
        raise LoadError(url, "only http:// and https:// addresses can be opened")
    request = urllib.request.Request(
        url.strip(), headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"}
    )
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _RedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    log.info("fetching %s", url)
    try:
        with opener.open(request, timeout=timeout) as response:
            size = int(response.headers.get("Content-Length") or 0)
            if size > max_bytes:
                raise LoadError(url, _too_big(size, max_bytes))
            chunks: list[bytes] = []
            received = 0
            while chunk := response.read(CHUNK):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                received += len(chunk)
                if received > max_bytes:
                    raise LoadError(url, _too_big(received, max_bytes))
                chunks.append(chunk)
                if progress is not None:
                    progress(min(received / size, 1.0) if size else received / (received + CHUNK))
            content_type = response.headers.get("Content-Type", "")
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise LoadError(url, f"the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise LoadError(url, f"the page could not be fetched ({_reason(exc.reason)})") from exc
    except TimeoutError as exc:
        raise LoadError(url, f"the server did not answer within {timeout:g} s") from exc
    except OSError as exc:  # a reset connection, a broken TLS session …
        raise LoadError(url, f"the page could not be fetched ({_reason(exc)})") from exc
    media = content_type.split(";")[0].strip().lower()
    charset = match[1] if (match := _CHARSET.search(content_type)) else ""
    return Fetched(b"".join(chunks), final, media, charset)


def load_url(
    url: str,
    article_id: str,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Article:
    """Fetch `url` and read it as an article (the download is the first half of `progress`)."""

    def part(start: float) -> Callable[[float], None] | None:
        return None if progress is None else (lambda f: progress(start + 0.5 * f))

    fetched = fetch(url, part(0.0), cancelled)
    document = document_from_fetched(fetched, url.strip())
    return article_from_document(document, article_id, part(0.5), cancelled)


def document_from_fetched(fetched: Fetched, source: str) -> Document:
    """The fetched bytes as a `Document`, read by their media type (then by their name)."""
    suffix = _SUFFIX_BY_TYPE.get(fetched.content_type)
    if suffix is None:
        suffix = PurePosixPath(urlparse(fetched.url).path).suffix.lower()
        media = fetched.content_type
        if media and not media.startswith("text/") and suffix not in (".pdf", ".docx", ".eml"):
            raise LoadError(source, f"this address is not a web page or an article ({media})")
    if not fetched.data.strip():
        raise LoadError(source, "the server sent an empty page")
    if fetched.charset and suffix in (".html", ".txt", ".md"):
        try:
            text = fetched.data.decode(fetched.charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: let the page's own declaration decide
        else:
            document = parse_text(text, source, suffix == ".html", fetched.charset, fetched.url)
            return _with_address(document, fetched.url)
    return _with_address(parse_document(fetched.data, source, suffix, fetched.url), fetched.url)


def _with_address(document: Document, url: str) -> Document:
    return dataclasses.replace(document, metadata={"url": url, **document.metadata})


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to http and https addresses only."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise LoadError(req.full_url, f"it redirects to {newurl}, not to an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _too_big(size: int, limit: int) -> str:
    return (
        f"the page is {size / 2**20:.1f} MB or more; Parallax opens pages up to {limit // 2**20} MB"
    )


def _reason(reason: object) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "no answer in time"
    if isinstance(reason, socket.gaierror):
        return "the server's name could not be found"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    return str(getattr(reason, "strerror", None) or reason)

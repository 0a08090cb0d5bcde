"""The new ways in: Paste as Article, Open URL, text dropped on the window, and the notice for
articles in different languages.

`Ingest` turns each request into a `Session.add_made` call, so the article is made (segmented,
and for a URL fetched) in the session's worker, with progress in the status bar and Cancel.
A pasted or fetched article has no file: it lives in the workspace, and the workspace controller
counts it as unsaved until the workspace is saved. The outlet of a pasted article is asked for
in `PasteDialog`, prefilled with the site name the clipboard's HTML gives, if any.

`ask_outlet(text, suggested)` and `ask_url()` show the dialogs; tests replace them with
functions that answer at once (None for Cancel).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QGuiApplication

from desktop.core.article import Article
from desktop.core.comparison import Comparison
from desktop.core.language import mixed_languages_notice
from desktop.gui import errors
from desktop.gui.article_dialogs import PasteDialog, UrlDialog

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

STATUS_MS = 5000


class Ingest(QObject):
    """Pasted text, dropped text and URLs become articles of the open comparison."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._session = window.session
        self._notice = ""
        self.ask_outlet: Callable[[str, str], str | None] = self._ask_outlet_dialog
        self.ask_url: Callable[[], str | None] = self._ask_url_dialog
        window.comparison_changed.connect(self._on_comparison_changed)

    def handlers(self) -> dict[str, Callable[[], object]]:
        return {"paste_article": self.paste_clipboard, "open_url": lambda: self.open_url()}

    # -- paste and drop ---------------------------------------------------------------------

    def paste_clipboard(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        return mime is not None and self.paste_mime(mime)

    def paste_mime(self, mime: QMimeData) -> bool:
        """Ask for the outlet and add the text (or HTML) of `mime`; False if there was none or
        the user cancelled."""
        from desktop.core.paste import pasted_article, pasted_source, site_name

        text = mime.text() if mime.hasText() else ""
        html = mime.html() if mime.hasHtml() else ""
        if not text.strip() and not html.strip():
            self._window.statusBar().showMessage("The clipboard holds no text to paste.", STATUS_MS)
            return False
        outlet = self.ask_outlet(text or _html_as_text(html), site_name(html) if html else "")
        if outlet is None:
            return False
        source = pasted_source()

        def make(
            article_id: str, progress: Callable[[float], None], cancelled: Callable[[], bool]
        ) -> Article:
            return pasted_article(text, article_id, outlet, html, source, progress, cancelled)

        self._session.add_made([("Reading the pasted text", make)])
        return True

    def accepts(self, mime: QMimeData) -> bool:
        """True for a drop this controller takes: text, HTML or web links (not local files)."""
        if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
            return False
        return bool(self._web_links(mime)) or mime.hasText() or mime.hasHtml()

    def drop(self, mime: QMimeData) -> bool:
        """A dropped web link is opened (fetched); dropped text is pasted."""
        links = self._web_links(mime)
        if links:
            for url in links:
                self.open_url(url)
            return True
        return self.paste_mime(mime)

    def _web_links(self, mime: QMimeData) -> list[str]:
        from desktop.core.web import is_url

        urls = [u.toString() for u in mime.urls()] if mime.hasUrls() else []
        return [u for u in urls if is_url(u)]

    # -- open URL -------------------------------------------------------------------------

    def open_url(self, url: str | None = None) -> bool:
        """Fetch `url` (asking for one when None) in the worker and add it; False if cancelled."""
        from desktop.core.web import is_url, load_url

        address = (url if url is not None else self.ask_url() or "").strip()
        if not address:
            return False
        if not is_url(address):
            self._window.message_bar.show_message(
                f"{address}: only http:// and https:// addresses can be opened.", errors.ERROR
            )
            return False

        def make(
            article_id: str, progress: Callable[[float], None], cancelled: Callable[[], bool]
        ) -> Article:
            return load_url(address, article_id, progress, cancelled)

        self._session.add_made([(f"Fetching {address}", make)])
        return True

    # -- languages --------------------------------------------------------------------------

    def _on_comparison_changed(self, comparison: Comparison | None) -> None:
        languages = [a.language for a in comparison.articles] if comparison is not None else []
        notice = mixed_languages_notice(languages)
        if notice and notice != self._notice:
            self._window.message_bar.show_message(notice, errors.INFO)
        self._notice = notice

    # -- dialogs (replaced in tests) --------------------------------------------------------

    def _ask_outlet_dialog(self, text: str, suggested: str) -> str | None:
        dialog = PasteDialog(text, suggested, self._window)
        return dialog.outlet() if dialog.exec() else None

    def _ask_url_dialog(self) -> str | None:
        dialog = UrlDialog("", self._window)
        return dialog.url() if dialog.exec() else None


def _html_as_text(html: str) -> str:
    """The words of an HTML fragment, for the dialog's preview."""
    from lxml import html as lxml_html

    try:
        return " ".join(lxml_html.fromstring(html).text_content().split())
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return ""

"""E-mail newsletters saved as .eml, read with the standard library's `email` package.

A newsletter is a message whose body is the article, as HTML (read like a saved web page) or
plain text; the subject is its title, the sender's name its outlet and the Date header its date.
Attachments are left alone.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import email.utils
from email.message import EmailMessage

from desktop.core.errors import LoadError


def read_eml(data: bytes, source: str) -> tuple[str, bool, dict[str, str]]:
    """The body to read (text, and whether it is HTML) and the headers that name the article."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message["From"] or message["Subject"]):
        raise LoadError(source, "this is not an e-mail message (no sender, no subject)")
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        raise LoadError(source, "this e-mail has no text or HTML body")
    try:
        content = part.get_content()
    except (LookupError, ValueError) as exc:  # an unknown charset, a broken encoding
        raise LoadError(source, f"this e-mail's text cannot be decoded ({exc})") from exc
    if not isinstance(content, str) or not content.strip():
        raise LoadError(source, "this e-mail has no text")
    headers: dict[str, str] = {}
    if subject := str(message["Subject"] or "").strip():
        headers["title"] = subject
    name, address = email.utils.parseaddr(str(message["From"] or ""))
    if sender := name.strip() or address.partition("@")[2]:
        headers["outlet"] = sender
    if (date := message["Date"]) is not None:
        with contextlib.suppress(TypeError, ValueError):  # a date nobody can read: none
            headers["date"] = email.utils.parsedate_to_datetime(str(date)).date().isoformat()
    return content, part.get_content_subtype() == "html", headers

"""Plain-English wording shared by messages in the engine, the window and the reports."""

from __future__ import annotations

from collections.abc import Sequence


def and_list(items: Sequence[str]) -> str:
    """ "Politico", "Politico and Kyiv Courier", "Politico, the Post and Kyiv Courier"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

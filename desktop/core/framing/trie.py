"""Word lists as regexes that stay fast however long the list grows.

A plain alternation ("may|might|could|…") makes Python's regex engine try every phrase at every
word boundary; with a hundred phrases that is most of the time spent on a sentence. Sharing
prefixes ("m(?:a(?:y)|ight)") lets a position fail on its first character instead, which made
cue-finding several times faster here. Longer phrases are still preferred: every optional
continuation is greedy, and a failing `\\b` after it falls back to the shorter phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""

# Characters that stand for a small class of characters in the text.
_CLASSES = {" ": r"\s+", "'": "['’]"}

Node = dict[str, "Node"]


def trie_regex(phrases: Iterable[str]) -> str:
    """A regex (without anchors or boundaries) matching any of `phrases`.

    Spaces in a phrase match any run of white space and a straight apostrophe matches a curly
    one too. Case is kept: compile with `re.I` to ignore it.
    """
    root: Node = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _emit(root) if root else "(?!)"


def _emit(node: Node) -> str:
    terminal = _END in node
    branches = [_piece(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
    return body


def _piece(ch: str) -> str:
    return _CLASSES.get(ch) or re.escape(ch)

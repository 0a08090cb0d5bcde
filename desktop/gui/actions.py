"""The window's actions, with their shortcuts, in one table so menus and tests share them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.gui import style

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    """How one action looks and which keys trigger it."""

    name: str
    text: str
    keys: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = ()
    tip: str = ""
    icon: str = ""
    checkable: bool = False


SPECS = (
    Spec("open", "&Open…", (Key.Open,), "Open articles, replacing the open set", "open"),
    Spec("add", "A&dd Articles…", ("Ctrl+Shift+O",), "Add articles to the comparison", "add"),
    Spec(
        "open_url",
        "Open &URL…",
        (),
        "Fetch a web page by its address and add it (the only time Parallax uses the network)",
    ),
    Spec(
        "paste_article",
        "Paste as &Article",
        ("Ctrl+Shift+V",),
        "Add the text or web page on the clipboard as an article",
    ),
    Spec(
        "remove",
        "Remo&ve Article",
        ("Ctrl+Delete",),
        "Remove the current article (Undo brings it back)",
        "remove",
    ),
    Spec("edit", "Edit Article De&tails…", ("F2",), "Edit outlet, title and date", "edit"),
    Spec("export", "&Export…", ("Ctrl+E",), "Export the comparison as a report", "export"),
    Spec(
        "save",
        "&Save",
        (Key.Save,),
        "Save the workspace: articles, edits, threshold and manual links, in one .parallax file",
    ),
    Spec("save_as", "Save &As…", (Key.SaveAs,), "Save the workspace to another file"),
    Spec("rename", "Re&name Workspace…", (), "Rename the event this workspace is about"),
    Spec(
        "reload_changed",
        "Reload C&hanged Articles",
        ("Ctrl+R",),
        "Read again the articles whose file changed on disk (Undo brings the old text back)",
    ),
    Spec(
        "check_changes",
        "Check for Chan&ges",
        ("F5",),
        "Look whether the open articles' files changed on disk (where they cannot be watched)",
    ),
    Spec(
        "link",
        "&Link Sentences",
        ("Ctrl+L",),
        "Link the selected sentence with the one marked by Ctrl+click; with none marked, mark "
        "the selected one, then select its counterpart in another pane and link again",
    ),
    Spec(
        "unlink",
        "Unlin&k Sentences",
        ("Ctrl+U",),
        "Keep the selected sentence apart from the one marked by Ctrl+click, or else from its "
        "counterpart in the next pane (the previous one for the last pane); also on a link's "
        "right-click menu",
    ),
    Spec(
        "why_not",
        "&Why Not Linked?…",
        ("Ctrl+Shift+Y",),
        "Why the selected sentence and the one marked by Ctrl+click are (not) linked: their "
        "score against the threshold, what they share, and near misses you can link",
    ),
    Spec("quit", "&Quit", (Key.Quit,), "Quit Parallax"),
    Spec("find", "&Find…", (Key.Find,), "Find text in the articles"),
    Spec("find_next", "Find &Next", (Key.FindNext,), "Find the next match"),
    Spec("find_previous", "Find &Previous", (Key.FindPrevious,), "Find the previous match"),
    Spec(
        "next_difference",
        "&Next Difference",
        ("Alt+Down",),
        "Next claim the shown outlets disagree on or some of them leave out",
        "down",
    ),
    Spec(
        "previous_difference",
        "&Previous Difference",
        ("Alt+Up",),
        "Previous claim the shown outlets disagree on or some of them leave out",
        "up",
    ),
    Spec(
        "next_conflict",
        "Next &Conflict",
        ("Alt+C",),
        "Next claim on which two shown outlets conflict (numbers, dates, negation, certainty)",
    ),
    Spec(
        "previous_conflict",
        "Previous C&onflict",
        ("Alt+Shift+C",),
        "Previous claim on which two shown outlets conflict",
    ),
    Spec(
        "next_unique",
        "Next &Unique Sentence",
        ("Alt+U", "Ctrl+Alt+Down"),
        "Next sentence only the current outlet carries",
    ),
    Spec(
        "previous_unique",
        "Previous Uni&que Sentence",
        ("Alt+Shift+U", "Ctrl+Alt+Up"),
        "Previous sentence only the current outlet carries",
    ),
    Spec(
        "counterpart_right",
        "Counterpart in Pane to the &Right",
        ("Alt+Right",),
        "Move to the next pane, on the selected claim",
    ),
    Spec(
        "counterpart_left",
        "Counterpart in Pane to the &Left",
        ("Alt+Left",),
        "Move to the previous pane, on the selected claim",
    ),
    Spec(
        "move_left",
        "Move Article &Left",
        ("Ctrl+Shift+Left",),
        "Move the current pane left (or drag its header)",
        "left",
    ),
    Spec(
        "move_right",
        "Move Article Ri&ght",
        ("Ctrl+Shift+Right",),
        "Move the current pane right (or drag its header)",
        "right",
    ),
    Spec(
        "move_first", "Move Article to &Start", ("Ctrl+Shift+Home",), "Make the current pane first"
    ),
    Spec("move_last", "Move Article to &End", ("Ctrl+Shift+End",), "Make the current pane last"),
    Spec(
        "sync_scrolling",
        "S&ynchronised Scrolling",
        ("Ctrl+Shift+L",),
        "Keep the other panes on the matching sentences while scrolling",
        checkable=True,
    ),
    Spec(
        "focus_claims",
        "Switch Between Panes and &Claims Table",
        ("F6",),
        "Move keyboard focus between the article panes and the claims table",
    ),
    Spec("focus_threshold", "Set &Threshold…", ("Ctrl+T",), "Move focus to the threshold"),
    Spec(
        "framing_panel",
        "&Framing Panel",
        ("F7",),
        "Show the selected claim's framing cues and the current outlet's profile",
        checkable=True,
    ),
    Spec(
        "coverage_chart",
        "Co&verage Chart",
        ("F8",),
        "Show the coverage chart of the main claims (as in the reports) in place of the claims "
        "table",
        checkable=True,
    ),
    Spec(
        "mark_hedges",
        "Mark &Hedges",
        (),
        "Underline hedge cues (may, expected to, if needed…) in the articles",
        checkable=True,
    ),
    Spec(
        "reset_layout",
        "&Reset Layout",
        (),
        "Window size, panels and pane widths as on first start; every outlet shown",
    ),
    Spec("cancel", "&Cancel", ("Esc",), "Cancel the running comparison"),
    Spec(
        "how_it_works",
        "&How Parallax Compares",
        (),
        "What a claim is, what the colours mean, scores and threshold, framing cues, limits",
    ),
    Spec("shortcuts", "&Keyboard Shortcuts", (Key.HelpContents,), "List every shortcut"),
    Spec(
        "whats_this",
        "&What's This?",
        ("Shift+F1",),
        "Click on a part of the window to learn what it is",
    ),
    Spec("about", "&About Parallax", (), "About Parallax"),
)


def make_actions(parent: QWidget, handlers: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    """Create every action in `SPECS`, connected to `handlers[name]` and added to `parent`
    (so its shortcut works wherever focus is in the window)."""
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.name}")
        keys = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in spec.keys]
        if len(spec.keys) == 1 and isinstance(spec.keys[0], QKeySequence.StandardKey):
            action.setShortcuts(spec.keys[0])
        elif keys:
            action.setShortcuts(keys)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = spec.tip or spec.text.replace("&", "").rstrip("…")
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)
        if spec.icon:
            action.setIcon(style.icon(spec.icon))
        action.setCheckable(spec.checkable)
        if spec.name in handlers:
            action.triggered.connect(handlers[spec.name])
        parent.addAction(action)
        actions[spec.name] = action
    return actions

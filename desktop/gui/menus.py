"""The window's menu bar and toolbar, built from its actions (gui/actions.py).

Kept apart from main_window.py so the window's wiring stays readable. Other features add their
items to these menus through `window.menus[...]` (the keys are the menu names below) rather
than by rebuilding them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from desktop.gui import files as files_ui

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow


TOOLBAR_TEXTS = {
    "add": "Add",
    "remove": "Remove",
    "previous_difference": "Previous",
    "next_difference": "Next",
}


def build_menus(window: MainWindow) -> dict[str, QMenu]:
    """File, Edit, View, Go and Help; returns them by name (lower case)."""
    a = window.actions_by_name
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a["open"], a["open_url"], a["add"], a["save"], a["save_as"]])
    file_menu.addAction(a["rename"])
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(
        lambda: files_ui.fill_recent_menu(window.recent_menu, window.settings, window.open_files)
    )
    file_menu.addSeparator()
    file_menu.addActions([a["reload_changed"], a["check_changes"]])
    file_menu.addSeparator()
    file_menu.addActions([a["edit"], a["remove"]])
    file_menu.addSeparator()
    file_menu.addAction(a["export"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([a["undo"], a["redo"]])
    edit_menu.addSeparator()
    edit_menu.addAction(a["paste_article"])
    edit_menu.addSeparator()
    edit_menu.addActions([a["find"], a["find_next"], a["find_previous"]])
    edit_menu.addSeparator()
    edit_menu.addActions([a["link"], a["unlink"], a["why_not"]])
    view_menu = bar.addMenu("&View")
    view_menu.addMenu(window.outlets.menu)
    view_menu.addMenu(window.outlets.base_menu)
    view_menu.addSeparator()
    view_menu.addActions([a["move_first"], a["move_left"], a["move_right"], a["move_last"]])
    view_menu.addSeparator()
    view_menu.addAction(a["sync_scrolling"])
    view_menu.addSeparator()
    view_menu.addActions([a["focus_claims"], a["focus_threshold"]])
    view_menu.addActions([a["framing_panel"], a["coverage_chart"], a["mark_hedges"]])
    view_menu.addSeparator()
    view_menu.addAction(a["reset_layout"])
    go_menu = bar.addMenu("&Go")
    go_menu.addActions([a["next_difference"], a["previous_difference"]])
    go_menu.addActions([a["next_conflict"], a["previous_conflict"]])
    go_menu.addActions([a["next_unique"], a["previous_unique"]])
    go_menu.addSeparator()
    go_menu.addActions([a["counterpart_left"], a["counterpart_right"]])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([a["how_it_works"], a["shortcuts"], a["whats_this"]])
    help_menu.addSeparator()
    help_menu.addAction(a["about"])
    return {"file": file_menu, "edit": edit_menu, "view": view_menu, "go": go_menu,
            "help": help_menu}  # fmt: skip


def build_toolbar(window: MainWindow) -> QToolBar:
    a = window.actions_by_name
    bar = window.addToolBar("Main")
    bar.setObjectName("MainToolBar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.addActions([a["open"], a["add"], a["remove"], a["export"]])
    bar.addSeparator()
    bar.addActions([a["undo"], a["redo"]])
    bar.addSeparator()
    window.threshold.add_to(bar)
    bar.addSeparator()
    bar.addActions([a["previous_difference"], a["next_difference"]])
    spacer = QWidget(bar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    # Short words beside the icons, so the whole toolbar fits a 1280-pixel window; the
    # tooltips keep the full names and keys.
    for name, text in TOOLBAR_TEXTS.items():
        a[name].setIconText(text)
    for name in ("undo", "redo"):
        button = bar.widgetForAction(a[name])
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    return bar

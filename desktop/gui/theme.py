"""View ▸ Theme: the system's colours, or a light or dark palette forced on, applied at once.

Every colour in the window is derived from the palette (gui/style.py): sentence tints and word
highlights, connectors, overview bars, legend chips, chart ink, verdict colours, toolbar icons.
So a theme is only a palette (with Qt's Fusion style, which draws every control from the
palette; "System" keeps the platform's style and palette). What paints from the palette simply
repaints; what bakes colours into something — the panes' character formats, the toolbar icons,
the verdict line — refreshes them on `QEvent.PaletteChange` (sentence_view.py, verdict_bar.py,
and `IconRefresher` here).

Qt does not pass `QApplication.setPalette` on to widgets a style sheet has polished, so the
application's style sheet is set again after the palette: that repolishes every widget, and
each then gets its `PaletteChange`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup, QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory

from desktop.gui import actions as action_table
from desktop.gui import style
from desktop.gui.settings import THEMES, Settings

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SYSTEM, LIGHT, DARK = THEMES
LABELS = {SYSTEM: "&System", LIGHT: "&Light", DARK: "&Dark"}
FORCED_STYLE = "Fusion"
"""The style of a forced theme: it draws every control from the palette."""

_ROLES = [r for r in QPalette.ColorRole if r != QPalette.ColorRole.NColorRoles]
_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)

#: The dark palette's colours (active and inactive; disabled ones are dimmed from these).
DARK_COLORS = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#e4e6e8",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3a3d41",
    QPalette.ColorRole.ToolTipText: "#e4e6e8",
    QPalette.ColorRole.PlaceholderText: "#9a9fa6",
    QPalette.ColorRole.Text: "#e4e6e8",
    QPalette.ColorRole.Button: "#35373b",
    QPalette.ColorRole.ButtonText: "#e4e6e8",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Light: "#4a4d52",
    QPalette.ColorRole.Midlight: "#404347",
    QPalette.ColorRole.Mid: "#5c6066",
    QPalette.ColorRole.Dark: "#18191b",
    QPalette.ColorRole.Shadow: "#0c0c0d",
    QPalette.ColorRole.Highlight: "#3574c4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7ab4ff",
    QPalette.ColorRole.LinkVisited: "#c39bff",
    QPalette.ColorRole.Accent: "#3574c4",
}
_DISABLED = {
    QPalette.ColorRole.WindowText: "#7d8187",
    QPalette.ColorRole.Text: "#7d8187",
    QPalette.ColorRole.ButtonText: "#7d8187",
    QPalette.ColorRole.Highlight: "#45484d",
    QPalette.ColorRole.HighlightedText: "#a0a4aa",
}

_current = SYSTEM
_system_style = ""
"""The platform's style, remembered the first time a theme is forced (System restores it)."""


def dark_palette() -> QPalette:
    """A dark palette with every role set (so nothing falls back to the platform's)."""
    palette = QPalette()
    for group in _GROUPS:
        for role, color in DARK_COLORS.items():
            if group == QPalette.ColorGroup.Disabled and role in _DISABLED:
                color = _DISABLED[role]
            palette.setColor(group, role, QColor(color))
    return palette


def light_palette() -> QPalette:
    """Fusion's light palette, with every role set explicitly."""
    fusion = QStyleFactory.create(FORCED_STYLE)
    source = fusion.standardPalette() if fusion is not None else QPalette()
    palette = QPalette()
    for group in _GROUPS:
        for role in _ROLES:
            palette.setColor(group, role, source.color(group, role))
    return palette


def current() -> str:
    """The theme in force in this process."""
    return _current


def apply(theme: str) -> None:
    """Put `theme` ("system", "light" or "dark") in force for the whole application, at once."""
    global _current, _system_style
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    theme = theme if theme in THEMES else SYSTEM
    if theme == _current:
        return
    if not _system_style:
        _system_style = app.style().name()
    wanted = _system_style if theme == SYSTEM else FORCED_STYLE
    if app.style().name().lower() != wanted.lower():
        app.setStyle(wanted)
    if theme == DARK:
        app.setPalette(dark_palette())
    elif theme == LIGHT:
        app.setPalette(light_palette())
    else:
        app.setPalette(QPalette())  # no role set: the style's and platform's own palette
    app.setStyleSheet(app.styleSheet())  # repolish, so every widget takes the new palette
    _current = theme
    log.info("theme %s", theme)


def startup(settings: Settings, override: str | None = None) -> None:
    """At start: the theme chosen in View ▸ Theme, or `override` for this run only."""
    apply(override or settings.theme())


class IconRefresher(QObject):
    """Redraws the window's action icons in the new palette's ink when the palette changes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.names = {s.name: s.icon for s in action_table.SPECS if s.icon}
        self.names.update(undo="undo", redo="redo")
        window.installEventFilter(self)

    def refresh(self) -> None:
        palette = self._window.palette()
        for name, icon in self.names.items():
            action = self._window.actions_by_name.get(name)
            if action is not None:
                action.setIcon(style.icon(icon, palette))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.PaletteChange:
            self.refresh()
        return False


class ThemeMenu(QObject):
    """View ▸ Theme: System, Light, Dark as radio items; the choice is saved in the settings
    and applied at once."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.menu = QMenu("The&me", window)
        self.menu.setObjectName("ThemeMenu")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = QAction(LABELS[theme], window)
            action.setObjectName(f"action_theme_{theme}")
            action.setCheckable(True)
            action.setStatusTip(
                "Follow the system's colours"
                if theme == SYSTEM
                else f"A {theme} palette, whatever the system's"
            )
            action.triggered.connect(lambda _on=False, t=theme: self.choose(t))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[theme] = action
        self.actions[current()].setChecked(True)
        self.icons = IconRefresher(window)
        window.menus["view"].insertMenu(window.actions_by_name["reset_layout"], self.menu)

    def choose(self, theme: str) -> None:
        """The user picked `theme`: remember it and apply it now."""
        self._window.settings.set_theme(theme)
        apply(theme)
        self.actions[current()].setChecked(True)

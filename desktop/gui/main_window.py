"""The comparison window: panes over a claims table, with toolbar, menus and status bar.

The window wires the `Session` (which owns the comparison and its workers) to the views; it
computes nothing itself. Every view swaps to a new `Comparison` in `_on_comparison_changed`.
Changes to the comparison go through `History` (undo.py) so each can be undone; menus are
built in menus.py, window geometry in window_layout.py, outlets shown and the base outlet in
outlets.py, manual links in linking.py, verdicts and notes in verdict_actions.py, article
actions in article_actions.py, find in find.py, the Go menu in navigator.py, Export in
export_actions.py, View ▸ Theme in theme.py, zoom in zoom.py, Edit ▸ Copy in copying.py and
reloading files changed on disk in reload_actions.py.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWhatsThis,
    QWidget,
)

from desktop.core.comparison import Comparison, SentenceRef
from desktop.core.options import AlignOptions
from desktop.gui import actions as action_table
from desktop.gui import files as files_ui
from desktop.gui import menus, style, window_layout
from desktop.gui.article_actions import ArticleActions
from desktop.gui.chrome import (
    EMPTY_TEXT,
    LOADING_TEXT,
    StatusSummary,
    ThresholdControls,
    build_empty_page,
)
from desktop.gui.copying import Copier
from desktop.gui.errors import ERROR, INFO, MessageBar
from desktop.gui.export_actions import ExportController
from desktop.gui.find import Finder
from desktop.gui.ingest import Ingest
from desktop.gui.linking import LinkingController
from desktop.gui.navigator import Navigator
from desktop.gui.outlets import OutletsController
from desktop.gui.reload_actions import ReloadController
from desktop.gui.session import Session, same_alignment
from desktop.gui.settings import Settings
from desktop.gui.theme import ThemeMenu
from desktop.gui.undo import History
from desktop.gui.verdict_actions import VerdictActions
from desktop.gui.whats_this import explain_widgets
from desktop.gui.widgets.claims_panel import ClaimsPanel
from desktop.gui.widgets.find_bar import FindBar
from desktop.gui.widgets.framing_dock import FramingDock
from desktop.gui.widgets.legend import LegendBar
from desktop.gui.widgets.pane_strip import PaneStrip
from desktop.gui.workspace_controller import WorkspaceController
from desktop.gui.zoom import Zoom

log = logging.getLogger(__name__)

SWAP_STAGE_MS = 15
"""Delay before the table follows the panes: lets queued input and paints run between."""
STATUS_MS = 6000


class MainWindow(QMainWindow):
    """Parallax's main window.

    Signals:
        comparison_changed(object): every view now shows this `Comparison` (or None).
    """

    comparison_changed = Signal(object)
    recent_menu: QMenu
    """File ▸ Open Recent (menus.py builds it)."""

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.session = Session(self.settings.align_options(), self)
        self.history = History(self.session, self)
        self.message_bar = MessageBar(self)
        self._message_actions: list[Callable[[], object]] = []
        self.strip = PaneStrip(self)
        self.legend_bar = LegendBar(self)
        self.find_bar = FindBar(self)
        self.finder = Finder(self.strip, self.find_bar)
        self.claims = ClaimsPanel(self)
        self.status = StatusSummary(self)
        self.threshold = ThresholdControls(self.session.options, self)
        self.last_dialog: QDialog | None = None
        self.default_split_pending = False
        self._build_layout()
        self.workspace = WorkspaceController(self)
        self.linking = LinkingController(self)
        self.outlets = OutletsController(self)
        self.navigator = Navigator(self)
        self.article_actions = ArticleActions(self)
        self.ingest = Ingest(self)
        self.exporter = ExportController(self)
        self.reloader = ReloadController(self)
        self.actions_by_name = action_table.make_actions(self, self._handlers())
        self._add_undo_actions()
        self.menus = menus.build_menus(self)
        self.theme_menu = ThemeMenu(self)  # View ▸ Theme; View ▸ Zoom…; Edit ▸ Copy
        self.zoom = Zoom(self)
        self.copier = Copier(self)
        self.toolbar = menus.build_toolbar(self)
        self.setStatusBar(self.status.bar)
        self._connect()
        self.framing_dock = FramingDock.install(self)
        self.verdict_actions = VerdictActions(self)
        explain_widgets(self)
        self._export_available = importlib.util.find_spec("desktop.gui.export_dialog") is not None
        self._focus_first_pane = True
        self._sync_sync_action()
        self._update_actions()
        window_layout.restore(self)

    # -- construction ---------------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[], object]]:
        return {
            "open": self._on_open,
            "add": self._on_add,
            **self.article_actions.handlers(),
            **self.navigator.handlers(),
            "export": self.exporter.open_dialog,
            "quit": self.close,
            **self.workspace.handlers(),
            **self.linking.handlers(),  # type: ignore[dict-item]
            **self.ingest.handlers(),
            **self.reloader.handlers(),
            "find": self.find_bar.open_bar,
            "find_next": self.find_bar.find_next,
            "find_previous": self.find_bar.find_previous,
            "sync_scrolling": self._on_sync_toggled,
            "focus_threshold": self.threshold.focus,
            "reset_layout": lambda: window_layout.reset(self),
            "cancel": self._on_cancel,
            "how_it_works": self._on_how_it_works,
            "shortcuts": self._on_shortcuts,
            "whats_this": QWhatsThis.enterWhatsThisMode,
            "about": self._on_about,
        }

    def _add_undo_actions(self) -> None:
        undo, redo = self.history.make_actions(self)
        for action, name in ((undo, "undo"), (redo, "redo")):
            action.setIcon(style.icon(name))
            action.setIconText(name.capitalize())
            self.addAction(action)
            self.actions_by_name[name] = action

    def _build_layout(self) -> None:
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        self.stack = QStackedWidget(top)
        self.empty_page = build_empty_page(self.stack)
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self.strip)
        top_layout.addWidget(self.stack, 1)
        top_layout.addWidget(self.legend_bar)
        top_layout.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.claims)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        session = self.session
        session.comparison_changed.connect(self._on_comparison_changed)
        session.busy_changed.connect(self._on_busy_changed)
        session.progress.connect(self.status.set_progress)
        session.problem.connect(self._on_problem)
        session.notice.connect(self._on_notice)
        session.opened.connect(self._on_opened)
        self.status.cancel_button.clicked.connect(self._on_cancel)
        self.threshold.options_changed.connect(self._on_options_changed)
        self.threshold.rerun_requested.connect(session.rerun)
        self.strip.selection_changed.connect(self._on_selection_changed)
        self.strip.settled.connect(self._on_strip_settled)
        self.strip.shown_changed.connect(self._on_shown_changed)
        self.claims.claim_activated.connect(self._on_claim_activated)
        chart = self.actions_by_name["coverage_chart"]
        chart.toggled.connect(self.claims.show_chart)
        self.claims.chart_button.toggled.connect(chart.setChecked)
        self.message_bar.action_triggered.connect(lambda: self._on_message_action(0))
        self.message_bar.second_action_triggered.connect(lambda: self._on_message_action(1))

    def toolbars(self) -> list[QToolBar]:
        return [self.toolbar]

    # -- state ----------------------------------------------------------------------------

    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_splitter_state(QByteArray(self.splitter.saveState()))
        self.settings.set_sync_scrolling(self.strip.sync_scrolling())
        if self.session.comparison is not None or not self.session.is_busy():
            self.settings.set_last_files(self.session.sources())
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.default_split_pending:
            window_layout.default_split(self)
        QTimer.singleShot(0, self, lambda: window_layout.clamp_dock(self))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.workspace.may_close():
            event.ignore()
            return
        self.save_state()
        self.session.cancel()
        self.reloader.cancel()
        super().closeEvent(event)

    # -- opening files --------------------------------------------------------------------

    def open_files(self, paths: list[str]) -> None:
        paths = files_ui.expand_paths(paths)
        if paths:
            self._remember_folder(paths)
            self.workspace.open_paths(paths)

    def add_files(self, paths: list[str]) -> None:
        paths = files_ui.expand_paths(paths)
        if paths:
            self._remember_folder(paths)
            self.workspace.add_paths(paths)

    def _remember_folder(self, paths: list[str]) -> None:
        self.settings.set_last_folder(str(Path(paths[0]).resolve().parent))

    def _ask_files(self, title: str) -> list[str]:
        return files_ui.ask_files(self, title, self.settings.last_folder())

    def _on_open(self) -> None:
        files = self._ask_files("Open articles")
        if files:
            self.open_files(files)

    def _on_add(self) -> None:
        files = self._ask_files("Add articles")
        if files:
            self.add_files(files)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        files = mime.hasUrls() and any(u.isLocalFile() for u in mime.urls())
        if files or self.ingest.accepts(mime):  # files, or text, HTML, a web link
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not files:
            if self.ingest.accepts(event.mimeData()) and self.ingest.drop(event.mimeData()):
                event.acceptProposedAction()
            return
        event.acceptProposedAction()
        if self.session.comparison is None:
            self.open_files(files)
        else:
            self.add_files(files)

    # -- session results ------------------------------------------------------------------

    def _on_opened(self, _opened: object) -> None:
        self.threshold.forget_thresholds()
        self._focus_first_pane = True

    def _on_comparison_changed(self, comparison: Comparison | None) -> None:
        # The strip is shown first, so the panes are laid out at their final size once.
        if comparison is not None and self.stack.currentWidget() is not self.strip:
            self.stack.setCurrentWidget(self.strip)
            # A stacked layout sizes only its current page, and on a later turn: size the
            # strip now, so the panes it is about to fill are laid out at their real width.
            self.strip.setGeometry(self.stack.contentsRect())
        self.strip.set_comparison(comparison, self.session.view_data_for(comparison))
        if comparison is None:
            self.stack.setCurrentWidget(self.empty_page)
        # Once every pane shows it, the table, then the status bar and framing panel, follow
        # on later event-loop turns, so the window never stalls for the sum of them all;
        # `comparison_changed` is emitted when every view shows the comparison.
        if self.strip.is_settled():
            self._on_strip_settled()

    def _on_strip_settled(self) -> None:
        """Every pane shows the strip's comparison (it settles once per comparison)."""
        comparison = self.strip.comparison()
        # With `self` as context the call is dropped if the window is gone by then.
        QTimer.singleShot(SWAP_STAGE_MS, self, lambda: self._swap_table(comparison))

    def _swap_table(self, comparison: Comparison | None) -> None:
        if not same_alignment(comparison, self.session.comparison):
            return  # a newer comparison arrived meanwhile and will finish its own swap
        comparison = self.session.comparison  # with the verdicts set meanwhile, if any
        self.claims.set_comparison(comparison, self.strip.shown_ids())
        QTimer.singleShot(0, self, lambda: self._finish_swap(comparison))

    def _finish_swap(self, comparison: Comparison | None) -> None:
        if not same_alignment(comparison, self.session.comparison):
            return
        comparison = self.session.comparison
        self.status.set_comparison(comparison)
        if comparison is not None:
            self.threshold.set_options(comparison.options)
            sources = self.session.sources()
            if sources != self.settings.last_files():
                self.settings.set_last_files(sources)
                if not self.workspace.path:  # a workspace is remembered as itself
                    self.settings.add_recent_set(sources)
            undoable = bool(self._message_actions)
            if len(comparison.articles) > 1 and self.message_bar.kind == INFO and not undoable:
                self.message_bar.hide()
            if self._focus_first_pane:
                self._focus_first_pane = False
                panes = self.strip.shown_panes()
                if panes and not self.find_bar.edit.hasFocus():
                    self.strip.set_current(panes[0].article_id)
        self._on_shown_changed()
        self._update_actions()
        self.comparison_changed.emit(comparison)

    def _on_busy_changed(self, busy: bool) -> None:
        self.status.set_busy(busy)
        loading = busy and self.session.comparison is None
        self.empty_page.setText(LOADING_TEXT if loading else EMPTY_TEXT)
        if not busy and self.session.comparison is not None:
            self.threshold.set_options(self.session.options)  # a cancel puts them back
        self._update_actions()

    def _on_problem(self, text: str) -> None:
        self.message_bar.show_message(text, ERROR)
        self._message_actions = []

    def _on_notice(self, text: str) -> None:
        self.message_bar.show_message(text, INFO)
        self._message_actions = []

    def show_undoable(self, text: str) -> None:
        """A message about a change just made, with an Undo button."""
        self.show_actions(text, [("Undo", self.history.stack.undo)])

    def show_actions(
        self, text: str, actions: list[tuple[str, Callable[[], object]]], kind: str = INFO
    ) -> None:
        """A message (information unless `kind` says otherwise) with up to two buttons
        (label, what it does)."""
        labels = [label for label, _ in actions] + [None, None]
        self.message_bar.show_message(text, kind, labels[0], labels[1])
        self._message_actions = [do for _, do in actions]

    def _on_message_action(self, number: int) -> None:
        actions, self._message_actions = self._message_actions, []
        self.message_bar.hide()
        if number < len(actions):
            actions[number]()

    def open_dialog(self, dialog: QDialog) -> None:
        """Show a dialog over the window without blocking (tests reach it as last_dialog)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        dialog.open()

    def _on_options_changed(self, options: AlignOptions) -> None:
        self.settings.set_align_options(options)
        self.history.set_options(options)

    def _on_cancel(self) -> None:
        self.session.cancel()
        self.threshold.set_options(self.session.options)

    def _update_actions(self) -> None:
        a = self.actions_by_name
        busy = self.session.is_busy()
        has = self.session.comparison is not None
        for name in ("remove", "edit", "move_left", "move_right", "move_first", "move_last"):
            a[name].setEnabled(has and not busy)
        a["cancel"].setEnabled(busy)
        a["export"].setEnabled(has and self._export_available)
        if not self._export_available:
            a["export"].setToolTip("Export is not available in this build of Parallax")
        for name in (
            "next_difference",
            "previous_difference",
            "next_conflict",
            "previous_conflict",
            "next_unique",
            "previous_unique",
            "find",
            "find_next",
            "find_previous",
        ):
            a[name].setEnabled(has)
        self.linking.update_actions()
        self.reloader.update_actions()

    # -- selection and navigation ---------------------------------------------------------

    def _on_selection_changed(self, ref: SentenceRef | None) -> None:
        comparison = self.session.comparison
        claim_id = comparison.claim_of(ref).id if ref is not None and comparison else None
        self.claims.select_claim(claim_id)
        self.legend_bar.follow(self.strip)

    def _on_shown_changed(self) -> None:
        self.claims.set_outlet_order(self.strip.shown_ids(), self.strip.hidden())
        self.legend_bar.follow(self.strip)

    def _on_claim_activated(self, ref: SentenceRef) -> None:
        self.strip.select(ref)
        self.strip.ensure_pane_visible(ref.article)

    def _on_sync_toggled(self) -> None:
        on = self.actions_by_name["sync_scrolling"].isChecked()
        self.strip.set_sync_scrolling(on)
        self.settings.set_sync_scrolling(on)

    def _sync_sync_action(self) -> None:
        on = self.settings.sync_scrolling()
        self.actions_by_name["sync_scrolling"].setChecked(on)
        self.strip.set_sync_scrolling(on)

    # -- export and help ------------------------------------------------------------------

    def _on_how_it_works(self) -> None:
        from desktop.gui.help import HowItWorksDialog

        self.open_dialog(HowItWorksDialog(self))

    def _on_shortcuts(self) -> None:
        from desktop.gui.help import ShortcutsDialog

        self.open_dialog(ShortcutsDialog(self.menuBar(), self))

    def _on_about(self) -> None:
        from desktop.gui.about import AboutDialog

        AboutDialog(self).exec()

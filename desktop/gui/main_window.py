"""The comparison window: panes over a claims table, with toolbar, menus and status bar.

The window wires the `Session` (which owns the comparison and its workers) to the views; it
computes nothing itself. Every view swaps to a new `Comparison` in `_on_comparison_changed`.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.comparison import CONFLICTING, UNIQUE, Comparison, SentenceRef
from desktop.core.options import AlignOptions
from desktop.gui import actions as action_table
from desktop.gui import files as files_ui
from desktop.gui.chrome import StatusSummary, ThresholdControls, build_empty_page
from desktop.gui.errors import ERROR, INFO, MessageBar, show_error_box
from desktop.gui.session import Session
from desktop.gui.settings import Settings
from desktop.gui.widgets.claims_panel import ClaimsPanel
from desktop.gui.widgets.find_bar import FindBar
from desktop.gui.widgets.framing_panel import FramingDock
from desktop.gui.widgets.legend import Legend
from desktop.gui.widgets.metadata_dialog import MetadataDialog
from desktop.gui.widgets.pane_strip import PaneStrip
from desktop.gui.workspace_controller import WorkspaceController

log = logging.getLogger(__name__)

SWAP_STAGE_MS = 15
"""Delay before the table follows the panes: lets queued input and paints run between."""


class MainWindow(QMainWindow):
    """Parallax's main window.

    Signals:
        comparison_changed(object): every view now shows this `Comparison` (or None).
    """

    comparison_changed = Signal(object)

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Parallax")
        self.setAcceptDrops(True)
        self.settings = settings or Settings()
        self.session = Session(self.settings.align_options(), self)
        self.message_bar = MessageBar(self)
        self.strip = PaneStrip(self)
        self.find_bar = FindBar(self)
        self.claims = ClaimsPanel(self)
        self.legend = Legend(self)
        self.status = StatusSummary(self)
        self.threshold = ThresholdControls(self.session.options, self)
        self._build_layout()
        self.workspace = WorkspaceController(self)
        self.actions_by_name = action_table.make_actions(self, self._handlers())
        self._build_menus()
        self._build_toolbar()
        self.setStatusBar(self.status.bar)
        self._connect()
        self.framing_dock = FramingDock.install(self)
        self._export_available = importlib.util.find_spec("desktop.gui.export_dialog") is not None
        self._sync_sync_action()
        self._update_actions()
        self._restore_state()

    # -- construction ---------------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[], object]]:
        s = self.strip
        return {
            "open": self._on_open,
            "add": self._on_add,
            "remove": self._on_remove_current,
            "edit": self._on_edit_current,
            "export": self._on_export,
            "quit": self.close,
            **self.workspace.handlers(),
            "find": self.find_bar.open_bar,
            "find_next": self.find_bar.find_next,
            "find_previous": self.find_bar.find_previous,
            "next_difference": lambda: self._go(s.next_matching(True)),
            "previous_difference": lambda: self._go(s.next_matching(False)),
            "next_unique": lambda: self._go(s.next_matching(True, frozenset({UNIQUE}))),
            "previous_unique": lambda: self._go(s.next_matching(False, frozenset({UNIQUE}))),
            "next_conflict": lambda: self._go(s.next_matching(True, frozenset({CONFLICTING}))),
            "counterpart_right": lambda: self._on_counterpart(1),
            "counterpart_left": lambda: self._on_counterpart(-1),
            "move_left": lambda: self._on_move_current(-1),
            "move_right": lambda: self._on_move_current(1),
            "sync_scrolling": self._on_sync_toggled,
            "focus_claims": self._on_toggle_focus,
            "focus_threshold": self.threshold.focus,
            "cancel": self.session.cancel,
            "shortcuts": self._on_shortcuts,
            "about": self._on_about,
        }

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

    def _build_menus(self) -> None:
        a = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([a["open"], a["add"], a["save"], a["save_as"], a["rename"]])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._on_fill_recent)
        file_menu.addSeparator()
        file_menu.addActions([a["edit"], a["remove"]])
        file_menu.addSeparator()
        file_menu.addAction(a["export"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([a["find"], a["find_next"], a["find_previous"]])
        edit_menu.addSeparator()
        edit_menu.addActions([a["link"], a["unlink"]])
        view_menu = bar.addMenu("&View")
        view_menu.addAction(a["sync_scrolling"])
        view_menu.addSeparator()
        view_menu.addActions([a["move_left"], a["move_right"]])
        view_menu.addSeparator()
        view_menu.addActions([a["focus_claims"], a["focus_threshold"]])
        view_menu.addActions([a["framing_panel"], a["mark_hedges"]])
        go_menu = bar.addMenu("&Go")
        go_menu.addActions([a["next_difference"], a["previous_difference"]])
        go_menu.addActions([a["next_unique"], a["previous_unique"], a["next_conflict"]])
        go_menu.addSeparator()
        go_menu.addActions([a["counterpart_left"], a["counterpart_right"]])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([a["shortcuts"], a["about"]])

    def _build_toolbar(self) -> None:
        a = self.actions_by_name
        bar = self.addToolBar("Main")
        bar.setObjectName("MainToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([a["open"], a["add"], a["remove"], a["export"]])
        bar.addSeparator()
        self.threshold.add_to(bar)
        bar.addSeparator()
        bar.addActions([a["previous_difference"], a["next_difference"]])
        spacer = QWidget(bar)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        bar.addWidget(spacer)
        bar.addWidget(self.legend)

    def _connect(self) -> None:
        session = self.session
        session.comparison_changed.connect(self._on_comparison_changed)
        session.busy_changed.connect(self._on_busy_changed)
        session.progress.connect(self.status.set_progress)
        session.problem.connect(self._on_problem)
        session.notice.connect(self._on_notice)
        self.status.cancel_button.clicked.connect(session.cancel)
        self.threshold.options_changed.connect(self._on_options_changed)
        self.strip.selection_changed.connect(self._on_selection_changed)
        self.strip.settled.connect(self._on_strip_settled)
        self.strip.edit_requested.connect(self._on_edit)
        self.strip.move_requested.connect(session.move_article)
        self.strip.remove_requested.connect(session.remove_article)
        self.claims.claim_activated.connect(self._on_claim_activated)
        self.find_bar.find_requested.connect(self._on_find)
        self.find_bar.text_changed.connect(self._on_find_text)
        self.find_bar.closed.connect(self._on_find_closed)

    # -- state ----------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.splitter_state()
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([700, 220])

    def save_state(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_splitter_state(QByteArray(self.splitter.saveState()))
        self.settings.set_sync_scrolling(self.strip.sync_scrolling())
        if self.session.comparison is not None or not self.session.is_busy():
            self.settings.set_last_files(self.session.sources())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.workspace.may_close():
            event.ignore()
            return
        self.save_state()
        self.session.cancel()
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

    def _on_fill_recent(self) -> None:
        files_ui.fill_recent_menu(self.recent_menu, self.settings, self.open_files)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not files:
            return
        event.acceptProposedAction()
        if self.session.comparison is None:
            self.open_files(files)
        else:
            self.add_files(files)

    # -- session results ------------------------------------------------------------------

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
        if comparison is not self.session.comparison:
            return  # a newer comparison arrived meanwhile and will finish its own swap
        self.claims.set_comparison(comparison)
        QTimer.singleShot(0, self, lambda: self._finish_swap(comparison))

    def _finish_swap(self, comparison: Comparison | None) -> None:
        if comparison is not self.session.comparison:
            return
        self.status.set_comparison(comparison)
        if comparison is not None:
            self.threshold.set_options(comparison.options)
            sources = self.session.sources()
            if sources != self.settings.last_files():
                self.settings.set_last_files(sources)
                if not self.workspace.path:  # a workspace is remembered as itself
                    self.settings.add_recent_set(sources)
            if len(comparison.articles) > 1 and self.message_bar.kind == INFO:
                self.message_bar.hide()
        self._update_actions()
        self.comparison_changed.emit(comparison)

    def _on_busy_changed(self, busy: bool) -> None:
        self.status.set_busy(busy)
        self._update_actions()

    def _on_problem(self, text: str) -> None:
        self.message_bar.show_message(text, ERROR)

    def _on_notice(self, text: str) -> None:
        self.message_bar.show_message(text, INFO)

    def _on_options_changed(self, options: AlignOptions) -> None:
        self.settings.set_align_options(options)
        self.session.set_options(options)

    def _update_actions(self) -> None:
        a = self.actions_by_name
        busy = self.session.is_busy()
        has = self.session.comparison is not None
        for name in ("remove", "edit", "move_left", "move_right"):
            a[name].setEnabled(has and not busy)
        a["cancel"].setEnabled(busy)
        a["export"].setEnabled(has and self._export_available)
        if not self._export_available:
            a["export"].setToolTip("Export is not available in this build of Parallax")
        for name in (
            "next_difference",
            "previous_difference",
            "next_unique",
            "previous_unique",
            "next_conflict",
            "find",
            "find_next",
            "find_previous",
        ):
            a[name].setEnabled(has)

    # -- selection and navigation ---------------------------------------------------------

    def _go(self, found: bool) -> None:
        if not found:
            self.statusBar().showMessage("No more differences in this direction", 3000)

    def _on_selection_changed(self, ref: SentenceRef | None) -> None:
        comparison = self.session.comparison
        claim_id = comparison.claim_of(ref).id if ref is not None and comparison else None
        self.claims.select_claim(claim_id)

    def _on_claim_activated(self, ref: SentenceRef) -> None:
        self.strip.select(ref)

    def _on_counterpart(self, delta: int) -> None:
        panes = self.strip.panes()
        current = self.strip.current_pane()
        if current is None or len(panes) < 2:
            return
        target = panes[(panes.index(current) + delta) % len(panes)]
        self.strip.set_current(target.article_id)
        selected = self.strip.selected()
        comparison = self.session.comparison
        if selected is not None and comparison is not None:
            other = comparison.claim_of(selected).member_in(target.article_id)
            if other is not None:
                self.strip.select(other)

    def _on_toggle_focus(self) -> None:
        if self.claims.table.hasFocus():
            pane = self.strip.current_pane()
            if pane is not None:
                pane.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.claims.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_find(self, text: str, forward: bool) -> None:
        self.find_bar.set_result(self.strip.find_text(text, forward))

    def _on_find_text(self, text: str) -> None:
        self.find_bar.set_result(self.strip.find_text(text, True, again=False))

    def _on_find_closed(self) -> None:
        self.strip.clear_found()
        pane = self.strip.current_pane()
        if pane is not None:
            pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_sync_toggled(self) -> None:
        on = self.actions_by_name["sync_scrolling"].isChecked()
        self.strip.set_sync_scrolling(on)
        self.settings.set_sync_scrolling(on)

    def _sync_sync_action(self) -> None:
        on = self.settings.sync_scrolling()
        self.actions_by_name["sync_scrolling"].setChecked(on)
        self.strip.set_sync_scrolling(on)

    # -- article actions ------------------------------------------------------------------

    def _current_id(self) -> str | None:
        pane = self.strip.current_pane()
        return pane.article_id if pane is not None else None

    def _on_remove_current(self) -> None:
        article_id = self._current_id()
        if article_id:
            self.session.remove_article(article_id)

    def _on_move_current(self, delta: int) -> None:
        article_id = self._current_id()
        if article_id:
            self.session.move_article(article_id, delta)
            QTimer.singleShot(0, self, lambda: self.strip.set_current(article_id))

    def _on_edit_current(self) -> None:
        article_id = self._current_id()
        if article_id:
            self._on_edit(article_id)

    def _on_edit(self, article_id: str) -> None:
        comparison = self.session.comparison
        if comparison is None:
            return
        dialog = MetadataDialog(comparison.article(article_id), self)
        if dialog.exec() and dialog.changes():
            self.session.edit_article(article_id, **dialog.changes())

    def _on_export(self) -> None:
        comparison = self.session.comparison
        if comparison is None:
            return
        try:
            from desktop.gui.export_dialog import ExportDialog
        except ImportError as exc:
            show_error_box(self, "Export unavailable", f"Export cannot start: {exc}")
            return
        ExportDialog(comparison, self, protected=[self.workspace.path or ""]).exec()

    # -- help -----------------------------------------------------------------------------

    def _on_shortcuts(self) -> None:
        rows = action_table.shortcut_table(self.actions_by_name)
        rows += [
            ("Previous / next sentence in a pane", "Up, Down"),
            ("Next / previous pane", "Tab, Shift+Tab"),
        ]
        text = "\n".join(f"{keys:<28}{name}" for name, keys in rows)
        box = QMessageBox(QMessageBox.Icon.NoIcon, "Keyboard shortcuts", text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def _on_about(self) -> None:
        from desktop.gui.about import AboutDialog

        AboutDialog(self).exec()

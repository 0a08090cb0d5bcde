"""File ▸ Export: choose a format and options, then write the report without freezing the window.

The dialog only gathers choices and shows progress; the writing is `desktop.export.export()`,
the same call `parallax compare --pdf/--html/--csv/--json` makes, run in a `workers.Task` so a
long PDF never blocks the window and Cancel works. Export errors are shown inside the dialog,
next to the file name they concern, so the user can pick another folder and try again at once;
the file is written atomically, so a failed or cancelled export leaves any earlier file intact.
An export never replaces one of the comparison's articles (or the open workspace), and asks
before it replaces any other existing file. The report's own choices (title, summary, which
claims, paper) are export_choices.py's; with `settings`, the dialog starts from the last
folder, format, paper, scope and (per workspace) title, and remembers them after an export.
The metadata edits the method note lists are found in the worker (reading the files again).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.comparison import Comparison
from desktop.core.errors import ParallaxError
from desktop.core.files import same_target
from desktop.core.options import CancelledCallback, ProgressCallback
from desktop.export import FORMATS, SUFFIXES, ReportOptions, export
from desktop.export.csv_export import links_path
from desktop.gui import workers
from desktop.gui.export_choices import PAPERS, ClaimScope, ReportChoices
from desktop.gui.settings import Settings

log = logging.getLogger(__name__)

#: Formats in the order offered, with the file-dialog filter of each (".htm" reads as HTML).
FILTERS: dict[str, str] = {
    fmt: f"{label} (*{SUFFIXES[fmt]}{' *.htm' if fmt == 'html' else ''})"
    for fmt, label in FORMATS.items()
}


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "parallax-report"


class ExportDialog(QDialog):
    """Export one comparison as PDF, HTML, CSV or JSON.

    Signals:
        exported(list): the paths written (as `Path`s), once an export has succeeded.
    """

    exported = Signal(list)

    def __init__(
        self,
        comparison: Comparison,
        parent: QWidget | None = None,
        folder: str | Path | None = None,
        title: str = "",
        protected: Iterable[str | Path] = (),
        workspace: str = "",
        scope: ClaimScope | None = None,
        settings: Settings | None = None,
        summary: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Report")
        self.setObjectName("ExportDialog")
        self._comparison = comparison
        self._settings = settings
        self._workspace = workspace
        self._task: workers.Task | None = None
        self._close_when_done = False
        self._confirmed: Path | None = None
        # Files an export must never replace: the articles compared, the open workspace.
        self._protected = [a.source for a in comparison.articles if a.source]
        self._protected += [str(p) for p in protected if p]

        self.format_box = QComboBox(self)
        for fmt in FILTERS:
            self.format_box.addItem(FORMATS[fmt], fmt)
        self.format_box.setAccessibleName("Format")

        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        if settings is not None and not title:
            title = settings.export_title(workspace)
        self.choices = ReportChoices(self, form, comparison, workspace, title, summary, scope)
        self.title_edit = self.choices.title_edit
        self.full_radio = self.choices.full_radio
        self.differences_radio = self.choices.differences_radio

        remembered = settings.export_choice("folder") if settings is not None else ""
        if remembered and not Path(remembered).is_dir():
            remembered = ""  # moved or deleted since
        start_folder = Path(folder or remembered or self._default_folder())
        name = _slug(title or self.title_edit.placeholderText()) + SUFFIXES["pdf"]
        self.path_edit = QLineEdit(str(start_folder / name), self)
        self.path_edit.setAccessibleName("File")
        self.browse_button = QPushButton("&Browse…", self)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        file_label = QLabel("F&ile:", self)
        file_label.setBuddy(self.path_edit)  # a row of a layout gets no buddy by itself
        form.addRow(file_label, path_row)

        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setVisible(False)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setVisible(False)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("ExportError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self.browse_button.clicked.connect(self._on_browse)
        self.export_button.clicked.connect(self._on_export)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.path_edit.textChanged.connect(self._on_path_edited)
        if settings is not None:
            self.choices.set_paper(settings.export_choice("paper"))
            self.choices.set_scope(settings.export_choice("scope"))
            fmt = settings.export_choice("format")
            if fmt in FILTERS:
                self.format_box.setCurrentIndex(list(FILTERS).index(fmt))
        self.choices.paper_box.currentIndexChanged.connect(self._update_hint)
        self._on_format_changed()
        self.resize(620, self.sizeHint().height())

    # -- what the user chose ------------------------------------------------------------------

    def format(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(list(FILTERS).index(fmt))

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def options(self) -> ReportOptions:
        return self.choices.options()

    def summary(self) -> str:
        return self.choices.summary()

    def is_running(self) -> bool:
        return self._task is not None

    # -- slots --------------------------------------------------------------------------------

    def _on_format_changed(self) -> None:
        fmt = self.format()
        self.choices.set_report_format(fmt in ("pdf", "html"))
        text = self.path_edit.text().strip()
        path = Path(text)
        if text and path.name:  # "/" or "." has no name to give a suffix to
            wanted = SUFFIXES[fmt]
            if path.suffix.lower() != wanted and not (fmt == "html" and path.suffix == ".htm"):
                self.path_edit.setText(str(path.with_suffix(wanted)))
        self._update_hint()

    def _on_path_edited(self) -> None:
        self.error_label.setVisible(False)
        self._update_hint()

    def _update_hint(self) -> None:
        fmt = self.format()
        hints = {
            "pdf": f"{PAPERS[self.choices.paper()]}, portrait up to three outlets, landscape "
            "beyond.",
            "html": "One self-contained page: opens in any browser, no internet needed.",
            "csv": f"The claims matrix; the links go to {self._links_name()} "
            "beside it. UTF-8 with byte-order mark.",
            "json": "The full comparison in Parallax's documented format, for scripts.",
        }
        self.hint_label.setText(hints[fmt])

    def _on_browse(self) -> None:
        fmt = self.format()
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export Report", str(self.path()), FILTERS[fmt]
        )
        if chosen:
            path = Path(chosen)
            if not path.suffix:
                path = path.with_suffix(SUFFIXES[fmt])
            else:
                self._confirmed = path  # the file dialog has asked about replacing it
            self.set_path(path)

    def _on_export(self) -> None:
        if self._task is not None:
            return
        path = self.path()
        if not self.path_edit.text().strip():
            self._show_error("Choose a file to export to.")
            return
        if not path.name:
            self._show_error(f"{path} is a folder; add a file name to export to.")
            return
        fmt, options, comparison = self.format(), self.options(), self._comparison
        targets = [path, links_path(path)] if fmt == "csv" else [path]
        for target in targets:
            for source in self._protected:
                if same_target(target, source):
                    self._show_error(
                        f"{target} is one of the files you are comparing; exporting there "
                        "would replace it. Choose another name."
                    )
                    return
        existing = [t for t in targets if (t.exists() or t.is_symlink()) and t != self._confirmed]
        if existing and not self._confirm_replace(existing):
            return
        self.error_label.setVisible(False)

        def work(progress: ProgressCallback, cancelled: CancelledCallback) -> object:
            report = options
            if fmt in ("pdf", "html"):
                from desktop.export.method import metadata_edits

                progress(0.0, "Reading the articles' files for the method note")
                edits = metadata_edits(comparison.articles)  # reads files: not the GUI thread
                report = dataclasses.replace(options, metadata_edits=edits)
            return export(comparison, path, fmt, report, progress, cancelled)

        task = workers.Task(work)
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        task.signals.cancelled.connect(self._on_cancelled)
        self._task = task
        self._set_running(True)
        log.info("export %s to %s", fmt, path)
        workers.start(task)

    def _on_cancel(self) -> None:
        if self._task is not None:
            self.status_label.setText("Cancelling…")
            self._task.cancel()
        else:
            self.reject()

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(round(1000 * max(0.0, min(1.0, fraction))))
        self.status_label.setText(message)

    def _on_finished(self, paths: object) -> None:
        self._task = None
        self._set_running(False)
        written = list(paths) if isinstance(paths, list) else []
        self._remember()
        self.exported.emit(written)
        self.accept()

    def _remember(self) -> None:
        settings = self._settings
        if settings is None:
            return
        settings.set_export_choice("folder", str(self.path().resolve().parent))
        settings.set_export_choice("format", self.format())
        settings.set_export_choice("paper", self.choices.paper())
        settings.set_export_choice("scope", self.choices.scope())
        settings.set_export_title(self._workspace, self.title_edit.text().strip())

    def _on_failed(self, exc: object) -> None:
        self._task = None
        self._set_running(False)
        if isinstance(exc, ParallaxError):
            self._show_error(str(exc))
        else:
            log.error("export failed unexpectedly", exc_info=exc)  # type: ignore[arg-type]
            self._show_error(f"The export failed unexpectedly ({type(exc).__name__}: {exc}).")
        if self._close_when_done:
            self.reject()

    def _on_cancelled(self) -> None:
        self._task = None
        self._set_running(False)
        self.status_label.setText("Cancelled; nothing was written.")
        self.status_label.setVisible(True)
        if self._close_when_done:
            self.reject()

    # -- helpers ------------------------------------------------------------------------------

    def _links_name(self) -> str:
        path = self.path()
        return links_path(path).name if path.name else "NAME-links.csv"

    def _confirm_replace(self, existing: list[Path]) -> bool:
        """Ask before replacing files that exist (the File field is typed, not browsed)."""
        names = "\n".join(str(p) for p in existing)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Replace file?")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Replace the existing file{'s' if len(existing) > 1 else ''}?\n{names}")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("&Replace")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _show_error(self, message: str) -> None:
        self.error_label.setText(f"✖ {message}")
        self.error_label.setVisible(True)

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.format_box, *self.choices.widgets(), self.path_edit, self.browse_button,
            self.export_button,
        ):  # fmt: skip
            widget.setEnabled(not running)
        if not running:
            self._on_format_changed()
        self.progress_bar.setVisible(running)
        self.status_label.setVisible(running)
        if running:
            self.progress_bar.setValue(0)
            self.status_label.setText("Starting…")

    @staticmethod
    def _default_folder() -> Path:
        """The documents folder (not the articles' own: in a checkout that is the source
        tree), else the home folder."""
        location = QStandardPaths.StandardLocation.DocumentsLocation
        documents = QStandardPaths.writableLocation(location)
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path.home()

    def reject(self) -> None:
        """Escape or the window's close button: cancel a running export first."""
        if self._task is not None:
            self._close_when_done = True
            self._task.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._task is not None:
            self._close_when_done = True
            self._task.cancel()
            event.ignore()
            return
        super().closeEvent(event)

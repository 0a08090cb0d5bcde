"""The Export dialog's report choices: title, summary, content, which claims, paper.

Kept apart from export_dialog.py (which runs the export and guards the file): these widgets
turn into one `ReportOptions`, the same object `parallax compare --title --summary --claims
--paper --full` builds, so the window and the command write the same report.

- The title defaults to the workspace's name (`report.default_title`: the outlets compared when
  the workspace was never named), never one outlet's headline.
- The summary is the user's own paragraph for the first page.
- Which claims: every claim, the ones the claims table's filters leave, or the rows selected in
  it; the report says which (`ReportOptions.scope`).
- Paper: A4 or US Letter, by default the locale's (`method.default_paper`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from desktop.core.comparison import Comparison
from desktop.export.method import default_paper
from desktop.export.report import ReportOptions, default_title

ALL = "all"
FILTERED = "filtered"
SELECTED = "selected"
SCOPES = (ALL, FILTERED, SELECTED)
PAPERS = {"a4": "A4", "letter": "US Letter"}


@dataclass(frozen=True)
class ClaimScope:
    """What the claims table offers to export besides every claim."""

    filtered: tuple[int, ...] = ()
    """The claims its filters leave, if any filter is on."""
    filters: str = ""
    """Those filters in words ("" when none is on)."""
    selected: tuple[int, ...] = ()


class ReportChoices:
    """The report rows of the Export dialog's form, and the `ReportOptions` they make."""

    def __init__(
        self,
        parent: QWidget,
        form: QFormLayout,
        comparison: Comparison,
        workspace: str = "",
        title: str = "",
        summary: str = "",
        scope: ClaimScope | None = None,
    ) -> None:
        self._workspace = workspace
        self._scope = scope or ClaimScope()
        self.title_edit = QLineEdit(title, parent)
        self.title_edit.setPlaceholderText(default_title(comparison, workspace))
        self.title_edit.setAccessibleName("Report title")
        self.summary_edit = QPlainTextEdit(summary, parent)
        self.summary_edit.setAccessibleName("Summary for the first page")
        self.summary_edit.setPlaceholderText(
            "Your summary for the editor, printed first (optional): what you found, what you "
            "checked, what is still open. A blank line starts a new paragraph."
        )
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.summary_edit.fontMetrics().lineSpacing() * 4 + 12)

        self.differences_radio = QRadioButton("&Differences only", parent)
        self.full_radio = QRadioButton("Full te&xts side by side", parent)
        self.differences_radio.setChecked(True)
        self._content = QButtonGroup(parent)
        for button in (self.differences_radio, self.full_radio):
            self._content.addButton(button)

        count = len(self._scope.filtered)
        picked = len(self._scope.selected)
        self.all_radio = QRadioButton("&All claims", parent)
        self.filtered_radio = QRadioButton(f"Fi&ltered in the table ({count})", parent)
        self.selected_radio = QRadioButton(f"&Selected in the table ({picked})", parent)
        self.filtered_radio.setEnabled(bool(self._scope.filters) and count > 0)
        self.filtered_radio.setToolTip(
            f"The claims the claims table's filters leave: {self._scope.filters}"
            if self._scope.filters
            else "No filter is on in the claims table"
        )
        self.selected_radio.setEnabled(picked > 0)
        self.selected_radio.setToolTip(
            "The rows selected in the claims table (Ctrl+click or Shift+click to select several)"
        )
        self.all_radio.setChecked(True)
        self._claims = QButtonGroup(parent)
        for button in (self.all_radio, self.filtered_radio, self.selected_radio):
            self._claims.addButton(button)

        self.paper_box = QComboBox(parent)
        for key, text in PAPERS.items():
            self.paper_box.addItem(text, key)
        self.paper_box.setAccessibleName("Paper size")
        self.set_paper(default_paper())

        form.addRow("&Title:", self.title_edit)
        form.addRow("S&ummary:", self.summary_edit)
        form.addRow("Content:", _row(self.differences_radio, self.full_radio))
        form.addRow("Claims:", _row(self.all_radio, self.filtered_radio, self.selected_radio))
        form.addRow("&Paper:", self.paper_box)

    def widgets(self) -> list[QWidget]:
        """Every input, to enable or disable together."""
        return [
            self.title_edit, self.summary_edit, self.differences_radio, self.full_radio,
            self.all_radio, self.filtered_radio, self.selected_radio, self.paper_box,
        ]  # fmt: skip

    def set_report_format(self, report: bool) -> None:
        """Only PDF and HTML are reports; CSV and JSON take none of these choices."""
        for widget in self.widgets():
            widget.setEnabled(report)
        if report:
            self.filtered_radio.setEnabled(bool(self._scope.filters) and bool(self._scope.filtered))
            self.selected_radio.setEnabled(bool(self._scope.selected))

    # -- values ---------------------------------------------------------------------------

    def paper(self) -> str:
        return str(self.paper_box.currentData())

    def set_paper(self, paper: str) -> None:
        index = self.paper_box.findData(paper)
        if index >= 0:
            self.paper_box.setCurrentIndex(index)

    def scope(self) -> str:
        if self.selected_radio.isChecked():
            return SELECTED
        return FILTERED if self.filtered_radio.isChecked() else ALL

    def set_scope(self, scope: str) -> None:
        """Choose `scope` if the table offers it now (otherwise every claim)."""
        radio = {FILTERED: self.filtered_radio, SELECTED: self.selected_radio}.get(scope)
        (radio if radio is not None and radio.isEnabled() else self.all_radio).setChecked(True)

    def summary(self) -> str:
        return self.summary_edit.toPlainText().strip()

    def options(self) -> ReportOptions:
        scope = self.scope()
        claims: Sequence[int] | None = None
        how = ""
        if scope == FILTERED:
            claims, how = self._scope.filtered, f"filtered in the window: {self._scope.filters}"
        elif scope == SELECTED:
            claims, how = self._scope.selected, "selected in the window"
        return ReportOptions(
            # The workspace's name is written out, so the reproducing command names it too.
            title=self.title_edit.text().strip() or self._workspace,
            workspace=self._workspace,
            summary=self.summary(),
            full_texts=self.full_radio.isChecked(),
            claims=None if claims is None else tuple(claims),
            scope=how,
            paper=self.paper(),
        )


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row

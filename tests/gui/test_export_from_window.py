"""Issue 16 part B, point 3: File ▸ Export from the window — all, filtered or selected claims,
A4 or US Letter, the summary, the workspace's name as title, remembered choices, Open and Show
in Folder afterwards; what the dialog chose reaches the file (the PDF is rendered by the child
process, which must get every option)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.core.verdicts import DISPUTED
from desktop.export.method import default_paper
from desktop.gui import workers
from desktop.gui.export_dialog import ExportDialog
from desktop.gui.main_window import MainWindow
from desktop.gui.models.claims import FLAG_CONFLICTS
from tests.gui.helpers import shown_comparison

from .verdict_helpers import main_claims, table_index

EXPORT_MS = 60_000
SUMMARY = "Two outlets disagree on the toll.\n\nThe county has not answered yet."


def _dialog(window: MainWindow) -> ExportDialog:
    window.actions_by_name["export"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    return dialog


def _export(dialog: ExportDialog, qtbot: QtBot, path: Path) -> list[Path]:
    dialog.set_path(path)
    with qtbot.waitSignal(dialog.exported, timeout=EXPORT_MS) as blocker:
        dialog.export_button.click()
    return list(blocker.args[0])


def _pdf_text(path: Path) -> tuple[str, tuple[float, float]]:
    reader = PdfReader(str(path))
    box = reader.pages[0].mediabox
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), (float(box.width), float(box.height))


@pytest.fixture(autouse=True)
def _no_export_left() -> object:
    yield
    workers.cancel_all()
    assert workers.wait_for_all(10_000)


def test_selected_claims_letter_summary_and_verdicts_reach_the_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    comparison = shown_comparison(window)
    first, second = main_claims(comparison, 2)
    window.verdict_actions.set_claim_verdict(first.id, DISPUTED)
    window.verdict_actions.set_claim_note(first.id, "Ask the ministry which figure holds")
    selection = window.claims.table.selectionModel()
    window.claims.table.selectRow(table_index(window, first.id).row())
    selection.select(
        table_index(window, second.id),
        selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
    )
    assert window.claims.selected_claims() == tuple(sorted((first.id, second.id)))
    dialog = _dialog(window)
    choices = dialog.choices
    assert choices.selected_radio.isEnabled() and "(2)" in choices.selected_radio.text()
    assert not choices.filtered_radio.isEnabled()  # no filter is on
    choices.selected_radio.setChecked(True)
    choices.set_paper("letter")
    choices.summary_edit.setPlainText(SUMMARY)
    dialog.set_format("pdf")
    written = _export(dialog, qtbot, tmp_path / "report.pdf")
    text, size = _pdf_text(written[0])
    assert size == pytest.approx((612, 792)) or size == pytest.approx((792, 612))  # US Letter
    assert "Two outlets disagree on the toll." in text and "has not answered yet" in text
    assert "This report covers 2 of the" in text and "selected in the window" in text
    assert "Ask the ministry which figure holds" in text and "disputed" in text
    assert "--claims" in text and "--paper letter" in text  # the reproducing command


def test_filtered_claims_reach_the_html(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.claims.flag_buttons[FLAG_CONFLICTS].setChecked(True)
    filtered = window.claims.filtered_claims()
    assert 0 < len(filtered) < window.claims.model.fact_count()
    dialog = _dialog(window)
    choices = dialog.choices
    assert (
        choices.filtered_radio.isEnabled() and f"({len(filtered)})" in choices.filtered_radio.text()
    )
    choices.filtered_radio.setChecked(True)
    dialog.set_format("html")
    written = _export(dialog, qtbot, tmp_path / "conflicts.html")
    html = written[0].read_text(encoding="utf-8")
    assert f"This report covers {len(filtered)} of the" in html
    assert "filtered in the window: conflicts" in html


def test_title_defaults_to_the_workspace_name_and_choices_are_remembered(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = _dialog(window)
    # Never named: the outlets compared, not the first outlet's headline.
    first_headline = window.session.articles[0].title
    assert dialog.title_edit.placeholderText().startswith("6 outlets compared:")
    assert first_headline not in dialog.title_edit.placeholderText()
    assert dialog.choices.paper() == default_paper()
    dialog.reject()
    window.workspace.ask_name = lambda _current: "Ukraine talks, August 2025"
    window.workspace.rename()
    dialog = _dialog(window)
    assert dialog.title_edit.placeholderText() == "Ukraine talks, August 2025"
    assert dialog.path().name == "ukraine-talks-august-2025.pdf"
    assert dialog.options().title == "Ukraine talks, August 2025"  # so --title repeats it
    folder = tmp_path / "out"
    folder.mkdir()
    dialog.title_edit.setText("Security guarantees: who said what")
    dialog.choices.set_paper("letter")
    dialog.set_format("html")
    _export(dialog, qtbot, folder / "talks.html")
    again = _dialog(window)
    assert again.format() == "html" and again.choices.paper() == "letter"
    assert again.title_edit.text() == "Security guarantees: who said what"
    assert again.path().parent == folder.resolve()
    assert again.choices.scope() == "all"
    again.reject()


def test_after_export_open_and_show_in_folder(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = _dialog(window)
    dialog.set_format("csv")
    written = _export(dialog, qtbot, tmp_path / "claims.csv")
    bar = window.message_bar
    assert bar.isVisible() and bar.action_texts() == ["Open", "Show in Folder"]
    assert "claims.csv and claims-links.csv" in bar.text() and str(tmp_path) in bar.text()
    bar.second_action_triggered.emit()
    assert opened == [QUrl.fromLocalFile(str(tmp_path))] and not bar.isVisible()
    dialog = _dialog(window)
    dialog._confirm_replace = lambda existing: True  # type: ignore[method-assign]
    _export(dialog, qtbot, tmp_path / "claims.csv")
    bar.action_triggered.emit()
    assert opened[-1] == QUrl.fromLocalFile(str(written[0]))


def test_the_summary_is_kept_for_the_next_export_and_metadata_edits_reach_the_method(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    politico = next(a for a in window.session.articles if a.label == "Politico")
    with qtbot.waitSignal(window.comparison_changed, timeout=EXPORT_MS):
        window.history.edit(politico.id, {"outlet": "Politico Europe"})
    dialog = _dialog(window)
    dialog.choices.summary_edit.setPlainText(SUMMARY)
    dialog.set_format("html")
    written = _export(dialog, qtbot, tmp_path / "r.html")
    html = written[0].read_text(encoding="utf-8")
    assert "Politico Europe" in html and "outlet “Politico Europe” (file: “Politico”)" in html
    again = _dialog(window)
    assert again.summary() == SUMMARY.strip()
    again.reject()


def test_the_dialogs_labels_and_mnemonics(window: MainWindow) -> None:
    dialog = _dialog(window)
    file_label = next(label for label in dialog.findChildren(QLabel) if "ile:" in label.text())
    assert file_label.buddy() is dialog.path_edit  # shown as "File:", never "F&ile:"
    keys: dict[str, list[str]] = {}
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [b.text() for b in dialog.findChildren(type(dialog.export_button))]
    texts += [r.text() for r in dialog.findChildren(type(dialog.full_radio))]
    for text in texts:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        if match:
            keys.setdefault(match.group(1).upper(), []).append(text)
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}
    assert all(
        label.buddy() is not None for label in dialog.findChildren(QLabel) if "&" in label.text()
    )
    dialog.reject()

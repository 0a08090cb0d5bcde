"""File ▸ Export: the dialog writes through a worker, shows errors in place, and cancels."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.core.errors import Cancelled
from desktop.gui import export_dialog, workers
from desktop.gui.export_dialog import ExportDialog
from tests.export.conftest import synthetic


@pytest.fixture
def dialog(qtbot):  # type: ignore[no-untyped-def]
    d = ExportDialog(synthetic(3))
    qtbot.addWidget(d)
    d.show()
    yield d
    workers.cancel_all()
    assert workers.wait_for_all(5000), "an export worker was left running"


@pytest.mark.parametrize("fmt", ["pdf", "html", "csv", "json"])
def test_export_writes_the_chosen_format(qtbot, dialog: ExportDialog, tmp_path: Path, fmt: str):  # type: ignore[no-untyped-def]
    dialog.set_format(fmt)
    dialog.set_path(tmp_path / "report")
    dialog._on_format_changed()
    assert dialog.path().suffix == f".{fmt}"
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.export_button.click()
    written = blocker.args[0]
    assert written and all(Path(p).exists() for p in written)
    assert not dialog.is_running()


def test_report_options_apply_only_to_reports(dialog: ExportDialog) -> None:
    dialog.set_format("csv")
    assert not dialog.full_radio.isEnabled()
    assert "-links.csv" in dialog.hint_label.text()
    dialog.set_format("pdf")
    dialog.full_radio.setChecked(True)
    dialog.title_edit.setText("Bridge")
    assert dialog.options().full_texts and dialog.options().title == "Bridge"


def test_an_export_error_is_shown_in_the_dialog(qtbot, dialog: ExportDialog, tmp_path: Path):  # type: ignore[no-untyped-def]
    target = tmp_path / "no-such-folder" / "r.html"
    dialog.set_format("html")
    dialog.set_path(target)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10000)
    assert str(target) in dialog.error_label.text()
    assert dialog.export_button.isEnabled() and not dialog.is_running()
    assert not target.parent.exists()


def test_cancel_stops_the_worker_and_writes_nothing(
    qtbot, dialog: ExportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):  # type: ignore[no-untyped-def]
    started = threading.Event()

    def slow_export(comparison, path, fmt, options, progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    monkeypatch.setattr(export_dialog, "export", slow_export)
    dialog.set_path(tmp_path / "r.pdf")
    dialog.export_button.click()
    assert started.wait(5)
    assert dialog.is_running() and dialog.progress_bar.isVisible()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=5000)
    assert "Cancelled" in dialog.status_label.text()
    assert not (tmp_path / "r.pdf").exists()


def _comparison_of_files(folder: Path) -> tuple[object, list[Path]]:
    from desktop.core.pipeline import compare_paths
    from tests.conftest import ROOT

    paths = []
    for name in ("riverside-gazette", "valley-radio"):
        target = folder / f"{name}.md"
        target.write_bytes((ROOT / "samples" / "riverside-bridge" / f"{name}.md").read_bytes())
        paths.append(target)
    return compare_paths([str(p) for p in paths]), paths


def test_export_never_replaces_an_article(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """H2: with saved pages as inputs, HTML and the name "gazette" gave the input itself."""
    comparison, paths = _comparison_of_files(tmp_path)
    dialog = ExportDialog(comparison)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    before = paths[0].read_bytes()
    dialog.set_format("json")
    dialog.set_path(paths[0])  # typed: the suffix is not forced until the format changes
    dialog._confirm_replace = lambda existing: pytest.fail("asked instead of refusing")  # type: ignore[method-assign]
    dialog.export_button.click()
    assert dialog.error_label.isVisible() and "comparing" in dialog.error_label.text()
    assert not dialog.is_running() and paths[0].read_bytes() == before


def test_export_asks_before_replacing_an_existing_file(qtbot, dialog: ExportDialog, tmp_path: Path):  # type: ignore[no-untyped-def]
    target = tmp_path / "report.html"
    target.write_text("keep", encoding="utf-8")
    asked: list[list[Path]] = []
    dialog._confirm_replace = lambda existing: asked.append(existing) or False  # type: ignore[method-assign]
    dialog.set_format("html")
    dialog.set_path(target)
    dialog.export_button.click()
    assert asked == [[target]] and not dialog.is_running()
    assert target.read_text(encoding="utf-8") == "keep"
    dialog._confirm_replace = lambda existing: True  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_button.click()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("text", ["", "/", ".", "  "])
@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_editing_the_path_never_throws(qtbot, dialog: ExportDialog, text: str, fmt: str):  # type: ignore[no-untyped-def]
    """ux-review problem 3: emptying the field or typing a leading "/" raised ValueError."""
    from desktop.gui import errors

    dialog.set_format(fmt)
    dialog.path_edit.setText(text)
    dialog.set_format("html")
    dialog.set_format(fmt)
    dialog.path_edit.setText("/" + text)
    assert errors.unexpected_errors() == []
    dialog.export_button.click()
    assert dialog.error_label.isVisible() and not dialog.is_running()

"""The window against the reliability review: screenshots (H1, M7), private autosaves (L9),
file names that are not UTF-8 (H4)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.cli import EXIT_USAGE, main
from desktop.core.workspace import Workspace
from desktop.export import export
from desktop.gui import errors
from desktop.gui.settings import Settings

from .helpers import SMALL_SET, WAIT_MS, run_app, shown_comparison
from .workspace_helpers import data_dir, small_window

__all__ = ["data_dir"]  # the fixture, imported for pytest


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "set"
    folder.mkdir()
    for path in sorted(SMALL_SET.glob("*.md")):
        shutil.copy(path, folder / path.name)
    return sorted(folder.glob("*.md"))


@pytest.mark.parametrize(
    "shot",
    [
        "{a}",  # `--screenshot set/*.md`: the glob made the first article the output
        "{tmp}/shot.md",
        "{tmp}/shot",
        "",
    ],
)
def test_a_screenshot_is_refused_onto_an_input_or_anything_but_png(
    articles: list[Path], tmp_path: Path, shot: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = [p.read_bytes() for p in articles]
    target = shot.format(a=articles[0], tmp=tmp_path)
    assert main(["--screenshot", target, *map(str, articles)]) == EXIT_USAGE
    assert "--screenshot" in capsys.readouterr().err
    assert [p.read_bytes() for p in articles] == before


def test_a_screenshot_link_to_another_kind_of_file_is_refused(
    articles: list[Path], tmp_path: Path
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("PRECIOUS\n", encoding="utf-8")
    (tmp_path / "link.png").symlink_to(precious)
    assert main(["--screenshot", str(tmp_path / "link.png"), *map(str, articles)]) == EXIT_USAGE
    assert precious.read_text(encoding="utf-8") == "PRECIOUS\n"


@pytest.mark.parametrize("size", ["99999x99999", "0x0", "-5x-5", "1600x5", "x", "1e3x1e3"])
def test_screenshot_sizes_out_of_range_are_usage_errors(
    articles: list[Path], tmp_path: Path, size: str
) -> None:
    """M7: 99999x99999 segfaulted; 0x0 and -5x-5 silently made a 623x262 image."""
    out = tmp_path / "s.png"
    assert main(["--screenshot", str(out), f"--size={size}", *map(str, articles)]) == EXIT_USAGE
    assert not out.exists()


def test_a_screenshot_is_atomic_and_leaves_the_users_settings_alone(
    articles: list[Path], tmp_path: Path
) -> None:
    """Through a link (followed, as every output is), and with nothing written to the
    configuration folder or the data folder."""
    home = tmp_path / "home"
    home.mkdir()
    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    (tmp_path / "latest.png").symlink_to(real.name)
    result = run_app(
        "--screenshot", str(tmp_path / "latest.png"), "--size", "900x600", *map(str, articles),
        home=home,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "latest.png").is_symlink()
    image = QImage(str(real))
    assert (image.width(), image.height()) == (900, 600)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    written = [str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()]
    assert written == [], f"the screenshot run wrote {written}"


def test_autosaves_and_their_lock_are_private(
    qtbot: QtBot, settings: Settings, data_dir: Path
) -> None:
    """L9: autosaves were 0644 in a 0755 folder, readable by every local user."""
    old = os.umask(0o022)
    try:
        window = small_window(qtbot, settings)
        autosave = window.workspace.autosave
        autosave.set_intervals(debounce_ms=10)
        with qtbot.waitSignal(autosave.written, timeout=WAIT_MS):
            window.threshold.spin.setValue(71)
    finally:
        os.umask(old)
    files = sorted(data_dir.glob("autosave-*"))
    assert {p.suffix for p in files} == {".parallax", ".json", ".lock"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    window.close()


def test_a_file_name_that_is_not_utf8_never_stops_save_autosave_or_export(
    qtbot: QtBot, settings: Settings, tmp_path: Path, data_dir: Path
) -> None:
    """H4: Save As raised, every autosave raised from its timer, JSON/HTML exports raised."""
    from .helpers import open_window

    latin1 = os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9.md")
    shutil.copy(SMALL_SET / "valley-radio.md", latin1)
    window = open_window(qtbot, settings, [SMALL_SET / "riverside-gazette.md", Path(latin1)])
    window.workspace.ask_unsaved = lambda _name: "discard"
    autosave = window.workspace.autosave
    autosave.set_intervals(debounce_ms=10)
    with qtbot.waitSignal(autosave.written, timeout=WAIT_MS):
        window.threshold.spin.setValue(66)
    assert window.workspace.save_to(str(tmp_path / "saved.parallax"))
    reopened = Workspace.load(tmp_path / "saved.parallax")
    assert reopened.articles[1].source.endswith("caf\ufffd.md")
    comparison = shown_comparison(window)
    for fmt in ("json", "html", "csv"):
        assert export(comparison, tmp_path / f"out.{fmt}", fmt)
    assert errors.unexpected_errors() == []
    window.close()


def test_a_symlink_loop_among_the_files_is_reported_and_the_others_open(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    """M1: "unexpected error" in the window, and none of the three files opened."""
    from .helpers import open_window

    (tmp_path / "loop2.md").symlink_to("loop1.md")
    (tmp_path / "loop1.md").symlink_to("loop2.md")
    files = [
        SMALL_SET / "riverside-gazette.md",
        tmp_path / "loop1.md",
        SMALL_SET / "valley-radio.md",
    ]
    window = open_window(qtbot, settings, files)
    assert len(window.session.articles) == 2
    assert "loop1.md" in window.message_bar.text()
    assert errors.unexpected_errors() == []
    window.close()


@pytest.mark.parametrize("kind", ["fifo", "deep"])
def test_a_bad_workspace_leaves_the_window_as_it_was(
    qtbot: QtBot, settings: Settings, tmp_path: Path, kind: str
) -> None:
    """M5, M6: a FIFO hung the worker for good; deep nesting was an "unexpected error"."""
    window = small_window(qtbot, settings)
    before = window.session.comparison
    path = tmp_path / f"{kind}.parallax"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text('{"format": "parallax-workspace", "x": ' + "[" * 100_000, encoding="utf-8")
    with qtbot.waitSignal(window.session.problem, timeout=WAIT_MS) as blocker:
        window.open_files([str(path)])
    qtbot.waitUntil(lambda: not window.session.is_busy(), timeout=WAIT_MS)
    assert path.name in blocker.args[0]
    assert window.session.comparison is before
    assert errors.unexpected_errors() == []
    window.close()

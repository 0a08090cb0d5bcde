"""Atomic writes: the new file gets the ordinary mode, and a failure leaves no debris."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.core.errors import ExportError
from desktop.core.files import write_text_atomic


def test_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "out.json"
        write_text_atomic(target, "{}")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    assert target.read_text(encoding="utf-8") == "{}"


def test_missing_folder_is_a_clear_error_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        write_text_atomic(tmp_path / "nowhere" / "out.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_lone_surrogates_are_written_as_replacement_characters(tmp_path: Path) -> None:
    """H4: a non-UTF-8 file name ("caf\\udce9.md") or a cut emoji escape never stops a save."""
    target = tmp_path / "out.json"
    write_text_atomic(target, '{"source": "caf\udce9.md", "text": "x\ud800y"}')
    assert target.read_text(encoding="utf-8") == '{"source": "caf\ufffd.md", "text": "x\ufffdy"}'


def test_private_files_are_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        target = tmp_path / "autosave.parallax"
        write_text_atomic(target, "{}", private=True)
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "w.parallax"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_text(encoding="utf-8") == "new"


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "one.json").symlink_to("two.json")
    (tmp_path / "two.json").symlink_to("one.json")
    with pytest.raises(ExportError, match="symbolic links"):
        write_text_atomic(tmp_path / "one.json", "{}")


def test_an_empty_name_is_refused() -> None:
    with pytest.raises(ExportError, match="no file name"):
        write_text_atomic("", "{}")

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

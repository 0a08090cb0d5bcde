"""One version everywhere: desktop.__version__, `parallax --version` and the AppStream release.

`desktop/__init__.py` is the one place the version is written; pyproject reads it from there.
The metainfo's newest release must be added by hand on each release, and this test says so.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from desktop import __version__
from tests.packaging.paths import METAINFO, ROOT


def test_version_is_semantic() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+([a-z]+\d*)?", __version__), __version__


def test_cli_prints_the_package_version() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"parallax {__version__}"


def test_metainfo_newest_release_is_the_package_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "metainfo has no <release>"
    newest = releases[0]  # AppStream lists releases newest first
    assert newest.get("version") == __version__, (
        f'add <release version="{__version__}" date="YYYY-MM-DD"> at the top of '
        f"{METAINFO.relative_to(ROOT)}"
    )
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", ""))

"""The Linux desktop-integration files validate and agree with each other and with the icons.

The validators come from Debian's desktop-file-utils, appstream and shared-mime-info packages
(.ci/run installs them); a test that needs a missing one skips, and only that test.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.packaging.paths import APP_ID, DESKTOP_FILE, METAINFO, MIME_XML, ROOT, load_layout

ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
WORKSPACE_TYPE = "application/x-parallax-workspace"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validates() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True
    )
    # It prints errors, warnings and hints; none is acceptable.
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # Infos and pedantic hints are allowed: appstream 0.16 does not know <developer> yet (1.0
    # deprecates the <developer_name> it knows), and the capitalised id is the naming convention.
    problems = [line for line in output.splitlines() if line[:2] in ("E:", "W:")]
    assert not problems, output


def _mime_database(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Our MIME package compiled by update-mime-database into `tmp_path/mime`, as install.sh
    leaves it."""
    tool = _tool("update-mime-database")
    mime = tmp_path / "mime"
    (mime / "packages").mkdir(parents=True)
    shutil.copy(MIME_XML, mime / "packages" / f"{APP_ID}.xml")
    # Inside XDG_DATA_HOME, or it notes on stderr that the folder is not searched.
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    return mime, subprocess.run([tool, str(mime)], capture_output=True, text=True, env=env)


def test_mime_type_is_accepted_by_update_mime_database(tmp_path: Path) -> None:
    mime, result = _mime_database(tmp_path)
    assert result.returncode == 0, result.stderr
    assert not result.stderr.strip(), result.stderr
    globs = (mime / "globs2").read_text(encoding="utf-8")
    assert f"{WORKSPACE_TYPE}:*.parallax" in globs


def test_installed_mime_type_recognises_workspaces_by_name_and_content(tmp_path: Path) -> None:
    """What a file manager sees once install.sh has run: Qt reads the same database."""
    _mime, result = _mime_database(tmp_path)
    assert result.returncode == 0, result.stderr
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}  # where Qt finds that database

    from desktop.core.workspace import FORMAT_NAME, SUFFIX

    # The head of Workspace.to_json(): "format" is the first key.
    content = json.dumps({"format": FORMAT_NAME, "version": 1, "articles": []}, indent=1)
    (tmp_path / f"saved{SUFFIX}").write_text(content, encoding="utf-8")
    (tmp_path / "renamed").write_text(content, encoding="utf-8")
    script = (
        "import sys\n"
        "from PySide6.QtCore import QMimeDatabase\n"
        "db = QMimeDatabase()\n"
        "for name in sys.argv[1:]:\n"
        "    print(db.mimeTypeForFile(name).name())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, f"saved{SUFFIX}", "renamed"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [WORKSPACE_TYPE, WORKSPACE_TYPE]


def test_mime_xml_defines_the_workspace_type() -> None:
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    types = root.findall(f"{MIME_NS}mime-type")
    assert [t.get("type") for t in types] == [WORKSPACE_TYPE]
    assert [g.get("pattern") for g in types[0].findall(f"{MIME_NS}glob")] == ["*.parallax"]
    assert types[0].findtext(f"{MIME_NS}comment")


def test_desktop_file_opens_articles_and_workspaces() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "parallax %F"
    assert entry["Icon"] == APP_ID
    mime_types = set(filter(None, entry["MimeType"].split(";")))
    assert mime_types == {WORKSPACE_TYPE, "text/plain", "text/markdown", "text/html"}
    assert entry["Terminal"] == "false"


def test_metainfo_agrees_with_desktop_file_and_mime() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    assert root.find("launchable").text == DESKTOP_FILE.name  # type: ignore[union-attr]
    assert root.findtext("provides/binary") == "parallax"
    assert root.findtext("provides/mediatype") == WORKSPACE_TYPE
    assert root.find("content_rating") is not None
    assert root.findtext("name") == _desktop_entry()["Name"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_icon_svg_and_every_png_size_exist() -> None:
    svg = ET.parse(ICONS / "parallax.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 128 128"
    for size in SIZES:
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "parallax.png"
        assert _png_size(png) == (size, size)


def test_bundle_layout_names_every_file_for_the_app_id() -> None:
    layout = load_layout()
    files = layout.share_files()
    assert layout.APP_ID == APP_ID
    for src, rel in files:
        assert src.is_file(), src
        assert Path(rel).stem.startswith(APP_ID) or Path(rel).name.startswith(APP_ID), rel
    icon_dirs = {rel.split("/")[2] for _, rel in files if rel.startswith("icons/")}
    assert icon_dirs == {"scalable", *(f"{n}x{n}" for n in SIZES)}

"""install.sh puts a bundle on this user's desktop and takes it off again.

Runs against a stand-in bundle (the real share/ files beside a shell script that plays the
executable), so it needs no PyInstaller build; test_bundle.py runs it on the real one.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.packaging.paths import APP_ID, LINUX, load_layout


def make_bundle(folder: Path) -> Path:
    folder.mkdir(parents=True)
    exe = folder / "parallax"
    exe.write_text("#!/bin/sh\necho parallax stand-in\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    load_layout().add_extras(folder)
    return folder


def run_install(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "HOME": str(home),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    return subprocess.run(
        ["sh", str(script), *args], capture_output=True, text=True, env=env, timeout=60
    )


def installed(home: Path) -> list[Path]:
    data = home / ".local" / "share"
    return [
        data / "applications" / f"{APP_ID}.desktop",
        data / "metainfo" / f"{APP_ID}.metainfo.xml",
        data / "mime" / "packages" / f"{APP_ID}.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        data / "icons" / "hicolor" / "16x16" / "apps" / f"{APP_ID}.png",
        data / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png",
    ]


@pytest.mark.parametrize("folder_name", ["parallax", "my apps/parallax"])
def test_install_from_inside_the_bundle_and_uninstall(tmp_path: Path, folder_name: str) -> None:
    bundle = make_bundle(tmp_path / folder_name)
    home = tmp_path / "home"
    home.mkdir()
    result = run_install(bundle / "install.sh", home)
    assert result.returncode == 0, result.stderr
    for path in installed(home):
        assert path.is_file(), path

    desktop = (home / ".local/share/applications" / f"{APP_ID}.desktop").read_text()
    exe = bundle / "parallax"
    expected = f'"{exe}"' if " " in str(exe) else str(exe)
    assert f"Exec={expected} %F\n" in desktop
    assert f"TryExec={exe}\n" in desktop
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            [
                "desktop-file-validate",
                str(home / ".local/share/applications" / f"{APP_ID}.desktop"),
            ],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout

    link = home / ".local" / "bin" / "parallax"
    assert link.is_symlink() and link.resolve() == exe.resolve()
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout.strip() == (
        "parallax stand-in"
    )
    if shutil.which("update-mime-database"):
        globs = (home / ".local/share/mime/globs2").read_text(encoding="utf-8")
        assert "application/x-parallax-workspace:*.parallax" in globs

    result = run_install(bundle / "install.sh", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    for path in installed(home):
        assert not path.exists(), path
    assert not link.exists() and not link.is_symlink()
    assert (bundle / "parallax").exists()


def test_install_from_the_source_tree_names_the_bundle(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "dist" / "parallax")
    home = tmp_path / "home"
    home.mkdir()
    result = run_install(LINUX / "install.sh", home, str(bundle))
    assert result.returncode == 0, result.stderr
    assert all(path.is_file() for path in installed(home))


def test_uninstall_leaves_a_foreign_parallax_command_alone(tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "parallax")
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    other = home / ".local" / "bin" / "parallax"
    other.write_text("#!/bin/sh\n", encoding="utf-8")
    result = run_install(bundle / "install.sh", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert other.exists()


def test_install_refuses_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "empty").mkdir()
    result = run_install(LINUX / "install.sh", home, str(tmp_path / "empty"))
    assert result.returncode == 1
    assert "not a Parallax bundle" in result.stderr
    assert not (home / ".local" / "share" / "applications").exists()

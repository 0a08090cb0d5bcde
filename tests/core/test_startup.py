"""`parallax compare` imports only what a run needs (issue 17): checked in a fresh process.

Start-up is most of the time of a small comparison, and every heavy library has its moment:
Qt only for the window or a PDF, trafilatura only for web pages, onnxruntime only for a
semantic scorer, scipy.optimize only when a group of candidate pairs needs the optimal
assignment, urllib only for an address. Speed itself is measured in
tests/benchmarks/test_scale.py (no timings here).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MAIN_SET, ROOT

HEAVY = ("PySide6", "shiboken6", "trafilatura", "onnxruntime", "lxml", "urllib.request")


def _modules_after_compare(*args: str) -> set[str]:
    """Every module loaded once `parallax compare ARGS -q` has run, in a new interpreter."""
    code = (
        "import json, sys\n"
        "from desktop.cli import main\n"
        f"rc = main(['compare', '-q', *{list(args)!r}])\n"
        "assert rc == 0, rc\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.splitlines()[-1]))


def _loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


def test_text_articles_load_no_window_web_or_model_libraries() -> None:
    files = [str(p) for p in sorted(MAIN_SET.glob("*.md"))]
    modules = _modules_after_compare(*files, "--scorer", "content")
    assert [p for p in HEAVY if _loaded(modules, p)] == []
    assert "desktop.core.framing" in modules  # the comparison was really made


def test_two_one_sentence_files_need_no_assignment_solver(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The council approved the new budget on Monday evening.\n", encoding="utf-8")
    b.write_text("On Monday evening the council approved the new budget.\n", encoding="utf-8")
    modules = _modules_after_compare(str(a), str(b), "--scorer", "content")
    assert not _loaded(modules, "scipy.optimize")
    assert [p for p in HEAVY if _loaded(modules, p)] == []


def test_small_comparisons_need_no_scipy_at_all(tmp_path: Path) -> None:
    """SciPy's sparse package alone took 0.1–0.2 s of a 0.45 s comparison: small inputs are
    scored, grouped and matched with NumPy only (issue 17)."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The council approved the new budget on Monday evening.\n", encoding="utf-8")
    b.write_text("On Monday evening the council approved the new budget.\n", encoding="utf-8")
    assert not _loaded(_modules_after_compare(str(a), str(b), "--scorer", "content"), "scipy")
    files = [str(p) for p in sorted(MAIN_SET.glob("*.md"))]
    assert not _loaded(_modules_after_compare(*files, "--scorer", "content"), "scipy")


def test_the_default_scorer_falling_back_loads_no_model(tmp_path: Path) -> None:
    """Past its embedding limit the default scorer scores with content: onnxruntime (0.25 s
    and 100 MB) must not be imported for a model that will not run."""
    files = [str(p) for p in sorted(MAIN_SET.glob("*.md"))]
    modules = _modules_after_compare(*files, "--embed-limit", "1")
    assert not _loaded(modules, "onnxruntime") and not _loaded(modules, "tokenizers")
    assert "desktop.core.framing" in modules


@pytest.mark.parametrize("package", ["trafilatura"])
def test_a_web_page_does_load_its_parser(tmp_path: Path, package: str) -> None:
    """The probe sees a library when a run needs it, so the tests above can fail."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Budget</title></head><body><article><p>The council approved the "
        "new budget on Monday evening after a long debate.</p></article></body></html>",
        encoding="utf-8",
    )
    text = tmp_path / "b.txt"
    text.write_text("On Monday evening the council approved the new budget.\n", encoding="utf-8")
    assert _loaded(_modules_after_compare(str(page), str(text)), package)


def test_the_embedding_cache_keys_need_no_openssl() -> None:
    # `import hashlib` loads OpenSSL (_hashlib, 5–8 ms) before it offers BLAKE2b, which it takes
    # from CPython's own _blake2: the cache's keys come from _blake2 directly.
    from desktop.core.scoring import vectors

    modules = _modules_after_compare(*[str(p) for p in sorted(MAIN_SET.glob("*.md"))])
    assert "desktop.core.scoring.vectors" in modules and "_hashlib" not in modules
    import hashlib

    assert vectors._key("x") == hashlib.blake2b(b"x", digest_size=16).digest()

"""Article files from the reliability review that crashed the loader or read wrongly (M1, M2, L5,
L6, L7, L8, and the trafilatura import of the html-loading review's setup finding)."""

from __future__ import annotations

import builtins
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import EXIT_INPUT, main
from desktop.core.errors import InputError, LoadError
from desktop.core.loading import load_articles, read_document
from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "riverside-bridge"
PARAGRAPH = (
    b"<p>The Ferris Street bridge will reopen to traffic on Saturday morning after repairs, "
    b"officials said.</p>"
)


def test_a_symlink_loop_is_one_line_and_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """M1: `Path.resolve()` raised RuntimeError (a traceback, exit 1)."""
    (tmp_path / "loop2.md").symlink_to("loop1.md")
    (tmp_path / "loop1.md").symlink_to("loop2.md")
    code = main(["compare", str(SAMPLES / "valley-radio.md"), str(tmp_path / "loop1.md")])
    assert code == EXIT_INPUT
    err = capsys.readouterr().err
    assert "loop1.md" in err and "symbolic links" in err and len(err.strip().splitlines()) == 1


def test_a_hard_link_to_an_input_is_the_same_file(tmp_path: Path) -> None:
    """L6: the README's "the same file twice" is refused whatever the path."""
    a = tmp_path / "a.md"
    shutil.copy(SAMPLES / "valley-radio.md", a)
    os.link(a, tmp_path / "hard-a.md")
    with pytest.raises(InputError, match="twice"):
        load_articles([a, tmp_path / "hard-a.md"])


@pytest.mark.parametrize("charset", ["idna", "punycode", "zlib", "base64", "rot13", "nonsense"])
def test_a_page_declaring_an_odd_charset_still_loads(tmp_path: Path, charset: str) -> None:
    """M2: `idna` and `punycode` raised UnicodeError from the decoder."""
    page = tmp_path / "page.html"
    page.write_bytes(
        f"<html><head><meta charset='{charset}'></head><body><article>".encode()
        + PARAGRAPH
        + b"\xe9</article></body></html>"
    )
    doc = read_document(page)
    assert "Ferris Street bridge" in doc.text


def test_a_cp1252_phrase_in_utf8_keeps_the_rest_utf8(tmp_path: Path) -> None:
    """L5: the whole file was read as cp1252 ("—" became "â€”", "Straße" "StraÃŸe")."""
    data = (
        "The Straße bridge — closed since May — reopens. ".encode() * 3
        + "Caf\xe9 na\xefve r\xe9sum\xe9.".encode("cp1252")
        + b" Officials agreed."
    )
    doc = read_document(_write(tmp_path, "mixed.txt", data))
    assert "Straße bridge — closed" in doc.text and "Café naïve résumé." in doc.text


def test_a_character_cut_at_the_end_keeps_the_text_utf8(tmp_path: Path) -> None:
    data = "Straße works are over, the mayor said — and".encode() + "—".encode()[:2]
    doc = read_document(_write(tmp_path, "cut.txt", data))
    assert doc.text.startswith("Straße works are over, the mayor said — and")


@pytest.mark.parametrize(
    "text",
    [
        "市政府说，费里斯街大桥将于周六上午恢复通车。\n官员表示，维修工作已经完成。\n",
        "The bridge reopens. Мост открывается. 大桥将于周六恢复通车。 Die Brücke öffnet.\n",
    ],
)
def test_utf16_without_a_byte_order_mark_in_any_script(tmp_path: Path, text: str) -> None:
    """L5: refused as "this looks like a binary file"."""
    for codec in ("utf-16-le", "utf-16-be"):
        doc = read_document(_write(tmp_path, f"{codec}.txt", text.encode(codec)))
        assert doc.text == text and doc.encoding == codec


def test_utf16_cut_to_an_odd_length_still_reads(tmp_path: Path) -> None:
    text = "The Ferris Street bridge reopens on Saturday, officials said.\n"
    doc = read_document(_write(tmp_path, "odd.txt", text.encode("utf-16-le") + b"\x00"))
    assert doc.text.startswith(text.strip())


def test_shift_jis_is_read_not_called_binary(tmp_path: Path) -> None:
    text = "市当局によると、フェリス通りの橋は土曜日の朝に再開通する。修理は完了した。\n" * 3
    doc = read_document(_write(tmp_path, "sjis.txt", text.encode("shift_jis")))
    assert "フェリス通りの橋" in doc.text


def test_a_deeply_nested_page_says_why_its_text_is_lost(tmp_path: Path) -> None:
    """L8: "no article text found", although the text is there (below lxml's depth limit)."""
    page = tmp_path / "deep.html"
    depth = 5_000
    page.write_bytes(
        b"<html><body>" + b"<div>" * depth + PARAGRAPH + b"</div>" * depth + b"</body></html>"
    )
    with pytest.raises(LoadError, match="nests its elements"):
        read_document(page)


def test_extractor_warnings_do_not_reach_stderr(tmp_path: Path) -> None:
    """L7: trafilatura's WARNING/ERROR lines came beside the one-line reason."""
    page = tmp_path / "deep.html"
    page.write_bytes(
        b"<html><body>" + b"<div>" * 3000 + PARAGRAPH + b"</div>" * 3000 + b"</body></html>"
    )
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "compare", str(page), str(SAMPLES / "valley-radio.md")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == EXIT_INPUT
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_missing_html_cleaner_is_a_load_error_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Setup finding: with the stock pip, lxml_html_clean was not installed and every page
    died in `import trafilatura` (a traceback, exit 1)."""
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><article>" + PARAGRAPH + b"</article></body></html>")
    for name in [m for m in sys.modules if m.startswith("trafilatura")]:
        monkeypatch.delitem(sys.modules, name)
    real_import = builtins.__import__

    def no_trafilatura(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("trafilatura"):
            raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    with pytest.raises(LoadError, match="pip install trafilatura lxml_html_clean"):
        read_document(page)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path

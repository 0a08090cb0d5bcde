"""`parallax compare`: exit codes, one clear line per bad input, valid JSON on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from tests.conftest import MAIN_SET, ROOT


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_compare_samples_emits_format_1_json() -> None:
    files = sorted(str(p) for p in MAIN_SET.glob("*.md"))
    result = run("compare", *files, "--json", "-")
    assert result.returncode == EXIT_OK, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "parallax-comparison" and data["version"] == 1
    assert len(data["articles"]) == len(files) >= 5
    assert data["links"] and data["claims"]
    assert result.stderr == ""


def test_summary_names_articles_and_counts(capsys: pytest.CaptureFixture[str], small_set) -> None:
    assert main(["compare", *map(str, small_set)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "3 articles" in out and "links" in out and "claims" in out
    assert "Riverside Gazette" in out


def test_json_to_a_file(tmp_path: Path, small_set) -> None:
    target = tmp_path / "out.json"
    assert main(["compare", "--quiet", *map(str, small_set), "--json", str(target)]) == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "parallax-comparison"


def test_threshold_and_scorer_reach_the_engine(tmp_path: Path, small_set) -> None:
    target = tmp_path / "out.json"
    args = ["compare", "-q", *map(str, small_set), "--json", str(target)]
    assert main([*args, "--threshold", "70", "--scorer", "token_set"]) == EXIT_OK
    options = json.loads(target.read_text(encoding="utf-8"))["options"]
    assert options["threshold"] == 70 and options["scorer"] == "token_set"


@pytest.mark.parametrize(("scorer", "threshold"), [("content", 50), ("token_sort", 60)])
def test_each_scorer_has_its_own_default_threshold(
    tmp_path: Path, small_set, scorer: str, threshold: float
) -> None:
    target = tmp_path / "out.json"
    args = ["compare", "-q", *map(str, small_set), "--json", str(target), "--scorer", scorer]
    assert main(args) == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8"))["options"]["threshold"] == threshold


@pytest.mark.parametrize(
    "args",
    [["compare"], ["compare", "only-one.md"], ["compare", "a.md", "b.md", "--threshold", "140"],
     ["compare", "a.md", "b.md", "--scorer", "nonsense"]],
)  # fmt: skip
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        code = main(args)
        raise SystemExit(code)
    assert exit_info.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n ")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    folder = tmp_path / "folder.md"
    folder.mkdir()
    page = tmp_path / "nav.html"
    page.write_text(
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav></body></html>"
    )
    return {
        "missing": (tmp_path / "missing.md", "not found"),
        "empty": (empty, "empty"),
        "whitespace": (blank, "whitespace"),
        "binary": (binary, "binary"),
        "folder": (folder, "folder"),
        "no article": (page, "no article text"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "empty", "whitespace", "binary", "folder", "no article"]
)
def test_bad_input_gets_one_clear_line_and_exit_3(
    case: str, tmp_path: Path, small_set, capsys: pytest.CaptureFixture[str]
) -> None:
    path, reason = _bad_inputs(tmp_path)[case]
    code = main(["compare", str(small_set[0]), str(path), str(small_set[1])])
    assert code == EXIT_INPUT
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(path) in err and reason in err
    assert "Traceback" not in err


def test_same_file_twice_is_an_input_error(small_set, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", str(small_set[0]), str(small_set[0])])
    assert code == EXIT_INPUT
    err = capsys.readouterr().err
    assert small_set[0].name in err and "twice" in err


def test_no_display_gives_a_clear_message_not_a_qt_abort() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = run(env=env)
    assert result.returncode == EXIT_USAGE
    assert "no display" in result.stderr and "parallax compare" in result.stderr


def test_version() -> None:
    from desktop import __version__

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"parallax {__version__}"


def test_running_out_of_memory_is_one_line_and_exit_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, small_set: list[Path]
) -> None:
    """Issue 17: 300 articles × 50 sentences ran out of memory under a 4 GB cap and said
    "unexpected error … please report it" (exit 1): too many articles is the user's input."""
    import desktop.core.pipeline as pipeline

    def exhausted(*args: object, **kw: object) -> None:
        raise MemoryError

    monkeypatch.setattr(pipeline, "compare_paths", exhausted)
    assert main(["compare", *map(str, small_set), "-q"]) == EXIT_INPUT
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not enough memory" in err[0] and "Traceback" not in err[0]


def test_the_command_ends_at_once_with_its_code_its_messages_and_its_log(tmp_path: Path):
    # `parallax compare` leaves with os._exit (cli._exit_now): nothing it prints may be lost.
    files = sorted(str(p) for p in MAIN_SET.glob("*.md"))
    # A fresh cache: the language model is unpacked, which is logged at INFO.
    env = {**os.environ, "PARALLAX_LOG": "info", "PARALLAX_CACHE_DIR": str(tmp_path / "cache")}
    missing = tmp_path / "no such folder" / "out.json"
    result = run("compare", *files, "--scorer", "content", "--json", str(missing), env=env)
    assert result.returncode == EXIT_INPUT
    assert "JSON not written" in result.stderr
    assert "INFO desktop.core.language_model: language model unpacked" in result.stderr
    assert "scored with content" in result.stdout  # the summary, printed before the exit

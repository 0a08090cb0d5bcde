"""Where `parallax compare` may write, and what it must never destroy (reliability review H1–H4,
L2, L3, L4, L7): the output-target matrix.

Every target here lives in a temporary folder. Devices are never used as outputs: a pipe stands
for /dev/null, and "/dev/stdout" is a symbolic link to it in the folder with stdout redirected
to a file there.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from tests.conftest import ROOT

SAMPLES = ROOT / "samples" / "riverside-bridge"


@pytest.fixture
def pair(tmp_path: Path) -> list[Path]:
    """a.md and b.md, copies of two sample articles, in a temporary folder."""
    out = []
    for name, sample in (("a.md", "riverside-gazette.md"), ("b.md", "valley-radio.md")):
        shutil.copy(SAMPLES / sample, tmp_path / name)
        out.append(tmp_path / name)
    return out


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def compare(*args: str | Path) -> int:
    return main(["compare", "-q", *map(str, args)])


def run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """`python -m desktop ARGS`; stdout and stderr captured unless `stdout` is given."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        cwd=ROOT,
        **kwargs,  # type: ignore[call-overload]
    )


# -- an output never replaces an input or another output (H2) ------------------------------------


@pytest.mark.parametrize("fmt", ["json", "html", "csv"])
def test_an_output_equal_to_an_input_is_a_usage_error_naming_both(
    pair: list[Path], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = pair
    before = md5(a)
    assert compare(a, b, f"--{fmt}", a) == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"--{fmt}" in err and str(a) in err
    assert md5(a) == before


def test_the_csv_links_file_never_replaces_an_input(
    pair: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = pair
    links = tmp_path / "b-links.csv"
    shutil.copy(pair[1], links)
    before = md5(links)
    assert compare(a, links, "--csv", tmp_path / "b.csv") == EXIT_USAGE
    assert "b-links.csv" in capsys.readouterr().err
    assert md5(links) == before and not (tmp_path / "b.csv").exists()


def test_an_input_reached_by_a_hard_link_or_a_symlink_is_still_an_input(
    pair: list[Path], tmp_path: Path
) -> None:
    a, b = pair
    os.link(a, tmp_path / "hard.json")
    (tmp_path / "soft.json").symlink_to(b)
    before = md5(a), md5(b)
    assert compare(a, b, "--json", tmp_path / "hard.json") == EXIT_USAGE
    assert compare(a, b, "--json", tmp_path / "soft.json") == EXIT_USAGE
    assert (md5(a), md5(b)) == before


@pytest.mark.parametrize(
    "args",
    [
        ("--json", "same.out", "--html", "same.out"),
        ("--json", "r-links.csv", "--csv", "r.csv"),
        ("--html", "x.html", "--csv", "./x.html"),
    ],
)
def test_two_outputs_naming_one_file_is_a_usage_error(
    pair: list[Path], tmp_path: Path, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    os.chdir(tmp_path)
    assert compare(*pair, *args) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "name the same file" in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


@pytest.mark.parametrize("option", ["--json", "--html", "--pdf", "--csv"])
def test_an_empty_output_path_is_a_usage_error(
    pair: list[Path], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert compare(*pair, option, "") == EXIT_USAGE
    assert "empty" in capsys.readouterr().err


def test_an_empty_input_path_is_a_usage_error(
    pair: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert compare(pair[0], "", pair[1]) == EXIT_USAGE
    assert "empty file name" in capsys.readouterr().err


# -- what sits at the target (H3) -----------------------------------------------------------------


def test_a_fifo_is_streamed_into_and_stays_a_fifo(pair: list[Path], tmp_path: Path) -> None:
    """What `--json /dev/null` relies on: a pipe stands in for the device."""
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert compare(*pair, "--json", fifo) == EXIT_OK
    reader.join(20)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["format"] == "parallax-comparison"


def test_a_fifo_nobody_reads_is_refused_at_once(
    pair: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    assert compare(*pair, "--json", fifo) == EXIT_INPUT
    assert "no program is reading" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_fifo_is_streamed_into(pair: list[Path], tmp_path: Path) -> None:
    """`--json /dev/null` is a link-free device; `--json out -> sink` is the same through a link."""
    fifo = tmp_path / "sink"
    os.mkfifo(fifo)
    (tmp_path / "out.json").symlink_to(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert compare(*pair, "--json", tmp_path / "out.json") == EXIT_OK
    reader.join(20)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and (tmp_path / "out.json").is_symlink()
    assert json.loads(got[0])["format"] == "parallax-comparison"


def test_dev_stdout_writes_into_stdout_and_never_replaces_it(
    pair: list[Path], tmp_path: Path
) -> None:
    """`--json /dev/stdout > captured`: the JSON goes into the file the shell opened (through
    a link in the temporary folder to /dev/stdout), which stays the same file."""
    link = tmp_path / "stdout.json"
    link.symlink_to("/dev/stdout")
    captured = tmp_path / "captured.txt"
    with captured.open("w") as out:
        inode = os.fstat(out.fileno()).st_ino
        result = run("compare", "-q", *pair, "--json", link, stdout=out)
    assert result.returncode == EXIT_OK, result.stderr
    assert captured.stat().st_ino == inode and link.is_symlink()
    assert json.loads(captured.read_text(encoding="utf-8"))["format"] == "parallax-comparison"


def test_a_symlink_is_followed_and_stays_a_link(pair: list[Path], tmp_path: Path) -> None:
    dated = tmp_path / "2025-09-12.json"
    dated.write_text("old", encoding="utf-8")
    latest = tmp_path / "latest.json"
    latest.symlink_to(dated.name)
    assert compare(*pair, "--json", latest) == EXIT_OK
    assert latest.is_symlink() and os.readlink(latest) == dated.name
    assert json.loads(dated.read_text(encoding="utf-8"))["format"] == "parallax-comparison"


def test_a_link_to_a_file_of_another_kind_is_refused(
    pair: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("PRECIOUS\n", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(precious)
    assert compare(*pair, "--json", tmp_path / "link.json") == EXIT_USAGE
    assert "another kind" in capsys.readouterr().err
    assert precious.read_text(encoding="utf-8") == "PRECIOUS\n"


def test_a_hard_link_is_split_and_its_other_name_keeps_the_old_content(
    pair: list[Path], tmp_path: Path
) -> None:
    """Decided (README, core/files.py): the name written gets the new content; other names of
    the file keep what they had, so nothing reachable elsewhere is overwritten in place."""
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    os.link(out, tmp_path / "kept.json")
    assert compare(*pair, "--json", out) == EXIT_OK
    assert (tmp_path / "kept.json").read_text(encoding="utf-8") == "old"
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "parallax-comparison"


def test_a_private_file_stays_private(pair: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    out.write_text("private", encoding="utf-8")
    out.chmod(0o600)
    assert compare(*pair, "--json", out) == EXIT_OK
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("{")


def _enforcing() -> list[str] | None:
    """A command prefix under which file permissions hold (root bypasses them): none needed
    when not root; setpriv dropping root's overrides when root; None when neither works."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


def test_a_read_only_file_is_refused_with_permissions_enforced(
    pair: list[Path], tmp_path: Path
) -> None:
    prefix = _enforcing()
    if prefix is None:
        pytest.skip("root without setpriv: permissions cannot be enforced")
    out = tmp_path / "ro.json"
    out.write_text("keep me", encoding="utf-8")
    out.chmod(0o444)
    outputs = ["--json", str(out), "--html", str(tmp_path / "ok.html")]
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "desktop", "compare", "-q", *map(str, pair), *outputs],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == EXIT_INPUT, result.stderr
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    assert (tmp_path / "ok.html").exists()  # the other report is still written (L2)


def test_a_missing_folder_fails_that_output_and_the_others_are_still_written(
    pair: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """L2: a failed JSON no longer cancels the reports after it."""
    code = compare(*pair, "--json", tmp_path / "nodir" / "x.json", "--html", tmp_path / "ok.html")
    assert code == EXIT_INPUT
    err = capsys.readouterr().err
    assert "JSON not written" in err and "does not exist" in err
    assert (tmp_path / "ok.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_folder_as_output_says_it_is_a_folder(
    pair: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """L7: was "could not be written (Device or resource busy)"."""
    os.chdir(tmp_path)
    assert compare(*pair, "--json", ".") == EXIT_INPUT
    assert "is a folder" in capsys.readouterr().err


def test_a_socket_is_refused(
    pair: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chdir(tmp_path)  # a socket's path must be short
    server = socket.socket(socket.AF_UNIX)
    server.bind("s.json")
    try:
        assert compare(*pair, "--json", "s.json") == EXIT_INPUT
        assert "socket" in capsys.readouterr().err
        assert stat.S_ISSOCK(os.lstat("s.json").st_mode)
    finally:
        server.close()


def _small_files() -> None:  # runs in the child, before exec
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_full_disk_keeps_the_old_file_and_leaves_no_debris(
    pair: list[Path], tmp_path: Path
) -> None:
    """The kernel refuses to grow any file past 4 KB (RLIMIT_FSIZE): a disk full for this run."""
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    result = run("compare", "-q", *pair, "--json", out, preexec_fn=_small_files)
    assert result.returncode == EXIT_INPUT, result.stderr
    assert "could not be written" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    made_by_fixtures = {"cache", "parallax-data"}  # the test's own cache and data folders
    left = sorted(p.name for p in tmp_path.iterdir() if p.name not in made_by_fixtures)
    assert left == ["a.md", "b.md", "out.json"]


# -- standard output (L3) --------------------------------------------------------------------------


def test_json_to_a_closed_stdout_is_one_line(pair: list[Path]) -> None:
    closed = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(1); sys.argv[0] = 'parallax'; "
         "from desktop.cli import main; sys.exit(main(sys.argv[1:]))",
         "compare", *map(str, pair), "--json", "-"],
        capture_output=False, stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert closed.returncode == EXIT_INPUT
    assert "Traceback" not in closed.stderr and len(closed.stderr.strip().splitlines()) == 1


def test_json_to_a_full_stdout_is_one_line(pair: list[Path], tmp_path: Path) -> None:
    with (tmp_path / "captured").open("w") as out:
        result = run("compare", *pair, "--json", "-", stdout=out, preexec_fn=_small_files)
    assert result.returncode == EXIT_INPUT
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


# -- file names and printed names (H4, L4) ---------------------------------------------------------


def test_a_non_utf8_file_name_never_stops_an_output(pair: list[Path], tmp_path: Path) -> None:
    a, b = pair
    latin1 = os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9.md")
    shutil.copy(b, latin1)
    outs = [tmp_path / "o.json", tmp_path / "o.html", tmp_path / "o.csv"]
    result = run("compare", "-q", a, latin1, "--json", outs[0], "--html", outs[1], "--csv", outs[2])
    assert result.returncode == EXIT_OK, result.stderr
    data = json.loads(outs[0].read_text(encoding="utf-8"))
    assert data["articles"][1]["source"].endswith("caf\ufffd.md")
    assert outs[1].exists() and outs[2].exists() and (tmp_path / "o-links.csv").exists()


def test_terminal_control_characters_are_escaped_when_printed(tmp_path: Path) -> None:
    evil = "Evil\x1b]0;pwned-title\x07\x1b[2J\x1b[1;31mRED"
    for name in ("x", "y"):
        (tmp_path / f"{name}.md").write_text(
            f"---\noutlet: {evil} {name}\n---\nThe bridge reopens on Saturday after repairs.\n",
            encoding="utf-8",
        )
    result = run("compare", tmp_path / "x.md", tmp_path / "y.md")
    assert result.returncode == EXIT_OK, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Evil\\x1b]0;pwned-title\\x07" in result.stdout
    missing = run("compare", tmp_path / "x.md", tmp_path / "n\x1b[2Jo.md")
    assert missing.returncode == EXIT_INPUT and "\x1b" not in missing.stderr


def test_a_negative_zero_threshold_is_zero(pair: list[Path], tmp_path: Path) -> None:
    """L7: `--threshold=-0` was exported as -0.0, and the method note's command said -0."""
    out, page = tmp_path / "o.json", tmp_path / "r.html"
    assert compare(*pair, "--threshold=-0", "--json", out, "--html", page) == EXIT_OK
    threshold = json.loads(out.read_text(encoding="utf-8"))["options"]["threshold"]
    assert str(threshold) == "0.0"
    # The method's settings say 0; only the command, quoted as typed, keeps "-0".
    method = page.read_text(encoding="utf-8").replace("--threshold=-0", "")
    assert "<th>threshold</th><td>0</td>" in method and "-0<" not in method


def test_a_headless_run_writes_no_user_settings(pair: list[Path], tmp_path: Path) -> None:
    """`compare` (a PDF included, which starts Qt) leaves the configuration and data folders."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config")}
    env.pop("PARALLAX_DATA_DIR", None)
    result = run("compare", "-q", *pair, "--pdf", tmp_path / "r.pdf", env=env)
    assert result.returncode == EXIT_OK, result.stderr
    assert [p for p in home.rglob("*") if p.is_file()] == []

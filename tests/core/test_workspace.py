"""Workspaces: saved and reopened without loss, written atomically, and never read wrongly."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest

import desktop.core.files as files_module
from desktop.core.align import align
from desktop.core.comparison import SentenceRef
from desktop.core.corrections import Corrections
from desktop.core.errors import ExportError, FormatError, InputError, LoadError
from desktop.core.loading import load_articles
from desktop.core.options import AlignOptions
from desktop.core.workspace import FORMAT_VERSION, SUFFIX, Workspace
from tests.helpers import make_article

R = SentenceRef


@pytest.fixture
def workspace(small_set: list[Path]) -> Workspace:
    """Real loaded articles (front matter, extra keys), edited, reordered and corrected."""
    articles = load_articles(small_set)
    edited = articles[1].with_metadata(
        outlet="The Gazette (edited)", title="A new title", published="2025-09-13", note="checked"
    )
    articles = [articles[2], edited, articles[0]]
    corrections = (
        Corrections().with_link(R("a3", 0), R("a2", 1)).with_unlink(R("a1", 1), R("a2", 2))
    )
    return Workspace(
        name="Kettle River bridge, September 2025 — «test»",
        articles=tuple(articles),
        options=AlignOptions(threshold=42.5, scorer="token_set", chain_margin=7),
        corrections=corrections,
    )


def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- round trips -----------------------------------------------------------------------------------


def test_round_trip_is_lossless(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / f"bridge{SUFFIX}"
    workspace.save(path)
    again = Workspace.load(path)
    assert again == workspace
    assert again.name == workspace.name
    assert [a.id for a in again.articles] == ["a3", "a2", "a1"]
    for before, after in zip(workspace.articles, again.articles, strict=True):
        assert after == before
        assert after.text == before.text and after.sentences == before.sentences
        assert after.extra == before.extra  # not part of Article equality, so checked apart
    assert again.articles[1].outlet == "The Gazette (edited)"
    assert again.articles[1].note == "checked"
    assert again.options == workspace.options
    assert again.corrections == workspace.corrections
    assert again.saved_with.startswith("parallax ")
    assert again.to_json() == workspace.to_json()
    path.write_text(again.to_json(), encoding="utf-8")
    assert Workspace.load(path) == workspace


def test_json_shape(workspace: Workspace) -> None:
    data = json.loads(workspace.to_json())
    assert data["format"] == "parallax-workspace"
    assert data["version"] == FORMAT_VERSION == 1
    assert data["saved_with"].startswith("parallax ")
    assert data["name"] == workspace.name
    assert data["options"] == {
        "threshold": 42.5,
        "scorer": "token_set",
        "chain_margin": 7,
        "related_margin": 15,
        "embed_limit": 1000,
    }
    assert data["corrections"] == workspace.corrections.to_dict()
    article = data["articles"][1]
    assert article["id"] == "a2" and article["outlet"] == "The Gazette (edited)"
    assert {"text", "sentences", "source", "title", "published", "author"} <= set(article)
    for s in article["sentences"]:
        assert article["text"][s["start"] : s["end"]] == s["text"]


def test_comparison_realigns_with_options_and_corrections(workspace: Workspace) -> None:
    seen: list[float] = []
    comparison = workspace.comparison(progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0
    expected = align(workspace.articles, workspace.options, corrections=workspace.corrections)
    assert comparison == expected
    assert comparison.options == workspace.options
    manual = comparison.link_between(R("a3", 0), R("a2", 1))
    assert manual is not None and manual.manual
    assert comparison.link_between(R("a1", 1), R("a2", 2)) is None


def test_from_comparison_and_back(workspace: Workspace) -> None:
    comparison = workspace.comparison()
    again = Workspace.from_comparison(comparison, workspace.name)
    assert again == workspace
    other = Corrections().with_link(R("a1", 0), R("a3", 0))
    assert Workspace.from_comparison(comparison, "x", other).corrections == other
    # …and a comparison's JSON (corrections included) rebuilds the same workspace.
    from desktop.core.comparison import Comparison

    reread = Comparison.from_json(comparison.to_json())
    assert Workspace.from_comparison(reread, workspace.name) == workspace


def test_survives_a_new_threshold(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.parallax"
    for threshold in (10, 90):
        changed = dataclasses.replace(workspace, options=AlignOptions(threshold=threshold))
        changed.save(path)
        comparison = Workspace.load(path).comparison()
        assert comparison.link_between(R("a3", 0), R("a2", 1)).manual  # type: ignore[union-attr]
        assert comparison.link_between(R("a1", 1), R("a2", 2)) is None


def test_small_workspaces_save_but_need_two_articles_to_compare(tmp_path: Path) -> None:
    one = Workspace("one", (make_article("a1", ["One sentence."]),))
    one.save(tmp_path / "one.parallax")
    assert Workspace.load(tmp_path / "one.parallax") == one
    with pytest.raises(InputError, match="two articles"):
        one.comparison()
    # With no articles at all a workspace is damaged (review L1: exports then raised IndexError).
    Workspace("empty", ()).save(tmp_path / "e.parallax")
    with pytest.raises(FormatError, match="damaged: it holds no articles"):
        Workspace.load(tmp_path / "e.parallax")


def test_articles_may_be_given_as_a_list_but_ids_must_differ() -> None:
    a = make_article("a1", ["One sentence."])
    assert Workspace("w", [a]).articles == (a,)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="share an id"):
        Workspace("w", (a, a))


# -- atomic saving ---------------------------------------------------------------------------------


def test_failed_rename_leaves_the_old_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.parallax"
    workspace.save(path)
    before = _snapshot(path)

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="No space left on device"):
        dataclasses.replace(workspace, name="changed").save(path)
    assert _snapshot(path) == before
    assert _no_temp_files(tmp_path)
    monkeypatch.undo()
    assert Workspace.load(path) == workspace


def test_failed_write_leaves_the_old_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.parallax"
    workspace.save(path)
    before = _snapshot(path)

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ExportError, match="Input/output error"):
        dataclasses.replace(workspace, name="changed").save(path)
    assert _snapshot(path) == before
    assert _no_temp_files(tmp_path)


def test_interrupted_save_leaves_the_old_file(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.parallax"
    workspace.save(path)
    before = _snapshot(path)

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        dataclasses.replace(workspace, name="changed").save(path)
    assert _snapshot(path) == before
    assert _no_temp_files(tmp_path)


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: a read-only folder does not stop root (see the simulated test)",
)
def test_read_only_folder(workspace: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "w.parallax"
    workspace.save(path)
    before = _snapshot(path)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            dataclasses.replace(workspace, name="changed").save(path)
        assert _snapshot(path) == before
    finally:
        folder.chmod(stat.S_IRWXU)


def test_read_only_folder_simulated(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.parallax"
    workspace.save(path)
    before = _snapshot(path)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files_module.tempfile, "mkstemp", denied)
    with pytest.raises(ExportError, match="permission denied: cannot write in"):
        dataclasses.replace(workspace, name="changed").save(path)
    assert _snapshot(path) == before


def test_save_to_a_missing_folder_or_over_a_folder(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        workspace.save(tmp_path / "nowhere" / "w.parallax")
    (tmp_path / "dir.parallax").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        workspace.save(tmp_path / "dir.parallax")
    assert _no_temp_files(tmp_path)


# -- refusing what is not a readable workspace -----------------------------------------------------


def _damage(text: str, change: str) -> str:
    data = json.loads(text)
    article = data["articles"][0]
    if change == "offsets":
        article["sentences"][2]["start"] += 1
    elif change == "offsets past the end":
        article["sentences"][-1]["end"] = len(article["text"]) + 5
    elif change == "sentence text":
        article["sentences"][0]["text"] = "Something else."
    elif change == "no text":
        del article["text"]
    elif change == "duplicate ids":
        data["articles"][1]["id"] = article["id"]
    elif change == "bad options":
        data["options"]["threshold"] = 500
    elif change == "bad corrections":
        data["corrections"] = {"links": [{"a": {"article": "a1", "sentence": 0}}]}
    elif change == "bad index":
        article["sentences"][1]["index"] = 7
    elif change == "no articles":
        del data["articles"]
    elif change == "articles not a list of objects":
        data["articles"] = ["a1"]
    elif change == "sentence not an object":
        article["sentences"][0] = 5
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("offsets", "sentence 3 of article a3 .* does not match"),
        ("offsets past the end", "does not match"),
        ("sentence text", "sentence 1 of article a3 .* does not match"),
        ("no text", "article 'a3' has no text"),
        ("duplicate ids", "share an id"),
        ("bad options", "threshold must be between"),
        ("bad corrections", "corrections are damaged"),
        ("bad index", "has index"),
        ("no articles", "cannot be read \\(KeyError: .articles.\\)"),
        ("articles not a list of objects", "not a JSON object"),
        ("sentence not an object", "is not readable"),
    ],
)
def test_damaged_content_is_a_format_error(
    workspace: Workspace, tmp_path: Path, change: str, message: str
) -> None:
    path = tmp_path / "w.parallax"
    path.write_text(_damage(workspace.to_json(), change), encoding="utf-8")
    before = _snapshot(path)
    with pytest.raises(FormatError, match=f"^{path}: The workspace is damaged.*{message}"):
        Workspace.load(path)
    assert _snapshot(path) == before


def _bad_file(workspace: Workspace, kind: str) -> bytes:
    good = workspace.to_json().encode()
    data = json.loads(good)
    if kind == "truncated":
        return good[: len(good) // 2]
    if kind == "cut after one byte short":
        return good.rstrip()[:-1]
    if kind == "empty":
        return b""
    if kind == "blank":
        return b"  \n\n"
    if kind == "binary":
        return bytes(range(256)) * 4
    if kind == "zeros":
        return b"\x00" * 4096
    if kind == "newer":
        data["version"] = FORMAT_VERSION + 1
        data["saved_with"] = "parallax 9.0.0"
        data["something_new"] = {"x": 1}
        return json.dumps(data).encode()
    if kind == "version missing":
        del data["version"]
        return json.dumps(data).encode()
    if kind == "version text":
        data["version"] = "1"
        return json.dumps(data).encode()
    if kind == "other json":
        return b'{"name": "my notes", "items": [1, 2, 3]}'
    if kind == "json list":
        return b"[1, 2, 3]"
    if kind == "comparison":
        return workspace.comparison().to_json().encode()
    if kind == "text":
        return b"Zelensky said the guarantees would come within ten days.\n"
    if kind == "html":
        return b"<!doctype html><html><body><p>Hello</p></body></html>"
    if kind == "latin-1":
        return "Caf\u00e9 cr\u00e8me".encode("latin-1")
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("truncated", "damaged \\(cut short or corrupt"),
        ("cut after one byte short", "damaged \\(cut short or corrupt"),
        ("empty", "file is empty"),
        ("blank", "file is empty"),
        ("binary", "not a Parallax workspace \\(it is not text\\)"),
        ("zeros", "not a Parallax workspace"),
        ("newer", "saved by a newer Parallax \\(parallax 9.0.0, workspace format version 2\\)"),
        ("version missing", "damaged: its format version is None"),
        ("version text", "damaged: its format version is '1'"),
        ("other json", "not a Parallax workspace \\(no 'parallax-workspace' tag\\)"),
        ("json list", "not a Parallax workspace"),
        ("comparison", "comparison exported as JSON, not a workspace"),
        ("text", "not a Parallax workspace \\(it is not JSON\\)"),
        ("html", "not a Parallax workspace \\(it is not JSON\\)"),
        ("latin-1", "not a Parallax workspace \\(it is not text\\)"),
    ],
)
def test_unreadable_files_are_a_format_error_and_left_alone(
    workspace: Workspace, tmp_path: Path, kind: str, message: str
) -> None:
    path = tmp_path / "w.parallax"
    path.write_bytes(_bad_file(workspace, kind))
    before = _snapshot(path)
    with pytest.raises(FormatError, match=message) as info:
        Workspace.load(path)
    assert str(info.value).startswith(f"{path}: ")
    assert _snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.parallax"]


def test_newer_version_message_says_what_to_do(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.parallax"
    path.write_bytes(_bad_file(workspace, "newer"))
    with pytest.raises(FormatError, match="Update Parallax to open it"):
        Workspace.load(path)


def test_a_byte_order_mark_is_accepted(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "w.parallax"
    path.write_bytes(b"\xef\xbb\xbf" + workspace.to_json().encode())
    assert Workspace.load(path) == workspace


def test_files_that_cannot_be_read_are_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="file not found"):
        Workspace.load(tmp_path / "missing.parallax")
    with pytest.raises(LoadError, match="is a folder"):
        Workspace.load(tmp_path)

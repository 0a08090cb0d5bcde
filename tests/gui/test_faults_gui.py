"""Bad and unusual input in the window: each gets a clear message and loses nothing."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QTextBlock
from pytestqt.qtbot import QtBot

from desktop.core.comparison import SHARED
from desktop.gui import errors
from desktop.gui.main_window import MainWindow
from desktop.gui.settings import Settings
from desktop.gui.widgets.pane import is_rtl

from .helpers import MAIN_SET, SMALL_SET, WAIT_MS, open_window, shown_comparison
from .workspace_helpers import data_dir, small_window

__all__ = ["data_dir"]
pytestmark = pytest.mark.usefixtures("data_dir")
log = logging.getLogger(__name__)


def test_file_deleted_before_loading(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    files = [tmp_path / p.name for p in sorted(SMALL_SET.glob("*.md"))]
    for source, target in zip(sorted(SMALL_SET.glob("*.md")), files, strict=True):
        shutil.copy(source, target)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    files[1].unlink()  # chosen in the dialog, gone before Parallax reads it
    with qtbot.waitSignal(window.comparison_changed, timeout=WAIT_MS):
        window.open_files([str(f) for f in files])
    assert len(window.strip.panes()) == 2
    assert window.message_bar.kind == errors.ERROR
    assert files[1].name in window.message_bar.text()
    assert "not found" in window.message_bar.text()


def test_same_article_added_twice(qtbot: QtBot, settings: Settings) -> None:
    window = small_window(qtbot, settings)
    before = window.session.comparison
    first = sorted(SMALL_SET.glob("*.md"))[0]
    with qtbot.waitSignal(window.session.problem, timeout=WAIT_MS) as blocker:
        window.add_files([str(first)])
    qtbot.waitUntil(lambda: not window.session.is_busy())
    assert "already open" in str(blocker.args[0])
    assert "already open" in window.message_bar.text()
    assert window.session.comparison is before
    assert len(window.strip.panes()) == 3
    assert not window.isWindowModified()


def test_two_identical_articles_share_everything(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    source = sorted(SMALL_SET.glob("*.md"))[0]
    copies = [tmp_path / "one.md", tmp_path / "two.md"]
    for copy in copies:
        shutil.copy(source, copy)
    window = open_window(qtbot, settings, copies)
    comparison = window.session.comparison
    assert comparison is not None and len(comparison.articles) == 2
    a, b = comparison.articles
    # Every sentence is shared (a bare dateline such as "ALDER FALLS —" is never linked).
    body = [ref for ref in comparison.refs(a.id) if a.sentences[ref.sentence].kind != "dateline"]
    assert len(body) >= len(a.sentences) - 1
    assert all(comparison.status(ref) == SHARED for ref in body)
    assert len(comparison.links) == len(body)
    assert all(link.relation == "identical" for link in comparison.links)
    assert a.sentences == b.sentences


def _forty_articles(folder: Path) -> list[Path]:
    sources = sorted(MAIN_SET.glob("*.md")) + sorted(SMALL_SET.glob("*.md"))
    files = []
    for i in range(40):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        body = text.split("---", 2)[2]
        path = folder / f"article-{i:02d}.md"
        path.write_text(f"---\noutlet: Outlet {i:02d}\ntitle: Story {i}\n---\n{body}", "utf-8")
        files.append(path)
    return files


def test_forty_articles_load_in_the_worker(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    files = _forty_articles(tmp_path)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    # The event loop keeps turning while the worker reads and aligns.
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer(window)
    ticker.setInterval(20)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    clock.start()
    ticker.start()
    started = time.perf_counter()
    with qtbot.waitSignal(window.comparison_changed, timeout=120_000):
        window.open_files([str(f) for f in files])
    elapsed = time.perf_counter() - started
    ticker.stop()
    log.info("40 articles: %.2f s; longest event-loop gap %d ms", elapsed, max(gaps))
    assert len(gaps) >= 5, "the event loop was blocked during the load"
    assert len(window.strip.panes()) == 40
    assert window.strip.horizontalScrollBar().maximum() > 0
    comparison = window.session.comparison
    assert comparison is not None and len(comparison.articles) == 40
    # Saving 40 articles is quick enough for the GUI thread.
    started = time.perf_counter()
    assert window.workspace.save_to(str(tmp_path / "forty.parallax"))
    assert time.perf_counter() - started < 2.0


UKRAINIAN = (
    "---\noutlet: Київський вісник\ntitle: Міст відкриють у суботу\n---\n"
    "Міст через річку відкриють у суботу, повідомили у міській раді.\n\n"
    "Ремонт тривав чотирнадцять місяців і коштував 4,8 мільйона доларів.\n"
)
RUSSIAN = (
    "---\noutlet: Московский курьер\ntitle: Мост откроют в субботу\n---\n"
    "Мост через реку откроют в субботу, сообщили в городском совете.\n\n"
    "Ремонт длился четырнадцать месяцев и стоил 4,8 миллиона долларов.\n"
)
ARABIC = (
    "---\noutlet: صحيفة النهر\ntitle: افتتاح الجسر يوم السبت\n---\n"
    "سيعاد افتتاح الجسر فوق النهر يوم السبت، حسبما أعلن مجلس المدينة.\n\n"
    "CNN وقالت مصادر إن الإصلاحات استمرت أربعة عشر شهرا وكلفت 4.8 مليون دولار.\n"
)
ARABIC_2 = (
    "---\noutlet: وكالة الأخبار\ntitle: الجسر يفتح السبت\n---\n"
    "سيعاد افتتاح الجسر فوق النهر يوم السبت، حسبما أعلن مجلس المدينة اليوم.\n\n"
    "وأضاف المجلس أن حركة المرور ستعود تدريجيا.\n\n"
    "انتهى الإغلاق.\n"
)


def _blocks(window: MainWindow, article_id: str) -> list[QTextBlock]:
    doc = window.strip.pane(article_id).view.document()
    blocks, block = [], doc.firstBlock()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    return blocks


def test_right_to_left_and_non_latin_text(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    texts = {"uk.md": UKRAINIAN, "ru.md": RUSSIAN, "ar.md": ARABIC, "ar2.md": ARABIC_2}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    window = open_window(qtbot, settings, [tmp_path / n for n in texts])
    comparison = shown_comparison(window)
    by_outlet = {a.outlet: a for a in comparison.articles}
    uk, ar, ar2 = (
        by_outlet["Київський вісник"],
        by_outlet["صحيفة النهر"],
        by_outlet["وكالة الأخبار"],
    )
    # Shown exactly as written.
    assert "Міст через річку відкриють у суботу" in window.strip.pane(uk.id).view.toPlainText()
    assert "سيعاد افتتاح الجسر فوق النهر" in window.strip.pane(ar.id).view.toPlainText()
    assert window.strip.pane(ar.id).outlet_label.full_text() == "صحيفة النهر"
    # The two Arabic reports of the same sentence are linked.
    assert any({link.a.article, link.b.article} == {ar.id, ar2.id} for link in comparison.links)
    # Arabic paragraphs are laid out right to left, even one starting with a Latin word;
    # Cyrillic ones left to right.
    for block in _blocks(window, ar.id):
        assert is_rtl(block.text())
        assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert block.textDirection() == Qt.LayoutDirection.RightToLeft
    for block in _blocks(window, uk.id):
        assert block.blockFormat().layoutDirection() != Qt.LayoutDirection.RightToLeft
    # Right-aligned: a short Arabic paragraph ends at the right margin, space on its left.
    view = window.strip.pane(ar2.id).view
    last = _blocks(window, ar2.id)[-1]
    line = last.layout().lineAt(last.layout().lineCount() - 1)
    width = view.document().textWidth()
    assert line.naturalTextRect().right() > width * 0.8
    assert line.naturalTextRect().left() > width * 0.2  # short line: space on the left
    assert errors.unexpected_errors() == []

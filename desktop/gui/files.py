"""Choosing files to open: dialogs, folders expanded to their articles, the Open Recent menu."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from desktop.core.loading import ARTICLE_SUFFIXES
from desktop.core.workspace import SUFFIX as WORKSPACE_SUFFIX
from desktop.gui.plain import tooltip
from desktop.gui.settings import Settings

FILE_FILTER = (
    "Articles, workspaces (*.md *.markdown *.txt *.text *.*htm* *.pdf *.docx *.eml *.parallax);;"
    "Text and Markdown (*.txt *.text *.md *.markdown);;Web pages (*.html *.htm *.xhtml *.shtml);;"
    "PDF (*.pdf);;Word (*.docx);;E-mail (*.eml);;All (*)"
)


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given; folders become their article files, sorted."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(str(c) for c in sorted(p.iterdir()) if c.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            out.append(str(p))
    return out


def ask_files(parent: QWidget, title: str, folder: str) -> list[str]:
    """Article or workspace files picked in the file dialog (empty when cancelled)."""
    files, _ = QFileDialog.getOpenFileNames(parent, title, folder, FILE_FILTER)
    return list(files)


def recent_label(files: list[str]) -> str:
    """ "bridge (workspace)", or "folder: first, second, third +2" for a set of articles."""
    if len(files) == 1 and files[0].endswith(WORKSPACE_SUFFIX):
        return f"{Path(files[0]).stem} (workspace)"
    folder = Path(files[0]).parent.name or str(Path(files[0]).parent)
    names = ", ".join(Path(f).stem for f in files[:3])
    more = f" +{len(files) - 3}" if len(files) > 3 else ""
    return f"{folder}: {names}{more}"


def fill_recent_menu(
    menu: QMenu, settings: Settings, open_files: Callable[[list[str]], None]
) -> None:
    """(Re)build Open Recent from the settings, just before it shows."""
    menu.clear()
    sets = settings.recent_sets()
    for files in sets:
        action = menu.addAction(recent_label(files))
        action.setToolTip(tooltip("\n".join(files)))
        action.triggered.connect(lambda _=False, f=files: open_files(list(f)))
    if not sets:
        menu.addAction("No recent articles or workspaces").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear Recent", settings.clear_recent)

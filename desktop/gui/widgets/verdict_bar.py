"""The framing panel's verdict line: the selected claim's verdict and note, and a button to set
them (the same menu as the claims table's and a sentence's, gui/verdict_actions.py fills it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from desktop.core.comparison import SentenceRef
from desktop.core.verdicts import ClaimVerdict, LinkVerdict
from desktop.gui import style

MenuFiller = Callable[[QMenu, int, SentenceRef | None], None]
"""Fills the menu for a claim (and the selected sentence in it, for its links)."""


class VerdictBar(QWidget):
    """ "Verdict: ✘ disputed — note…" beside a "Verdict ▾" menu button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("VerdictBar")
        self.menu_filler: MenuFiller | None = None
        self._claim: int | None = None
        self._ref: SentenceRef | None = None
        self._verdict = ""
        self.label = QLabel(self)
        self.label.setObjectName("VerdictText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the note is the user's text
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QToolButton(self)
        self.button.setObjectName("VerdictButton")
        self.button.setText("Verdict ▾")
        self.button.setToolTip("Set your verdict on this claim, or on a link of this sentence")
        self.button.setAccessibleName("Set verdict")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill)
        self.button.setMenu(self.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)

    def set_claim(
        self,
        claim_id: int | None,
        ref: SentenceRef | None,
        verdict: ClaimVerdict | None,
        links: list[tuple[str, LinkVerdict]],
    ) -> None:
        """Show claim `claim_id`'s `verdict` and the verdicts on `links` of the selected
        sentence `ref` (each named by the other outlet); hidden with no claim."""
        self._claim, self._ref = claim_id, ref
        self.setVisible(claim_id is not None)
        lines = []
        if verdict is not None:
            note = f" — {verdict.note}" if verdict.note else ""
            lines.append(f"Verdict: {style.verdict_mark(verdict.verdict)}{note}")
        else:
            lines.append("Verdict: none yet")
        for outlet, link in links:
            note = f" — {link.note}" if link.note else ""
            lines.append(f"Link with {outlet}: {style.verdict_mark(link.verdict)}{note}")
        self.label.setText("\n".join(lines))
        self._verdict = verdict.verdict if verdict is not None else ""
        self._recolour()

    def _recolour(self) -> None:
        """The verdict's colour on the current palette; no verdict: the palette's own text."""
        palette = QPalette()  # no role set: the label inherits every colour but the one set
        if self._verdict:
            colour = style.verdict_color(self._verdict, self.palette())
            palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()  # a theme change: the verdict's colour for the new base

    def claim(self) -> int | None:
        return self._claim

    def _fill(self) -> None:
        self.menu.clear()
        if self.menu_filler is not None and self._claim is not None:
            self.menu_filler(self.menu, self._claim, self._ref)

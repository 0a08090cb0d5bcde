"""What's This? (Shift+F1) texts for the parts of the window a newcomer asks about.

Plain words, no markup from articles (these texts are written here). The terms the claims table
and the framing panel use ("buried", "blind spot", "named source") are also explained in their
headers' tooltips; the full story is Help ▸ How Parallax Compares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

STRIP = (
    "One pane per article. Each sentence is tinted by how it relates to the other outlets "
    "(see the legend under the panes) and marked in the margin: ● shared, ◐ reworded, "
    "⚠ conflict, ◆ unique. Click a sentence to select its claim in every pane; hover for "
    "why it has its colour. The bands between panes link matching sentences; drag them to "
    "make a pane wider. Drag a pane's header to move it; its ⋯ menu compares it with other "
    "outlets or makes it the base outlet."
)
LEGEND = (
    "The key to the colours and marks. Darker, underlined words differ from the sentence they "
    "are compared with, which the text on the right names."
)
CLAIMS = (
    "One row per claim: a group of sentences of different outlets that carry the same "
    "information (at most one per outlet). Columns: how the outlets relate, what they "
    "conflict on, who they attribute it to, who hedges it, where it is buried (lower half "
    "while another outlet led with it), then one column per outlet with the sentence's "
    "status and place (¶ paragraph, s sentence). Claim numbers stay the same when the "
    "threshold changes. The Verdict column holds your own verdicts and notes (right-click a "
    "row to set one; Verdicts ▾ filters by them); Chart shows the coverage chart of the main "
    "claims instead, as in the reports."
)
CHART = (
    "The coverage chart of the reports: the claims most outlets carry, among those the filters "
    "leave, one column per outlet (● shared, ◐ reworded, ⚠ conflict, — not reported). Click a "
    "row to select the claim."
)
FRAMING = (
    "How each outlet frames the selected claim (placement, attribution, hedges, quotes, "
    "figures, negations, conflicts), and the profile of the outlet whose pane has focus: "
    "hedging, sourcing, blind spots (claims most other outlets carry and it leaves out) and "
    "word choices."
)
TOOLBAR = (
    "Open and add articles, remove the current one (Undo brings it back), export, undo and "
    "redo, the threshold (lowest score at which two sentences link) and the scorer, and the "
    "next and previous difference."
)
OVERVIEW = (
    "A map of the whole article: wide marks are conflicts (orange) and unique sentences "
    "(yellow), narrow ones agreement. The frame is the part in view; click to go elsewhere."
)


def explain_widgets(window: MainWindow) -> None:
    window.strip.setWhatsThis(STRIP)
    window.legend_bar.setWhatsThis(LEGEND)
    window.claims.setWhatsThis(CLAIMS)
    window.claims.table.setWhatsThis(CLAIMS)
    window.claims.chart.setWhatsThis(CHART)
    window.framing_dock.setWhatsThis(FRAMING)
    window.framing_dock.panel.setWhatsThis(FRAMING)
    window.toolbar.setWhatsThis(TOOLBAR)

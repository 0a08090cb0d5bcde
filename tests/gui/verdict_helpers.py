"""Helpers for the verdict tests: finding claims by their sentences and menu items by name."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.core.comparison import Claim, Comparison, SentenceRef
from desktop.core.verdicts import ClaimVerdict
from desktop.gui.main_window import MainWindow
from desktop.gui.models.claims import COL_ID


def main_claims(comparison: Comparison, count: int = 3) -> list[Claim]:
    """The claims carried by the most outlets (ties in claim order)."""
    return sorted(comparison.multi_claims, key=lambda c: (-len(c.members), c.id))[:count]


def claim_holding(comparison: Comparison, ref: SentenceRef) -> Claim:
    return comparison.claim_of(ref)


def verdict_on(comparison: Comparison, ref: SentenceRef) -> ClaimVerdict | None:
    """The verdict attached to the claim that holds `ref` now."""
    return comparison.attached_verdicts.claim(comparison.claim_of(ref).id)


def table_index(window: MainWindow, claim_id: int, column: int = COL_ID) -> QModelIndex:
    """The claims table's (proxy) index of claim `claim_id`'s row."""
    claims = window.claims
    row = claims.model.row_of_claim(claim_id)
    assert row is not None, f"no row for claim {claim_id}"
    return claims.proxy.mapFromSource(claims.model.index(row, column))


def menu_actions(menu: QMenu) -> list[QAction]:
    """Every action of `menu` and its submenus, depth first."""
    out: list[QAction] = []
    for action in menu.actions():
        out.append(action)
        sub = action.menu()
        if isinstance(sub, QMenu):
            out += menu_actions(sub)
    return out


def submenu(menu: QMenu, starts: str) -> QMenu:
    """The submenu of `menu` whose title (without "&") starts with `starts`."""
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu) and action.text().replace("&", "").startswith(starts):
            return sub
    titles = [a.text() for a in menu.actions()]
    raise AssertionError(f"no submenu {starts!r} in {titles}")


def trigger(menu: QMenu, name: str) -> None:
    """Trigger the item called `name` (its objectName) directly in `menu`."""
    action = next((a for a in menu.actions() if a.objectName() == name), None)
    assert action is not None, f"no {name} in {[a.objectName() for a in menu.actions()]}"
    assert action.isEnabled(), name
    action.trigger()

"""The Qt bindings this project runs on must not corrupt the interpreter.

PySide6 6.12.0 on Python 3.11 drops one reference to `None` on every call of a method that
returns nothing, and one to `True` on every `emit()`; after enough calls (a long session, a
20-article PDF) Python aborts with "none_dealloc" or "bool_dealloc". pyproject.toml excludes that
release; these tests catch any other that does it.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    obj = QObject()
    calls = 1_000  # few enough that a leaking build fails here rather than aborting
    before = sys.getrefcount(None)
    for _ in range(calls):
        obj.setObjectName("parallax")
    lost = before - sys.getrefcount(None)
    assert lost < 50, f"{lost} references to None lost in {calls} Qt calls"


class _Emitter(QObject):
    fired = Signal()


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal from Python 3.12")
def test_emit_does_not_leak_references_to_true() -> None:
    emitter = _Emitter()
    calls = 1_000
    before = sys.getrefcount(True)
    for _ in range(calls):
        emitter.fired.emit()
    lost = before - sys.getrefcount(True)
    assert lost < 50, f"{lost} references to True lost in {calls} emits"

"""The Qt binding itself, where a defect of it would take the window down."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    done = Signal(object)


def test_emitting_signals_leaves_pythons_true_alone() -> None:
    """Every worker result reaches the window as a signal. PySide6 6.12.0 dropped a
    reference to True on each emit; on Python 3.11 True is not immortal, so after a few
    thousand signals (benchmarks/window.py with 1,000 presses a key) the program aborted
    with "bool_dealloc: deallocating True or False"."""
    emitter = _Emitter()
    received: list[object] = []
    emitter.done.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(500):
        emitter.done.emit(number)
    assert len(received) == 500
    assert sys.getrefcount(True) - before > -50, "the binding loses references to True"

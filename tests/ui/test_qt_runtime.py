"""The Qt binding in use must not corrupt the interpreter during a long session."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor


def test_void_qt_calls_do_not_consume_references_to_none():
    """PySide6 6.12.0 on Python 3.11 took a reference off None on every call returning
    nothing; after a few thousand paints the interpreter aborted (none_dealloc)."""
    color = QColor()
    before = sys.getrefcount(None)
    for _ in range(2000):
        color.setRed(3)
    assert sys.getrefcount(None) >= before - 50

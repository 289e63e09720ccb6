"""Keyboard movement a desktop app is expected to offer: F6 / Shift+F6 between panes, and
window shortcuts that text fields would otherwise swallow (Ctrl+E is "end of line" in a
QLineEdit on Linux, so the PDF export shortcut did nothing from the search box)."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from needleguide.ui.announce import show_focus


class Panes:
    """Panes in F6 order, each (container, the widget that takes focus in it)."""

    def __init__(self, panes: Sequence[tuple[QWidget, QWidget]]) -> None:
        self._panes = list(panes)

    def current(self) -> int:
        """The index of the pane holding keyboard focus, or -1."""
        focus = QApplication.focusWidget()
        for index, (container, target) in enumerate(self._panes):
            if focus is not None and (focus is container or container.isAncestorOf(focus)
                                      or focus is target):
                return index
        return -1

    def move(self, step: int) -> QWidget | None:
        """Focus the next (step 1) or previous (-1) pane that can take focus; its widget."""
        count = len(self._panes)
        start = self.current()
        if start < 0:
            start = -1 if step > 0 else count
        for offset in range(1, count + 1):
            _, target = self._panes[(start + step * offset) % count]
            if target.isVisibleTo(target.window()) and target.isEnabled():
                show_focus(target)
                return target
        return None


class KeepShortcuts(QObject):
    """Event filter for text fields: these window shortcuts win over the field's own key
    binding for the same keys."""

    def __init__(self, keys: Sequence[QKeySequence], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = [key for key in keys if not key.isEmpty()]

    def watch(self, fields: Sequence[QWidget]) -> None:
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                   for key in self._keys):
                event.ignore()  # not the field's: the window's shortcut runs
                return True
        return False

"""Help > Keyboard shortcuts: a table made from the window's own actions, so it cannot drift
from what the keys really do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

def other_keys() -> list[tuple[str, str]]:
    """Keys handled inside widgets rather than by window actions, in the user's language."""
    return [
        (QCoreApplication.translate("ShortcutsDialog", "Enter"),
         QCoreApplication.translate("ShortcutsDialog", "Open the highlighted search result or region")),
        (QCoreApplication.translate("ShortcutsDialog", "Up / Down"),
         QCoreApplication.translate("ShortcutsDialog", "Move through search results and the region list")),
        (QCoreApplication.translate("ShortcutsDialog", "Tab / Shift+Tab"),
         QCoreApplication.translate("ShortcutsDialog", "Move between the search box, list, map, card and notes")),
        (QCoreApplication.translate("ShortcutsDialog", "Arrow keys, Enter"),
         QCoreApplication.translate("ShortcutsDialog", "On the body map: move between regions, open one")),
        (QCoreApplication.translate("ShortcutsDialog", "1-4, Enter"),
         QCoreApplication.translate("ShortcutsDialog", "In study mode: answer, then continue")),
        (QCoreApplication.translate("ShortcutsDialog", "Escape"),
         QCoreApplication.translate("ShortcutsDialog", "Close the study window or a dialog")),
    ]


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    rows = []
    for action in actions:
        # The primary keys only: the others of a standard binding are mostly dedicated keys
        # ("Find", "Back") that few keyboards have.
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((keys, action.text().replace("&", "").rstrip("\u2026")))
    return sorted(set(rows), key=lambda row: row[1]) + other_keys()


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(actions)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Does")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts: keys and what they do"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for line, (keys, does) in enumerate(rows):
            self.table.setItem(line, 0, QTableWidgetItem(keys))
            self.table.setItem(line, 1, QTableWidgetItem(does))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        row_height = self.table.verticalHeader().defaultSectionSize()
        self.resize(self.fontMetrics().averageCharWidth() * 80,
                    row_height * (len(rows) + 1) + self.fontMetrics().height() * 5)

    def rows(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""
        return [(text(r, 0), text(r, 1)) for r in range(self.table.rowCount())]

"""The Study window: a top-level window around StudyView, opened from View > Study mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from needleguide.core.model import ReferenceData
from needleguide.store.study import StudyStore
from needleguide.ui.study_view import StudyView


class StudyWindow(QWidget):
    def __init__(self, data: ReferenceData, store: StudyStore,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("StudyWindow")
        self.setWindowTitle(self.tr("Study \u2014 needleguide"))
        self.setAccessibleName(self.tr("Study mode"))
        self.view = StudyView(data, store, parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(760, 720)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Give the keyboard back to the main window: without a window manager (kiosk, a bare
        X server) nobody else does, and its shortcuts would stop working."""
        super().closeEvent(event)
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()

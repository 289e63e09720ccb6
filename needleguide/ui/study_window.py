"""The Study window: a top-level window around StudyView, opened from View > Study mode
(ui/companion_windows.py gives the keyboard back to the main window when it closes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from needleguide.core.model import ReferenceData
from needleguide.store.study import StudyStore
from needleguide.ui import settings
from needleguide.ui.settings import SettingsFactory
from needleguide.ui.study_view import StudyView, body_map_factory


class StudyWindow(QWidget):
    def __init__(self, data: ReferenceData, store: StudyStore,
                 parent: QWidget | None = None,
                 make_settings: SettingsFactory = settings.make_settings,
                 resources: Path | None = None) -> None:
        """``make_settings`` keeps the quiz options; the body map's figures come from
        ``resources`` (None: the installed resources folder)."""
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("StudyWindow")
        self.setWindowTitle(self.tr("Study \u2014 needleguide"))
        self.setAccessibleName(self.tr("Study mode"))
        self.view = StudyView(data, store, map_factory=body_map_factory(data, resources),
                              parent=self, make_settings=make_settings)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(760, 720)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

"""The main window's panes, laid out: left the search box above the region list, centre the
body map, right the card above the notes; F6 order, Tab order and the status bar's labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QLabel, QMainWindow, QSplitter, QToolButton, QVBoxLayout,
                               QWidget)

from needleguide.core.model import ReferenceData
from needleguide.store.notes import NotesStore
from needleguide.ui.body_map import BodyMap
from needleguide.ui.card_view import CardView
from needleguide.ui.keyboard import Panes
from needleguide.ui.notes_pane import NotesPane
from needleguide.ui.region_list import RegionList
from needleguide.ui.search_box import SearchBox

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


class WindowPanes:
    """Made into ``window`` (its central widget and status bar); each pane by name."""

    def __init__(self, window: QMainWindow, data: ReferenceData, notes: NotesStore,
                 card_view: CardView, resources: Path) -> None:
        self.search_box = SearchBox(window)
        self.region_list = RegionList(window)
        self.region_list.set_regions(data.regions)
        self.notes_pane = NotesPane(notes, window)
        self.notes_pane.setObjectName("notes_pane")
        self.right = QSplitter(Qt.Orientation.Vertical, window)
        self.right.setObjectName("card_splitter")
        self.right.addWidget(card_view)
        self.right.addWidget(self.notes_pane)
        self.right.setStretchFactor(0, 1)
        self.right.setSizes([600, 120])
        # Left pane: the search box (its results appear under it while there is a query)
        # above the region list; while there is a query its results get most of the pane.
        self.left = QWidget(window)
        self.left.setObjectName("left_pane")
        left = QVBoxLayout(self.left)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.search_box, 0)
        left.addWidget(self.region_list, 1)
        self.search_box.edit.textChanged.connect(
            lambda text: left.setStretch(0, 3 if text.strip() else 0))
        self.body_map = BodyMap(window, resources=resources)
        self.body_map.setObjectName("body_map")
        self.body_map.set_regions({r.id: r.name for r in data.regions})
        self.body_map.set_home_views({r.id: r.view.value for r in data.regions})
        self.splitter = QSplitter(Qt.Orientation.Horizontal, window)
        self.splitter.setObjectName("main_splitter")
        for pane in (self.left, self.body_map, self.right):
            self.splitter.addWidget(pane)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, True)
        self.splitter.setCollapsible(2, False)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([260, 300, 640])
        window.setCentralWidget(self.splitter)
        # Tab follows the panes left to right: list, body map (regions, then its Front/Back
        # buttons), card, notes; by creation order the map would come last.
        chain = [self.region_list.view, self.body_map,
                 *self.body_map.findChildren(QToolButton), card_view, self.notes_pane.editor]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._f6 = Panes([(self.search_box, self.search_box.edit),
                          (self.region_list, self.region_list.view),
                          (self.body_map, self.body_map), (card_view, card_view),
                          (self.notes_pane, self.notes_pane.editor)])

    def move(self, step: int) -> QWidget | None:
        """F6 (step 1) and Shift+F6 (-1): focus the next or previous pane."""
        return self._f6.move(step)

    @staticmethod
    def add_status_labels(window: QMainWindow, data: ReferenceData) -> QLabel:
        """The data's version, always; returns the warning shown when the data is not the
        shipped data (hidden until then)."""
        version = QLabel(translate("WindowPanes", "Data {version}, updated {date}").format(
            version=data.version, date=data.updated.isoformat()), window)
        version.setTextFormat(Qt.TextFormat.PlainText)
        window.statusBar().addPermanentWidget(version)
        warning = QLabel(window)
        warning.setObjectName("data_warning")
        warning.setTextFormat(Qt.TextFormat.PlainText)
        warning.hide()
        window.statusBar().addPermanentWidget(warning)
        return warning

"""The depth check (issue 22): pick a region and a needle length, see the reported depths as a
picture, what the length means against each figure in sentences, and the same as a table a
screen reader reads cell by cell. Opened from View > Depth check.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from needleguide.core import depth
from needleguide.core.model import ReferenceData
from needleguide.ui.depth_picture import DepthPicture

NO_NEEDLE = "no needle"


class DepthView(QWidget):
    """Region and needle choice, the picture, the sentences and the table."""

    needle_changed = Signal(object)  # float | None, the length in mm now shown

    def __init__(self, data: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DepthView")
        self._regions = depth.regions_with_figures(data)
        self.region_box = QComboBox(self)
        self.region_box.setAccessibleName(self.tr("Region"))
        for region in self._regions:
            self.region_box.addItem(region.name, region.id)
        self.needle_box = QComboBox(self)
        self.needle_box.setEditable(True)
        self.needle_box.setAccessibleName(self.tr("Needle length in millimetres"))
        self.needle_box.setToolTip(
            self.tr("Choose a common needle length or type one (1-150 mm)"))
        self.needle_box.addItem(NO_NEEDLE)
        for length in depth.COMMON_LENGTHS:
            self.needle_box.addItem(str(length))
        self.needle_box.setValidator(QIntValidator(depth.MIN_NEEDLE, depth.MAX_NEEDLE, self))
        editor = self.needle_box.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("mm"))
        region_label = QLabel(self.tr("&Region:"), self)
        needle_label = QLabel(self.tr("&Needle length (mm):"), self)
        region_label.setBuddy(self.region_box)
        needle_label.setBuddy(self.needle_box)
        self.picture = DepthPicture(self)
        self.findings = QLabel(self)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)  # data text never becomes markup
        self.findings.setWordWrap(True)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(depth.TABLE_HEADERS), self)
        self.table.setAccessibleName(self.tr("Reported depths as a table"))
        self.table.setHorizontalHeaderLabels(list(depth.TABLE_HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        choose = QHBoxLayout()
        choose.addWidget(region_label)
        choose.addWidget(self.region_box, 1)
        choose.addSpacing(16)
        choose.addWidget(needle_label)
        choose.addWidget(self.needle_box)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.picture, 1)
        column.addWidget(self.findings)
        column.addWidget(self.table)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(scroll, 1)

        self.table.horizontalHeader().sectionResized.connect(self._fit_table)
        self.region_box.currentIndexChanged.connect(self._refresh)
        self.needle_box.currentTextChanged.connect(self._refresh)
        self._refresh()

    # -- public --------------------------------------------------------------------------------
    def show_region(self, region_id: str) -> bool:
        """Show ``region_id`` if it has figures; False (and no change) if it has none."""
        index = self.region_box.findData(region_id)
        if index < 0:
            return False
        self.region_box.setCurrentIndex(index)
        return True

    def set_needle(self, length: float | None) -> None:
        self.needle_box.setCurrentText(NO_NEEDLE if length is None else depth.mm(length))

    def needle(self) -> float | None:
        typed = self.needle_box.currentText().strip()
        if not typed.isdigit():
            return None
        value = int(typed)
        return float(value) if depth.MIN_NEEDLE <= value <= depth.MAX_NEEDLE else None

    def chart(self) -> depth.DepthChart:
        region_id = self.region_box.currentData()
        region = next((r for r in self._regions if r.id == region_id), None)
        return depth.region_chart(region) if region else depth.DepthChart("", ())

    # -- private -------------------------------------------------------------------------------
    def _refresh(self, *_: object) -> None:
        chart, needle = self.chart(), self.needle()
        self.picture.set_chart(chart, needle)
        if needle is None:
            lines = [self.tr("Choose or type a needle length to compare it with each reported "
                             "figure.")]
        else:
            lines = [f"\u2022 {f.text}" for f in depth.needle_check(chart, needle)]
        self.findings.setText("\n".join(lines + ["", depth.CAVEAT]))
        rows = depth.table_rows(chart, needle)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell)
                item.setToolTip(cell)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(r, c, item)
        self._fit_table()
        self.needle_changed.emit(needle)

    def _fit_table(self, *_: object) -> None:
        """Rows as tall as their text at the current column widths, and the whole table
        shown: the window scrolls, never a box inside it."""
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 4
                                  + sum(self.table.rowHeight(r)
                                        for r in range(self.table.rowCount())))


class DepthWindow(QWidget):
    """A top-level window around DepthView."""

    def __init__(self, data: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("DepthWindow")
        self.setWindowTitle(self.tr("Depth check \u2014 needleguide"))
        self.setAccessibleName(self.tr("Depth check"))
        self.view = DepthView(data, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(980, 860)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

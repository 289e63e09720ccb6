"""Progress per region in the Study window: a bar of what is mastered, with due and missed.

A table (model and view): Qt asks for the rows on screen only, so opening study mode costs
the same for nine regions or nine hundred (one widget per row took a quarter of a second at
100 times the shipped data). A screen reader reads it as a table with a header (checked
through AT-SPI): each row's region, then "3 of 16 mastered" (the bar is painted for sighted
users, its value is text for everyone), then what is due, missed and new.
"""

from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QLocale, QModelIndex,
                            QPersistentModelIndex, QSize, Qt)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView,
                               QStyle, QStyledItemDelegate, QStyleOptionProgressBar,
                               QStyleOptionViewItem, QTableView, QWidget)

from needleguide.core.study_progress import RegionProgress

REGION, MASTERED, REVIEW = range(3)
HEADINGS = ("Region", "Mastered", "Review")
_Index = QModelIndex | QPersistentModelIndex


class ProgressModel(QAbstractTableModel):
    """One row per region: its name, mastered of all questions, and what is due."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[RegionProgress, ...] = ()

    def set_rows(self, rows: tuple[RegionProgress, ...]) -> None:
        if [r.region_id for r in rows] == [r.region_id for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, REVIEW))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, region_id: str) -> int:
        return next(n for n, r in enumerate(self._rows) if r.region_id == region_id)

    def progress(self, row: int) -> RegionProgress:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADINGS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Region"), self.tr("Mastered"), self.tr("Review"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (row.name, mastered_text(row), review_text(row))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == MASTERED:
            return Qt.AlignmentFlag.AlignCenter
        return None


class _BarDelegate(QStyledItemDelegate):
    """Paints the Mastered cell as the style's own progress bar, its text on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        model = index.model()
        if not isinstance(model, ProgressModel):
            super().paint(painter, option, index)
            return
        row = model.progress(index.row())
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)  # type: ignore[attr-defined]
        # Qt reads a bar's orientation from its state: without this flag it is drawn upright
        bar.state = option.state | QStyle.StateFlag.State_Horizontal  # type: ignore[attr-defined]
        bar.palette = option.palette  # type: ignore[attr-defined]
        bar.fontMetrics = option.fontMetrics  # type: ignore[attr-defined]
        bar.minimum, bar.maximum = 0, max(row.total, 1)
        bar.progress = row.mastered
        bar.text = mastered_text(row)
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.fillRect(option.rect, option.palette.highlight())  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)


class StudyProgressView(QTableView):
    """The table of progress per region; ``set_rows`` refreshes it from the history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("study_progress")
        self.setAccessibleName(self.tr("Progress per region"))
        self.progress_model = ProgressModel(self)
        self.setModel(self.progress_model)
        self.setItemDelegateForColumn(MASTERED, _BarDelegate(self))
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)   # Tab leaves the table; arrows move in it
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(REGION, QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(MASTERED, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(REVIEW, QHeaderView.ResizeMode.ResizeToContents)
        columns.setHighlightSections(False)

    def set_rows(self, rows: tuple[RegionProgress, ...]) -> None:
        count = self.progress_model.rowCount()
        self.progress_model.set_rows(rows)
        if self.progress_model.rowCount() != count:
            self.updateGeometry()

    def row_text(self, region_id: str) -> list[str]:
        """What a screen reader reads along the region's row, cell by cell."""
        row = self.progress_model.row_of(region_id)
        return [str(self.progress_model.index(row, column).data(
            Qt.ItemDataRole.AccessibleTextRole)) for column in range(len(HEADINGS))]

    def sizeHint(self) -> QSize:
        """Room for every row up to a dozen; more scroll inside the table."""
        shown = min(max(self.progress_model.rowCount(), 3), 12)
        height = (self.horizontalHeader().sizeHint().height()
                  + shown * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth())
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def _number(value: int) -> str:
    return QLocale().toString(value)  # the user's digits and grouping ("1.234" in German)


def mastered_text(row: RegionProgress) -> str:
    return QCoreApplication.translate("StudyProgressView", "{mastered} of {total} mastered").format(
        mastered=_number(row.mastered), total=_number(row.total))


def review_text(row: RegionProgress) -> str:
    parts = [QCoreApplication.translate("StudyProgressView", "{n} due").format(n=_number(row.due))
             if row.due else QCoreApplication.translate("StudyProgressView", "none due")]
    if row.missed:
        parts.append(QCoreApplication.translate("StudyProgressView", "{n} missed").format(
            n=_number(row.missed)))
    if row.new:
        parts.append(QCoreApplication.translate("StudyProgressView", "{n} new").format(
            n=_number(row.new)))
    return " · ".join(parts)

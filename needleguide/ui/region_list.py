"""The region list: a model adapter over the regions, a filter proxy and the widget."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import (QEvent, QModelIndex, QObject, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QVBoxLayout, QWidget

from needleguide.core.model import Region
from needleguide.core.text import fold
from needleguide.drawing.pages import tooltip
from needleguide.ui.line_edit import clearable_line_edit

REGION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class RegionListModel(QStandardItemModel):
    """One row per region, in data order. The rows are plain Qt items, so painting the list
    asks Python nothing (a scroll at 100x the shipped data repaints ~30 rows, ten roles each:
    1.5 ms through a Python ``data()``)."""

    def __init__(self, regions: Sequence[Region] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._regions: tuple[Region, ...] = ()
        self._rows: dict[str, int] = {}
        self._filter_texts: dict[int, str] = {}
        self.set_regions(regions)

    def set_regions(self, regions: Sequence[Region]) -> None:
        self._regions = tuple(regions)
        self._rows = {region.id: row for row, region in enumerate(self._regions)}
        self._filter_texts = {}
        items = []
        for region in self._regions:
            item = QStandardItem(region.name)
            item.setData(tooltip(region.summary or region.name),
                         Qt.ItemDataRole.ToolTipRole)
            item.setData(region.id, REGION_ID_ROLE)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            items.append(item)
        self.clear()
        if items:
            self.appendColumn(items)  # one insertion, not one per row (a filter re-runs each)

    def row_of(self, region_id: str) -> int:
        return self._rows.get(region_id, -1)

    def filter_text(self, row: int) -> str:
        """What the filter box matches for a row: name, id, synonyms and muscles, folded."""
        text = self._filter_texts.get(row)
        if text is None:
            region = self._regions[row]
            text = fold(" ".join((region.name, region.id, *region.synonyms,
                                  *(m.name for m in region.muscles))))
            self._filter_texts[row] = text
        return text


class RegionFilterModel(QSortFilterProxyModel):
    """Keeps rows whose name, synonyms or muscles contain every typed word."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = tuple(fold(text).split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        text = source.filter_text(source_row) if isinstance(source, RegionListModel) else ""
        return all(word in text for word in self._words)


class RegionView(QListView):
    """The list of regions; ``moved`` says the user moved to a row with the keyboard (a row
    made current by the program, or by a filter hiding the current row, is not a move)."""

    moved = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        before = self.currentIndex().row()  # (a key press does not change the rows)
        super().keyPressEvent(event)
        now = self.currentIndex()
        if now.isValid() and now.row() != before:
            self.moved.emit(now)


class RegionList(QWidget):
    """A filter box over a list of regions. Emits ``region_selected(id)`` when the user
    moves to or activates a region (not when the app calls ``set_current``)."""

    region_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RegionListModel(parent=self)
        self.proxy = RegionFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = clearable_line_edit(self, self.tr("Filter regions"),
                                               self.tr("Filter regions"),
                                               self.tr("Clear filter"))
        self.view = RegionView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Regions"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        self._region_id = ""  # the region shown (set_current) or last chosen here
        self.filter_edit.textChanged.connect(self._set_filter)
        self.filter_edit.installEventFilter(self)
        self.view.moved.connect(self._emit_for)
        self.view.activated.connect(self._emit_for)
        self.view.clicked.connect(self._emit_for)

    def set_regions(self, regions: Sequence[Region]) -> None:
        self.model.set_regions(regions)

    def set_current(self, region_id: str) -> None:
        """Highlight a region (or none, for ""), without emitting ``region_selected``."""
        self._region_id = region_id
        row = self.model.row_of(region_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        selection = self.view.selectionModel()
        if index.isValid():
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index)
        else:
            selection.clearSelection()
            selection.clearCurrentIndex()

    def current_region(self) -> str:
        index = self.view.currentIndex()
        return str(index.data(REGION_ID_ROLE)) if index.isValid() else ""

    def visible_regions(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data(REGION_ID_ROLE))
                for r in range(self.proxy.rowCount())]

    def _set_filter(self, text: str) -> None:
        """Filter the rows. Hiding the current row makes Qt move the current index to a
        neighbour: that is not the user choosing a region (only ``RegionView.moved`` is), so
        the highlight goes back to the region shown (or to none if it is filtered out)."""
        self.proxy.set_filter_text(text)
        self.set_current(self._region_id)

    def _emit_for(self, index: QModelIndex) -> None:
        if index.isValid():
            self._region_id = str(index.data(REGION_ID_ROLE))
            self.region_selected.emit(self._region_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the filter box, Down moves into the list and Enter opens the first match."""
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                    self._emit_for(self.proxy.index(0, 0))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                self._emit_for(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)

"""One search box over every text of the data and the user's notes. Nothing found is said
aloud, with the checklist offered, never a bare "No matches"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

from PySide6.QtCore import (QAbstractListModel, QEvent, QModelIndex, QObject,
                            QPersistentModelIndex, Qt, QTimer, Signal)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from needleguide.core.fields import HitKind
from needleguide.drawing.pages import tooltip
from needleguide.ui.announce import StatusLabel, announce
from needleguide.ui.line_edit import clearable_line_edit

if TYPE_CHECKING:  # the search module loads with the first index, after the first paint
    from needleguide.core.search import Hit, SearchIndex

HIT_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


OFFER_LABEL = "\u2611 Open the general safety / pre-treatment checklist"
OFFER_TEXT = "read it before every session"


def page_for_hit(hit: Hit) -> tuple[str, str]:
    """The page a hit opens: muscles and notes open their region."""
    if hit.page[0]:
        return hit.page
    if hit.kind in (HitKind.STRUCTURE, HitKind.CONDITION):
        return hit.kind, hit.target
    return "region", hit.target


def _hit_at(index: QModelIndex) -> Hit | None:
    from needleguide.core.search import Hit

    hit = index.data(HIT_ROLE) if index.isValid() else None
    return hit if isinstance(hit, Hit) else None


class SearchResultsModel(QAbstractListModel):
    """The hits of the current query, best first: the label and what it matched."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[Hit, ...] = ()

    def set_hits(self, hits: Sequence[Hit]) -> None:
        self.beginResetModel()
        try:
            self._hits = tuple(hits)
        finally:
            self.endResetModel()

    def hits(self) -> tuple[Hit, ...]:
        return self._hits

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title}\n    {hit.explanation}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{hit.title}: {hit.explanation}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}: {hit.explanation}"
        if role == HIT_ROLE:
            return hit
        return None


class SearchBox(QWidget):
    """Type to search; Up/Down move through results, Enter opens the selected (at first the
    best) result, Escape clears. Emits ``result_opened(kind, id)`` with a page to show and
    ``result_opened_at(kind, id, anchor)`` with the entry on it that matched."""

    result_opened = Signal(str, str)
    result_opened_at = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index: SearchIndex | None = None
        self._build_index: Callable[[], SearchIndex] | None = None
        self._indented = False  # results drawn with a hanging indent (result_delegate)
        self.edit = clearable_line_edit(
            self, self.tr("Search nerves, drugs\u2026"), self.tr("Search"),
            self.tr("Clear search"))
        self.edit.setAccessibleDescription(
            self.tr("Searches every text of the guide and your notes, drug names and lay "
                    "words included; Enter opens the selected result"))
        # A label that stays while typing (the placeholder goes at the first key).
        self.label = QLabel(self.tr("&Search (Ctrl+F)"), self)
        self.label.setObjectName("search_label")
        self.label.setBuddy(self.edit)
        self.model = SearchResultsModel(self)
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(True)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap on resize
        self.results.setAlternatingRowColors(True)
        self.status = StatusLabel(self, self.tr("Search status"))  # "Nothing ... matched" is announced
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.results.hide()
        self.status.hide()
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.installEventFilter(self)
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._open_index)  # one click opens, as in the list

    def set_index(self, index: SearchIndex) -> None:
        """Use a new index (e.g. after a note was saved), keeping the selected result."""
        self._build_index = None
        self._use(index)

    def set_index_builder(self, build: Callable[[], SearchIndex]) -> None:
        """Build the index with ``build`` when first needed (the first query, or
        ``prepare_index``): the window can appear before the index is made."""
        self._build_index = build
        if self.edit.text().strip():  # results are showing: refresh them now
            self.prepare_index()
        else:
            self._index = None

    def index_built(self) -> bool:
        """Whether a query is answered at once (False while the index waits for
        ``prepare_index`` or the first query)."""
        return self._index is not None

    def prepare_index(self) -> None:
        """Build a pending index now (the main window calls this after its first paint)."""
        if self._build_index is not None:
            build, self._build_index = self._build_index, None
            self._use(build())

    def _use(self, index: SearchIndex) -> None:
        selected = self.selected_hit()
        self._index = index
        QTimer.singleShot(0, self, index.prepare_typos)  # next idle turn, not this keystroke
        self._on_text_changed(self.edit.text())
        if selected is not None:
            for row, hit in enumerate(self.model.hits()):
                if (hit.kind, hit.target, hit.region) == (selected.kind, selected.target,
                                                          selected.region):
                    self.results.setCurrentIndex(self.model.index(row, 0))
                    break

    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def set_query(self, text: str) -> None:
        self.edit.setText(text)

    def hits(self) -> tuple[Hit, ...]:
        return self.model.hits()

    def selected_hit(self) -> Hit | None:
        return _hit_at(self.results.currentIndex())

    def open_selected(self) -> bool:
        """Open the selected result, or the best one; False if there is none."""
        index = self.results.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if not index.isValid():
            return False
        self._open_index(index)
        return True

    def _on_text_changed(self, text: str) -> None:
        if text.strip() and self._build_index is not None:
            self.prepare_index()  # calls back here with the index
            return
        from needleguide.core.search import NO_MATCH, Hit

        query = text.strip()
        hits = self._index.search(text) if self._index is not None and query else []
        nothing = bool(query) and not hits
        if nothing:  # said aloud, and the checklist offered as a result to open
            hits = [Hit(HitKind.OFFER, "", OFFER_LABEL, OFFER_TEXT, 0.0, page=("checklist", ""))]
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        if hits and not self._indented:  # on first use: its import is not needed to paint
            from needleguide.ui.result_delegate import HangingIndentDelegate

            self.results.setItemDelegate(HangingIndentDelegate(self.results))
            self._indented = True
        self.results.setVisible(bool(hits))
        self.status.setVisible(nothing)
        self.status.setText(NO_MATCH.format(query=" ".join(query.split())) if nothing else "")
        if query and not nothing:
            count = len(hits)  # English singular and plural are two sources: each a
            # numerus message, so a translator gives every form of the language in both
            announce(self.results, self.tr("%n result", "", count) if count == 1
                     else self.tr("%n results", "", count))

    def _open_index(self, index: QModelIndex) -> None:
        hit = _hit_at(index)
        if hit is not None:
            kind, target = page_for_hit(hit)
            self.result_opened.emit(kind, target)
            self.result_opened_at.emit(kind, target, hit.anchor)

    def _move(self, step: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = self.results.currentIndex().row()
        row = min(max(row + step, 0), count - 1) if row >= 0 else 0
        self.results.setCurrentIndex(self.model.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(5 if key == Qt.Key.Key_PageDown else -5)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            if key == Qt.Key.Key_Escape and self.edit.text():
                self.edit.clear()
                return True
        return super().eventFilter(watched, event)

"""The card gets the room: a minimum window size; the panes around the card have limits;
below MAP_FOLDS_BELOW the body map folds into a toolbar button; an empty notes pane shrinks
to one line until it is clicked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from needleguide.ui.notes_pane import NotesPane

MIN_WINDOW = (640, 480)  # no card title breaks inside a word (test_card_at_a_glance)
MAP_FOLDS_BELOW = 1100  # window width under which the body map becomes a toolbar button
CARD_MIN_WIDTH = 360
LEFT_MAX_WIDTH = 320
NOTES_OPEN_HEIGHT = 120  # the notes pane once it has text or the cursor
QWIDGETSIZE_MAX = 16777215


class CardFirstLayout(QObject):
    def __init__(self, window: QMainWindow, card: QWidget, left: QWidget, body_map: QWidget,
                 right: QSplitter, notes: NotesPane, map_button: QAction) -> None:
        super().__init__(window)
        self._window, self._map, self._right, self._notes = window, body_map, right, notes
        self._map_button = map_button
        screen = window.screen().availableGeometry()  # never larger than a small screen
        window.setMinimumSize(min(MIN_WINDOW[0], screen.width()),
                              min(MIN_WINDOW[1], screen.height()))
        card.setMinimumWidth(CARD_MIN_WIDTH)
        left.setMaximumWidth(LEFT_MAX_WIDTH)
        left.setMinimumWidth(220)  # the search placeholder and region names fit
        self._map_folded = False
        self._notes_folded = False
        map_button.toggled.connect(self._map_button_toggled)
        editor = notes.editor
        editor.setMinimumHeight(editor.fontMetrics().lineSpacing()
                                + 2 * (editor.frameWidth() + 4))
        editor.installEventFilter(self)
        window.installEventFilter(self)

    def map_folded(self) -> bool:
        """Whether the window is too narrow for the map beside the card (a button shows it)."""
        return self._map_folded

    def notes_folded(self) -> bool:
        return self._notes_folded

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._fold_map(self._window.width() < MAP_FOLDS_BELOW)
        elif watched is self._notes.editor and event.type() in (QEvent.Type.FocusIn,
                                                                 QEvent.Type.FocusOut):
            self.fit_notes()
        return super().eventFilter(watched, event)

    def _fold_map(self, folded: bool) -> None:
        if folded != self._map_folded:
            self._map_folded = folded
            self._map_button.setVisible(folded)
            self._map_button.setChecked(False)
            self._map.setVisible(not folded)

    def _map_button_toggled(self, shown: bool) -> None:
        if self._map_folded:
            self._map.setVisible(shown)

    def fit_notes(self) -> None:
        """An empty notes pane takes one line until the cursor is in it."""
        editor, pane, right = self._notes.editor, self._notes, self._right
        fold = not editor.toPlainText().strip() and not editor.hasFocus()
        if fold == self._notes_folded:
            return
        self._notes_folded = fold
        if fold:
            height = pane.minimumSizeHint().height()
            pane.setMaximumHeight(height)
            right.setSizes([max(1, right.height() - height), height])
            return
        pane.setMaximumHeight(QWIDGETSIZE_MAX)
        sizes = right.sizes()
        total = sum(sizes)
        if total > 0 and sizes[-1] < NOTES_OPEN_HEIGHT:
            notes = min(NOTES_OPEN_HEIGHT, total // 3)
            right.setSizes([total - notes, notes])

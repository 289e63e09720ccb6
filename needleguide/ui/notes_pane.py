"""The clinician's own notes on the current region: plain text, saved shortly after typing.

A save happens ``AUTOSAVE_MS`` after the last keystroke, on ``flush()`` (call it before
switching region, printing or quitting) and when the pane closes. The status line says
"Saved" or "Not saved: <reason>"; a failed save keeps the text and is retried on the next
change or flush.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from needleguide.notes_store import NotesError, NotesStore
from needleguide.ui.long_words import NotesEditor, fit_wrap_mode, set_plain_text

AUTOSAVE_MS = 800


class NotesPane(QWidget):
    notes_changed = Signal(str)  # region id, after its note changed in the store

    def __init__(self, store: NotesStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._region_id = ""
        self._dirty = False
        self.editor = NotesEditor(self)  # a pasted 1 MB word froze the window (34 s)
        self.editor.setTabChangesFocus(True)
        self.editor.setEnabled(False)
        self.editor.setPlaceholderText("Choose a region to keep your own notes on it.")
        self.editor.setAccessibleName("Your notes")
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # reasons quote paths: never HTML
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Notes save status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._edited)

    def set_region(self, region_id: str, region_name: str) -> None:
        """Show the notes of another region, saving the current one's first."""
        saved = self.flush()
        self._region_id = region_id
        if self._store.refresh():  # another window saved notes meanwhile
            self.notes_changed.emit(region_id)
        self._show_stored()
        self.editor.setEnabled(True)
        self.editor.setAccessibleName(f"Your notes on {region_name}")
        self.editor.setPlaceholderText(f"Your own notes on {region_name}: kept on this "
                                       "computer, saved as you type.")
        if saved:  # else "Not saved: ..." stays: the notes are still unsaved
            self.status.clear()

    def flush(self) -> bool:
        """Save now if anything changed. True if the notes are saved."""
        self._timer.stop()
        if not self._dirty or not self._region_id:
            return not self._dirty
        region_id = self._region_id
        self._store.set(region_id, self.editor.toPlainText())
        try:
            self._store.save()
        except NotesError as exc:
            self.notes_changed.emit(region_id)
            self.status.setText(f"Not saved: {exc}")
            return False
        self._dirty = False
        # The save may have merged in another window's text for this very note.
        self._show_stored()
        self.notes_changed.emit(region_id)
        self.status.setText("Saved")
        return True

    def _show_stored(self) -> None:
        """Show the stored note of the region, keeping the cursor where it was."""
        text = self._store.get(self._region_id)
        if text == self.editor.toPlainText():
            return
        position = self.editor.textCursor().position()
        self.editor.blockSignals(True)  # loading a note is not an edit
        set_plain_text(self.editor, text)  # with the wrap mode a 1 MB word needs (48 s)
        self.editor.blockSignals(False)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)

    def _edited(self) -> None:
        fit_wrap_mode(self.editor, self.editor.toPlainText())  # e.g. a pasted 1 MB word
        self._dirty = True
        self.status.setText("Editing…")
        self._timer.start()  # restarted by every keystroke

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.flush()
        super().closeEvent(event)

"""The clinician's own notes on the current region: plain text, saved shortly after typing.

A save happens ``AUTOSAVE_MS`` after the last keystroke, on ``flush()`` (call it before
switching region, printing or quitting) and when the pane closes. The status line says
"Saved" or "Not saved: <reason>"; a failed save (a note over the size limit, a full disk, a
read-only folder) keeps the text in the editor and is retried on the next change or flush.
"Earlier versions" lists the texts of this note that were replaced (by another window's
later save, in a later session, or by clearing it) and can restore one.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from needleguide.store.errors import StoreError
from needleguide.store.notes import NotesStore
from needleguide.ui.long_words import NotesEditor, fit_wrap_mode, set_plain_text
from needleguide.ui.announce import StatusLabel

AUTOSAVE_MS = 800


class NotesPane(QWidget):
    notes_changed = Signal(str)  # region id, after its note changed in the store

    def __init__(self, store: NotesStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._region_id = ""
        self._region_name = ""
        self._dirty = False
        self.versions_dialog: QWidget | None = None
        self.editor = NotesEditor(self)  # a pasted 1 MB word froze the window (34 s)
        self.editor.setTabChangesFocus(True)
        self.editor.setEnabled(False)
        self.editor.setPlaceholderText(self.tr("Choose a region to keep your own notes on it."))
        self.editor.setAccessibleName(self.tr("Your notes"))
        # A visible label that stays while typing (a placeholder vanishes, and was seen stale
        # on screen naming the previous region); the editor's name is the same words.
        self.label = QLabel(self.tr("Your notes"), self)
        self.label.setObjectName("notes_label")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(self.editor)
        self._editing = self.tr("Editing\u2026")
        self.status = StatusLabel(self, self.tr("Notes save status"), quiet=(self._editing,))
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # reasons quote paths: never HTML
        self.status.setWordWrap(True)
        self.versions_button = QToolButton(self)
        self.versions_button.setText(self.tr("Earlier versions\u2026"))
        self.versions_button.setToolTip(self.tr("Texts of this note that were replaced, to read, "
                                                 "copy or restore"))
        self.versions_button.setAccessibleName(self.tr("Earlier versions of this note"))
        self.versions_button.setEnabled(False)
        self.versions_button.clicked.connect(self.show_versions)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.versions_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._edited)

    def set_region(self, region_id: str, region_name: str) -> None:
        """Show the notes of another region, saving the current one's first."""
        saved = self.flush()
        self._region_id, self._region_name = region_id, region_name
        if self._store.refresh():  # another window saved notes meanwhile
            self.notes_changed.emit(region_id)
        self._show_stored()
        self.editor.setEnabled(True)
        self.label.setText(self.tr("Your notes on {region}").format(region=region_name))
        self.editor.setAccessibleName(
            self.tr("Your notes on {region}").format(region=region_name))
        self.editor.setPlaceholderText(self.tr("Your own notes on {region}: kept on this computer, "
                                               "saved as you type.").format(region=region_name))
        self.editor.viewport().update()  # the placeholder is painted by the viewport
        if saved:  # else "Not saved: ..." stays: the notes are still unsaved
            self.status.clear()
        self._update_versions_button()

    def select_line(self, number: int) -> None:
        """Select line ``number`` (from 0) of the note, as a search result in it asks."""
        from PySide6.QtGui import QTextCursor  # on first use: not needed to paint

        block = self.editor.document().findBlockByNumber(number)
        if block.isValid():
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            self.editor.setTextCursor(cursor)
            self.editor.ensureCursorVisible()

    def flush(self) -> bool:
        """Save now if anything changed. True if the notes are saved."""
        self._timer.stop()
        if not self._dirty or not self._region_id:
            return not self._dirty
        region_id = self._region_id
        self._store.set(region_id, self.editor.toPlainText())
        try:
            self._store.save()
        except StoreError as exc:
            self.notes_changed.emit(region_id)
            self.status.setText(self.tr("Not saved: {reason}").format(reason=exc))
            return False
        self._dirty = False
        self.notes_changed.emit(region_id)
        self.status.setText(
            self.tr("Saved. Another needleguide window had changed this note meanwhile: its "
                    "text is kept under Earlier versions.")
            if region_id in self._store.replaced_elsewhere else self.tr("Saved"))
        self._update_versions_button()
        return True

    def show_versions(self) -> QWidget | None:
        """Open the earlier versions of the current note (window-modal, not blocking)."""
        from needleguide.ui.note_versions import NoteVersionsDialog

        if not self._region_id:
            return None
        try:
            versions = self._store.versions(self._region_id)
        except StoreError as exc:
            self.status.setText(self.tr("Earlier versions not available: {reason}").format(reason=exc))
            return None
        dialog = NoteVersionsDialog(self._region_name, versions, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        region_id = self._region_id
        dialog.restore_requested.connect(lambda version: self.restore(region_id, version))
        self.versions_dialog = dialog
        dialog.open()
        return dialog

    def restore(self, region_id: str, version_id: int) -> bool:
        """Make an earlier version the note again; what it replaces becomes a version."""
        if region_id != self._region_id:
            return False
        if not self.flush():  # the text on screen must be saved before it is replaced
            self.status.setText(self.tr("{status} (so the earlier version was not restored)")
                                .format(status=self.status.text()))
            return False
        try:
            self._store.restore(region_id, version_id)
        except StoreError as exc:
            self.status.setText(self.tr("Not restored: {reason}").format(reason=exc))
            return False
        self._show_stored()
        self.notes_changed.emit(region_id)
        self.status.setText(self.tr("Earlier version restored; the text it replaced is kept"))
        self._update_versions_button()
        return True

    def _update_versions_button(self) -> None:
        try:
            has_versions = bool(self._region_id) and bool(
                self._store.versions(self._region_id))
        except StoreError:
            has_versions = False
        self.versions_button.setEnabled(has_versions)

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
        self.status.setText(self._editing)
        self._timer.start()  # restarted by every keystroke

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.flush()
        super().closeEvent(event)

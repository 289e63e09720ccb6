"""Earlier versions of one note: the texts other windows' saves (or the user, in an earlier
session, or by clearing it) replaced, newest first. Each can be read, copied or restored."""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, Qt, Signal
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from needleguide.store.notes import NoteVersion

# Qt lays out an unbroken word at word boundaries in quadratic time (a 1 MB word: 48 s);
# wrapping anywhere is linear, so a text with a very long word is shown that way.
_LONG_WORD = re.compile(r"\S{1000}")


def when(stamp: str) -> str:
    """A stored UTC time as local time, to the minute, written the way the user's locale
    writes dates and times ("02.12.26 14:05" in German, "12/2/26 2:05 PM" in US English)."""
    try:
        moment = _dt.datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    shown = QDateTime(QDate(moment.year, moment.month, moment.day),
                      QTime(moment.hour, moment.minute))
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


def first_line(text: str, width: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "\u2026"


class NoteVersionsDialog(QDialog):
    """Lists the versions; "Restore" emits ``restore_requested`` with the version's id."""

    restore_requested = Signal(int)

    def __init__(self, region_name: str, versions: list[NoteVersion],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Earlier versions of your notes on {region}").format(region=region_name))
        self.versions = versions
        intro = QLabel(
            self.tr("Texts of this note that were replaced: by a later save in another "
                    "needleguide window, in a later session, or when the note was cleared. "
                    "Restoring one keeps the current text here too.") if versions else
            self.tr("There are no earlier versions of this note."), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Earlier versions"))
        for version in versions:
            item = QListWidgetItem(f"{when(version.saved)}  {first_line(version.text)}")
            item.setToolTip(self.tr("Saved {saved}; {why} {replaced}").format(
                saved=when(version.saved), why=version.why, replaced=when(version.replaced)))
            item.setData(Qt.ItemDataRole.UserRole, version.id)
            self.list.addItem(item)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("The selected earlier version"))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy text"), self)
        self.restore_button = QPushButton(self.tr("&Restore this version"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_selected)
        self.restore_button.clicked.connect(self._restore)
        self.list.currentRowChanged.connect(self._show)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
        if versions:
            self.list.setCurrentRow(0)
        self._show(self.list.currentRow())

    def selected(self) -> NoteVersion | None:
        row = self.list.currentRow()
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def copy_selected(self) -> None:
        version = self.selected()
        if version is not None:
            QGuiApplication.clipboard().setText(version.text)

    def _show(self, row: int) -> None:
        version = self.selected()
        text = version.text if version is not None else ""
        self.preview.setPlainText("")  # the wrap mode changes while nothing is shown
        self.preview.setWordWrapMode(
            QTextOption.WrapMode.WrapAnywhere if _LONG_WORD.search(text)
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.preview.setPlainText(text)
        for button in (self.copy_button, self.restore_button):
            button.setEnabled(version is not None)

    def _restore(self) -> None:
        version = self.selected()
        if version is not None:
            self.restore_requested.emit(version.id)
            self.accept()

"""Keeping a text editor responsive when a text holds a very long unbroken word.

Qt's default wrapping (at word boundaries, else anywhere) is quadratic in the length of an
unbroken word: a note of one 1 MB word froze the window for 48 s each time its region opened.
Wrapping anywhere is linear (0.1-0.3 s per MB here), so an editor holding such a word wraps
anywhere; every other text keeps wrapping at word boundaries. The mode must change before
the long word arrives (a paste is laid out at once: 34 s for 1 MB), hence ``NotesEditor``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPlainTextEdit

LONG_WORD_CHARS = 1_000  # longer than any real word or URL a clinician types
_LONG_WORD = re.compile(r"\S{%d}" % LONG_WORD_CHARS)


def has_long_word(text: str) -> bool:
    return len(text) >= LONG_WORD_CHARS and _LONG_WORD.search(text) is not None


def fit_wrap_mode(editor: QPlainTextEdit, text: str) -> None:
    """Wrap anywhere while ``text`` (just edited) holds a very long word; at word boundaries
    otherwise."""
    mode = (QTextOption.WrapMode.WrapAnywhere if has_long_word(text)
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    if editor.wordWrapMode() != mode:
        editor.setWordWrapMode(mode)


def set_plain_text(editor: QPlainTextEdit, text: str) -> None:
    """``editor.setPlainText(text)`` with the wrap mode ``text`` needs. The mode changes while
    the shorter of the two texts is shown: changing it relays out the whole text, and laying
    out a 1 MB word at word boundaries took 29 s here."""
    long_before = editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    if has_long_word(text):
        fit_wrap_mode(editor, text)
        editor.setPlainText(text)
    elif long_before:
        editor.setPlainText(text)
        fit_wrap_mode(editor, text)
    else:
        editor.setPlainText(text)


class NotesEditor(QPlainTextEdit):
    """A plain-text editor that switches to wrapping anywhere before a paste or drop of a very
    long word is laid out."""

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        if source.hasText() and has_long_word(source.text()):
            fit_wrap_mode(self, source.text())
        super().insertFromMimeData(source)

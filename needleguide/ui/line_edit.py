"""A one-line text field with a clear button, both named for assistive technology."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget


def clearable_line_edit(parent: QWidget, placeholder: str, name: str,
                        clear_name: str) -> QLineEdit:
    """A QLineEdit with ``placeholder``, accessible name ``name`` and a clear button whose
    accessible name is ``clear_name`` (Qt leaves it unnamed)."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setAccessibleName(name)
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(clear_name)
    return edit

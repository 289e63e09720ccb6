"""Help > About and Help > Keyboard shortcuts: window-modal, not blocking, deleted on close."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from needleguide.core.model import ReferenceData
from needleguide.ui.collaborators import Collaborators

if TYPE_CHECKING:
    from needleguide.ui.about_dialog import AboutDialog


Dialog = TypeVar("Dialog", bound=QDialog)


def open_about(parent: QWidget, data: ReferenceData,
               collaborators: Collaborators) -> AboutDialog:
    """The About box: versions, licences, diagnostics and the log folder."""
    from needleguide.ui.about_dialog import AboutDialog  # not needed to paint

    return _opened(AboutDialog(data, parent, make_settings=collaborators.settings,
                               resources=collaborators.resources))


def open_shortcuts(parent: QWidget) -> QDialog:
    """The keyboard shortcuts (F1), made from the window's actions."""
    from needleguide.ui.shortcuts_dialog import ShortcutsDialog

    return _opened(ShortcutsDialog(parent.findChildren(QAction), parent))


def _opened(dialog: Dialog) -> Dialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

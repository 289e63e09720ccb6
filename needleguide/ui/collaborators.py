"""What the main window is given rather than finds for itself: the settings factory, the
file and print dialogs, the resources folder and the start-up timing. app.py makes the real
ones (``app.default_collaborators``); tests hand in their own, so none patches a module."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from needleguide import paths
from needleguide.ui import settings
from needleguide.ui.settings import SettingsFactory

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PREFETCH_DELAY_MS = 300  # start idle-time card layout well after the first paint


class FileDialogs(Protocol):
    """Where the File menu's work asks the user for a file or a printer."""

    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str,
                      filter_: str) -> str: ...

    def ask_open_path(self, parent: QWidget | None, title: str, filter_: str) -> str: ...

    def ask_printer(self, parent: QWidget | None) -> QPrinter | None: ...


def documents_folder() -> str:
    from PySide6.QtCore import QStandardPaths

    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def export_folder(store: QSettings) -> str:
    """Where save dialogs start: the folder of the last export, else Documents."""
    folder = str(store.value(settings.EXPORT_FOLDER, "") or "")
    return folder if folder and Path(folder).is_dir() else documents_folder()


class QtFileDialogs:
    """Qt's own file and print dialogs; save dialogs start in the last export's folder."""

    def __init__(self, make_settings: SettingsFactory) -> None:
        self._settings = make_settings

    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str,
                      filter_: str) -> str:
        from PySide6.QtWidgets import QFileDialog  # its type costs time: not before a dialog

        start = Path(export_folder(self._settings())) / suggested
        path, _ = QFileDialog.getSaveFileName(parent, title, str(start), filter_)
        return paths.from_qt(path)  # under a non-UTF-8 locale, the file the user chose

    def ask_open_path(self, parent: QWidget | None, title: str, filter_: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(parent, title, documents_folder(), filter_)
        return paths.from_qt(path)

    def ask_printer(self, parent: QWidget | None) -> QPrinter | None:
        """A configured QPrinter, or None if the user cancelled."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("file_actions", "Print safety sheet"))
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class Collaborators:
    """Made once by the composition root and handed down to whatever needs each part."""

    settings: SettingsFactory
    dialogs: FileDialogs
    resources: Path
    prefetch_delay_ms: int = PREFETCH_DELAY_MS

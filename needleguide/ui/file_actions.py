"""File menu work that talks to the outside world: print, export PDF, notes export/import.

Each asks through the ``dialogs`` it is given (ui/collaborators.py: Qt's dialogs in the app,
answers chosen by the test in tests), and reports problems through ui/messages.py.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

from needleguide.core.model import ReferenceData, Region
from needleguide.store.errors import StoreError
from needleguide.store.notes import NotesStore
from needleguide.ui import messages
from needleguide.ui.collaborators import FileDialogs

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def remember_export_folder(store: QSettings, path: Path) -> None:
    """The next save dialog starts in the folder of this export."""
    from needleguide.ui import settings

    store.setValue(settings.EXPORT_FOLDER, str(path.parent))


def export_pdf_to(parent: QWidget | None, dialogs: FileDialogs, title: str,
                  suggested: str, write: Callable[[Path], object]) -> Path | None:
    """Ask where, then ``write`` the PDF there (".pdf" added if missing); a SheetError is
    shown to the user. The written path, or None."""
    from needleguide import sheet  # Qt printing code is loaded on first use

    path = dialogs.ask_save_path(parent, title, suggested,
                                 translate("file_actions", "PDF files (*.pdf)"))
    if not path:
        return None
    target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
    try:
        write(target)
    except sheet.SheetError as exc:
        messages.show_error(parent, translate("file_actions", "The PDF was not written."), str(exc))
        return None
    return target


def export_pdf(parent: QWidget | None, dialogs: FileDialogs, data: ReferenceData,
               region: Region, notes: str | None, needle: float | None = None) -> Path | None:
    """Ask where, then write the region's one-page sheet. The written path, or None."""
    from needleguide import sheet

    return export_pdf_to(parent, dialogs, translate("file_actions", "Export safety sheet as PDF"), f"{region.id}.pdf",
                       lambda target: sheet.write_pdf(
                           data, region, target, page_size=sheet.default_page_size(),
                           notes=notes, needle=needle))


def preview_sheet(parent: QWidget | None, data: ReferenceData, region: Region,
                  notes: str | None) -> QWidget:
    """A print preview of the sheet (window-modal, not blocking); printing from it prints
    what is shown. Returns the dialog."""
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from needleguide import sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(f"needleguide - {region.name}")
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(translate("file_actions", "Print preview: {region} safety sheet").format(
        region=region.name))

    def paint(device: QPrinter) -> None:
        try:
            sheet.paint_sheet(device, data, region, notes=notes, printed=_dt.date.today())
        except sheet.SheetError as exc:
            messages.show_error(parent, translate("file_actions", "The sheet could not be previewed."),
                                str(exc))

    dialog.paintRequested.connect(paint)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def print_sheet(parent: QWidget | None, dialogs: FileDialogs, data: ReferenceData,
                region: Region, notes: str | None, needle: float | None = None) -> bool:
    from needleguide import sheet

    printer = dialogs.ask_printer(parent)
    if printer is None:
        return False
    printer.setDocName(f"needleguide - {region.name}")
    try:
        sheet.paint_sheet(printer, data, region, notes=notes, printed=_dt.date.today(),
                          needle=needle)
    except sheet.SheetError as exc:
        messages.show_error(parent, translate("file_actions", "The sheet was not printed."), str(exc))
        return False
    return True


def print_checklist(parent: QWidget | None, dialogs: FileDialogs,
                    data: ReferenceData) -> bool:
    """Print the whole general checklist, every item with a box to tick (several pages)."""
    from needleguide import checklist_sheet, sheet

    printer = dialogs.ask_printer(parent)
    if printer is None:
        return False
    printer.setDocName("needleguide - general checklist")
    try:
        checklist_sheet.paint_checklist(printer, data, printed=_dt.date.today())
    except sheet.SheetError as exc:
        messages.show_error(parent, translate("file_actions", "The checklist was not printed."), str(exc))
        return False
    return True


def export_checklist_pdf(parent: QWidget | None, dialogs: FileDialogs,
                         data: ReferenceData) -> Path | None:
    from needleguide import checklist_sheet, sheet

    return export_pdf_to(parent, dialogs, translate("file_actions", "Export the checklist as PDF"), "needleguide-checklist.pdf",
                       lambda target: checklist_sheet.write_checklist_pdf(
                           data, target, page_size=sheet.default_page_size()))


def export_notes(parent: QWidget | None, dialogs: FileDialogs,
                 store: NotesStore) -> Path | None:
    path = dialogs.ask_save_path(parent, translate("file_actions", "Export your notes"), "needleguide-notes.json",
                         translate("file_actions", "JSON files (*.json)"))
    if not path:
        return None
    try:
        store.export_to(path)
    except StoreError as exc:
        messages.show_error(parent, translate("file_actions", "Your notes were not exported."), str(exc))
        return None
    return Path(path)


def import_notes(parent: QWidget | None, dialogs: FileDialogs,
                 store: NotesStore) -> list[str]:
    """Merge a notes file chosen by the user; a bad file changes nothing and is explained."""
    path = dialogs.ask_open_path(parent, translate("file_actions", "Import notes"), translate("file_actions", "JSON files (*.json)"))
    if not path:
        return []
    try:
        return store.import_from(path)
    except StoreError as exc:
        messages.show_error(parent, translate("file_actions", "Nothing was imported."),
                            f"{exc}\n\n"
                            + translate("file_actions", "Your existing notes are unchanged."))
        return []


def update_data(parent: QWidget | None, dialogs: FileDialogs, in_use: ReferenceData) -> str:
    """File > Update reference data: a newer data file, validated in full, becomes the data
    in use from the next start; the one it replaces is kept for a roll-back. Returns the new
    version, or '' if nothing changed (cancelled, or explained to the user)."""
    from needleguide import data_update
    from needleguide.core.errors import DataError

    path = dialogs.ask_open_path(parent, translate("file_actions", "Update the reference data"),
                         translate("file_actions", "Reference data (*.yaml)"))
    if not path:
        return ""
    try:
        updated = data_update.import_data(Path(path), in_use)
    except DataError as exc:
        messages.show_data_error(parent, exc)
        return ""
    except data_update.UpdateError as exc:
        messages.show_error(parent, translate("file_actions", "The reference data was not updated."),
                            str(exc))
        return ""
    return updated.version


def roll_back_data(parent: QWidget | None) -> Path | None:
    """File > Roll back the reference data update: the data in use before the last update."""
    from needleguide import data_update

    try:
        return data_update.roll_back()
    except data_update.UpdateError as exc:
        messages.show_error(parent, translate("file_actions", "Nothing was rolled back."), str(exc))
        return None

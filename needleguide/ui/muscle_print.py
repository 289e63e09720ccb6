"""File > Print and Export as PDF when a muscle card is open (issue 15)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from needleguide.core.model import MuscleCard, ReferenceData
from needleguide.ui import file_actions, messages
from needleguide.ui.collaborators import FileDialogs

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def print_muscle(parent: QWidget | None, dialogs: FileDialogs, data: ReferenceData,
                 muscle: MuscleCard, notes: str | None) -> bool:
    from needleguide import muscle_sheet, sheet  # Qt printing code is loaded on first use

    printer = dialogs.ask_printer(parent)
    if printer is None:
        return False
    printer.setDocName(f"needleguide - {muscle.name}")
    try:
        muscle_sheet.paint_muscle_sheet(printer, data, muscle, notes=notes,
                                        printed=_dt.date.today())
    except sheet.SheetError as exc:
        messages.show_error(parent, translate("muscle_print", "The muscle card was not printed."),
                            str(exc))
        return False
    return True


def export_muscle_pdf(parent: QWidget | None, dialogs: FileDialogs, data: ReferenceData,
                      muscle: MuscleCard, notes: str | None) -> Path | None:
    """Ask where, then write the muscle card as PDF. The written path, or None."""
    from needleguide import muscle_sheet, sheet

    return file_actions.export_pdf_to(
        parent, dialogs, translate("muscle_print", "Export muscle card as PDF"), f"{muscle.id}.pdf",
        lambda target: muscle_sheet.write_muscle_pdf(
            data, muscle, target, page_size=sheet.default_page_size(), notes=notes))

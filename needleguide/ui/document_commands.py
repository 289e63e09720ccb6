"""The File menu's work for the main window: print, preview and export the page shown (a
region's safety sheet or a muscle card), the checklist, the user's notes, and reference data
updates. It acts through the window's public API and asks through the dialogs the window was
given (``window.collaborators``); the writing is in ui/file_actions.py (imported on first use:
none of this is needed for the first paint)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from needleguide.ui.export_notice import ExportNotice
    from needleguide.ui.main_window import MainWindow

STATUS_MS = 5000
LONG_STATUS_MS = 15000


class DocumentCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._dialogs = window.collaborators.dialogs
        self._settings = window.collaborators.settings
        self._notice: ExportNotice | None = None  # made on the first export

    def _say(self, text: str, ms: int = STATUS_MS) -> None:
        self._window.statusBar().showMessage(text, ms)

    def notes_for_print(self) -> str | None:
        """The shown region's (or muscle's) notes if the user chose to print them."""
        window = self._window
        region, muscle = window.current_region(), window.current_muscle()
        window.notes_pane.flush()
        key = region.id if region is not None else muscle.id if muscle is not None else ""
        if not key or not window.commands.include_notes.isChecked():
            return None
        return window.notes.get(key) or None

    def print_page(self) -> bool:
        window = self._window
        muscle = window.current_muscle()
        if muscle is not None:  # a muscle card prints as shown (ui/muscle_print.py)
            from needleguide.ui import muscle_print

            return muscle_print.print_muscle(window, self._dialogs, window.data, muscle,
                                             self.notes_for_print())
        region = window.current_region()
        if region is None:
            self._say(self.tr("Open a region or a muscle card to print it."))
            return False
        from needleguide.ui import file_actions

        return file_actions.print_sheet(window, self._dialogs, window.data, region,
                                        self.notes_for_print(), window.needle_for_print())

    def export_page_pdf(self) -> Path | None:
        window = self._window
        muscle = window.current_muscle()
        if muscle is not None:
            from needleguide.ui import muscle_print

            written = muscle_print.export_muscle_pdf(window, self._dialogs, window.data,
                                                     muscle, self.notes_for_print())
            if written is not None:
                self._say(self.tr("Saved {path}").format(path=written))
            return written
        region = window.current_region()
        if region is None:
            self._say(self.tr("Open a region or a muscle card to export it."))
            return None
        from needleguide.ui import file_actions

        return self._exported(file_actions.export_pdf(
            window, self._dialogs, window.data, region, self.notes_for_print(),
            window.needle_for_print()))

    def preview_page(self) -> QWidget | None:
        """The sheet as it will print, before printing (File > Print prints it directly)."""
        window = self._window
        region = window.current_region()
        if region is None:
            self._say(self.tr("Open a region to preview its safety sheet."))
            return None
        from needleguide.ui import file_actions

        return file_actions.preview_sheet(window, window.data, region, self.notes_for_print())

    def print_checklist(self) -> bool:
        from needleguide.ui import file_actions

        return file_actions.print_checklist(self._window, self._dialogs, self._window.data)

    def export_checklist_pdf(self) -> Path | None:
        from needleguide.ui import file_actions

        return self._exported(file_actions.export_checklist_pdf(
            self._window, self._dialogs, self._window.data))

    def export_notes(self) -> Path | None:
        window = self._window
        window.notes_pane.flush()
        from needleguide.ui import file_actions

        return self._exported(file_actions.export_notes(window, self._dialogs, window.notes))

    def import_notes(self) -> list[str]:
        window = self._window
        window.notes_pane.flush()
        from needleguide.ui import file_actions

        imported = file_actions.import_notes(window, self._dialogs, window.notes)
        if imported:
            window.notes_imported()
            self._say(self.tr("Imported notes for {count} region(s).").format(
                count=len(imported)))
        return imported

    def update_data(self) -> str:
        """File > Update reference data...; the new version is used from the next start."""
        from needleguide.ui import file_actions

        version = file_actions.update_data(self._window, self._dialogs, self._window.data)
        if version:
            self._say(self.tr("Reference data {version} is ready: restart needleguide to use "
                              "it. File > Roll back the reference data update undoes it.")
                      .format(version=version), LONG_STATUS_MS)
        return version

    def roll_back_data(self) -> bool:
        from needleguide.ui import file_actions

        now = file_actions.roll_back_data(self._window)
        if now is not None:
            self._say(self.tr("Rolled back: restart needleguide to use {file}.").format(
                file=now), LONG_STATUS_MS)
        return now is not None

    @property
    def export_notice(self) -> ExportNotice:
        """The status-bar notice after an export (made on first use: not needed to paint)."""
        from needleguide.ui.export_notice import ExportNotice

        if self._notice is None:
            self._notice = ExportNotice(self._window)
            self._window.statusBar().addWidget(self._notice, 1)
        return self._notice

    def _exported(self, path: Path | None) -> Path | None:
        """After any export: the next save dialog starts in its folder; offer to open it."""
        if path is not None:
            from needleguide.ui import file_actions

            file_actions.remember_export_folder(self._settings(), path)
            self.export_notice.show_saved(path)
        return path

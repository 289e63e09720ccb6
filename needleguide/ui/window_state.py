"""The main window reopens where the user left it: size and place, the splitters, whether
notes go on the printed sheet, and the last page shown (UI settings only, through the settings
factory the window was given)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from needleguide.core.navigation import Page, PageKind
from needleguide.ui import settings
from needleguide.ui.settings import SettingsFactory

if TYPE_CHECKING:
    from needleguide.ui.main_window import MainWindow


class WindowState:
    def __init__(self, window: MainWindow, make_settings: SettingsFactory) -> None:
        self._window = window
        self._settings = make_settings

    def restore(self) -> None:
        """Geometry, splitters and the last page (else the first region, else the
        checklist)."""
        window, store = self._window, self._settings()
        geometry = store.value(settings.GEOMETRY)
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        for key, splitter in ((settings.SPLITTER, window.panes.splitter),
                              (settings.CARD_SPLITTER, window.panes.right)):
            state = store.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        window.commands.include_notes.setChecked(
            str(store.value(settings.PRINT_NOTES, "false")).lower() == "true")
        kind, _, item = str(store.value(settings.PAGE, "") or "").partition(":")
        if not (kind and window.navigator.go((kind, item))):
            regions = window.data.regions
            window.navigator.go(Page(PageKind.REGION, regions[0].id) if regions
                                else Page(PageKind.CHECKLIST))

    def save(self) -> None:
        window, store = self._window, self._settings()
        store.setValue(settings.GEOMETRY, window.saveGeometry())
        store.setValue(settings.SPLITTER, window.panes.splitter.saveState())
        store.setValue(settings.CARD_SPLITTER, window.panes.right.saveState())
        store.setValue(settings.PRINT_NOTES, window.commands.include_notes.isChecked())
        page = window.navigator.current
        if page is not None:
            store.setValue(settings.PAGE, f"{page.kind.value}:{page.item}")
        store.sync()

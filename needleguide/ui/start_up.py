"""What the main window's first paint does not wait for: the toolbar's style icons, the
search index, the neighbours of the open card, then (after ``prefetch_delay_ms``) every
region card laid out in idle time, so that switching is a matter of showing a ready page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from needleguide.core.navigation import PageKind

if TYPE_CHECKING:
    from needleguide.ui.main_window import MainWindow

FINISH_START_LATEST_MS = 1000  # deferred start-up work, should no paint event come


class StartUp(QObject):
    def __init__(self, window: MainWindow, prefetch_delay_ms: int) -> None:
        super().__init__(window)
        self._window = window
        self._painted = False
        self.done = False
        window.installEventFilter(self)
        QTimer.singleShot(prefetch_delay_ms, window, window.pages.prefetch_region_cards)

    def finished(self) -> bool:
        """Whether the deferred work is done, the map's figures included (a map folded into
        its button, in a narrow window, loads its figures when first shown)."""
        body_map = self._window.body_map
        return self.done and (body_map.figures_loaded()
                              or not body_map.isVisibleTo(self._window))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and not self._painted:
            if event.type() == QEvent.Type.Paint:
                self._painted = True
                QTimer.singleShot(0, self, self._finish)  # once this paint is done
            elif event.type() == QEvent.Type.Show:  # should the window never get a paint
                QTimer.singleShot(FINISH_START_LATEST_MS, self, self._finish)
        return False

    def _finish(self) -> None:
        if self.done:
            return
        self.done = True
        window = self._window
        window.removeEventFilter(self)
        window.commands.set_style_icons(window)
        window.search_box.prepare_index()
        page = window.navigator.current
        if page is not None and page.kind == PageKind.REGION:
            window.pages.prefetch_neighbours(page.item)

"""The windows that open beside the main window: study mode and the depth check.

Each is made when first opened (neither is needed to paint), raised when opened again, and
closed with the main window. Closing one gives the keyboard back to the main window: without
a window manager (kiosk, a bare X server) nobody else does, and its shortcuts would stop
working."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from needleguide.core.model import ReferenceData
from needleguide.core.navigation import Page, PageKind
from needleguide.ui.collaborators import Collaborators

if TYPE_CHECKING:
    from needleguide.store.study import StudyStore
    from needleguide.ui.depth_view import DepthWindow
    from needleguide.ui.study_window import StudyWindow


class CompanionWindows(QObject):
    """``companions.study`` and ``companions.depth``: None until first opened."""

    region_link_activated = Signal(str)  # study mode's "open this region's card"
    after_events_link_activated = Signal()  # study mode's "Something went wrong"
    study_made = Signal()  # its text then follows the window's text size

    def __init__(self, window: QWidget, data: ReferenceData, study: StudyStore,
                 collaborators: Collaborators) -> None:
        super().__init__(window)
        self._window = window
        self._data = data
        self._study_store = study
        self._collaborators = collaborators
        self.study: StudyWindow | None = None
        self.depth: DepthWindow | None = None
        self._closing_all = False

    def open_study(self) -> StudyWindow:
        """Open (or raise) the Study window; its region links open cards in the window."""
        if self.study is None:
            from needleguide.ui.study_window import StudyWindow  # not needed to paint

            made = self._collaborators
            self.study = StudyWindow(self._data, self._study_store, self._window,
                                     make_settings=made.settings, resources=made.resources)
            self.study.view.region_link_activated.connect(self._open_region)
            self.study.view.after_events_link_activated.connect(
                self.after_events_link_activated)
            self.study.installEventFilter(self)
            self.study_made.emit()
        return _raised(self.study)

    def open_depth(self, region_id: str | None) -> DepthWindow:
        """Open (or raise) the depth check, on ``region_id`` when it has figures."""
        if self.depth is None:
            from needleguide.ui.depth_view import DepthWindow  # not needed to paint

            self.depth = DepthWindow(self._data, self._window)
            self.depth.installEventFilter(self)
        if region_id is not None:
            self.depth.view.show_region(region_id)
        return _raised(self.depth)

    def follow(self, page: Page) -> None:
        """The open depth check follows the region shown (when it has reported depths)."""
        depth = self.depth
        if page.kind == PageKind.REGION and depth is not None and depth.isVisible():
            depth.view.show_region(page.item)

    def needle(self) -> float | None:
        """The needle length chosen in the open depth check, else None."""
        depth = self.depth
        return depth.view.needle() if depth is not None and depth.isVisible() else None

    def zoomed(self) -> list[QWidget]:
        """The companions whose text follows the window's text size."""
        return [self.study] if self.study is not None else []

    def close_all(self) -> None:
        """With the main window: nothing of the app stays on screen."""
        self._closing_all = True
        try:
            for companion in (self.study, self.depth):
                if companion is not None:
                    companion.close()
        finally:
            self._closing_all = False

    def _open_region(self, region_id: str) -> None:
        self.region_link_activated.emit(region_id)
        self._window.raise_()
        self._window.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Close and self._window.isVisible()
                and not self._closing_all):
            self._window.activateWindow()  # the keyboard goes back to the main window
        return False


Window = TypeVar("Window", bound=QWidget)


def _raised(companion: Window) -> Window:
    companion.show()
    companion.raise_()
    companion.activateWindow()
    return companion

"""View menu choices kept across runs: system, light or dark colours, and the text size of
the card, the notes and study mode."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from needleguide.ui import settings, view_options
from needleguide.ui.settings import SettingsFactory


class ViewChoices(QObject):
    """Adds the palette and text-size actions to ``menu``. ``zoomed`` lists the widgets whose
    text follows the zoom (asked each time: study mode appears later); ``palette_applied`` is
    called after a palette change (icons drawn in the palette's colours follow it)."""

    def __init__(self, menu: QMenu, zoomed: Callable[[], list[QWidget]],
                 palette_applied: Callable[[], None], parent: QObject,
                 make_settings: SettingsFactory = settings.make_settings) -> None:
        super().__init__(parent)
        self._settings = make_settings
        self._zoomed = zoomed
        self._palette_applied = palette_applied
        store = make_settings()
        self._zoom_base = QApplication.font()
        stored = str(store.value(settings.ZOOM, "0") or "0")
        self._zoom = view_options.clamp_zoom(int(stored) if stored.lstrip("-").isdigit() else 0)
        menu.addSeparator()
        group = QActionGroup(self)
        self.palette_actions: dict[str, QAction] = {}
        for choice, text in (("system", self.tr("&System colours")), ("light", self.tr("&Light")),
                             ("dark", self.tr("&Dark"))):
            action = QAction(text, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, c=choice: self.set_palette_choice(c))
            group.addAction(action)
            menu.addAction(action)
            self.palette_actions[choice] = action
        menu.addSeparator()
        key = QKeySequence.StandardKey
        self.zoom_in_action = self._add(
            menu, self.tr("&Larger text"), lambda: self.set_text_zoom(self._zoom + 1),
            [QKeySequence(key.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out_action = self._add(
            menu, self.tr("S&maller text"), lambda: self.set_text_zoom(self._zoom - 1),
            QKeySequence.keyBindings(key.ZoomOut))
        self.zoom_reset_action = self._add(menu, self.tr("&Normal text size"),
                                           lambda: self.set_text_zoom(0),
                                           [QKeySequence("Ctrl+0")])
        self.set_palette_choice(str(store.value(settings.PALETTE, "system") or "system"),
                                remember=False)

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object],
             keys: list[QKeySequence]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def palette_choice(self) -> str:
        return next((c for c, a in self.palette_actions.items() if a.isChecked()), "system")

    def set_palette_choice(self, choice: str, remember: bool = True) -> None:
        """System, light or dark colours for the whole app, kept across runs."""
        applied = view_options.apply_palette(choice)
        self.palette_actions[applied].setChecked(True)
        self._palette_applied()
        if remember:
            self._settings().setValue(settings.PALETTE, applied)

    def text_zoom(self) -> int:
        return self._zoom

    def set_text_zoom(self, steps: int) -> None:
        """Text size of the card, the notes and study mode, in 10% steps; 0 is normal."""
        self._zoom = view_options.clamp_zoom(steps)
        self._settings().setValue(settings.ZOOM, self._zoom)
        self.apply_zoom()

    def apply_zoom(self) -> None:
        view_options.apply_zoom(self._zoomed(), self._zoom_base, self._zoom)

"""The light half of accessibility, safe to import before the first paint: spoken status
lines, announcements, named groups and drawn focus. The accessible interfaces of the card and
the map (``needleguide.ui.accessible``, about 20-40 ms of Python type creation) load after
the first paint."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

ANNOUNCED: list[str] = []  # the last announcements, for tests and diagnosis
_ANNOUNCED_KEPT = 20


def announce(widget: QObject, message: str) -> None:
    """Have a screen reader speak ``message`` now (an AT-SPI announcement), without moving
    focus. Kept in ``ANNOUNCED`` so tests can see what would have been said."""
    if not message:
        return
    ANNOUNCED.append(message)
    del ANNOUNCED[:-_ANNOUNCED_KEPT]
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, message))


def show_focus(widget: QWidget) -> None:
    """Move focus to ``widget`` as a keyboard command does, so the style draws its focus
    frame (Qt draws it only after a keyboard focus change, not after setFocus())."""
    widget.setFocus(Qt.FocusReason.ShortcutFocusReason)


class StatusLabel(QLabel):
    """A status line whose accessible name is what it shows, announced when it changes
    (except ``quiet`` texts such as "Editing…", which would interrupt typing)."""

    def __init__(self, parent: QWidget | None = None, idle_name: str | None = None,
                 quiet: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self._idle_name = idle_name if idle_name is not None else self.tr("Status")
        self._quiet = quiet
        self.setAccessibleName(self._idle_name)

    def setText(self, text: str) -> None:  # type: ignore[override]
        changed = text != self.text()
        super().setText(text)
        self.setAccessibleName(text or self._idle_name)
        if changed and text and text not in self._quiet:
            announce(self, text)

    def clear(self) -> None:
        self.setText("")


class Group(QWidget):
    """A container a screen reader reads as a named group (role Grouping, "panel" in AT-SPI)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from needleguide.ui import accessible

        accessible.install()

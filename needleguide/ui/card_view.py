"""The card: a read-only browser of pages built by ``pages``, with internal links only."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from needleguide.ui.pages import Theme

PAGE_KINDS = ("region", "structure", "condition", "checklist")


def _mix(a: QColor, b: QColor, amount: float) -> str:
    """``amount`` of ``b`` over ``a``, as #rrggbb."""
    return QColor(round(a.red() + (b.red() - a.red()) * amount),
                  round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount)).name()


def theme_for(palette: QPalette) -> Theme:
    """Page colours from the palette; danger and warning hues chosen to read on its base."""
    role = QPalette.ColorRole
    base = palette.color(role.Base)
    text = palette.color(role.Text)
    dark = base.lightness() < 128
    danger = QColor("#ff7b7b" if dark else "#b3001b")
    warning = QColor("#f2b84b" if dark else "#8a5300")
    info = palette.color(role.Highlight)
    muted = _mix(text, base, 0.35)
    return Theme(text=text.name(), muted=muted, link=palette.color(role.Link).name(),
                 base=base.name(), border=palette.color(role.Mid).name(), danger=danger.name(),
                 danger_bg=_mix(base, danger, 0.16 if dark else 0.10),
                 warning=warning.name(), warning_bg=_mix(base, warning, 0.14 if dark else 0.10),
                 info_bg=_mix(base, info, 0.10))


class CardView(QTextBrowser):
    """Shows one page. Emits ``link_activated(kind, id)`` for region, structure, condition
    and checklist links; ``source:N`` links scroll to the source; nothing else is followed."""

    link_activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Safety card")
        self.setAccessibleDescription("The selected page; links open related pages")
        self._build: Callable[[Theme], str] | None = None
        self.anchorClicked.connect(self._on_anchor_clicked)

    def show_page(self, build: Callable[[Theme], str]) -> None:
        """Render ``build(theme)`` now, and again whenever the palette changes."""
        self._build = build
        self._render(keep_scroll=False)

    def theme(self) -> Theme:
        return theme_for(self.palette())

    def _render(self, keep_scroll: bool) -> None:
        if self._build is None:
            return
        position = self.verticalScrollBar().value()
        self.setHtml(self._build(self.theme()))
        self.verticalScrollBar().setValue(position if keep_scroll else 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render(keep_scroll=True)

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002 (Qt's name)
        """Never load anything from outside: data text is escaped, so nothing should ask."""
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        kind, _, target = url.toString().partition(":")
        if kind == "source":
            self.scrollToAnchor(f"source-{target}")
        elif kind in PAGE_KINDS:
            self.link_activated.emit(kind, target)

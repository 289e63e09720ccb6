"""The card: a read-only browser of pages built by ``pages``, with internal links only."""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterable

from PySide6.QtCore import QEvent, QRect, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from needleguide.core.safe_html import SafeHtml
from needleguide.drawing.pages import Theme, tooltip

if TYPE_CHECKING:  # imported where used: marks and source popups are not needed to paint
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QTextCursor

PAGE_KINDS = ("region", "structure", "condition", "muscle", "checklist", "after-events",
              "notes")
CACHED_PAGES = 48  # laid-out pages kept for instant revisits (a few MB at most)
CONTEXT_LINES = 2  # lines left visible above an entry scrolled to
FOCUS_FRAME_PX = 2  # the highlight drawn round the card while it has keyboard focus
MAX_LINE_CHARS = 110  # a readable measure: on a wide screen the page is centred, not stretched
SOURCE_POPUP_MS = 60_000  # a clicked source stays shown this long, or until the mouse leaves

Builder = Callable[[Theme], SafeHtml]


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
    """Shows one page. Emits ``link_activated(kind, id)`` for region, structure, condition,
    checklist, after-events and notes links; a ``source:N`` superscript shows its full
    citation and evidence kind in place (tooltip on hover, a popup on click) without moving
    the page; nothing else is followed. ``show_page(..., anchor=...)`` scrolls to an entry
    and marks it until the next page is shown."""

    link_activated = Signal(str, str)
    fold_toggled = Signal(str)  # a section's fold link: the section key (pages.FOLDABLE)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Safety card"))
        self.setAccessibleDescription(self.tr("The selected page; links open related pages"))
        self._build: Builder | None = None
        self._key: Hashable | None = None
        self._pages: OrderedDict[Hashable, QTextDocument] = OrderedDict()
        self._prefetch: list[tuple[Hashable, Builder]] = []
        self._marked = ""  # the anchor of the entry marked on the page shown
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setInterval(0)
        self._prefetch_timer.timeout.connect(self._prefetch_one)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._install_accessibility()

    def show_page(self, build: Builder, key: Hashable | None = None, anchor: str = "",
                  scroll: int | None = None) -> None:
        """Render ``build(theme)`` now, and again whenever the palette changes. Pages with a
        ``key`` are kept laid out, so showing them again costs a few milliseconds. With an
        ``anchor`` the entry is scrolled into view and marked; with ``scroll`` the page opens
        at that scroll position (going back); else at the top."""
        self._build, self._key = build, key
        self._marked = ""
        self.setExtraSelections([])
        self._render(keep_scroll=False)
        if anchor:
            self.mark(anchor)
        elif scroll is not None:
            self.verticalScrollBar().setValue(scroll)

    def scroll_position(self) -> int:
        return self.verticalScrollBar().value()

    def marked_anchor(self) -> str:
        """The anchor of the marked entry, or '' when nothing is marked."""
        return self._marked

    def mark(self, anchor: str) -> bool:
        """Scroll the entry with this anchor into view and mark it; False if there is none."""
        cursor = self.anchor_cursor(anchor)
        if cursor is None:
            return False
        self._marked = anchor
        self._apply_mark(cursor)
        self.scrollToAnchor(anchor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() - CONTEXT_LINES * self.fontMetrics().lineSpacing())
        return True

    def scroll_to(self, anchor: str) -> bool:
        """Bring the entry or section with this anchor to the top, a line of context above
        it; False if the page has none."""
        if self.anchor_cursor(anchor) is None:
            return False
        self.scrollToAnchor(anchor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() - self.fontMetrics().lineSpacing())
        return True

    def _apply_mark(self, cursor: QTextCursor) -> None:
        from PySide6.QtGui import QTextCursor
        from PySide6.QtWidgets import QTextEdit

        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[attr-defined]
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        colour.setAlpha(100)
        selection.format.setBackground(colour)  # type: ignore[attr-defined]
        self.setExtraSelections([selection])

    def anchor_cursor(self, anchor: str) -> QTextCursor | None:
        """A cursor at the start of the block holding the anchor."""
        from PySide6.QtGui import QTextCursor

        document = self.document()
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if anchor in fragment.charFormat().anchorNames():
                    cursor = QTextCursor(document)
                    cursor.setPosition(block.position())
                    return cursor
                fragments += 1
            block = block.next()
        return None

    def source_text(self, number: str) -> str:
        """The page's source list entry N: full citation and evidence kind, or ''."""
        cursor = self.anchor_cursor(f"source-{number}")
        if cursor is None:
            return ""
        return " ".join(cursor.block().text().split())

    def show_source(self, number: str, at: QPoint | None = None) -> bool:
        """Show source N's citation in a popup at ``at`` (the mouse), the page not moving."""
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        text = self.source_text(number)
        if not text:
            return False
        if at is None:  # clicked: at the mouse; from the keyboard: at the focused link
            at = (QCursor.pos() if self.viewport().underMouse() else
                  self.viewport().mapToGlobal(self.cursorRect().bottomLeft()))
        QToolTip.showText(at, tooltip(text), self.viewport(), self.viewport().rect(),
                          SOURCE_POPUP_MS)
        return True

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            from PySide6.QtGui import QHelpEvent
            from PySide6.QtWidgets import QToolTip

            assert isinstance(event, QHelpEvent)
            href = self.anchorAt(event.pos())
            kind, _, number = href.partition(":")
            if kind == "source":
                if not self.show_source(number, event.globalPos()):
                    QToolTip.hideText()
                return True
        return super().viewportEvent(event)

    def prefetch(self, pages: Iterable[tuple[Hashable, Builder]]) -> None:
        """Lay out these pages in idle time, one per event-loop turn, ahead of any pages
        queued before (the latest request is the likeliest next visit)."""
        wanted = [(key, build) for key, build in pages if key not in self._pages]
        keys = {key for key, _ in wanted}
        queued = [(key, build) for key, build in self._prefetch if key not in keys]
        self._prefetch = (wanted + queued)[:CACHED_PAGES]
        if self._prefetch:
            self._prefetch_timer.start()

    def has_page(self, key: Hashable) -> bool:
        """Whether the page is laid out and can be shown at once."""
        return key in self._pages

    def theme(self) -> Theme:
        return theme_for(self.palette())

    def _document(self, key: Hashable, build: Builder) -> QTextDocument:
        document = self._pages.get(key)
        if document is not None:
            self._pages.move_to_end(key)
            return document
        document = self._new_document()
        document.setHtml(build(self.theme()))
        if self.isVisible():  # lay out now, not on first paint; before the window is shown
            # the viewport has no real width yet, and a layout at it would be thrown away
            self._limit_line_length(document)  # before the layout: it is done once
            document.setTextWidth(self.viewport().width())
            document.documentLayout().documentSize()
        self._pages[key] = document
        while len(self._pages) > CACHED_PAGES:
            _, old = self._pages.popitem(last=False)
            if old is not self.document():
                old.deleteLater()
        return document

    def _new_document(self) -> QTextDocument:
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(self.document().documentMargin())
        return document

    def _prefetch_one(self) -> None:
        if not self._prefetch:
            self._prefetch_timer.stop()
            return
        key, build = self._prefetch.pop(0)
        if key not in self._pages:
            self._document(key, build)

    def _render(self, keep_scroll: bool) -> None:
        if self._build is None:
            return
        position = self.verticalScrollBar().value()
        if self._key is None:
            if any(self.document() is kept for kept in self._pages.values()):
                # setHtml would rewrite the kept page on screen: a later visit would show this
                self.setDocument(self._new_document())
            self.setHtml(self._build(self.theme()))
        else:
            self.setDocument(self._document(self._key, self._build))
        self._limit_line_length()
        self.verticalScrollBar().setValue(position if keep_scroll else 0)
        if keep_scroll and self._marked:  # the mark belongs to the old document
            cursor = self.anchor_cursor(self._marked)
            if cursor is not None:
                self._apply_mark(cursor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._limit_line_length()

    def line_length_limit(self) -> int:
        """The widest the text runs, in pixels: about MAX_LINE_CHARS characters."""
        return self.fontMetrics().averageCharWidth() * MAX_LINE_CHARS

    def _limit_line_length(self, document: QTextDocument | None = None) -> None:
        """Side margins on a page (by default the one shown) so its lines stay under
        ``line_length_limit``."""
        if not self.isVisible():  # no real width yet: resizeEvent comes once shown
            return
        side = max(0, (self.viewport().width() - self.line_length_limit()) // 2)
        frame = (document or self.document()).rootFrame()
        layout = frame.frameFormat()
        if layout.leftMargin() != side or layout.rightMargin() != side:
            layout.setLeftMargin(side)
            layout.setRightMargin(side)
            frame.setFrameFormat(layout)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            current = self.document()
            for document in self._pages.values():  # built with the old colours
                if document is not current:
                    document.deleteLater()
            self._pages.clear()
            self._render(keep_scroll=True)

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002 (Qt's name)
        """Never load anything from outside: data text is escaped, so nothing should ask."""
        return None

    # -- what a screen reader gets (needleguide.ui.accessible) -----------------------------------

    def _install_accessibility(self) -> None:
        self._interface_pending = True  # installed after the first paint (20-40 ms)
        self._focused_href = ""
        # room round the page for the focus frame (the style's own frame is thinner)
        margin = max(0, FOCUS_FRAME_PX - self.frameWidth())
        self.setViewportMargins(margin, margin, margin, margin)
        self.cursorPositionChanged.connect(self._announce_focused_link)

    def _install_interface(self) -> None:
        from needleguide.ui import accessible

        accessible.install(self)

    def focused_link(self) -> str:
        """The href of the link that has keyboard focus on the page, or ''."""
        from PySide6.QtGui import QTextCursor

        cursor = self.textCursor()
        if not cursor.hasSelection():
            return ""
        probe = QTextCursor(self.document())
        probe.setPosition(cursor.selectionStart() + 1)
        fmt = probe.charFormat()
        return fmt.anchorHref()

    def follow_link(self, href: str) -> None:
        """Follow a link as a click would (the accessible Press action)."""
        self._on_anchor_clicked(QUrl(href))

    def link_rect(self, start: int, end: int) -> QRect:
        """Screen rectangle of the text between two document positions."""
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        rect = self.cursorRect(cursor)
        cursor.setPosition(end)
        rect = rect.united(self.cursorRect(cursor))
        rect.setWidth(max(rect.width(), 1))
        return QRect(self.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def event(self, event: QEvent) -> bool:
        """Draw a focus frame over the card's own frame while it has keyboard focus (the
        style draws none for a text browser, so its Tab stop was invisible); after the first
        paint, install the card's accessible interface (headings and links as children)."""
        handled = super().event(event)
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        elif kind == QEvent.Type.Paint and self._interface_pending:
            self._interface_pending = False
            QTimer.singleShot(0, self, self._install_interface)
        if kind == QEvent.Type.Paint and self.hasFocus():
            from PySide6.QtGui import QPainter

            painter = QPainter(self)
            colour = self.palette().color(QPalette.ColorRole.Highlight)
            w, h, px = self.width(), self.height(), FOCUS_FRAME_PX
            for strip in (QRect(0, 0, w, px), QRect(0, h - px, w, px), QRect(0, 0, px, h),
                          QRect(w - px, 0, px, h)):
                painter.fillRect(strip, colour)
            painter.end()
        return handled

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        """Tab moves between the page's links (Qt emits no signal for it): tell a screen
        reader which link now has focus."""
        moved = super().focusNextPrevChild(next)
        self._announce_focused_link()
        return moved

    def _announce_focused_link(self) -> None:
        href = self.focused_link()
        if href == self._focused_href:
            return
        self._focused_href = href
        if not href:
            return
        from needleguide.ui import accessible

        interface = accessible.interface_of(self)
        if isinstance(interface, accessible.CardAccessible):
            accessible.notify_focus(interface.link_part(href))

    def _on_anchor_clicked(self, url: QUrl) -> None:
        kind, _, target = url.toString().partition(":")
        if kind == "source":  # in place: the reader keeps their place on the page
            self.show_source(target)
        elif kind == "entry":  # the glance strip and jump bar: a place on this page
            self.scroll_to(target)
        elif kind == "fold":
            self.fold_toggled.emit(target)
        elif kind in PAGE_KINDS:
            self.link_activated.emit(kind, target)

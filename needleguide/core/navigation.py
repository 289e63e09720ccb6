"""What the card can show: the kinds of page and a page's address (Qt-free).

``PageKind`` is a ``StrEnum`` so a page read back from settings or a search hit compares equal
to the plain string it was stored as. ``Navigator`` is the navigation model: the page shown,
the history and the scroll positions, announced to every listener as one ``Visit``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Callable, NamedTuple

from needleguide.core.history import History


NOTE_LINE = "note-line-"  # an anchor for line N of the page's own notes: "note-line-3"


class PageKind(StrEnum):
    REGION = "region"
    STRUCTURE = "structure"
    CONDITION = "condition"
    MUSCLE = "muscle"
    CHECKLIST = "checklist"
    AFTER_EVENTS = "after-events"


class Page(NamedTuple):
    """One page of the card: ``Page(PageKind.REGION, "gluteal")``; the checklist and the
    after-event page have no item (``""``)."""

    kind: PageKind
    item: str = ""


class Visit(NamedTuple):
    """One change of what the card shows, as the navigator announces it.

    ``anchor`` names an entry to scroll to and mark (a search result); ``scroll`` is the
    position to restore (Back and Forward), None for the top of a new visit. ``same_page`` is
    True when only the anchor changed: another entry of the page already shown."""

    page: Page
    anchor: str = ""
    scroll: int | None = None
    same_page: bool = False


class Navigator:
    """The one navigation model: the page shown, Back/Forward history and the scroll position
    each visit was left at. Widgets send intents (``go``, ``back``, ``forward``); every
    listener hears each change once, whichever widget asked for it, so no widget sets its own
    selection first and no echo has to be stopped. Asking for the page already shown changes
    nothing (an anchor on it is announced as ``same_page``).

    ``exists`` says whether a page can be shown (an unknown id is refused, not visited);
    ``read_scroll`` gives the card's scroll position when a visit is left."""

    def __init__(self, exists: Callable[[Page], bool],
                 read_scroll: Callable[[], int] = lambda: 0, limit: int = 200) -> None:
        self._exists = exists
        self._read_scroll = read_scroll
        self._history: History[Page] = History(limit)
        self._scroll_at: dict[int, int] = {}  # history position -> scroll position
        self._listeners: list[Callable[[Visit], None]] = []

    def subscribe(self, listener: Callable[[Visit], None]) -> None:
        self._listeners.append(listener)

    @property
    def current(self) -> Page | None:
        return self._history.current

    def can_go_back(self) -> bool:
        return self._history.can_go_back()

    def can_go_forward(self) -> bool:
        return self._history.can_go_forward()

    def go(self, address: tuple[str, str], anchor: str = "") -> bool:
        """Show the page ``(kind, item)`` (scrolled to ``anchor`` if given); False if there is
        no such page. A plain ``("region", "gluteal")`` is accepted, as read from settings."""
        if address[0] not in _KINDS:
            return False
        page = Page(PageKind(address[0]), address[1])
        if page == self.current:
            if anchor:
                self._announce(Visit(page, anchor, same_page=True))
            return True
        if not self._exists(page):
            return False
        self._leave()
        self._history.visit(page)
        self._scroll_at.pop(self._history.position, None)  # a new visit opens at the top
        self._announce(Visit(page, anchor))
        return True

    def back(self) -> bool:
        """The previous page, at the scroll position it was left at."""
        return self._step(self._history.can_go_back(), self._history.back)

    def forward(self) -> bool:
        return self._step(self._history.can_go_forward(), self._history.forward)

    def _step(self, possible: bool, move: Callable[[], Page | None]) -> bool:
        if not possible:
            return False
        self._leave()
        page = move()
        if page is None:
            return False
        self._announce(Visit(page, scroll=self._scroll_at.get(self._history.position)))
        return True

    def _leave(self) -> None:
        if self.current is not None:
            self._scroll_at[self._history.position] = self._read_scroll()

    def _announce(self, visit: Visit) -> None:
        for listener in list(self._listeners):
            listener(visit)


_KINDS = frozenset(PageKind)

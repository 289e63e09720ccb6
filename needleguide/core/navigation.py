"""What the card can show: the kinds of page and a page's address (Qt-free).

``PageKind`` is a ``StrEnum`` so a page read back from settings or a search hit compares equal
to the plain string it was stored as. The navigation model (current page, history) builds on it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


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

"""What the card shows for each page: the page builders, the sections folded on region cards
(kept across runs), and showing a navigator's ``Visit`` on the card view.

The window's other panes follow the navigator on their own; this object only knows the card.
"""

from __future__ import annotations

import logging
from typing import Hashable, Iterable

from needleguide.core.safe_html import escape
from needleguide.core.model import ReferenceData, Region
from needleguide.core.navigation import NOTE_LINE, Page, PageKind, Visit
from needleguide.drawing import pages
from needleguide.ui import settings
from needleguide.ui.settings import SettingsFactory
from needleguide.ui.card_view import Builder, CardView

log = logging.getLogger("needleguide")



class CardPages:
    """Builds the pages of one data set and puts them on ``card_view``."""

    def __init__(self, data: ReferenceData, card_view: CardView,
                 make_settings: SettingsFactory = settings.make_settings) -> None:
        """``make_settings`` keeps the folded sections across runs."""
        self._data = data
        self._settings = make_settings
        self._card = card_view
        # Region lookups and list order by id: a linear scan per lookup adds up at 900 regions.
        self._regions = {region.id: region for region in data.regions}
        self._order = {region.id: row for row, region in enumerate(data.regions)}
        self._muscles = {muscle.id for muscle in data.muscles}
        self._folded = self._load_folded()
        self._shown: Page | None = None

    # -- what exists ---------------------------------------------------------------------------

    def exists(self, page: Page) -> bool:
        return self.builder(page) is not None

    def region(self, region_id: str) -> Region | None:
        return self._regions.get(region_id)

    def title(self, page: Page) -> str:
        kind, item = page
        if kind == PageKind.REGION:
            return self._regions[item].name
        if kind == PageKind.STRUCTURE:
            return self._data.structures[item].name
        if kind == PageKind.CONDITION:
            return self._data.conditions[item].name
        if kind == PageKind.MUSCLE:
            return self._data.muscle(item).name
        if kind == PageKind.AFTER_EVENTS:
            return pages.after_events_title()
        return pages.checklist_title()

    def builder(self, page: Page) -> Builder | None:
        kind, item = page
        data = self._data
        if kind == PageKind.REGION:
            region = self._regions.get(item)
            if region is not None:
                folded = frozenset(self._folded)
                return lambda theme: pages.region_page(data, region, theme, folded)
        elif kind == PageKind.STRUCTURE and item in data.structures:
            return lambda theme: pages.structure_page(data, item, theme)
        elif kind == PageKind.CONDITION and item in data.conditions:
            return lambda theme: pages.condition_page(data, item, theme)
        elif kind == PageKind.MUSCLE and item in self._muscles:
            from needleguide.drawing.muscle_page import muscle_page  # first use: not needed to paint

            muscle = data.muscle(item)
            return lambda theme: muscle_page(data, muscle, theme)
        elif kind == PageKind.CHECKLIST:
            return lambda theme: pages.checklist_page(data, theme)
        elif kind == PageKind.AFTER_EVENTS:
            return lambda theme: pages.after_events_page(data, theme)
        return None

    # -- showing a visit -----------------------------------------------------------------------

    def show(self, visit: Visit) -> int | None:
        """Put the visit's page on the card, scrolled to its anchor or its remembered position.
        Returns the line of the user's notes to select when the anchor points there."""
        page, anchor = visit.page, visit.anchor
        unfolded = page.kind == PageKind.REGION and anchor and self._unfold_for(anchor)
        note_line = anchor.removeprefix(NOTE_LINE) if anchor.startswith(NOTE_LINE) else ""
        if visit.same_page and not unfolded:
            if anchor and not note_line:  # another entry of the page shown
                self._card.mark(anchor)
        else:
            build = self.builder(page)
            if build is None:  # (the navigator asked ``exists`` first)
                log.warning("No such page: %s:%s", *page)
                return None
            self._shown = page
            self._card.show_page(build, key=self.card_key(page),
                                 anchor="" if note_line else anchor, scroll=visit.scroll)
        return int(note_line) if note_line.isdigit() else None

    def card_key(self, page: Page) -> tuple[str, ...]:
        """The card view's cache key: a region card differs with the sections folded."""
        if page[0] == PageKind.REGION:
            return (*page, *sorted(self._folded))
        return tuple(page)

    # -- folding sections (remembered) --------------------------------------------------------

    def folded_sections(self) -> frozenset[str]:
        return frozenset(self._folded)

    def toggle_fold(self, key: str) -> None:
        """Fold or unfold a section on every region card; the choice is kept across runs
        and the reader stays where they were on the page."""
        if key not in pages.FOLDABLE:
            return
        self._folded ^= {key}
        self._settings().setValue(settings.FOLDED, ",".join(sorted(self._folded)))
        page = self._shown
        if page is not None and page.kind == PageKind.REGION:
            self._card.show_page(self.builder(page) or (lambda _theme: escape("")),
                                 key=self.card_key(page), scroll=self._card.scroll_position())
            self._card.scroll_to(pages.section_anchor(key))

    def _unfold_for(self, anchor: str) -> bool:
        """A search result points into a folded section: unfold it (and keep it unfolded),
        so the entry can be scrolled to and marked. True if a section was unfolded."""
        key = pages.section_of_anchor(anchor)
        if key in self._folded:
            self._folded.discard(key)
            return True
        return False

    def _load_folded(self) -> set[str]:
        text = str(self._settings().value(settings.FOLDED, "") or "")
        return {key for key in text.split(",") if key in pages.FOLDABLE}

    # -- laying out cards in idle time ---------------------------------------------------------

    def prefetch_neighbours(self, region_id: str) -> None:
        """Flipping through the list with the arrow keys: have the next cards ready."""
        regions, at = self._data.regions, self._order.get(region_id)
        if at is None:
            return
        neighbours = [regions[i].id for i in (at + 1, at - 1) if 0 <= i < len(regions)]
        self._card.prefetch(self._region_cards(neighbours))

    def prefetch_region_cards(self) -> None:
        self._card.prefetch(self._region_cards(r.id for r in self._data.regions))

    def _region_cards(self, ids: Iterable[str]) -> list[tuple[Hashable, Builder]]:
        cards: list[tuple[Hashable, Builder]] = []
        for region_id in ids:
            page = Page(PageKind.REGION, region_id)
            build = self.builder(page)
            if build is not None:
                cards.append((self.card_key(page), build))
        return cards

"""Which body regions a page concerns (Qt-free): the body map selects or lights them."""

from __future__ import annotations

from typing import NamedTuple

from needleguide.core.model import ReferenceData, Region
from needleguide.core.navigation import Page, PageKind
from needleguide.core.queries import regions_for_condition, regions_for_structure


class MapRegions(NamedTuple):
    """``selected``: the region a region page is about; ``lit``: every region a structure,
    condition or muscle page concerns; ``views``: the figures (front, back) they are on."""

    selected: str | None
    lit: tuple[Region, ...]

    @property
    def views(self) -> frozenset[str]:
        return frozenset(region.view.value for region in self.lit)


def map_regions(data: ReferenceData, page: Page) -> MapRegions:
    """One selection everywhere: a region is selected; a structure lights every region where
    it is at risk, a condition every region needled for it, a muscle the regions it is in.
    The checklist and the after-event page concern no region."""
    kind, item = page
    if kind == PageKind.REGION:
        return MapRegions(item, ())
    if kind == PageKind.STRUCTURE:
        return MapRegions(None, regions_for_structure(data, item))
    if kind == PageKind.CONDITION:
        return MapRegions(None, regions_for_condition(data, item))
    if kind == PageKind.MUSCLE:
        muscle = data.muscle(item)
        return MapRegions(None, tuple(r for r in data.regions if r.id in muscle.regions))
    return MapRegions(None, ())

"""The regions the body map selects or lights for each page, on the shipped data."""

from __future__ import annotations

import pytest

from needleguide import paths
from needleguide.core.loader import load
from needleguide.core.model import ReferenceData
from needleguide.core.navigation import Page, PageKind
from needleguide.core.page_regions import map_regions


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return load(paths.default_data_file())


def test_a_region_page_selects_that_region_and_lights_none(data: ReferenceData) -> None:
    regions = map_regions(data, Page(PageKind.REGION, "gluteal"))
    assert regions.selected == "gluteal" and regions.lit == () and not regions.views


def test_a_structure_lights_every_region_where_it_is_at_risk(data: ReferenceData) -> None:
    regions = map_regions(data, Page(PageKind.STRUCTURE, "sciatic-nerve"))
    expected = [r.id for r in data.regions
                if any(s.structure.id == "sciatic-nerve" for s in r.structures)]
    assert regions.selected is None
    assert [r.id for r in regions.lit] == expected and "gluteal" in expected
    assert regions.views == {r.view.value for r in regions.lit}


def test_a_condition_lights_every_region_needled_for_it(data: ReferenceData) -> None:
    condition = next(iter(data.conditions))
    regions = map_regions(data, Page(PageKind.CONDITION, condition))
    assert regions.lit and all(any(c.condition.id == condition for c in r.conditions)
                               for r in regions.lit)
    assert len(regions.lit) == sum(1 for r in data.regions
                                   if any(c.condition.id == condition for c in r.conditions))


def test_a_muscle_lights_the_regions_it_lies_in(data: ReferenceData) -> None:
    muscle = data.muscle("piriformis")
    regions = map_regions(data, Page(PageKind.MUSCLE, "piriformis"))
    assert {r.id for r in regions.lit} == set(muscle.regions) and regions.selected is None


@pytest.mark.parametrize("kind", [PageKind.CHECKLIST, PageKind.AFTER_EVENTS])
def test_the_checklist_and_after_event_pages_concern_no_region(
        data: ReferenceData, kind: PageKind) -> None:
    assert map_regions(data, Page(kind)) == (None, ())

"""Questions the app and the command line ask of the reference data."""

from __future__ import annotations

from needleguide.core.model import MuscleCard, ReferenceData, Region
from needleguide.core.text import fold


def find_region(data: ReferenceData, query: str) -> Region | None:
    """A region by id, name or synonym, ignoring case, accents, hyphens and spacing."""
    wanted = fold(query)
    if not wanted:
        return None
    for region in data.regions:
        names = (region.id, region.name, *region.synonyms)
        if any(fold(name) == wanted for name in names):
            return region
    return None


def regions_for_structure(data: ReferenceData, structure_id: str) -> tuple[Region, ...]:
    """Every region where the structure is listed as at risk, in data order."""
    return tuple(r for r in data.regions
                 if any(s.structure.id == structure_id for s in r.structures))


def regions_for_condition(data: ReferenceData, condition_id: str) -> tuple[Region, ...]:
    """Every region that is needled for the condition, in data order."""
    return tuple(r for r in data.regions
                 if any(c.condition.id == condition_id for c in r.conditions))


def muscles_for_structure(data: ReferenceData, structure_id: str) -> tuple[MuscleCard, ...]:
    """Every muscle card that links the structure (deep to, through, beside or over it)."""
    return tuple(m for m in data.muscles if any(s.id == structure_id for s in m.at_risk))

"""A muscle card as ordered, plain data, shared by the app page and the command line.

Order (most urgent first): danger cautions; what lies deep to, through, beside and over the
muscle; reported distances; published needling approaches (or a line saying none was found);
warning and info cautions; sources, numbered in the order the card first cites them.
"""

from __future__ import annotations

from typing import NamedTuple

from needleguide.core.card import Citing, Entry, Section, SectionKind, numbering
from needleguide.core.fields import caution_anchor
from needleguide.core.text import fold
from needleguide.core.navigation import PageKind
from needleguide.core.model import (POSITION_ORDER, Level, MuscleCard, ReferenceData, Region,
                                    Source)

NO_APPROACH = ("No published needling approach for this muscle was found in the sources read; "
               "the card says only what lies around it.")
NOT_GIVEN = "not given in the source read"


class MuscleSheet(NamedTuple):
    """A muscle's card: its regions, sections in display order and the sources they number."""

    muscle: MuscleCard
    regions: tuple[Region, ...]
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]  # number n is sources[n - 1]

    def numbers(self, ids: tuple[str, ...]) -> tuple[int, ...]:
        """The card's numbers for these source ids (each must be cited on the card)."""
        return numbering(self.sources)(ids)


def build_muscle_card(data: ReferenceData, muscle: MuscleCard) -> MuscleSheet:
    citing = Citing(data)
    cite = citing.ids
    sections: list[Section] = []

    def add(key: SectionKind, title: str, entries: list[Entry], group: str = "") -> None:
        if entries:
            sections.append(Section(key, title, tuple(entries), group))

    cautions = sorted(enumerate(muscle.cautions), key=lambda pair: pair[1].level.rank)
    add(SectionKind.DANGER, "Danger", [Entry("Danger", c.text, cite(c.sources), c.level,
                                   anchor=caution_anchor(i))
                             for i, c in cautions if c.level is Level.DANGER])
    for position in POSITION_ORDER:
        add(SectionKind.RELATIONS, "What lies under and around it",
            [Entry(r.structure.name if r.structure else "", r.text, cite(r.sources),
                   link=(PageKind.STRUCTURE, r.structure.id) if r.structure else None,
                   anchor=f"relation-{i}")
             for i, r in enumerate(muscle.relations) if r.position is position],
            position.label)
    add(SectionKind.DISTANCES, "Reported distances (one study sample each; not a safe depth)",
        [Entry(f"{d.what}: {d.figure}", f"Sample: {d.sample.describe()}", cite(d.sources),
               anchor=f"distance-{i}")
         for i, d in enumerate(muscle.distances)])
    approaches = [Entry(a.target, f"Patient position: {a.position or NOT_GIVEN}. Needle "
                                  f"direction: {a.direction or NOT_GIVEN}.",
                        cite(a.sources), anchor=f"approach-{i}")
                  for i, a in enumerate(muscle.approaches)]
    add(SectionKind.APPROACHES, "Published needling approaches",
        approaches or [Entry(NO_APPROACH, "", ())])
    add(SectionKind.CAUTIONS, "Cautions",
        [Entry(c.level.value.capitalize(), c.text, cite(c.sources), c.level,
               anchor=caution_anchor(i))
         for i, c in cautions if c.level is not Level.DANGER])
    regions = tuple(data.region(r) for r in muscle.regions)
    return MuscleSheet(muscle, regions, tuple(sections), citing.sources())


def find_muscle(data: ReferenceData, name: str) -> MuscleCard | None:
    """A muscle card by id, name or synonym, any case and spacing (``pec minor``)."""
    wanted = fold(name)
    if not wanted:
        return None
    for muscle in data.muscles:
        if any(fold(n) == wanted for n in (muscle.id, muscle.name, *muscle.synonyms)):
            return muscle
    return None

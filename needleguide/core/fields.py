"""Every text the data holds, each with where it is: the page that shows it and the anchor of
the entry on that page. Search indexes these; the pages put the same anchors on their entries,
so an opened result can be scrolled to and marked.

Anchors (all lower case, made only of ids and indexes, never of data text):

- region page: ``summary``, ``muscle-I``, ``structure-ID``, ``condition-ID``, ``caution-I``,
  ``distance-I``, ``correction-I`` (I indexes the list in the data file), and
  ``source-id-SOURCEID`` on its source list;
- muscle page: ``relation-I``, ``distance-I``, ``approach-I``, ``caution-I`` and
  ``source-id-SOURCEID``;
- checklist page: ``section-ID``, ``item-ID-I``, ``source-id-SOURCEID``;
- after-events page ("Something went wrong"): the same, for its sections.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Iterator, NamedTuple

from needleguide.core.model import Level, ReferenceData

Page = tuple[str, str]  # ("region", "gluteal"), ("structure", id), ("checklist", "")


class HitKind(StrEnum):
    """What a searchable text (and so a search hit) is: a name, a sentence of some part of a
    card, a source, a note; ``NOT_COVERED`` and ``OFFER`` are the answers when the guide
    leaves a topic out or nothing matched."""

    NOT_COVERED = "not-covered"
    OFFER = "offer"
    MUSCLE_CARD = "muscle-card"
    REGION = "region"
    STRUCTURE = "structure"
    CONDITION = "condition"
    MUSCLE = "muscle"
    CAUTION = "caution"
    AFTER_EVENT = "after-event"
    CHECKLIST = "checklist"
    RELATION = "relation"
    CONDITION_NOTE = "condition-note"
    MUSCLE_NOTE = "muscle-note"
    APPROACH = "approach"
    DISTANCE = "distance"
    CORRECTION = "correction"
    SUMMARY = "summary"
    NOTE = "note"
    SOURCE = "source"


class Field(NamedTuple):
    """One searchable text: ``kind`` says what it is, ``where`` in which region or section."""

    kind: HitKind
    text: str
    page: Page
    anchor: str
    label: str  # the name of the thing the text belongs to
    where: str = ""  # region name, or checklist section title
    level: Level | None = None
    name: bool = False  # a name or synonym, not a sentence mentioning something


def source_anchor(source_id: str) -> str:
    return f"source-id-{source_id.lower()}"


def caution_anchor(index: int) -> str:
    return f"caution-{index}"


def item_anchor(section_id: str, index: int) -> str:
    return f"item-{section_id}-{index}"


def data_fields(data: ReferenceData) -> Iterator[Field]:
    """Every text of the data, names first, in data order."""
    for region in data.regions:
        page: Page = ("region", region.id)
        name = region.name
        for text in (region.name, region.id, *region.synonyms):
            yield Field(HitKind.REGION, text, page, "", name, name=True)
        if region.summary:
            yield Field(HitKind.SUMMARY, region.summary, page, "summary", name, name)
        for i, muscle in enumerate(region.muscles):
            anchor = f"muscle-{i}"
            yield Field(HitKind.MUSCLE, muscle.name, page, anchor, muscle.name, name, name=True)
            if muscle.note:
                yield Field(HitKind.MUSCLE_NOTE, muscle.note, page, anchor, muscle.name, name)
        for item in region.structures:
            yield Field(HitKind.RELATION, item.relation, page, f"structure-{item.structure.id}",
                        item.structure.name, name)
        for entry in region.conditions:
            yield Field(HitKind.CONDITION_NOTE, entry.note, page,
                        f"condition-{entry.condition.id}", entry.condition.name, name)
        for i, caution in enumerate(region.cautions):
            yield Field(HitKind.CAUTION, caution.text, page, caution_anchor(i), name, name,
                        caution.level)
        for i, distance in enumerate(region.distances):
            anchor = f"distance-{i}"
            yield Field(HitKind.DISTANCE, f"{distance.what}: {distance.figure}", page, anchor,
                        distance.what, name)
            yield Field(HitKind.DISTANCE, f"Sample: {distance.sample.describe()}", page, anchor,
                        distance.what, name)
        for i, correction in enumerate(region.corrections):
            anchor = f"correction-{i}"
            yield Field(HitKind.CORRECTION, correction.claim, page, anchor, correction.claim, name)
            yield Field(HitKind.CORRECTION, correction.evidence, page, anchor, correction.claim,
                        name)
    yield from _muscle_fields(data)
    for structure in data.structures.values():
        for text in (structure.name, *structure.synonyms):
            yield Field(HitKind.STRUCTURE, text, ("structure", structure.id), "", structure.name,
                        name=True)
    for condition in data.conditions.values():
        for text in (condition.name, *condition.synonyms):
            yield Field(HitKind.CONDITION, text, ("condition", condition.id), "", condition.name,
                        name=True)
    for section in data.safety:
        page = ("checklist", "")
        yield Field(HitKind.CHECKLIST, section.title, page, f"section-{section.id}", section.title,
                    section.title)
        for i, safety_item in enumerate(section.items):
            yield Field(HitKind.CHECKLIST, safety_item.text, page, item_anchor(section.id, i),
                        section.title, section.title, safety_item.level)
    for section in data.after_events:
        page = ("after-events", "")
        yield Field(HitKind.AFTER_EVENT, section.title, page, f"section-{section.id}",
                    section.title, section.title)
        for i, event_item in enumerate(section.items):
            yield Field(HitKind.AFTER_EVENT, event_item.text, page, item_anchor(section.id, i),
                        section.title, section.title, event_item.level)
    cited_on = pages_citing(data)
    for source in data.sources.values():
        page = cited_on.get(source.id, ("checklist", ""))
        anchor = source_anchor(source.id)
        citation = source.citation  # a property that builds the text: once per source
        for text in (source.title, source.authors, source.published,
                     str(source.year) if source.year is not None else "", source.id):
            if text:
                yield Field(HitKind.SOURCE, text, page, anchor, citation, source.kind.label)


def _muscle_fields(data: ReferenceData) -> Iterator[Field]:
    """A muscle card's names (kind ``muscle-card``) and texts; ``where`` is its regions."""
    region_names = {r.id: r.name for r in data.regions}
    for muscle in data.muscles:
        page: Page = ("muscle", muscle.id)
        name = muscle.name
        where = ", ".join(region_names.get(r, r) for r in muscle.regions)
        for text in (muscle.name, muscle.id, *muscle.synonyms):
            yield Field(HitKind.MUSCLE_CARD, text, page, "", name, where, name=True)
        for i, relation in enumerate(muscle.relations):
            yield Field(HitKind.RELATION, relation.text, page, f"relation-{i}",
                        relation.structure.name if relation.structure else name, name)
        for i, distance in enumerate(muscle.distances):
            yield Field(HitKind.DISTANCE, f"{distance.what}: {distance.figure}", page,
                        f"distance-{i}", distance.what, name)
        for i, approach in enumerate(muscle.approaches):
            text = "; ".join(t for t in (approach.target, approach.position,
                                         approach.direction) if t)
            yield Field(HitKind.APPROACH, text, page, f"approach-{i}", name, name)
        for i, caution in enumerate(muscle.cautions):
            yield Field(HitKind.CAUTION, caution.text, page, caution_anchor(i), name, name,
                        caution.level)


def pages_citing(data: ReferenceData) -> dict[str, Page]:
    """The first page that cites each source: its region, else the checklist."""
    found: dict[str, Page] = {}
    for region in data.regions:
        page: Page = ("region", region.id)
        cited: list[tuple[str, ...]] = [f.sources for f in region.muscles]
        cited += [f.sources for f in region.structures]
        cited += [f.sources for f in region.conditions]
        cited += [f.sources for f in region.cautions]
        cited += [f.sources for f in region.distances]
        cited += [f.sources for f in region.corrections]
        for sources in cited:
            for sid in sources:
                found.setdefault(sid, page)
        for correction in region.corrections:
            found.setdefault(correction.claimed_by, page)
    for muscle in data.muscles:
        page = ("muscle", muscle.id)
        cited = [r.sources for r in muscle.relations] + [d.sources for d in muscle.distances]
        cited += [a.sources for a in muscle.approaches] + [c.sources for c in muscle.cautions]
        for sources in cited:
            for sid in sources:
                found.setdefault(sid, page)
    for section in data.safety:
        for item in section.items:
            for sid in item.sources:
                found.setdefault(sid, ("checklist", ""))
    for section in data.after_events:
        for item in section.items:
            for sid in item.sources:
                found.setdefault(sid, ("after-events", ""))
    return found

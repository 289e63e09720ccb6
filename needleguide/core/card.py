"""A region's safety card as ordered, plain data: the one layout the app, the command line
and the printed sheet all show.

Order (most urgent first): danger cautions; structures at risk grouped by kind; muscles;
conditions; reported distances; corrections of source claims; warning and info cautions;
sources. Sources are numbered in the order the card first cites them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Callable, NamedTuple

from needleguide.core.fields import caution_anchor
from needleguide.core.model import (STRUCTURE_KIND_ORDER, Level, ReferenceData, Region,
                                    Source)
from needleguide.core.navigation import PageKind


class Entry(NamedTuple):
    """One fact on the card. ``sources`` are source ids: whoever shows the card numbers them
    (``Card.numbers``). ``link`` is the page it cross-links to (structure, condition or
    muscle, and its id)."""

    title: str
    detail: str
    sources: tuple[str, ...]
    level: Level | None = None
    link: tuple[PageKind, str] | None = None
    anchor: str = ""  # where search results point (core.fields)


class SectionKind(StrEnum):
    """The kinds of section of a region card (and a muscle card); ``SOURCES`` is the source
    list that ends both. Values are the fold keys kept in settings and the ``section-KEY``
    anchors of the page."""

    DANGER = "danger"
    STRUCTURES = "structures"
    MUSCLES = "muscles"
    CONDITIONS = "conditions"
    DISTANCES = "distances"
    CORRECTIONS = "corrections"
    CAUTIONS = "cautions"
    RELATIONS = "relations"    # muscle card: what lies under and around it
    APPROACHES = "approaches"  # muscle card: published needling approaches
    SOURCES = "sources"


class Section(NamedTuple):
    """A titled group of entries on the card, e.g. the nerves at risk."""

    key: SectionKind
    title: str
    entries: tuple[Entry, ...]
    group: str = ""  # a sub-heading, e.g. "Nerves" inside "Structures at risk"


class Card(NamedTuple):
    """A region's card: sections in display order and the sources they number."""

    region: Region
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]  # number n is sources[n - 1]

    def section(self, key: SectionKind) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.key == key)

    def numbers(self, ids: tuple[str, ...]) -> tuple[int, ...]:
        """The card's numbers for these source ids (each must be cited on the card)."""
        return numbering(self.sources)(ids)


class SourceNumbers:
    """Numbers sources in the order a page first cites them: ``numbers(ids)`` gives each id
    its number (1-based), ``sources()`` the numbered list. Shared by card, pages and sheet."""

    def __init__(self, data: ReferenceData) -> None:
        self.data = data
        self.order: dict[str, int] = {}

    def __call__(self, ids: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(self.order.setdefault(sid, len(self.order) + 1) for sid in ids)

    def sources(self) -> tuple[Source, ...]:
        return tuple(self.data.sources[sid] for sid in self.order)


def numbering(sources: tuple[Source, ...]) -> Callable[[tuple[str, ...]], tuple[int, ...]]:
    """Numbers for source ids: each id's place in ``sources`` (1-based)."""
    order = {source.id: n for n, source in enumerate(sources, 1)}
    return lambda ids: tuple(order[i] for i in ids)


class Citing(SourceNumbers):
    """``SourceNumbers`` that gives back the ids it numbered: a card's entries keep ids, and
    the card's sources come out in the order its entries first cite them."""

    def ids(self, ids: tuple[str, ...]) -> tuple[str, ...]:
        self(ids)
        return ids


def build_card(data: ReferenceData, region: Region) -> Card:
    citing = Citing(data)
    cite = citing.ids
    sections: list[Section] = []

    def add(key: SectionKind, title: str, entries: list[Entry], group: str = "") -> None:
        if entries:
            sections.append(Section(key, title, tuple(entries), group))

    cautions = sorted(enumerate(region.cautions), key=lambda pair: pair[1].level.rank)
    add(SectionKind.DANGER, "Danger", [Entry("Danger", c.text, cite(c.sources), c.level,
                                   anchor=caution_anchor(i))
                             for i, c in cautions if c.level is Level.DANGER])
    for kind in STRUCTURE_KIND_ORDER:
        add(SectionKind.STRUCTURES, "Structures at risk",
            [Entry(s.structure.name, s.relation, cite(s.sources),
                   link=(PageKind.STRUCTURE, s.structure.id),
                   anchor=f"structure-{s.structure.id}")
             for s in region.structures if s.structure.kind is kind], kind.label)
    add(SectionKind.MUSCLES, "Muscles needled here",
        [Entry(m.name, m.note, cite(m.sources), anchor=f"muscle-{i}",
               link=(PageKind.MUSCLE, m.muscle) if m.muscle else None)
         for i, m in enumerate(region.muscles)])
    add(SectionKind.CONDITIONS, "Conditions needled for",
        [Entry(c.condition.name, c.note, cite(c.sources),
               link=(PageKind.CONDITION, c.condition.id),
               anchor=f"condition-{c.condition.id}")
         for c in region.conditions])
    add(SectionKind.DISTANCES, "Reported distances (one study sample each; not a safe depth)",
        [Entry(f"{d.what}: {d.figure}", f"Sample: {d.sample.describe()}", cite(d.sources),
               anchor=f"distance-{i}")
         for i, d in enumerate(region.distances)])
    corrections = []
    for i, c in enumerate(region.corrections):
        claim_by = data.sources[c.claimed_by]
        corrections.append(Entry(
            f"Claim ({claim_by.kind.label}): {c.claim}", f"What the evidence says: {c.evidence}",
            cite((c.claimed_by,) + tuple(s for s in c.sources if s != c.claimed_by)),
            anchor=f"correction-{i}"))
    add(SectionKind.CORRECTIONS, "Corrections to source claims", corrections)
    add(SectionKind.CAUTIONS, "Cautions",
        [Entry(c.level.value.capitalize(), c.text, cite(c.sources), c.level,
               anchor=caution_anchor(i))
         for i, c in cautions if c.level is not Level.DANGER])
    return Card(region, tuple(sections), citing.sources())


SUMMARY_WORDS = 8  # a danger's first sentence up to this long is its summary; else cut


class Glance(NamedTuple):
    """The card at a glance: each danger in a few words, and the structures at risk by kind;
    every item is (words, anchor of its entry on the card)."""

    dangers: tuple[tuple[str, str], ...]
    structures: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (kind label, items)


def few_words(text: str, limit: int = SUMMARY_WORDS) -> str:
    """A danger in a few words: its first sentence when that is short, else its first
    words and an ellipsis. Only words of the text itself, never a new one."""
    first = text.split(". ", 1)[0].rstrip(".").strip()
    words = first.split()
    if len(words) <= limit:
        return first
    return " ".join(words[:5]).rstrip(",;:") + "\u2026"


def glance(card: Card) -> Glance:
    dangers = tuple((few_words(e.detail), e.anchor) for s in card.section(SectionKind.DANGER)
                    for e in s.entries)
    structures = tuple((s.group, tuple((e.title, e.anchor) for e in s.entries))
                       for s in card.section(SectionKind.STRUCTURES))
    return Glance(dangers, structures)


class DistanceRow(NamedTuple):
    """One reported distance as a table row. A study sample shared with the row above is
    not repeated: ``sample`` says so and ``method`` is ''."""

    site: str
    figure: str
    sample: str
    method: str
    sources: tuple[int, ...]
    anchor: str


def distance_rows(region: Region, cite: Callable[[tuple[str, ...]], tuple[int, ...]]
                  ) -> tuple[DistanceRow, ...]:
    """The region's reported distances, in data order; a detail of the sample particular to
    one row (after a ';' in its description, e.g. which subgroup) stays on that row."""
    rows = []
    previous: tuple[object, ...] = ()
    for i, d in enumerate(region.distances):
        who, _, particular = d.sample.who.partition("; ")
        shared = (d.sample.n, who, d.sample.method, d.sample.position, d.sources)
        sample = f"n = {d.sample.n}, {who}" if shared != previous else "as above"
        if particular:
            sample += f"; {particular}"
        method = d.sample.method + (f", {d.sample.position}" if d.sample.position else "")
        rows.append(DistanceRow(d.what, d.figure, sample,
                                method if shared != previous else "", cite(d.sources),
                                f"distance-{i}"))
        previous = shared
    return tuple(rows)

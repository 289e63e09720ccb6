"""The reference data as immutable records: what the rest of the app sees, never raw YAML.

Records are ``typing.NamedTuple`` rather than frozen dataclasses: defining a frozen dataclass
costs about 0.9 ms on the benchmark machine against 0.09 ms for a NamedTuple, and the app
defines two dozen of them before its first paint (``benchmarks/bench_startup.py``)."""

from __future__ import annotations

import datetime as _dt
from types import MappingProxyType
from typing import Mapping, NamedTuple
from enum import Enum


class EvidenceKind(str, Enum):
    """How strong a source is, in the words a clinician uses."""

    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic-review"
    RCT = "rct"
    CADAVER = "cadaver"
    IMAGING = "imaging"
    CASE_REPORT = "case-report"
    SURVEY = "survey"
    ANATOMY_REFERENCE = "anatomy-reference"
    REVIEW = "review"
    CLINIC_BLOG = "clinic-blog"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    EvidenceKind.GUIDELINE: "guideline",
    EvidenceKind.SYSTEMATIC_REVIEW: "systematic review",
    EvidenceKind.RCT: "randomised controlled trial",
    EvidenceKind.CADAVER: "cadaver study",
    EvidenceKind.IMAGING: "imaging study",
    EvidenceKind.CASE_REPORT: "case report",
    EvidenceKind.SURVEY: "survey",
    EvidenceKind.ANATOMY_REFERENCE: "anatomy reference",
    EvidenceKind.REVIEW: "narrative review",
    EvidenceKind.CLINIC_BLOG: "clinic blog",
}


class StructureKind(str, Enum):
    NERVE = "nerve"
    VESSEL = "vessel"
    ORGAN = "organ"
    CNS = "cns"

    @property
    def label(self) -> str:
        return {"nerve": "Nerves", "vessel": "Vessels",
                "organ": "Lung, pleura and other organs", "cns": "Spinal cord"}[self.value]


# The order the card shows structure groups in.
STRUCTURE_KIND_ORDER = (StructureKind.NERVE, StructureKind.VESSEL, StructureKind.ORGAN,
                        StructureKind.CNS)


class Level(str, Enum):
    DANGER = "danger"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Lower is more serious: sort cautions by it."""
        return {"danger": 0, "warning": 1, "info": 2}[self.value]


class View(str, Enum):
    FRONT = "front"
    BACK = "back"


class Source(NamedTuple):
    """A reference a fact rests on, with its evidence kind and what of it was read."""

    id: str
    kind: EvidenceKind
    title: str
    authors: str = ""
    published: str = ""
    year: int | None = None
    doi: str = ""
    pmid: str = ""
    url: str = ""
    read: str = ""
    note: str = ""

    @property
    def citation(self) -> str:
        """A full citation in one line: authors. title. published (year). identifiers."""
        parts = [p.rstrip(".") for p in (self.authors, self.title) if p]
        where = self.published.rstrip(".")
        if self.year is not None and str(self.year) not in where:
            where = f"{where} ({self.year})" if where else str(self.year)
        if where:
            parts.append(where)
        ids = [f"doi:{self.doi}" if self.doi else "", f"PMID {self.pmid}" if self.pmid else "",
               self.url]
        parts.extend(i for i in ids if i)
        text = ". ".join(parts)
        return text if ids[0] or ids[1] or ids[2] else text + "."


class Structure(NamedTuple):
    """A nerve, vessel, organ or part of the CNS that needling can harm."""

    id: str
    name: str
    kind: StructureKind
    synonyms: tuple[str, ...] = ()


class Condition(NamedTuple):
    """A condition a region is needled for."""

    id: str
    name: str
    synonyms: tuple[str, ...] = ()


class Muscle(NamedTuple):
    """A muscle commonly needled in a region."""

    name: str
    sources: tuple[str, ...]
    note: str = ""


class StructureAtRisk(NamedTuple):
    """A structure at risk in one region, and where it runs relative to the muscles."""

    structure: Structure
    relation: str
    sources: tuple[str, ...]


class RegionCondition(NamedTuple):
    """A condition as it concerns one region, with a short evidence note."""

    condition: Condition
    note: str
    sources: tuple[str, ...]


class Caution(NamedTuple):
    """A caution note; danger is the most serious level."""

    level: Level
    text: str
    sources: tuple[str, ...]


class Correction(NamedTuple):
    """A claim of a source document (usually a seed blog) and what the evidence says."""

    claim: str
    claimed_by: str
    evidence: str
    sources: tuple[str, ...]


class Sample(NamedTuple):
    """Who a distance was measured in: size, people, method and position."""

    n: int
    who: str
    method: str
    position: str = ""

    def describe(self) -> str:
        text = f"n = {self.n}, {self.who}, {self.method}"
        return f"{text}, {self.position}" if self.position else text


# The units a distance's numbers may be in, and how many mm each is.
UNITS = {"mm": 1.0, "cm": 10.0}


class NeedleCount(NamedTuple):
    """In a needle study: how many of the sample a needle of this length reached."""

    length: float  # in the unit of its Figures
    reached: int
    of: int


class Figures(NamedTuple):
    """The numbers of a reported distance, as the source gives them (in ``unit``): a depth
    from the skin (a value, or a mean with an SD or a range) and/or needle counts."""

    reaches: str            # what the distance or the needle reaches: "rib", "pleural space"
    unit: str               # "mm" or "cm", as reported
    subgroup: str = ""      # e.g. "BMI under 23"
    value: float | None = None  # the value, or the mean when ``is_mean``
    is_mean: bool = False
    sd: float | None = None
    low: float | None = None
    high: float | None = None
    needles: tuple[NeedleCount, ...] = ()
    outcome: str = ""       # what the counted needles did: "potentially reached the pleural space"
    site: str = ""          # where it was measured, briefly: "upper trapezius mid-belly"


class Distance(NamedTuple):
    """A distance reported in one study sample: never a safe depth for a patient.
    ``numbers`` holds its figures as numbers where the source gives them; without them the
    distance is text only and is not drawn."""

    what: str
    figure: str
    sample: Sample
    sources: tuple[str, ...]
    numbers: Figures | None = None


class Region(NamedTuple):
    """A body region: its muscles, structures at risk, conditions and cautions."""

    id: str
    name: str
    view: View
    muscles: tuple[Muscle, ...]
    structures: tuple[StructureAtRisk, ...]
    conditions: tuple[RegionCondition, ...]
    cautions: tuple[Caution, ...]
    synonyms: tuple[str, ...] = ()
    summary: str = ""
    corrections: tuple[Correction, ...] = ()
    distances: tuple[Distance, ...] = ()

    @property
    def cautions_by_severity(self) -> tuple[Caution, ...]:
        return tuple(sorted(self.cautions, key=lambda c: c.level.rank))


class SafetyItem(NamedTuple):
    """One cited item of the general safety checklist."""

    text: str
    sources: tuple[str, ...]
    level: Level = Level.INFO


class SafetySection(NamedTuple):
    """A section of the general safety checklist (e.g. screening)."""

    id: str
    title: str
    items: tuple[SafetyItem, ...]


class ReferenceData(NamedTuple):
    """All the reference data of one file, validated."""

    version: str
    updated: _dt.date
    sources: dict[str, Source]
    structures: dict[str, Structure]
    conditions: dict[str, Condition]
    regions: tuple[Region, ...]
    safety: tuple[SafetySection, ...] = ()
    path: str = ""
    # region id -> (line, col) of its id in the data file, for located cross-file checks
    region_locations: Mapping[str, tuple[int, int]] = MappingProxyType({})
    # "Something went wrong": what to do after an adverse event, same shape as the checklist
    after_events: tuple[SafetySection, ...] = ()

    def region(self, region_id: str) -> Region:
        for region in self.regions:
            if region.id == region_id:
                return region
        raise KeyError(region_id)

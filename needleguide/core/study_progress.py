"""What a student has mastered, per region, and what is due: read off the study history.

Pure functions over the question ids of ``study`` and a history; no Qt.
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

from needleguide.core import study
from needleguide.core.model import ReferenceData



class RegionProgress(NamedTuple):
    region_id: str
    name: str
    total: int      # questions about the region
    mastered: int
    learning: int   # answered, not yet mastered
    due: int        # answered and due for review now
    missed: int     # last answer wrong

    @property
    def new(self) -> int:
        return self.total - self.mastered - self.learning


def progress(data: ReferenceData, history: study.History,
             now: _dt.datetime) -> tuple[RegionProgress, ...]:
    """One row per region, in data order."""
    by_region: dict[str, list[str]] = {r.id: [] for r in data.regions}
    for qid in study.question_ids(data):
        if qid.split(":")[1] in by_region:   # after-event questions belong to no region
            by_region[qid.split(":")[1]].append(qid)
    rows = []
    for region in data.regions:
        states = [history[q] for q in by_region[region.id] if q in history]
        mastered = sum(1 for s in states if s.mastered)
        rows.append(RegionProgress(
            region.id, region.name, len(by_region[region.id]), mastered,
            len(states) - mastered, sum(1 for s in states if s.due <= now),
            sum(1 for s in states if s.missed)))
    return tuple(rows)


def missed_ids(data: ReferenceData, history: study.History,
               regions: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The questions of a quiz on ``regions`` whose last answer was wrong."""
    return tuple(q for q in study.quiz_ids(data, regions)
                 if q in history and history[q].missed)

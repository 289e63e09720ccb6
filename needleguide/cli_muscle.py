"""`needleguide show MUSCLE`: a muscle card for the terminal and as JSON (issue 15)."""

from __future__ import annotations

import textwrap
from typing import Any

from needleguide.cli import sections_text
from needleguide.core.ids import DISCLAIMER
from needleguide.core.model import MuscleCard, ReferenceData
from needleguide.core.muscle_card import build_muscle_card


def muscle_text(data: ReferenceData, muscle: MuscleCard, columns: int = 88) -> str:
    """The muscle card for a terminal: danger first and marked, sources numbered at the end."""
    width = max(40, min(columns, 100))
    card = build_muscle_card(data, muscle)
    lines = [f"{muscle.name.upper()}  (muscle card; region: "
             f"{', '.join(r.name for r in card.regions)})"]
    if muscle.synonyms:
        lines.extend(textwrap.wrap(f"Also: {', '.join(muscle.synonyms)}", width))
    lines.extend(textwrap.wrap(f"Data {data.version}, updated {data.updated.isoformat()}. "
                               f"{DISCLAIMER}", width))
    return sections_text(lines, card.sections, card.sources, width)


def muscle_json(data: ReferenceData, muscle: MuscleCard) -> dict[str, Any]:
    """The muscle card as one JSON object; every fact lists the ids of its sources."""
    card = build_muscle_card(data, muscle)
    return {
        "id": muscle.id,
        "name": muscle.name,
        "kind": "muscle",
        "synonyms": list(muscle.synonyms),
        "regions": list(muscle.regions),
        "data_version": data.version,
        "data_updated": data.updated.isoformat(),
        "relations": [{"position": r.position.value,
                       "structure": r.structure.id if r.structure else None,
                       "text": r.text, "sources": list(r.sources)} for r in muscle.relations],
        "distances": [{"what": d.what, "figure": d.figure,
                       "sample": {"n": d.sample.n, "who": d.sample.who,
                                  "method": d.sample.method, "position": d.sample.position},
                       "sources": list(d.sources)} for d in muscle.distances],
        "approaches": [{"target": a.target, "position": a.position, "direction": a.direction,
                        "sources": list(a.sources)} for a in muscle.approaches],
        "cautions": [{"level": c.level.value, "text": c.text, "sources": list(c.sources)}
                     for c in muscle.cautions_by_severity],
        "sources": [{"id": s.id, "citation": s.citation, "kind": s.kind.value}
                    for s in card.sources],
    }

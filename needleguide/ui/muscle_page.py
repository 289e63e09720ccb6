"""The muscle card page (issue 15): what lies under and around the muscle about to be
needled, danger first, every fact with its numbered source. Pure HTML from core data, in the
style of ``ui.pages`` (whose helpers it reuses); links are the same internal anchors."""

from __future__ import annotations

from needleguide.core.model import Level, MuscleCard, ReferenceData
from needleguide.core.muscle_card import build_muscle_card
from needleguide.ui.pages import (Theme, _box, _checklist_link, _entry, _footer, _page,
                                  _sources_html, anchor, esc, sup)


def muscle_page(data: ReferenceData, muscle: MuscleCard, theme: Theme = Theme()) -> str:
    card = build_muscle_card(data, muscle)
    region_links = ", ".join(f'<a href="region:{esc(r.id)}">{esc(r.name)}</a>'
                             for r in card.regions)
    also = f" \u00b7 also: {esc(', '.join(muscle.synonyms))}" if muscle.synonyms else ""
    parts = [f"<h1>{esc(muscle.name)}</h1>",
             f'<p class="muted">Muscle card \u00b7 region: {region_links}{also}</p>']
    if muscle.summary:
        parts.append(f"<p>{esc(muscle.summary)}</p>")
    parts.append(_checklist_link())
    last_title = ""
    for section in card.sections:
        if section.key in ("danger", "cautions"):
            if section.key == "cautions":
                parts.append(f"<h2>{esc(section.title)}</h2>")
            parts.extend(_box(theme, entry.level or Level.INFO,
                              anchor(entry.anchor) + esc(entry.detail) + sup(entry.sources))
                         for entry in section.entries)
            last_title = section.title
            continue
        if section.title != last_title:
            parts.append(f"<h2>{esc(section.title)}</h2>")
            last_title = section.title
        if section.group:
            parts.append(f"<h3>{esc(section.group)}</h3>")
        parts.append("<ul>")
        for entry in section.entries:
            if entry.title:
                parts.append(_entry(theme, section, entry))
            else:  # a relation to no structure entry: the sentence alone
                parts.append(f"<li>{anchor(entry.anchor)}{esc(entry.detail)}"
                             f"{sup(entry.sources)}</li>")
        parts.append("</ul>")
    parts.append('<p class="muted">Open the region for everything else at risk there, its '
                 "conditions and its reported distances.</p>")
    parts.append(_sources_html(card.sources))
    parts.append(_footer(data))
    return _page(theme, "".join(parts))

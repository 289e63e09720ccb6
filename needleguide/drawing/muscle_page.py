"""The muscle card page (issue 15): what lies under and around the muscle about to be
needled, danger first, every fact with its numbered source. Pure HTML from core data, in the
style of ``pages`` (whose helpers it reuses); links are the same internal anchors. The
page's own words go through Qt's translator under the context "muscle_page", escaped like
data (a translation is text, never markup); the data's words are shown as they are."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from needleguide.core.card import SectionKind
from needleguide.core.model import Level, MuscleCard, ReferenceData
from needleguide.core.muscle_card import build_muscle_card
from needleguide.core.safe_html import EMPTY, SafeHtml, concat, escape, join, literal, markup
from needleguide.drawing.pages import (Theme, _box, _checklist_link, _entry, _footer, _page,
                                       _sources_html, anchor, sup)

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def _with(text: str, field: str, part: SafeHtml) -> SafeHtml:
    """Translated ``text`` as escaped HTML with ``part`` where its ``{field}`` is (after it,
    should a translation have lost the field)."""
    before, found, after = text.partition("{" + field + "}")
    return (concat(escape(before), part, escape(after)) if found
            else concat(escape(text), literal(" "), part))


def muscle_page(data: ReferenceData, muscle: MuscleCard, theme: Theme = Theme(), *,
                appendix: SafeHtml = EMPTY) -> SafeHtml:
    """The muscle's card; ``appendix`` goes at the end of the page (the printed card adds
    the user's notes and the date there)."""
    card = build_muscle_card(data, muscle)
    region_links = join(literal(", "), (markup('<a href="region:{}">{}</a>', escape(r.id),
                                               escape(r.name)) for r in card.regions))
    also = (concat(literal(" "), escape(translate("muscle_page", "\u00b7 also: {names}").format(
        names=", ".join(muscle.synonyms)))) if muscle.synonyms else EMPTY)
    heading = translate("muscle_page", "Muscle card \u00b7 region: {regions}")
    parts = [markup("<h1>{}</h1>", escape(muscle.name)),
             markup('<p class="muted">{}{}</p>', _with(heading, "regions", region_links), also)]
    if muscle.summary:
        parts.append(markup("<p>{}</p>", escape(muscle.summary)))
    parts.append(_checklist_link())
    last_title = ""
    for section in card.sections:
        if section.key in (SectionKind.DANGER, SectionKind.CAUTIONS):
            if section.key is SectionKind.CAUTIONS:
                parts.append(markup("<h2>{}</h2>", escape(section.title)))
            parts.extend(_box(theme, entry.level or Level.INFO,
                              concat(anchor(entry.anchor), escape(entry.detail),
                                     sup(card.numbers(entry.sources))))
                         for entry in section.entries)
            last_title = section.title
            continue
        if section.title != last_title:
            parts.append(markup("<h2>{}</h2>", escape(section.title)))
            last_title = section.title
        if section.group:
            parts.append(markup("<h3>{}</h3>", escape(section.group)))
        parts.append(literal("<ul>"))
        for entry in section.entries:
            if entry.title:
                parts.append(_entry(theme, section, entry, card.numbers))
            else:  # a relation to no structure entry: the sentence alone
                parts.append(markup("<li>{}{}{}</li>", anchor(entry.anchor),
                                    escape(entry.detail), sup(card.numbers(entry.sources))))
        parts.append(literal("</ul>"))
    parts.append(markup('<p class="muted">{}</p>', escape(translate(
        "muscle_page", "Open the region for everything else at risk there, its conditions and "
        "its reported distances."))))
    parts.append(_sources_html(card.sources))
    parts.append(_footer(data))
    parts.append(appendix)
    return _page(theme, concat(*parts))

"""Page HTML built from core objects: pure functions, no widgets, easy to test.

Every string that comes from the data goes through ``esc`` (html.escape), so data text is
never interpreted as HTML. Links are internal anchors the card view handles itself:
``region:ID``, ``structure:ID``, ``condition:ID``, ``source:N`` (N numbers the page's
sources, in the order the page first cites them), ``checklist:`` and ``notes:`` (puts the
cursor in the region's notes).
"""

from __future__ import annotations

import html
from typing import NamedTuple

from needleguide.core.card import (Card, Entry, Section, SourceNumbers, build_card,
                                   distance_rows, glance)
from needleguide.core.fields import item_anchor, source_anchor
from needleguide.core.model import Level, ReferenceData, Region, SafetySection, Source
from needleguide.core.queries import (muscles_for_structure, regions_for_condition,
                                      regions_for_structure)

DISCLAIMER = "needleguide supports, and does not replace, clinical judgement and training."
CHECKLIST_TITLE = "General safety / pre-treatment checklist"
AFTER_EVENTS_TITLE = "Something went wrong"

# The marks that go with every level: an icon and the word, never colour alone.
LEVEL_MARK = {Level.DANGER: "\u26a0 DANGER", Level.WARNING: "\u25b2 WARNING",
              Level.INFO: "\u2139 INFO"}


class Theme(NamedTuple):
    """Colours (as #rrggbb) for a page; the card view derives them from its palette."""

    text: str = "#1a1a1a"
    muted: str = "#5c5c5c"
    link: str = "#0b57d0"
    base: str = "#ffffff"
    border: str = "#c8c8c8"
    danger: str = "#b3001b"
    danger_bg: str = "#fbe9eb"
    warning: str = "#8a5300"
    warning_bg: str = "#fdf3e1"
    info_bg: str = "#eef2f7"


_KIND_SINGULAR = {"nerve": "Nerve", "vessel": "Vessel", "organ": "Organ",
                  "cns": "Spinal cord / central nervous system"}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def tooltip(text: str) -> str:
    """Text for a tooltip, shown literally. Qt renders a tooltip that looks like HTML as rich
    text (``<img src=file:...>`` included), so data and notes go in escaped, as rich text."""
    return "<p>" + esc(text).replace("\n", "<br/>") + "</p>"


def anchor(name: str) -> str:
    """An invisible target for search results to scroll to (names from core.fields)."""
    return f'<a name="{esc(name)}"></a>' if name else ""


def refs(numbers: tuple[int, ...]) -> str:
    """Source numbers in brackets at body size (large enough to click), each a link to its
    entry in the page's source list."""
    if not numbers:
        return ""
    links = ", ".join(f'<a href="source:{n}" title="Source {n}">{n}</a>' for n in numbers)
    return f"[{links}]"


def sup(numbers: tuple[int, ...]) -> str:
    """A fact's source numbers after its text: ``refs`` with a space before them."""
    return f" {refs(numbers)}" if numbers else ""


def _style(theme: Theme) -> str:
    return (
        "<style>"
        f"body {{ color: {theme.text}; }}"
        f"a {{ color: {theme.link}; }}"
        "h1 { font-size: x-large; margin-bottom: 2px; }"
        "h2 { font-size: large; margin-top: 16px; margin-bottom: 4px; }"
        f"h3 {{ font-size: medium; margin-top: 8px; margin-bottom: 2px; color: {theme.muted}; }}"
        f".muted {{ color: {theme.muted}; }}"
        "li { margin-bottom: 4px; }"
        "</style>"
    )


def _page(theme: Theme, body: str) -> str:
    return f"<html><head>{_style(theme)}</head><body>{body}</body></html>"


def _box(theme: Theme, level: Level, text_html: str) -> str:
    """A caution box: a coloured stripe, icon and word, then the text. Danger is larger."""
    colour, background = {
        Level.DANGER: (theme.danger, theme.danger_bg),
        Level.WARNING: (theme.warning, theme.warning_bg),
        Level.INFO: (theme.muted, theme.info_bg),
    }[level]
    danger = level is Level.DANGER
    size = "font-size: large; " if danger else ""
    return (
        f'<table width="100%" cellspacing="0" cellpadding="{8 if danger else 6}" '
        'style="margin-top: 8px; margin-bottom: 6px;">'
        f'<tr><td width="{8 if danger else 6}" bgcolor="{colour}"></td>'
        f'<td bgcolor="{background}"><span style="{size}color: {colour}; font-weight: 700;">'
        f"{LEVEL_MARK[level]}</span>&nbsp;&nbsp;<span style=\"{size}\">{text_html}</span>"
        "</td></tr></table>"
    )


def _sources_html(sources: tuple[Source, ...], heading: bool = True) -> str:
    if not sources:
        return ""
    rows = []
    for number, source in enumerate(sources, 1):
        extra = "; ".join(x.rstrip(". ") for x in (source.kind.label, source.note,
                          f"read: {source.read}" if source.read else "") if x)
        rows.append(f'<p style="margin-top: 2px; margin-bottom: 4px;">'
                    f'<a name="source-{number}"></a>{anchor(source_anchor(source.id))}'
                    f'<b>[{number}]</b> {esc(source.citation)} '
                    f'<span class="muted">({esc(extra)})</span></p>')
    return ("<h2>Sources</h2>" if heading else "") + "".join(rows)


def _footer(data: ReferenceData) -> str:
    return (f'<hr/><p class="muted">Data {esc(data.version)}, updated '
            f"{data.updated.isoformat()}. {esc(DISCLAIMER)}</p>")


def _checklist_link() -> str:
    return (f'<p><a href="checklist:">\u2611 {esc(CHECKLIST_TITLE)}</a>'
            '<span class="muted"> \u2014 read before every session</span></p>'
            + _after_events_link())


def _notes_link() -> str:
    """Keyboard users reach the notes in one step instead of tabbing through every link."""
    return ('<p><a href="notes:">\u2193 Skip to my notes</a><span class="muted"> \u2014 '
            "F6 moves between the panes</span></p>")


def _after_events_link() -> str:
    return (f'<p><a href="after-events:">\u26a0 {esc(AFTER_EVENTS_TITLE)}</a>'
            '<span class="muted"> \u2014 what to do: suspected pneumothorax, spinal pain, '
            'fainting, broken needle</span></p>')


def _entry(theme: Theme, section: Section, entry: Entry) -> str:
    refs = sup(entry.sources)
    title = anchor(entry.anchor) + esc(entry.title)
    if entry.link is not None:
        title = (f'{anchor(entry.anchor)}<a href="{esc(entry.link[0])}:{esc(entry.link[1])}">'
                 f"{esc(entry.title)}</a>")
    if section.key == "corrections":
        return (f'<li><span style="color: {theme.warning}; font-weight: 700;">\u270e Corrected'
                f"</span> {title}<br/>{esc(entry.detail)}{refs}</li>")
    if entry.detail:
        return f"<li><b>{title}</b> \u2014 {esc(entry.detail)}{refs}</li>"
    return f"<li><b>{title}</b>{refs}</li>"


# The jump bar: section keys of core.card (and the source list) with their short names.
JUMPS = (("danger", "Dangers"), ("structures", "Structures"), ("muscles", "Muscles"),
         ("conditions", "Conditions"), ("cautions", "Cautions"), ("distances", "Distances"),
         ("sources", "Sources"))
FOLDABLE = frozenset({"structures", "muscles", "conditions", "distances", "corrections",
                      "cautions", "sources"})  # never the dangers


def section_anchor(key: str) -> str:
    return f"section-{key}"


_ANCHOR_SECTIONS = (("muscle-", "muscles"), ("structure-", "structures"),
                    ("condition-", "conditions"), ("distance-", "distances"),
                    ("correction-", "corrections"), ("caution-", "cautions"),
                    ("source-", "sources"))


def section_of_anchor(anchor: str) -> str:
    """The foldable section a region-card anchor (core.fields) lies in, or ''. A danger
    caution's anchor says "cautions", which is harmless: dangers never fold."""
    return next((key for prefix, key in _ANCHOR_SECTIONS if anchor.startswith(prefix)), "")


def _glance_html(theme: Theme, card: Card) -> str:
    """The strip at the top: each danger in a few words and what is at risk, by kind; every
    item links to its entry on the card (``entry:ANCHOR``)."""
    seen = glance(card)
    lines = []
    if seen.dangers:
        count = len(seen.dangers)
        links = " \u00b7 ".join(f'<a href="entry:{esc(a)}">{esc(words)}</a>'
                                for words, a in seen.dangers)
        lines.append(f'<p style="margin: 0 0 3px 0;"><span style="color: {theme.danger}; '
                     f"font-weight: 700;\">\u26a0 {count} danger{'s' if count != 1 else ''}:"
                     f"</span> {links}</p>")
    for kind, items in seen.structures:
        links = ", ".join(f'<a href="entry:{esc(a)}">{esc(name)}</a>' for name, a in items)
        lines.append(f'<p style="margin: 0 0 3px 0;"><span style="color: {theme.muted};">'
                     f"{esc(kind)}:</span> {links}</p>")
    if not lines:
        return ""
    return (f'<table width="100%" cellspacing="0" cellpadding="5" bgcolor="{theme.info_bg}" '
            f'style="margin-top: 6px; margin-bottom: 4px;"><tr><td>{"".join(lines)}'
            "</td></tr></table>")


def _jump_bar(theme: Theme, keys: list[str]) -> str:
    links = [f'<a href="entry:{section_anchor(key)}">{esc(name)}</a>'
             for key, name in JUMPS if key in keys]
    if not links:
        return ""
    return (f'<p style="margin-top: 4px;"><span class="muted">Jump to:</span> '
            + " · ".join(links) + "</p>")


def _heading(key: str, title: str, folded: frozenset[str], count: int = 0) -> str:
    """A section heading with its anchor and, for a foldable section, a fold link."""
    name = anchor(section_anchor(key))
    if key not in FOLDABLE:
        return f"<h2>{name}{esc(title)}</h2>"
    if key in folded:
        hidden = f" ({count} folded)" if count else " (folded)"
        return (f'<h2>{name}<a href="fold:{key}" title="Unfold {esc(title)}">▸ '
                f'{esc(title)}</a><span class="muted" style="font-size: medium; '
                f'font-weight: 400;">{hidden}</span></h2>')
    return (f'<h2>{name}<a href="fold:{key}" title="Fold {esc(title)}">▾</a> '
            f"{esc(title)}</h2>")


def _distances_table(theme: Theme, card: Card) -> str:
    head = "".join(f'<th align="left" width="{w}%" nowrap style="color: {theme.muted};">'
                   f"{h}</th>" for h, w in (("Site", 25), ("Figure", 23), ("Sample", 22),
                                            ("Method", 18), ("Source", 12)))
    rows = []
    for row in distance_rows(card.region, card.numbers):
        rows.append(f"<tr><td>{anchor(row.anchor)}{esc(row.site)}</td>"
                    f"<td><b>{esc(row.figure)}</b></td><td>{esc(row.sample)}</td>"
                    f"<td>{esc(row.method)}</td><td nowrap>{refs(row.sources)}</td></tr>")
    return (f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
            f'style="border-collapse: collapse; border-color: {theme.border}; '
            f'border-style: solid;"><tr>{head}</tr>{"".join(rows)}</table>')


def region_page(data: ReferenceData, region: Region, theme: Theme = Theme(),
                folded: frozenset[str] = frozenset()) -> str:
    """The region's safety card, in core.card's order, with every fact's sources: the
    at-a-glance strip and the jump bar first; sections in ``folded`` show their heading."""
    card: Card = build_card(data, region)
    folded = folded & FOLDABLE
    parts = [f"<h1>{esc(region.name)}</h1>"]
    also = f" \u00b7 also: {esc(', '.join(region.synonyms))}" if region.synonyms else ""
    parts.append(f'<p class="muted">{esc(region.view.value.capitalize())} of the body{also}</p>')
    parts.append(_glance_html(theme, card))
    keys = [s.key for s in card.sections] + (["sources"] if card.sources else [])
    parts.append(_jump_bar(theme, keys))
    if region.summary:
        parts.append(f"<p>{anchor('summary')}{esc(region.summary)}</p>")
    parts.append(_checklist_link())
    parts.append(_notes_link())
    last_key = ""
    open_list = False
    for section in card.sections:
        if open_list:
            parts.append("</ul>")
            open_list = False
        if section.key != last_key:
            count = sum(len(s.entries) for s in card.section(section.key))
            if section.key == "danger":
                parts.append(anchor(section_anchor("danger")))
            else:
                parts.append(_heading(section.key, section.title, folded, count))
            last_key = section.key
        if section.key in folded:
            continue
        if section.key in ("danger", "cautions"):
            for entry in section.entries:
                level = entry.level or Level.INFO
                parts.append(_box(theme, level, anchor(entry.anchor) + esc(entry.detail)
                                  + sup(entry.sources)))
            continue
        if section.key == "distances":
            parts.append(_distances_table(theme, card))
            continue
        if section.key == "corrections":
            parts.append("<p>This card corrects claims made in a source it cites. The claim "
                         "is shown first, then what the evidence says.</p>")
        if section.group:
            parts.append(f"<h3>{esc(section.group)}</h3>")
        parts.append("<ul>")
        open_list = True
        parts.extend(_entry(theme, section, e) for e in section.entries)
    if open_list:
        parts.append("</ul>")
    if card.sources:
        parts.append(_heading("sources", "Sources", folded, len(card.sources)))
        if "sources" not in folded:
            parts.append(_sources_html(card.sources, heading=False))
    parts.append(_footer(data))
    return _page(theme, "".join(parts))


def structure_page(data: ReferenceData, structure_id: str, theme: Theme = Theme()) -> str:
    """Every region where the structure is at risk, each with its relation sentence."""
    structure = data.structures[structure_id]
    regions = regions_for_structure(data, structure_id)
    kind = _KIND_SINGULAR.get(structure.kind.value, structure.kind.label)
    rows = [(region, item.relation, item.sources) for region in regions
            for item in region.structures if item.structure.id == structure_id]
    muscles = muscles_for_structure(data, structure_id)
    links = ", ".join(f'<a href="muscle:{esc(m.id)}">{esc(m.name)}</a>' for m in muscles)
    return _regions_page(
        data, theme, structure.name, kind, structure.synonyms,
        f"At risk in {len(regions)} region{'s' if len(regions) != 1 else ''}", rows,
        "No region in this data lists it as at risk.",
        "Open a region for its danger cautions and everything else at risk there.",
        f"<h2>Muscle cards that place it</h2><p>{links}</p>" if muscles else "")


def condition_page(data: ReferenceData, condition_id: str, theme: Theme = Theme()) -> str:
    """Every region needled for the condition, each with its note."""
    condition = data.conditions[condition_id]
    regions = regions_for_condition(data, condition_id)
    rows = [(region, item.note, item.sources) for region in regions
            for item in region.conditions if item.condition.id == condition_id]
    return _regions_page(
        data, theme, condition.name, "Condition", condition.synonyms,
        f"Regions needled for it ({len(regions)})", rows,
        "No region in this data is needled for it.",
        "Open a region to see its structures at risk and cautions before needling.")


def _regions_page(data: ReferenceData, theme: Theme, title: str, kind: str,
                  synonyms: tuple[str, ...], heading: str,
                  rows: list[tuple[Region, str, tuple[str, ...]]], empty: str,
                  hint: str, extra: str = "") -> str:
    """A cross-link page: one row per region, linking to it, with its sourced sentence."""
    cite = SourceNumbers(data)
    also = f" \u00b7 also: {esc(', '.join(synonyms))}" if synonyms else ""
    parts = [f"<h1>{esc(title)}</h1>", f'<p class="muted">{esc(kind)}{also}</p>',
             f"<h2>{esc(heading)}</h2>"]
    if not rows:
        parts.append(f"<p>{esc(empty)}</p>")
    parts.append("<ul>")
    parts.extend(f'<li><b><a href="region:{esc(region.id)}">{esc(region.name)}</a></b>'
                 f" \u2014 {esc(text)}{sup(cite(sources))}</li>"
                 for region, text, sources in rows)
    parts.append("</ul>")
    parts.append(extra)
    parts.append(f'<p class="muted">{esc(hint)}</p>')
    parts.append(_checklist_link())
    parts.append(_sources_html(cite.sources()))
    parts.append(_footer(data))
    return _page(theme, "".join(parts))


def _sections_html(sections: tuple[SafetySection, ...], cite: SourceNumbers,
                   theme: Theme) -> list[str]:
    """Checklist or after-event sections, items in the data's order (a checklist is read
    top to bottom): warnings and dangers as boxes, the rest as list items; each section and
    item with the anchor search opens it at."""
    parts = []
    for section in sections:
        parts.append(f"<h2>{anchor(f'section-{section.id}')}{esc(section.title)}</h2>")
        open_list = False
        for number, item in enumerate(section.items):
            text = anchor(item_anchor(section.id, number)) + esc(item.text) + sup(
                cite(item.sources))
            if item.level is Level.INFO:
                if not open_list:
                    parts.append("<ul>")
                    open_list = True
                parts.append(f"<li>{text}</li>")
                continue
            if open_list:
                parts.append("</ul>")
                open_list = False
            parts.append(_box(theme, item.level, text))
        if open_list:
            parts.append("</ul>")
    return parts


def checklist_page(data: ReferenceData, theme: Theme = Theme()) -> str:
    """The general safety sections (data.safety), or a plain empty state."""
    cite = SourceNumbers(data)
    parts = [f"<h1>{esc(CHECKLIST_TITLE)}</h1>",
             '<p class="muted">Applies to every region.</p>']
    if not data.safety:
        parts.append("<p>This data file has no general safety content yet. Follow your "
                     "service\u2019s screening, consent and aftercare procedures, and open a "
                     "region for its structures at risk and cautions.</p>")
    parts += _sections_html(data.safety, cite, theme)
    parts.append(_sources_html(cite.sources()))
    parts.append(_footer(data))
    return _page(theme, "".join(parts))


def after_events_page(data: ReferenceData, theme: Theme = Theme()) -> str:
    """What to do when something goes wrong (data.after_events), or a plain empty state."""
    cite = SourceNumbers(data)
    parts = [f"<h1>{esc(AFTER_EVENTS_TITLE)}</h1>",
             '<p class="muted">What to do after an adverse event, in any region. Topics the '
             'guide does not cover are listed in data/OPEN-ITEMS.md.</p>']
    if not data.after_events:
        parts.append("<p>This data file has no after-event content. Follow your service\u2019s "
                     "emergency and incident procedures.</p>")
    parts += _sections_html(data.after_events, cite, theme)
    parts.append(f'<p><a href="checklist:">\u2611 {esc(CHECKLIST_TITLE)}</a></p>')
    parts.append(_sources_html(cite.sources()))
    parts.append(_footer(data))
    return _page(theme, "".join(parts))

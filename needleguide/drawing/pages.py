"""Page HTML built from core objects: pure functions, no widgets, easy to test.

Every page is ``SafeHtml`` (``core.safe_html``): every string that comes from the data goes
through ``escape``, so data text is never interpreted as HTML. Links are internal anchors the
card view handles itself: ``region:ID``, ``structure:ID``, ``condition:ID``, ``source:N`` (N
numbers the page's sources, in the order the page first cites them), ``checklist:`` and
``notes:`` (puts the cursor in the region's notes).

The page's own words (headings, links, empty states) go through Qt's translation functions in
the context "pages"; the clinical content from the data stays English. A translated word is
escaped like data: a translation is text, never markup.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject

from needleguide.core.card import (Card, Entry, Section, SectionKind, SourceNumbers,
                                   build_card, distance_rows, glance)
from needleguide.core.fields import item_anchor, source_anchor
from needleguide.core.ids import DISCLAIMER
from needleguide.core.model import Level, ReferenceData, Region, SafetySection, Source, View
from needleguide.core.queries import (muscles_for_structure, regions_for_condition,
                                      regions_for_structure)
from needleguide.core.safe_html import (EMPTY, SafeHtml, concat, escape, join, lines, literal,
                                        markup)

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate reads)
    """Marks ``text`` for lupdate; it is translated where it is shown."""
    return text


CHECKLIST_TITLE = QT_TRANSLATE_NOOP("pages", "General safety / pre-treatment checklist")
AFTER_EVENTS_TITLE = QT_TRANSLATE_NOOP("pages", "Something went wrong")

# The marks that go with every level: an icon and the word, never colour alone.
LEVEL_MARK = {Level.DANGER: QT_TRANSLATE_NOOP("pages", "\u26a0 DANGER"),
              Level.WARNING: QT_TRANSLATE_NOOP("pages", "\u25b2 WARNING"),
              Level.INFO: QT_TRANSLATE_NOOP("pages", "\u2139 INFO")}

# Words core.card and core.model put on a card (core has no Qt): section headings, the groups
# of structures at risk, and kinds of evidence. Listed for lupdate; translated where shown.
CORE_WORDS = frozenset({
    QT_TRANSLATE_NOOP("pages", "Danger"), QT_TRANSLATE_NOOP("pages", "Structures at risk"),
    QT_TRANSLATE_NOOP("pages", "Muscles needled here"),
    QT_TRANSLATE_NOOP("pages", "Conditions needled for"),
    QT_TRANSLATE_NOOP("pages", "Reported distances (one study sample each; not a safe depth)"),
    QT_TRANSLATE_NOOP("pages", "Corrections to source claims"),
    QT_TRANSLATE_NOOP("pages", "Cautions"),
    QT_TRANSLATE_NOOP("pages", "Nerves"), QT_TRANSLATE_NOOP("pages", "Vessels"),
    QT_TRANSLATE_NOOP("pages", "Lung, pleura and other organs"),
    QT_TRANSLATE_NOOP("pages", "Spinal cord"),
    QT_TRANSLATE_NOOP("pages", "guideline"), QT_TRANSLATE_NOOP("pages", "systematic review"),
    QT_TRANSLATE_NOOP("pages", "randomised controlled trial"),
    QT_TRANSLATE_NOOP("pages", "cadaver study"), QT_TRANSLATE_NOOP("pages", "imaging study"),
    QT_TRANSLATE_NOOP("pages", "case report"), QT_TRANSLATE_NOOP("pages", "survey"),
    QT_TRANSLATE_NOOP("pages", "anatomy reference"),
    QT_TRANSLATE_NOOP("pages", "narrative review"), QT_TRANSLATE_NOOP("pages", "clinic blog")})


def core_word(text: str) -> str:
    """A heading or label made by core, in the user's language when a translation has it."""
    return translate("pages", text) if text in CORE_WORDS else text


def checklist_title() -> str:
    return translate("pages", CHECKLIST_TITLE)


def after_events_title() -> str:
    return translate("pages", AFTER_EVENTS_TITLE)


class PageWords(QObject):
    """The pages' counted words. They use tr(): lupdate marks a count (numerus) message only
    for tr(), and drops a translate() whose count is an expression. English singular and
    plural are two sources, each a numerus message, so a translator gives every form of the
    language in both and English reads as before without a translation loaded."""

    def dangers(self, n: int) -> str:
        return self.tr("%n danger", "", n) if n == 1 else self.tr("%n dangers", "", n)

    def folded(self, n: int) -> str:
        return self.tr("(%n folded)", "", n)

    def at_risk_in(self, n: int) -> str:
        return (self.tr("At risk in %n region", "", n) if n == 1
                else self.tr("At risk in %n regions", "", n))


_words: list[PageWords] = []


def words() -> PageWords:
    if not _words:
        _words.append(PageWords())
    return _words[0]


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


Numbering = Callable[[tuple[str, ...]], tuple[int, ...]]  # a page's numbers for source ids

_KIND_SINGULAR = {"nerve": QT_TRANSLATE_NOOP("pages", "Nerve"),
                  "vessel": QT_TRANSLATE_NOOP("pages", "Vessel"),
                  "organ": QT_TRANSLATE_NOOP("pages", "Organ"),
                  "cns": QT_TRANSLATE_NOOP("pages", "Spinal cord / central nervous system")}


def tooltip(text: str) -> SafeHtml:
    """Text for a tooltip, shown literally. Qt renders a tooltip that looks like HTML as rich
    text (``<img src=file:...>`` included), so data and notes go in escaped, as rich text."""
    return markup("<p>{}</p>", lines(text))


def anchor(name: str) -> SafeHtml:
    """An invisible target for search results to scroll to (names from core.fields)."""
    return markup('<a name="{}"></a>', escape(name)) if name else EMPTY


def refs(numbers: tuple[int, ...]) -> SafeHtml:
    """Source numbers in brackets at body size (large enough to click), each a link to its
    entry in the page's source list."""
    if not numbers:
        return EMPTY
    title = translate("pages", "Source {number}")
    links = join(literal(", "), (markup('<a href="source:{}" title="{}">{}</a>', n,
                                        escape(title.format(number=n)), n)
                                 for n in numbers))
    return markup("[{}]", links)


def sup(numbers: tuple[int, ...]) -> SafeHtml:
    """A fact's source numbers after its text: ``refs`` with a space before them."""
    return markup(" {}", refs(numbers)) if numbers else EMPTY


def _style(theme: Theme) -> SafeHtml:
    return markup(
        "<style>"
        "body {{ color: {}; }}"
        "a {{ color: {}; }}"
        "h1 {{ font-size: x-large; margin-bottom: 2px; }}"
        "h2 {{ font-size: large; margin-top: 16px; margin-bottom: 4px; }}"
        "h3 {{ font-size: medium; margin-top: 8px; margin-bottom: 2px; color: {}; }}"
        ".muted {{ color: {}; }}"
        "li {{ margin-bottom: 4px; }}"
        "</style>",
        escape(theme.text), escape(theme.link), escape(theme.muted), escape(theme.muted))


def _page(theme: Theme, body: SafeHtml) -> SafeHtml:
    return markup("<html><head>{}</head><body>{}</body></html>", _style(theme), body)


def _box(theme: Theme, level: Level, text_html: SafeHtml) -> SafeHtml:
    """A caution box: a coloured stripe, icon and word, then the text. Danger is larger."""
    colour, background = {
        Level.DANGER: (theme.danger, theme.danger_bg),
        Level.WARNING: (theme.warning, theme.warning_bg),
        Level.INFO: (theme.muted, theme.info_bg),
    }[level]
    danger = level is Level.DANGER
    size = literal("font-size: large; ") if danger else EMPTY
    pad = 8 if danger else 6
    return markup(
        '<table width="100%" cellspacing="0" cellpadding="{}" '
        'style="margin-top: 8px; margin-bottom: 6px;">'
        '<tr><td width="{}" bgcolor="{}"></td>'
        '<td bgcolor="{}"><span style="{}color: {}; font-weight: 700;">'
        '{}</span>&nbsp;&nbsp;<span style="{}">{}</span>'
        "</td></tr></table>",
        pad, pad, escape(colour), escape(background), size, escape(colour),
        escape(translate("pages", LEVEL_MARK[level])), size, text_html)


def _sources_html(sources: tuple[Source, ...], heading: bool = True) -> SafeHtml:
    if not sources:
        return EMPTY
    rows = []
    for number, source in enumerate(sources, 1):
        read = translate("pages", "read: {date}").format(date=source.read) if source.read else ""
        extra = "; ".join(x.rstrip(". ") for x in (core_word(source.kind.label), source.note,
                                                   read) if x)
        rows.append(markup('<p style="margin-top: 2px; margin-bottom: 4px;">'
                           '<a name="source-{}"></a>{}'
                           '<b>[{}]</b> {} '
                           '<span class="muted">({})</span></p>',
                           number, anchor(source_anchor(source.id)), number,
                           escape(source.citation), escape(extra)))
    return concat(markup("<h2>{}</h2>", escape(translate("pages", "Sources"))) if heading
                  else EMPTY, *rows)


def _footer(data: ReferenceData) -> SafeHtml:
    data_line = translate("pages", "Data {version}, updated {date}.").format(
        version=data.version, date=data.updated.isoformat())
    return markup('<hr/><p class="muted">{} {}</p>', escape(data_line), escape(DISCLAIMER))


def _checklist_link() -> SafeHtml:
    return concat(markup('<p><a href="checklist:">\u2611 {}</a>'
                         '<span class="muted"> \u2014 {}</span></p>', escape(checklist_title()),
                         escape(translate("pages", "read before every session"))),
                  _after_events_link())


def _notes_link() -> SafeHtml:
    """Keyboard users reach the notes in one step instead of tabbing through every link."""
    return markup('<p><a href="notes:">\u2193 {}</a><span class="muted"> \u2014 {}</span></p>',
                  escape(translate("pages", "Skip to my notes")),
                  escape(translate("pages", "F6 moves between the panes")))


def _after_events_link() -> SafeHtml:
    return markup('<p><a href="after-events:">\u26a0 {}</a><span class="muted"> \u2014 {}'
                  "</span></p>", escape(after_events_title()),
                  escape(translate("pages", "what to do: suspected pneumothorax, spinal pain, "
                                            "fainting, broken needle")))


def _entry(theme: Theme, section: Section, entry: Entry, number: Numbering) -> SafeHtml:
    numbers = sup(number(entry.sources))
    title = concat(anchor(entry.anchor), escape(entry.title))
    if entry.link is not None:
        title = markup('{}<a href="{}:{}">{}</a>', anchor(entry.anchor), escape(entry.link[0]),
                       escape(entry.link[1]), escape(entry.title))
    if section.key == SectionKind.CORRECTIONS:
        return markup('<li><span style="color: {}; font-weight: 700;">\u270e {}'
                      "</span> {}<br/>{}{}</li>", escape(theme.warning),
                      escape(translate("pages", "Corrected")), title, escape(entry.detail),
                      numbers)
    if entry.detail:
        return markup("<li><b>{}</b> \u2014 {}{}</li>", title, escape(entry.detail), numbers)
    return markup("<li><b>{}</b>{}</li>", title, numbers)


# The jump bar: section keys of core.card (and the source list) with their short names.
JUMPS = ((SectionKind.DANGER, QT_TRANSLATE_NOOP("pages", "Dangers")),
         (SectionKind.STRUCTURES, QT_TRANSLATE_NOOP("pages", "Structures")),
         (SectionKind.MUSCLES, QT_TRANSLATE_NOOP("pages", "Muscles")),
         (SectionKind.CONDITIONS, QT_TRANSLATE_NOOP("pages", "Conditions")),
         (SectionKind.CAUTIONS, QT_TRANSLATE_NOOP("pages", "Cautions")),
         (SectionKind.DISTANCES, QT_TRANSLATE_NOOP("pages", "Distances")),
         (SectionKind.SOURCES, QT_TRANSLATE_NOOP("pages", "Sources")))
FOLDABLE = frozenset({SectionKind.STRUCTURES, SectionKind.MUSCLES, SectionKind.CONDITIONS,
                      SectionKind.DISTANCES, SectionKind.CORRECTIONS, SectionKind.CAUTIONS,
                      SectionKind.SOURCES})  # never the dangers


def section_anchor(key: str) -> str:
    return f"section-{key}"


_ANCHOR_SECTIONS = (("muscle-", SectionKind.MUSCLES), ("structure-", SectionKind.STRUCTURES),
                    ("condition-", SectionKind.CONDITIONS),
                    ("distance-", SectionKind.DISTANCES),
                    ("correction-", SectionKind.CORRECTIONS),
                    ("caution-", SectionKind.CAUTIONS), ("source-", SectionKind.SOURCES))


def section_of_anchor(anchor: str) -> str:
    """The foldable section a region-card anchor (core.fields) lies in, or ''. A danger
    caution's anchor says "cautions", which is harmless: dangers never fold."""
    return next((key for prefix, key in _ANCHOR_SECTIONS if anchor.startswith(prefix)), "")


def _glance_html(theme: Theme, card: Card) -> SafeHtml:
    """The strip at the top: each danger in a few words and what is at risk, by kind; every
    item links to its entry on the card (``entry:ANCHOR``)."""
    seen = glance(card)
    rows = []
    if seen.dangers:
        count = len(seen.dangers)
        links = join(literal(" \u00b7 "), (markup('<a href="entry:{}">{}</a>', escape(a),
                                                  escape(words))
                                           for words, a in seen.dangers))
        rows.append(markup('<p style="margin: 0 0 3px 0;"><span style="color: {}; '
                           'font-weight: 700;">\u26a0 {}</span> {}</p>', escape(theme.danger),
                           escape(translate("pages", "{label}:").format(
                               label=words().dangers(count))), links))
    for kind, items in seen.structures:
        links = join(literal(", "), (markup('<a href="entry:{}">{}</a>', escape(a), escape(name))
                                     for name, a in items))
        rows.append(markup('<p style="margin: 0 0 3px 0;"><span style="color: {};">'
                           "{}</span> {}</p>", escape(theme.muted),
                           escape(translate("pages", "{label}:").format(
                               label=core_word(kind))), links))
    if not rows:
        return EMPTY
    return markup('<table width="100%" cellspacing="0" cellpadding="5" bgcolor="{}" '
                  'style="margin-top: 6px; margin-bottom: 4px;"><tr><td>{}'
                  "</td></tr></table>", escape(theme.info_bg), concat(*rows))


def _jump_bar(theme: Theme, keys: list[SectionKind]) -> SafeHtml:
    links = [markup('<a href="entry:{}">{}</a>', escape(section_anchor(key)),
                    escape(translate("pages", name)))
             for key, name in JUMPS if key in keys]
    if not links:
        return EMPTY
    return markup('<p style="margin-top: 4px;"><span class="muted">{}</span> {}</p>',
                  escape(translate("pages", "Jump to:")), join(literal(" · "), links))


def _heading(key: str, title: str, folded: frozenset[str], count: int = 0) -> SafeHtml:
    """A section heading with its anchor and, for a foldable section, a fold link."""
    name = anchor(section_anchor(key))
    title = core_word(title)
    if key not in FOLDABLE:
        return markup("<h2>{}{}</h2>", name, escape(title))
    if key in folded:
        hidden = words().folded(count) if count else translate("pages", "(folded)")
        return markup('<h2>{}<a href="fold:{}" title="{}">▸ '
                      '{}</a><span class="muted" style="font-size: medium; '
                      'font-weight: 400;"> {}</span></h2>', name, escape(key),
                      escape(translate("pages", "Unfold {section}").format(section=title)),
                      escape(title), escape(hidden))
    return markup('<h2>{}<a href="fold:{}" title="{}">▾</a> {}</h2>', name, escape(key),
                  escape(translate("pages", "Fold {section}").format(section=title)),
                  escape(title))


def _distances_table(theme: Theme, card: Card) -> SafeHtml:
    head = concat(*(markup('<th align="left" width="{}%" nowrap style="color: {};">{}</th>',
                           w, escape(theme.muted), escape(h))
                    for h, w in ((translate("pages", "Site"), 25),
                                 (translate("pages", "Figure"), 23),
                                 (translate("pages", "Sample"), 22),
                                 (translate("pages", "Method"), 18),
                                 (translate("pages", "Source"), 12))))
    rows = [markup("<tr><td>{}{}</td><td><b>{}</b></td><td>{}</td><td>{}</td>"
                   "<td nowrap>{}</td></tr>", anchor(row.anchor), escape(row.site),
                   escape(row.figure), escape(row.sample), escape(row.method), refs(row.sources))
            for row in distance_rows(card.region, card.numbers)]
    return markup('<table width="100%" cellspacing="0" cellpadding="4" border="1" '
                  'style="border-collapse: collapse; border-color: {}; '
                  'border-style: solid;"><tr>{}</tr>{}</table>', escape(theme.border), head,
                  concat(*rows))


def _also(synonyms: tuple[str, ...]) -> SafeHtml:
    """" · also: SYNONYMS" after a page's kind line, or nothing."""
    if not synonyms:
        return EMPTY
    return markup(" \u00b7 {}", escape(translate("pages", "also: {names}").format(
        names=", ".join(synonyms))))


def _view_words(region: Region) -> str:
    return (translate("pages", "Front of the body") if region.view is View.FRONT
            else translate("pages", "Back of the body"))


def region_page(data: ReferenceData, region: Region, theme: Theme = Theme(),
                folded: frozenset[str] = frozenset()) -> SafeHtml:
    """The region's safety card, in core.card's order, with every fact's sources: the
    at-a-glance strip and the jump bar first; sections in ``folded`` show their heading."""
    card: Card = build_card(data, region)
    folded = folded & FOLDABLE
    parts = [markup("<h1>{}</h1>", escape(region.name))]
    parts.append(markup('<p class="muted">{}{}</p>', escape(_view_words(region)),
                        _also(region.synonyms)))
    parts.append(_glance_html(theme, card))
    keys = [s.key for s in card.sections] + ([SectionKind.SOURCES] if card.sources else [])
    parts.append(_jump_bar(theme, keys))
    if region.summary:
        parts.append(markup("<p>{}{}</p>", anchor("summary"), escape(region.summary)))
    parts.append(_checklist_link())
    parts.append(_notes_link())
    last_key = ""
    open_list = False
    for section in card.sections:
        if open_list:
            parts.append(literal("</ul>"))
            open_list = False
        if section.key != last_key:
            count = sum(len(s.entries) for s in card.section(section.key))
            if section.key == SectionKind.DANGER:
                parts.append(anchor(section_anchor(SectionKind.DANGER)))
            else:
                parts.append(_heading(section.key, section.title, folded, count))
            last_key = section.key
        if section.key in folded:
            continue
        if section.key in (SectionKind.DANGER, SectionKind.CAUTIONS):
            for entry in section.entries:
                level = entry.level or Level.INFO
                parts.append(_box(theme, level, concat(anchor(entry.anchor),
                                                       escape(entry.detail),
                                                       sup(card.numbers(entry.sources)))))
            continue
        if section.key == SectionKind.DISTANCES:
            parts.append(_distances_table(theme, card))
            continue
        if section.key == SectionKind.CORRECTIONS:
            parts.append(markup("<p>{}</p>", escape(translate(
                "pages", "This card corrects claims made in a source it cites. The claim is "
                         "shown first, then what the evidence says."))))
        if section.group:
            parts.append(markup("<h3>{}</h3>", escape(core_word(section.group))))
        parts.append(literal("<ul>"))
        open_list = True
        parts.extend(_entry(theme, section, e, card.numbers) for e in section.entries)
    if open_list:
        parts.append(literal("</ul>"))
    if card.sources:
        parts.append(_heading(SectionKind.SOURCES, translate("pages", "Sources"), folded,
                              len(card.sources)))
        if SectionKind.SOURCES not in folded:
            parts.append(_sources_html(card.sources, heading=False))
    parts.append(_footer(data))
    return _page(theme, concat(*parts))


def structure_page(data: ReferenceData, structure_id: str, theme: Theme = Theme()) -> SafeHtml:
    """Every region where the structure is at risk, each with its relation sentence."""
    structure = data.structures[structure_id]
    regions = regions_for_structure(data, structure_id)
    kind = translate("pages", _KIND_SINGULAR.get(structure.kind.value, structure.kind.label))
    rows = [(region, item.relation, item.sources) for region in regions
            for item in region.structures if item.structure.id == structure_id]
    muscles = muscles_for_structure(data, structure_id)
    links = join(literal(", "), (markup('<a href="muscle:{}">{}</a>', escape(m.id),
                                        escape(m.name)) for m in muscles))
    return _regions_page(
        data, theme, structure.name, kind, structure.synonyms,
        words().at_risk_in(len(regions)), rows,
        translate("pages", "No region in this data lists it as at risk."),
        translate("pages", "Open a region for its danger cautions and everything else at risk "
                           "there."),
        markup("<h2>{}</h2><p>{}</p>", escape(translate("pages", "Muscle cards that place it")),
               links) if muscles else EMPTY)


def condition_page(data: ReferenceData, condition_id: str, theme: Theme = Theme()) -> SafeHtml:
    """Every region needled for the condition, each with its note."""
    condition = data.conditions[condition_id]
    regions = regions_for_condition(data, condition_id)
    rows = [(region, item.note, item.sources) for region in regions
            for item in region.conditions if item.condition.id == condition_id]
    return _regions_page(
        data, theme, condition.name, translate("pages", "Condition"), condition.synonyms,
        translate("pages", "Regions needled for it ({count})").format(count=len(regions)), rows,
        translate("pages", "No region in this data is needled for it."),
        translate("pages", "Open a region to see its structures at risk and cautions before "
                           "needling."))


def _regions_page(data: ReferenceData, theme: Theme, title: str, kind: str,
                  synonyms: tuple[str, ...], heading: str,
                  rows: list[tuple[Region, str, tuple[str, ...]]], empty: str,
                  hint: str, extra: SafeHtml = EMPTY) -> SafeHtml:
    """A cross-link page: one row per region, linking to it, with its sourced sentence."""
    cite = SourceNumbers(data)
    parts = [markup("<h1>{}</h1>", escape(title)),
             markup('<p class="muted">{}{}</p>', escape(kind), _also(synonyms)),
             markup("<h2>{}</h2>", escape(heading))]
    if not rows:
        parts.append(markup("<p>{}</p>", escape(empty)))
    parts.append(literal("<ul>"))
    parts.extend(markup('<li><b><a href="region:{}">{}</a></b> \u2014 {}{}</li>',
                        escape(region.id), escape(region.name), escape(text),
                        sup(cite(sources)))
                 for region, text, sources in rows)
    parts.append(literal("</ul>"))
    parts.append(extra)
    parts.append(markup('<p class="muted">{}</p>', escape(hint)))
    parts.append(_checklist_link())
    parts.append(_sources_html(cite.sources()))
    parts.append(_footer(data))
    return _page(theme, concat(*parts))


def _sections_html(sections: tuple[SafetySection, ...], cite: SourceNumbers,
                   theme: Theme) -> list[SafeHtml]:
    """Checklist or after-event sections, items in the data's order (a checklist is read
    top to bottom): warnings and dangers as boxes, the rest as list items; each section and
    item with the anchor search opens it at."""
    parts = []
    for section in sections:
        parts.append(markup("<h2>{}{}</h2>", anchor(f"section-{section.id}"),
                            escape(section.title)))
        open_list = False
        for number, item in enumerate(section.items):
            text = concat(anchor(item_anchor(section.id, number)), escape(item.text),
                          sup(cite(item.sources)))
            if item.level is Level.INFO:
                if not open_list:
                    parts.append(literal("<ul>"))
                    open_list = True
                parts.append(markup("<li>{}</li>", text))
                continue
            if open_list:
                parts.append(literal("</ul>"))
                open_list = False
            parts.append(_box(theme, item.level, text))
        if open_list:
            parts.append(literal("</ul>"))
    return parts


def checklist_page(data: ReferenceData, theme: Theme = Theme()) -> SafeHtml:
    """The general safety sections (data.safety), or a plain empty state."""
    cite = SourceNumbers(data)
    parts = [markup("<h1>{}</h1>", escape(checklist_title())),
             markup('<p class="muted">{}</p>', escape(translate("pages",
                                                                "Applies to every region.")))]
    if not data.safety:
        parts.append(markup("<p>{}</p>", escape(translate(
            "pages", "This data file has no general safety content yet. Follow your "
                     "service\u2019s screening, consent and aftercare procedures, and open a "
                     "region for its structures at risk and cautions."))))
    parts += _sections_html(data.safety, cite, theme)
    parts.append(_sources_html(cite.sources()))
    parts.append(_footer(data))
    return _page(theme, concat(*parts))


def after_events_page(data: ReferenceData, theme: Theme = Theme()) -> SafeHtml:
    """What to do when something goes wrong (data.after_events), or a plain empty state."""
    cite = SourceNumbers(data)
    parts = [markup("<h1>{}</h1>", escape(after_events_title())),
             markup('<p class="muted">{}</p>', escape(translate(
                 "pages", "What to do after an adverse event, in any region. Topics the guide "
                          "does not cover are listed in data/OPEN-ITEMS.md.")))]
    if not data.after_events:
        parts.append(markup("<p>{}</p>", escape(translate(
            "pages", "This data file has no after-event content. Follow your service\u2019s "
                     "emergency and incident procedures."))))
    parts += _sections_html(data.after_events, cite, theme)
    parts.append(markup('<p><a href="checklist:">\u2611 {}</a></p>', escape(checklist_title())))
    parts.append(_sources_html(cite.sources()))
    parts.append(_footer(data))
    return _page(theme, concat(*parts))

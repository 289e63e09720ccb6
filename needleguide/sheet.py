"""The printed safety sheet: one page per region for the treatment room or the patient record.

``build_sheet_html`` turns a region into ``SafeHtml`` (every data string goes through
``core.safe_html.escape``); ``paint_sheet`` lays it out on any paged device (QPdfWriter, QPrinter),
shrinking the font and then shortening the general checklist until it fits one page (never
below ``MIN_PT``); ``write_pdf`` writes it atomically (``safe_io.write_atomic``), so a failure
never leaves a half-written file and a device or FIFO is never replaced. The File menu and
``needleguide export`` both use this module.

Sheet content, most urgent first: danger and warning cautions (the word, not colour alone,
since sheets are often printed in greyscale), structures at risk, reported distances with
their samples, the user's notes (optional), the danger and warning items of the general
pre-treatment checklist, numbered sources, data version and date printed.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import (QFont, QGuiApplication, QPageLayout, QPageSize, QPagedPaintDevice,
                           QPainter, QPdfWriter, QTextDocument, QTextOption)

from needleguide import __version__
from needleguide.core import safe_io
from needleguide.core.card import SectionKind, SourceNumbers, build_card, distance_rows
from needleguide.core.ids import DISCLAIMER
from needleguide.core.model import Level, ReferenceData, Region, Source
from needleguide.core.safe_html import EMPTY, SafeHtml, concat, escape, join, literal, markup

DANGER_MARK, WARNING_MARK = "\u26a0 DANGER", "\u25b2 WARNING"
MAX_PT, MIN_PT = 10.0, 7.0  # body text; never below MIN_PT, which stays legible on paper
MARGIN_MM = 10.0
MAX_NOTES_CHARS = 20_000  # several pages of notes; a longer note is cut on the sheet
LONG_WORD = 60  # characters; longer words get break opportunities (see printable_notes)
_LONG_WORD = re.compile(r"[^\s\u200b]{%d,}" % (LONG_WORD + 1))
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}

# Territories whose customary paper is US Letter (as in glibc's LC_PAPER data).
LETTER_TERRITORIES = frozenset({
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.PuertoRico, QLocale.Country.Philippines, QLocale.Country.Chile,
    QLocale.Country.Colombia, QLocale.Country.CostaRica, QLocale.Country.Guatemala,
    QLocale.Country.Panama, QLocale.Country.ElSalvador, QLocale.Country.Nicaragua,
    QLocale.Country.Venezuela, QLocale.Country.DominicanRepublic,
    QLocale.Country.UnitedStatesVirginIslands, QLocale.Country.Belize,
})

# How much of the general checklist the sheet shows; tried in this order until it fits.
CHECKLIST_FULL, CHECKLIST_DANGER, CHECKLIST_TITLES = "full", "danger", "titles"


class SheetError(Exception):
    """The sheet could not be written; the message says which file and why."""


@dataclass(frozen=True)
class Style:
    """How densely a sheet is set. ``compact`` runs the sources (and checklist titles)
    together as paragraphs; ``dense`` also tightens spacing and cites by first author,
    journal and DOI/PMID where a source has one."""

    body_pt: float = 9.0
    checklist: str = CHECKLIST_FULL
    compact: bool = False
    dense: bool = False


@dataclass(frozen=True)
class Fit:
    """How a sheet was laid out, and on how many pages (1 unless nothing else fitted)."""

    style: Style
    pages: int


def default_page_size(locale: QLocale | None = None) -> str:
    """'letter' where the locale's territory uses US Letter, otherwise 'a4'."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


# -- HTML ------------------------------------------------------------------------------------

def _numbers(numbers: tuple[int, ...]) -> SafeHtml:
    """Source numbers in brackets: ``[1, 3]``."""
    return markup("[{}]", escape(", ".join(str(n) for n in numbers))) if numbers else EMPTY


def _refs(numbers: tuple[int, ...]) -> SafeHtml:
    """Source numbers after a fact: `` [1, 3]``."""
    return markup(" {}", _numbers(numbers)) if numbers else EMPTY


def build_sheet_html(data: ReferenceData, region: Region, *, notes: str | None = None,
                     printed: _dt.date | None = None, style: Style = Style(),
                     dpi: float = 96.0) -> SafeHtml:
    """The sheet as Qt rich text for a layout device of ``dpi`` dots per inch.

    Qt scales vertical margins, table borders and padding from 1/96 inch to the device, but
    takes left margins and indents in device pixels, so those are computed from ``dpi``.
    Every string from the data or the notes is escaped: it can never become markup.
    """
    printed = printed or _dt.date.today()
    card = build_card(data, region)
    cite = SourceNumbers(data)

    def _px(points: float) -> SafeHtml:  # vertical: Qt scales 1/96 inch to the device
        return markup("{:.1f}px", points * 96 / 72)

    def _hpx(points: float) -> SafeHtml:  # horizontal: device pixels
        return markup("{:.1f}px", points * dpi / 72)

    pt = style.body_pt
    small = max(MIN_PT, round(pt * 0.9, 1))
    gap = 0.5 if style.dense else 1.0  # scales the space around headings and boxes
    line = literal(" line-height:90%;") if style.dense else EMPTY
    out: list[SafeHtml] = [
        markup("<html><body style=\"font-size:{}pt; color:#000000;{}\">", pt, line),
        markup("<p style=\"margin-top:0; margin-bottom:{};\">"
               "<span style=\"font-size:{:.1f}pt; font-weight:bold;\">"
               "{}</span>&nbsp;&nbsp; <span style=\"font-size:{}pt;\">"
               "Dry-needling safety sheet &middot; {} of the body &middot; "
               "data&nbsp;{} (updated&nbsp;{}) &middot; "
               "printed&nbsp;{}</span></p>",
               _px(pt * 0.4 * gap), pt * (1.4 + gap / 2), escape(region.name), small,
               escape(region.view.value), escape(data.version),
               escape(data.updated.isoformat()), escape(printed.isoformat())),
    ]
    if region.summary and not style.dense:
        out.append(markup("<p style=\"margin-top:0; margin-bottom:{};\">{}</p>",
                          _px(pt * 0.6 * gap), escape(region.summary)))

    def heading(text: str) -> None:
        out.append(markup("<p style=\"margin-top:{}; margin-bottom:{}; font-size:{:.1f}pt; "
                          "font-weight:bold;\">{}</p>", _px(pt * 0.9 * gap),
                          _px(pt * 0.25 * gap), pt * (1 + gap / 4), escape(text)))

    def item(text: SafeHtml, bullet: SafeHtml = literal("&bull;")) -> SafeHtml:
        """A paragraph with a hanging bullet (or a run-in one when compact)."""
        if style.compact:
            return markup("<p style=\"margin-top:0; margin-bottom:{};\">{}</p>",
                          _px(pt * 0.2), text)
        return markup("<p style=\"margin-top:0; margin-bottom:{}; margin-left:{}; "
                      "text-indent:-{};\">{}&nbsp;{}</p>", _px(pt * 0.2), _hpx(pt), _hpx(pt),
                      bullet, text)

    def alert_box(rows: list[SafeHtml], mark: str, border: int, colour: SafeHtml) -> None:
        if not rows:
            return
        out.append(markup("<table width=\"100%\" border=\"{}\" cellspacing=\"0\" "
                          "cellpadding=\"{}\" style=\"border-style:solid; "
                          "border-color:#000000; border-collapse:collapse; "
                          "margin-bottom:{};\">", border, round(4 * gap),
                          _px(pt * 0.5 * gap)))
        out.extend(markup("<tr><td style=\"background-color:{};\"><b>{}</b>&nbsp; {}"
                          "</td></tr>", colour, escape(mark), row) for row in rows)
        out.append(literal("</table>"))

    danger = [e for s in card.section(SectionKind.DANGER) for e in s.entries]
    warnings = [e for s in card.section(SectionKind.CAUTIONS) for e in s.entries
                if e.level is Level.WARNING]
    alert_box([concat(escape(e.detail), _refs(cite(e.sources))) if style.dense else
               markup("<b>{}</b>{}", escape(e.detail), _refs(cite(e.sources))) for e in danger],
              DANGER_MARK, 3, literal("#f6d5d5"))
    alert_box([concat(escape(e.detail), _refs(cite(e.sources))) for e in warnings], WARNING_MARK,
              1, literal("#fbeccc"))

    structures = card.section(SectionKind.STRUCTURES)
    if structures:
        heading("Structures at risk")
        for section in structures:
            entries = [markup("<b>{}</b>: {}{}", escape(e.title), escape(e.detail),
                              _refs(cite(e.sources)))
                       for e in section.entries]
            group = markup("<i>{}:</i>", escape(section.group))
            if style.compact:
                out.append(item(markup("{} {}", group, join(literal("; "), entries))))
            else:
                out.append(markup("<p style=\"margin-top:{}; margin-bottom:0;\">{}</p>",
                                  _px(pt * 0.2), group))
                out.extend(item(entry) for entry in entries)
    if region.distances:
        heading("Reported distances: one study sample each, never a safe depth")
        if style.dense:  # the tightest layout: run together in one paragraph, as few lines
            out.append(item(join(literal(" &nbsp;&bull; "), (
                markup("<b>{}: {}</b> (sample: {}){}", escape(d.what), escape(d.figure),
                       escape(d.sample.describe()), _refs(cite(d.sources)))
                for d in region.distances))))
        else:
            out.append(_distances_table(region, cite, pt, small, gap, style.compact))
    if notes and notes.strip():
        heading("Your notes")
        out.append(markup("<p style=\"margin-top:0; white-space:pre-wrap;\">{}</p>",
                          escape(printable_notes(notes))))
    _checklist(out, data, cite, heading, item, style)
    _after_events(out, data, cite, heading, item, style)

    heading("Sources")
    cited = [markup("<b>[{}]</b> {}", number, escape(_citation(source, style.dense)))
             for number, source in enumerate(cite.sources(), 1)]
    if style.compact:
        out.append(markup("<p style=\"margin:0; font-size:{}pt;\">{}</p>", small,
                          join(literal(" &nbsp;"), cited)))
    else:
        out.extend(markup("<p style=\"margin:0; margin-left:{}; text-indent:-{}; "
                          "font-size:{}pt;\">{}</p>", _hpx(pt * 1.8), _hpx(pt * 1.8), small, c)
                   for c in cited)
    end = (" Short citations; the full ones are in needleguide." if style.dense else
           " Distances are reported in study samples, never a safe depth for your patient.")
    out.append(markup("<p style=\"margin-top:{}; font-size:{}pt;\">"
                      "{} Version {}.{}</p>", _px(pt * 0.8 * gap), small,
                      escape(DISCLAIMER), escape(__version__), escape(end)))
    out.append(literal("</body></html>"))
    return join(literal("\n"), out)


def printable_notes(notes: str) -> str:
    """The notes as the sheet prints them: at most ``MAX_NOTES_CHARS`` (the rest is cut, and
    the sheet says so), and a word longer than ``LONG_WORD`` characters gets an invisible
    break opportunity every ``LONG_WORD`` characters. Qt's line breaker is quadratic in the
    length of an unbroken word: a 1 MB one-word note took 61 s to export."""
    text = notes.strip()
    cut = len(text) - MAX_NOTES_CHARS
    if cut > 0:
        text = (f"{text[:MAX_NOTES_CHARS]}\u2026 [{cut:,} more characters of this note are "
                "not printed; they are in needleguide]")
    return _LONG_WORD.sub(lambda m: "\u200b".join(m.group()[i:i + LONG_WORD]
                                                   for i in range(0, len(m.group()), LONG_WORD)),
                          text)


def _distances_table(region: Region, cite: SourceNumbers, pt: float, small: float,
                     gap: float, compact: bool = False) -> SafeHtml:
    """Site, figure, sample, method, source: a sample shared with the row above shown once.
    Compact: site and figure share a cell, and sample and method, to save lines."""
    cells = markup("style=\"font-size:{}pt;\"", small)
    columns = ((("Site: figure", 56), ("Sample, method", 38), ("Source", 6)) if compact else
               (("Site", 27), ("Figure", 24), ("Sample", 22), ("Method", 20), ("Source", 7)))
    head = concat(*(markup("<th align=\"left\" width=\"{}%\" {}>{}</th>", w, cells,
                           escape(h)) for h, w in columns))
    rows = []
    for r in distance_rows(region, cite):
        if compact:
            method = markup(", {}", escape(r.method)) if r.method else EMPTY
            row = [markup("{}: <b>{}</b>", escape(r.site), escape(r.figure)),
                   concat(escape(r.sample), method)]
        else:
            row = [escape(r.site), markup("<b>{}</b>", escape(r.figure)), escape(r.sample),
                   escape(r.method)]
        row.append(_numbers(r.sources))
        rows.append(markup("<tr>{}</tr>", concat(*(markup("<td {}>{}</td>", cells, c)
                                                   for c in row))))
    return markup("<table width=\"100%\" border=\"1\" cellspacing=\"0\" "
                  "cellpadding=\"{}\" style=\"border-style:solid; "
                  "border-color:#000000; border-collapse:collapse; "
                  "margin-bottom:{:.1f}px;\"><tr>{}</tr>{}"
                  "</table>", max(1, round(2 * gap)), pt * 0.3 * 96 / 72, head, concat(*rows))


def _checklist(out: list[SafeHtml], data: ReferenceData, cite: SourceNumbers,
               heading: Callable[[str], None], item: Callable[[SafeHtml, SafeHtml], SafeHtml],
               style: Style) -> None:
    """The general checklist: each danger (and warning) item on its own line with a box to
    tick, under its section's title; when the page is tight, one line saying where the
    whole checklist is printed (never titles with empty boxes)."""
    if not data.safety:
        return
    heading("Before you needle: general checklist")
    wanted = {CHECKLIST_FULL: (Level.DANGER, Level.WARNING),
              CHECKLIST_DANGER: (Level.DANGER,), CHECKLIST_TITLES: ()}[style.checklist]
    if not wanted:
        titles = join(literal("; "), (escape(section.title) for section in data.safety))
        out.append(item(markup("<i>{}.</i> Every item, with its sources: File \u203a Print "
                               "the checklist in needleguide.", titles), literal("&#8227;")))
        return
    for section in data.safety:
        items = [i for i in section.items if i.level in wanted]
        if not items:
            continue
        lines = [concat(literal("<b>DANGER:</b> ") if i.level is Level.DANGER else EMPTY,
                        escape(i.text), _refs(cite(i.sources))) for i in items]
        if style.compact:
            out.append(item(markup("<b>{}.</b> {}", escape(section.title),
                                   join(literal(" "), (markup("&#9744; {}", line)
                                                       for line in lines))), EMPTY))
            continue
        out.append(markup("<p style=\"margin-top:0; margin-bottom:0;\"><i>{}"
                          "</i></p>", escape(section.title)))
        out.extend(item(line, literal("&#9744;")) for line in lines)
    rest = {CHECKLIST_FULL: "Information items", CHECKLIST_DANGER: "Warning and information "
            "items"}[style.checklist]
    out.append(markup("<p style=\"margin-top:0;\"><i>{} of the checklist, with their sources, "
                      "are in needleguide (File \u203a Print the checklist prints them all)."
                      "</i></p>", escape(rest)))


def _after_events(out: list[SafeHtml], data: ReferenceData, cite: SourceNumbers,
                  heading: Callable[[str], None],
                  item: Callable[[SafeHtml, SafeHtml], SafeHtml], style: Style) -> None:
    """"Something went wrong": each after-event section with its danger items, or, when the
    page is tight, one line naming the sections (the page is one click away in the app)."""
    if not data.after_events:
        return
    if style.checklist == CHECKLIST_TITLES:
        titles = join(literal("; "), (escape(section.title) for section in data.after_events))
        out.append(item(markup("<b>If something goes wrong</b> ({}): see Help \u203a "
                               "Something went wrong in needleguide.", titles),
                        literal("&#9888;")))
        return
    heading("If something goes wrong")
    for section in data.after_events:
        items = [i for i in section.items if i.level is Level.DANGER]
        text = concat(*(markup(" {}{}", escape(i.text), _refs(cite(i.sources))) for i in items))
        out.append(item(markup("<b>{}.</b>{}", escape(section.title), text),
                        literal("&#9888;")))


def _citation(source: Source, short: bool) -> str:
    """Citation, evidence kind and caveat. A URL only when there is no DOI or PMID. A short
    citation is the first author, where published and the DOI or PMID, or without those the
    full citation less its URL."""
    ident = f"doi:{source.doi}" if source.doi else f"PMID {source.pmid}" if source.pmid else ""
    if short and ident:
        first = source.authors.split(",")[0].strip()
        first += " et al." if "," in source.authors else ""
        where = source.published or (str(source.year) if source.year else "")
        text = ". ".join(p.rstrip(".") for p in (first, where, ident) if p)
    else:
        text = source.citation
        if source.url and (ident or short):
            text = text.replace(f". {source.url}", "")
            text = text if text.endswith(".") or not short else text + "."
    note = f"; {source.note.rstrip('.')}" if source.note else ""
    return f"{text} ({source.kind.label}{note})"


# -- painting --------------------------------------------------------------------------------

def style_groups() -> list[list[Style]]:
    """Layouts to try, best first, in groups that differ only by type size (largest first).

    Large type comes before a long checklist; type never goes below MIN_PT.
    """
    large = (MAX_PT, 9.5, 9.0, 8.5, 8.0)
    forms = (CHECKLIST_FULL, CHECKLIST_DANGER, CHECKLIST_TITLES)
    return ([[Style(pt, form) for pt in large] for form in forms]
            + [[Style(pt, CHECKLIST_TITLES, compact=True) for pt in large + (7.5, MIN_PT)]]
            + [[Style(pt, CHECKLIST_TITLES, True, True) for pt in (8.0, 7.5, MIN_PT)]])


def page_document(device: QPagedPaintDevice, width: float) -> QTextDocument:
    """An empty document laid out for ``device`` (fonts and lengths at its resolution)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long URLs too
    doc.setDefaultTextOption(option)
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters: searchable, copyable
    doc.setDefaultFont(font)
    doc.setTextWidth(width)
    return doc


def device_dpi(device: QPagedPaintDevice) -> int:
    """Dots per inch of a QPdfWriter or QPrinter: both have resolution(), their common base
    class does not."""
    resolution = getattr(device, "resolution", None)
    return int(resolution()) if callable(resolution) else device.logicalDpiX()


def layout_sheet(device: QPagedPaintDevice, data: ReferenceData, region: Region, *,
                 notes: str | None = None,
                 printed: _dt.date | None = None) -> tuple[QTextDocument, Fit]:
    """The best layout that fits one page of ``device``; else the densest, paginated."""
    rect = device.pageLayout().paintRectPixels(device_dpi(device))
    dpi = float(device.logicalDpiY())
    doc = page_document(device, rect.width())  # one document, re-filled per attempt
    shown: list[Style] = []

    def fits(style: Style) -> bool:
        if shown != [style]:
            doc.setHtml(build_sheet_html(data, region, notes=notes, printed=printed,
                                         style=style, dpi=dpi))
            shown[:] = [style]
        return doc.size().height() <= rect.height()

    for group in style_groups():
        # Height shrinks with type size: try the smallest, then search for the largest.
        if not fits(group[-1]):
            continue
        low, high = 0, len(group) - 1
        while low < high:
            middle = (low + high) // 2
            if fits(group[middle]):
                high = middle
            else:
                low = middle + 1
        fits(group[low])  # lays out the chosen style unless it was the last one tried
        return doc, Fit(group[low], 1)
    fits(style_groups()[-1][-1])
    doc.setPageSize(QSizeF(rect.width(), rect.height()))  # content is never cut: paginate
    return doc, Fit(style_groups()[-1][-1], doc.pageCount())


def paint_sheet(device: QPagedPaintDevice, data: ReferenceData, region: Region, *,
                notes: str | None = None, printed: _dt.date | None = None,
                needle: float | None = None) -> Fit:
    """Paint the sheet on a QPdfWriter or QPrinter. Raises SheetError if painting fails.
    With ``needle`` (mm) and reported depths in the region, a second page shows the depth
    picture for that needle length (``depth_sheet``); the sheet itself stays one page."""
    doc, fit = layout_sheet(device, data, region, notes=notes, printed=printed)
    rect = device.pageLayout().paintRectPixels(device_dpi(device))
    painter = QPainter()
    if not painter.begin(device):
        raise SheetError("the page could not be opened for painting")
    try:
        for page in range(fit.pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * rect.height())
            doc.drawContents(painter, QRectF(0, page * rect.height(), rect.width(),
                                             rect.height()))
            painter.restore()
        if needle is not None:
            from needleguide.depth_sheet import paint_depth_page

            fit = Fit(fit.style, fit.pages + paint_depth_page(device, painter, data, region,
                                                              needle, printed))
    finally:
        if not painter.end():
            raise SheetError("the page could not be finished")
    return fit


def write_pdf(data: ReferenceData, region: Region, path: str | os.PathLike[str], *,
              page_size: str = "a4", notes: str | None = None,
              printed: _dt.date | None = None, needle: float | None = None) -> Fit:
    """Write the sheet as a PDF at ``path``, atomically. Raises SheetError("cannot write ...").

    Needs a QGuiApplication (see ``ensure_gui_application``). The PDF is made in memory and
    written by ``safe_io.write_atomic``: a temporary file beside ``path`` replaces it only when
    complete, only a new path or a regular file is ever replaced (never a device or a FIFO),
    and Python names the file, so under any locale it gets exactly the name the user gave.
    """
    target = Path(path)
    if page_size not in PAGE_SIZES:
        raise SheetError(f"cannot write {target}: unknown page size '{page_size}' "
                         f"(use {' or '.join(PAGE_SIZES)})")
    reason = _unwritable(target)
    if reason:
        raise SheetError(f"cannot write {target}: {reason}")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        writer = QPdfWriter(buffer)
        writer.setPageSize(QPageSize(PAGE_SIZES[page_size]))
        writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                              QPageLayout.Unit.Millimeter)
        writer.setTitle(f"{region.name}: dry-needling safety sheet")
        writer.setCreator(f"needleguide {__version__}")
        fit = paint_sheet(writer, data, region, notes=notes, printed=printed, needle=needle)
        del writer  # finishes the PDF in the buffer
        safe_io.write_atomic(target, bytes(buffer.data().data()))
        return fit
    except OSError as exc:
        raise SheetError(f"cannot write {target}: {safe_io.describe_error(exc)}") from exc
    except Exception as exc:
        message = str(exc) if isinstance(exc, SheetError) else \
            f"unexpected error ({type(exc).__name__}: {exc}); please report this"
        raise SheetError(f"cannot write {target}: {message}") from exc
    finally:
        buffer.close()


def _unwritable(target: Path) -> str:
    """Why ``target`` cannot be written, in words, or '' if it looks writable."""
    parent = target.parent
    try:
        problem = safe_io.write_target_problem(target)
        if problem:
            return problem
        if not parent.exists():
            return f"the folder {parent} does not exist"
        if not parent.is_dir():
            return f"{parent} is not a folder"
    except OSError as exc:
        return safe_io.describe_error(exc)
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"no permission to create files in {parent}"
    return ""


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (offscreen when headless)."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1] or ["needleguide"])

"""The general pre-treatment checklist on paper: every item of every section, in the data's
order (screening first), each with a box to tick, its level word and its numbered sources;
the sources in full at the end. As many pages as it takes (the region sheet, one page, has
room only for the section titles). Escaped like the sheet: data text never becomes markup.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF
from PySide6.QtGui import (QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter,
                           QTextDocument)

from needleguide import __version__, sheet
from needleguide.core import safe_io
from needleguide.core.card import SourceNumbers
from needleguide.core.ids import DISCLAIMER
from needleguide.core.model import Level, ReferenceData
from needleguide.core.safe_html import EMPTY, SafeHtml, escape, join, literal, markup

TITLE = "Before you needle: general safety checklist"
BODY_PT = 10.0
_MARK = {Level.DANGER: literal("<b>DANGER:</b> "), Level.WARNING: literal("<b>WARNING:</b> "),
         Level.INFO: EMPTY}


def build_checklist_html(data: ReferenceData, printed: _dt.date | None = None,
                         dpi: float = 96.0) -> SafeHtml:
    printed = printed or _dt.date.today()
    cite = SourceNumbers(data)
    indent = markup("{:.1f}px", BODY_PT * 1.6 * dpi / 72)
    out = [markup("<html><body style=\"font-size:{}pt; color:#000000;\">", BODY_PT),
           markup("<p style=\"margin-top:0;\"><span style=\"font-size:{}pt; "
                  "font-weight:bold;\">{}</span>&nbsp;&nbsp; <span style=\"font-size:"
                  "{}pt;\">data&nbsp;{} (updated&nbsp;{}) &middot; printed&nbsp;{}</span></p>",
                  BODY_PT * 1.5, escape(TITLE), BODY_PT * 0.9, escape(data.version),
                  escape(data.updated.isoformat()), escape(printed.isoformat()))]
    if not data.safety:
        out.append(literal("<p>This data file has no general safety content.</p>"))
    for section in data.safety:
        out.append(markup("<p style=\"margin-top:10px; margin-bottom:3px; font-size:"
                          "{:.1f}pt; font-weight:bold;\">{}</p>", BODY_PT * 1.15,
                          escape(section.title)))
        for item in section.items:
            numbers = cite(item.sources)
            refs = (markup(" [{}]", escape(", ".join(str(n) for n in numbers))) if numbers
                    else EMPTY)
            out.append(markup("<p style=\"margin-top:0; margin-bottom:4px; margin-left:{}; "
                              "text-indent:-{};\">&#9744;&nbsp; {}{}{}</p>", indent, indent,
                              _MARK[item.level], escape(item.text), refs))
    out.append(literal("<p style=\"margin-top:10px; margin-bottom:3px; font-weight:bold;\">"
                       "Sources</p>"))
    out.extend(markup("<p style=\"margin:0; font-size:{}pt; margin-left:{}; "
                      "text-indent:-{};\"><b>[{}]</b> {}</p>", BODY_PT * 0.9, indent, indent, n,
                      escape(sheet._citation(source, False)))
               for n, source in enumerate(cite.sources(), 1))
    out.append(markup("<p style=\"margin-top:10px; font-size:{}pt;\">{} Version {}."
                      "</p></body></html>", BODY_PT * 0.9, escape(DISCLAIMER),
                      escape(__version__)))
    return join(literal("\n"), out)


def page_slices(doc: QTextDocument, height: float) -> list[tuple[float, float]]:
    """Where each page starts and ends in the continuous layout of ``doc``: a page ends after
    its last whole line, so no line is ever cut in two across pages."""
    total = doc.size().height()  # lays the document out: block positions are known after
    bottoms: list[float] = []
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        top = layout.position().y()
        bottoms.extend(top + layout.lineAt(n).rect().bottom()
                       for n in range(layout.lineCount()))
        block = block.next()
    slices, start = [], 0.0
    while start < total - 0.5:
        fitting = [b for b in bottoms if start < b <= start + height]
        end = max(fitting) if fitting else start + height
        if end >= total - 0.5 or not any(b > end for b in bottoms):
            end = max(end, min(total, start + height))
        slices.append((start, end))
        start = end
    return slices or [(0.0, height)]


def paint_checklist(device: QPagedPaintDevice, data: ReferenceData,
                    printed: _dt.date | None = None) -> int:
    """Paint the checklist on a QPrinter or QPdfWriter, over as many pages as it needs (no
    line cut between pages); returns the number of pages."""
    rect = device.pageLayout().paintRectPixels(sheet.device_dpi(device))
    doc = sheet.page_document(device, rect.width())
    doc.setHtml(build_checklist_html(data, printed, float(device.logicalDpiY())))
    slices = page_slices(doc, rect.height())
    painter = QPainter()
    if not painter.begin(device):
        raise sheet.SheetError("the page could not be opened for painting")
    try:
        for page, (top, bottom) in enumerate(slices):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, rect.width(), bottom - top))
            painter.restore()
    finally:
        if not painter.end():
            raise sheet.SheetError("the page could not be finished")
    return len(slices)


def write_checklist_pdf(data: ReferenceData, path: str | os.PathLike[str], *,
                        page_size: str = "a4", printed: _dt.date | None = None) -> int:
    """Write the checklist as a PDF, atomically (as sheet.write_pdf); returns its pages."""
    target = Path(path)
    if page_size not in sheet.PAGE_SIZES:
        raise sheet.SheetError(f"cannot write {target}: unknown page size '{page_size}'")
    reason = sheet._unwritable(target)
    if reason:
        raise sheet.SheetError(f"cannot write {target}: {reason}")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        writer = QPdfWriter(buffer)
        writer.setPageSize(QPageSize(sheet.PAGE_SIZES[page_size]))
        writer.setPageMargins(QMarginsF(*(sheet.MARGIN_MM,) * 4), QPageLayout.Unit.Millimeter)
        writer.setTitle(TITLE)
        writer.setCreator(f"needleguide {__version__}")
        pages = paint_checklist(writer, data, printed)
        del writer
        safe_io.write_atomic(target, bytes(buffer.data().data()))
        return pages
    except OSError as exc:
        raise sheet.SheetError(f"cannot write {target}: {safe_io.describe_error(exc)}") from exc
    finally:
        buffer.close()

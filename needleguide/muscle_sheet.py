"""The printed muscle card (issue 15): the card as on screen, in the light palette, with the
date printed and, if asked, the user's notes; paginated, never cut. The File menu's Print and
Export and ``needleguide export MUSCLE`` use this module; region sheets stay in ``sheet``."""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

from PySide6.QtCore import QIODevice, QMarginsF, QRectF, QSaveFile, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter

from needleguide import __version__
from needleguide.core.model import MuscleCard, ReferenceData
from needleguide.core.safe_html import SafeHtml, concat, escape, lines, markup
from needleguide.drawing.muscle_page import muscle_page
from needleguide.sheet import (MARGIN_MM, PAGE_SIZES, SheetError, page_document, device_dpi,
                               _unwritable)


def muscle_sheet_html(data: ReferenceData, muscle: MuscleCard, *, notes: str | None = None,
                      printed: _dt.date | None = None) -> SafeHtml:
    printed = printed or _dt.date.today()
    extra = markup("<p>Printed {}.</p>", escape(printed.isoformat()))
    if notes and notes.strip():
        extra = concat(markup("<h2>Your notes</h2><p>{}</p>", lines(notes)), extra)
    return muscle_page(data, muscle, appendix=extra)


def paint_muscle_sheet(device: QPagedPaintDevice, data: ReferenceData, muscle: MuscleCard, *,
                       notes: str | None = None, printed: _dt.date | None = None) -> int:
    """Paint the card on a QPdfWriter or QPrinter; the number of pages. Raises SheetError."""
    rect = device.pageLayout().paintRectPixels(device_dpi(device))
    doc = page_document(device, rect.width())
    doc.setHtml(muscle_sheet_html(data, muscle, notes=notes, printed=printed))
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise SheetError("the page could not be opened for painting")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * rect.height())
            doc.drawContents(painter, QRectF(0, page * rect.height(), rect.width(),
                                             rect.height()))
            painter.restore()
    finally:
        if not painter.end():
            raise SheetError("the page could not be finished")
    return pages


def write_muscle_pdf(data: ReferenceData, muscle: MuscleCard, path: str | os.PathLike[str], *,
                     page_size: str = "a4", notes: str | None = None,
                     printed: _dt.date | None = None) -> int:
    """Write the muscle card as a PDF at ``path``, atomically (QSaveFile); the page count.
    Raises SheetError("cannot write ...")."""
    target = Path(path)
    if page_size not in PAGE_SIZES:
        raise SheetError(f"cannot write {target}: unknown page size '{page_size}'")
    reason = _unwritable(target)
    if reason:
        raise SheetError(f"cannot write {target}: {reason}")
    save = QSaveFile(str(target))
    if not save.open(QIODevice.OpenModeFlag.WriteOnly):
        raise SheetError(f"cannot write {target}: {save.errorString() or 'cannot open it'}")
    writer: QPdfWriter | None = None
    try:
        writer = QPdfWriter(save)
        writer.setPageSize(QPageSize(PAGE_SIZES[page_size]))
        writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                              QPageLayout.Unit.Millimeter)
        writer.setTitle(f"{muscle.name}: muscle card")
        writer.setCreator(f"needleguide {__version__}")
        pages = paint_muscle_sheet(writer, data, muscle, notes=notes, printed=printed)
        writer = None  # finishes the PDF on the device
        if save.error() != QSaveFile.FileError.NoError:
            raise SheetError(save.errorString())
        if not save.commit():
            raise SheetError(save.errorString() or "the file could not be put in place")
        return pages
    except Exception as exc:
        writer = None
        save.cancelWriting()
        save.commit()
        message = str(exc) if isinstance(exc, SheetError) else \
            f"unexpected error ({type(exc).__name__}: {exc}); please report this"
        raise SheetError(f"cannot write {target}: {message}") from exc

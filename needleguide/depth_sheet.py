"""The depth check on paper (issue 22): a page after the one-page safety sheet with the depth
picture for the chosen needle length, what that length means against each reported figure
(the same sentences as the app and ``needleguide depth``), and the sources of the figures.

Only printed when a needle length was chosen, so the sheet itself stays one page.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QPagedPaintDevice, QPainter, QTextDocument

from needleguide.core import depth
from needleguide.core.card import SourceNumbers
from needleguide.core.ids import DISCLAIMER
from needleguide.core.model import ReferenceData, Region
from needleguide.core.safe_html import SafeHtml, escape, join, literal, markup

DEPTH_URL = "needleguide-depth:picture"
PICTURE = QSize(820, 430)  # logical size the picture is drawn at
PICTURE_WIDTH_IN = 7.0     # printed width; fits the text width of A4 and Letter


def depth_page_html(data: ReferenceData, region: Region, needle: float,
                    printed: _dt.date | None = None,
                    aspect: float = PICTURE.height() / PICTURE.width()) -> SafeHtml:
    """The page as Qt rich text; every data string escaped. The picture is ``DEPTH_URL``."""
    from needleguide.sheet import _citation  # sheet imports this module lazily

    printed = printed or _dt.date.today()
    chart = depth.region_chart(region)
    cite = SourceNumbers(data)
    # Qt scales an image's width and height from 1/96 inch to the device, like margins
    width = PICTURE_WIDTH_IN * 96
    height = width * aspect  # the picture's own proportions
    out = [
        literal("<html><body style=\"font-size:9pt; color:#000000;\">"),
        markup("<p style=\"margin-top:0;\"><span style=\"font-size:13pt; font-weight:bold;\">"
               "{}: depth check, needle {} mm</span>&nbsp;&nbsp; "
               "<span style=\"font-size:8pt;\">data&nbsp;{} &middot; printed&nbsp;"
               "{}</span></p>", escape(region.name), escape(depth.mm(needle)),
               escape(data.version), escape(printed.isoformat())),
        markup("<p style=\"margin:0;\"><img src=\"{}\" width=\"{:.0f}\" "
               "height=\"{:.0f}\"></p>", escape(DEPTH_URL), width, height),
        markup("<p style=\"margin-top:8px; margin-bottom:4px; font-weight:bold;\">What a "
               "{} mm needle means against each reported figure</p>", escape(depth.mm(needle))),
    ]
    for finding in depth.needle_check(chart, needle):
        refs = ", ".join(str(n) for n in cite(finding.figure.sources))
        out.append(markup("<p style=\"margin-top:0; margin-bottom:4px;\">&bull;&nbsp;"
                          "{} [{}]</p>", escape(finding.text), escape(refs)))
    out.append(markup("<p style=\"margin-top:6px;\"><b>{}</b></p>", escape(depth.CAVEAT)))
    out.append(literal("<p style=\"margin-top:6px; margin-bottom:2px; font-weight:bold;\">"
                       "Sources</p>"))
    out.extend(markup("<p style=\"margin:0; font-size:8pt;\"><b>[{}]</b> {}</p>", n,
                      escape(_citation(source, False)))
               for n, source in enumerate(cite.sources(), 1))
    out.append(markup("<p style=\"margin-top:8px; font-size:8pt;\">{}</p>", escape(DISCLAIMER)))
    out.append(literal("</body></html>"))
    return join(literal("\n"), out)


def paint_depth_page(device: QPagedPaintDevice, painter: QPainter, data: ReferenceData,
                     region: Region, needle: float, printed: _dt.date | None = None) -> int:
    """Paint the page after the sheet on an open ``painter``; the number of pages added
    (0 when the region has no reported depths with numbers)."""
    from needleguide.sheet import page_document, device_dpi
    from needleguide.drawing.depth_paint import depth_image  # QtGui only

    chart = depth.region_chart(region)
    if not chart.figures:
        return 0
    rect = device.pageLayout().paintRectPixels(device_dpi(device))
    doc = page_document(device, rect.width())
    image = depth_image(chart, needle, PICTURE)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(DEPTH_URL), image)
    doc.setHtml(depth_page_html(data, region, needle, printed, image.height() / image.width()))
    doc.setPageSize(rect.size().toSizeF())
    pages = doc.pageCount()
    for page in range(pages):
        device.newPage()
        painter.save()
        painter.translate(0, -page * rect.height())
        doc.drawContents(painter, QRectF(0, page * rect.height(), rect.width(), rect.height()))
        painter.restore()
    return pages

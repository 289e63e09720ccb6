"""The depth check on paper (issue 22): a page after the one-page safety sheet with the depth
picture for the chosen needle length, what that length means against each reported figure
(the same sentences as the app and ``needleguide depth``), and the sources of the figures.

Only printed when a needle length was chosen, so the sheet itself stays one page.
"""

from __future__ import annotations

import datetime as _dt
import html

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QPagedPaintDevice, QPainter, QTextDocument

from needleguide.core import depth
from needleguide.core.card import SourceNumbers
from needleguide.core.model import ReferenceData, Region

DEPTH_URL = "needleguide-depth:picture"
PICTURE = QSize(820, 430)  # logical size the picture is drawn at
PICTURE_WIDTH_IN = 7.0     # printed width; fits the text width of A4 and Letter


def depth_page_html(data: ReferenceData, region: Region, needle: float,
                    printed: _dt.date | None = None,
                    aspect: float = PICTURE.height() / PICTURE.width()) -> str:
    """The page as Qt rich text; every data string escaped. The picture is ``DEPTH_URL``."""
    from needleguide.sheet import DISCLAIMER, _citation  # sheet imports this module lazily

    esc = html.escape
    printed = printed or _dt.date.today()
    chart = depth.region_chart(region)
    cite = SourceNumbers(data)
    # Qt scales an image's width and height from 1/96 inch to the device, like margins
    width = PICTURE_WIDTH_IN * 96
    height = width * aspect  # the picture's own proportions
    out = [
        "<html><body style=\"font-size:9pt; color:#000000;\">",
        f"<p style=\"margin-top:0;\"><span style=\"font-size:13pt; font-weight:bold;\">"
        f"{esc(region.name)}: depth check, needle {esc(depth.mm(needle))} mm</span>&nbsp;&nbsp; "
        f"<span style=\"font-size:8pt;\">data&nbsp;{esc(data.version)} &middot; printed&nbsp;"
        f"{printed.isoformat()}</span></p>",
        f"<p style=\"margin:0;\"><img src=\"{DEPTH_URL}\" width=\"{width:.0f}\" "
        f"height=\"{height:.0f}\"></p>",
        "<p style=\"margin-top:8px; margin-bottom:4px; font-weight:bold;\">What a "
        f"{esc(depth.mm(needle))} mm needle means against each reported figure</p>",
    ]
    for finding in depth.needle_check(chart, needle):
        refs = ", ".join(str(n) for n in cite(finding.figure.sources))
        out.append(f"<p style=\"margin-top:0; margin-bottom:4px;\">&bull;&nbsp;"
                   f"{esc(finding.text)} [{refs}]</p>")
    out.append(f"<p style=\"margin-top:6px;\"><b>{esc(depth.CAVEAT)}</b></p>")
    out.append("<p style=\"margin-top:6px; margin-bottom:2px; font-weight:bold;\">Sources</p>")
    out.extend(f"<p style=\"margin:0; font-size:8pt;\"><b>[{n}]</b> "
               f"{esc(_citation(source, False))}</p>"
               for n, source in enumerate(cite.sources(), 1))
    out.append(f"<p style=\"margin-top:8px; font-size:8pt;\">{esc(DISCLAIMER)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def paint_depth_page(device: QPagedPaintDevice, painter: QPainter, data: ReferenceData,
                     region: Region, needle: float, printed: _dt.date | None = None) -> int:
    """Paint the page after the sheet on an open ``painter``; the number of pages added
    (0 when the region has no reported depths with numbers)."""
    from needleguide.sheet import _document, _resolution
    from needleguide.ui.depth_paint import depth_image  # QtGui only

    chart = depth.region_chart(region)
    if not chart.figures:
        return 0
    rect = device.pageLayout().paintRectPixels(_resolution(device))
    doc = _document(device, rect.width())
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

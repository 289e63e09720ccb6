"""Painting the depth picture (issue 22): a scale from the skin down, each reported distance
as a band (mean with SD or range) or as needle counts, labelled with what it reaches and its
sample, and the tip of the chosen needle marked across all of them.

``paint_depth`` draws on any QPainter (the widget, an image for the printed sheet) and returns
the texts it drew, so tests can hold the picture against its table. Colours come from the
palette, so it reads in light and dark; all geometry is in logical units, so it is crisp at 2x.
QtGui only (no widgets): the headless PDF export uses it too. The words around the data
(headings, units, "tip", "of") go through Qt's translator under the context "depth_paint";
the data's own words (sites, samples, outcomes) are drawn as they are.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette, QPen, QPolygonF

from needleguide.core import depth

translate = QCoreApplication.translate  # lupdate reads translate("context", "text")

_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter) | \
    int(Qt.AlignmentFlag.AlignTop)


class DepthColours(NamedTuple):
    base: QColor
    text: QColor
    muted: QColor
    grid: QColor
    band: QColor
    needle: QColor
    reached: QColor


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * amount),
                  round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


def colours_for(palette: QPalette) -> DepthColours:
    """Colours that read on the palette's base; the needle in the card's danger hue."""
    role = QPalette.ColorRole
    base, text = palette.color(role.Base), palette.color(role.Text)
    dark = base.lightness() < 128
    return DepthColours(base=base, text=text, muted=_mix(text, base, 0.35),
                        grid=_mix(text, base, 0.82),
                        band=QColor("#6aa9ff" if dark else "#2f6db5"),
                        needle=QColor("#ff7b7b" if dark else "#b3001b"),
                        reached=QColor("#f2b84b" if dark else "#8a5300"))


def _labels(figure: depth.DepthFigure, finding: depth.Finding | None) -> list[tuple[str, bool]]:
    """The lines under a figure's column: (text, bold)."""
    lines = [(figure.site, False)] if figure.site else []
    lines.append((figure.outcome if figure.needles
                  else translate("depth_paint", "to {reaches}").format(reaches=figure.reaches),
                  True))
    if figure.subgroup:
        lines.append((figure.subgroup, True))
    lines.append((figure.sample_label, False))
    if finding is not None:
        lines.append((finding.short, True))
    return lines


MIN_COLUMN = 100.0  # logical px a figure's column needs for its labels to read


def _length(mm_: float) -> str:
    """A length on the scale or the needle: '40 mm' (the number as ``depth.mm`` writes it)."""
    return translate("depth_paint", "{length} mm").format(length=depth.mm(mm_))


def min_width(chart: depth.DepthChart, font: QFont) -> float:
    """The narrowest ``area`` in which every figure's column fits (wider never clips)."""
    axis_w = QFontMetricsF(font).horizontalAdvance(_length(100)) + 14
    return axis_w + 64.0 + 8 + MIN_COLUMN * len(chart.figures)


def paint_depth(painter: QPainter, area: QRectF, chart: depth.DepthChart,
                needle: float | None, colours: DepthColours,
                bounds: list[QRectF] | None = None) -> list[str]:
    """Draw ``chart`` into ``area``; returns every text drawn, in order (and appends where
    each was drawn to ``bounds``, when given)."""
    drawn: list[str] = []
    font = QFont(painter.font())
    bold = QFont(font)
    bold.setBold(True)
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
    metrics = QFontMetricsF(font)
    line = metrics.height()

    def text(rect: QRectF, words: str, flags: int, face: QFont, colour: QColor,
             backed: bool = False) -> float:
        painter.setFont(face)
        painter.setPen(colour)
        bounds_now = painter.boundingRect(rect, flags, words)
        if backed:
            painter.fillRect(bounds_now.adjusted(-2, 0, 2, 0), colours.base)
        painter.drawText(rect, flags, words)
        drawn.append(words)
        if bounds is not None:
            bounds.append(bounds_now)
        return bounds_now.height()

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.fillRect(area, colours.base)
    title = (translate("depth_paint", "{title}: reported depths from the skin, needle {length}")
             .format(title=chart.title, length=_length(needle)) if needle is not None
             else translate("depth_paint", "{title}: reported depths from the skin")
             .format(title=chart.title))
    text(QRectF(area.left() + 8, area.top() + 4, area.width() - 16, line * 1.3),
         title, int(Qt.AlignmentFlag.AlignLeft), bold, colours.text)
    if not chart.figures:
        text(QRectF(area.left() + 8, area.top() + line * 2, area.width() - 16, line * 3),
             translate("depth_paint",
                       "No reported distance here gives a depth from the skin as numbers."),
             _WRAP, font, colours.muted)
        painter.restore()
        return drawn

    axis_w, needle_w = metrics.horizontalAdvance(_length(100)) + 14, 64.0
    left = area.left() + axis_w
    columns = len(chart.figures)
    col_w = max(MIN_COLUMN, (area.right() - 8 - left - needle_w) / columns)
    findings = [depth.check(f, needle) if needle is not None else None for f in chart.figures]
    # the label block under the columns: as tall as the tallest column's wrapped lines
    labels = [_labels(f, finding) for f, finding in zip(chart.figures, findings)]
    label_h = 0.0
    for lines in labels:
        height = 0.0
        for words, strong in lines:
            face = bold if strong else small
            height += QFontMetricsF(face).boundingRect(
                QRectF(0, 0, col_w - 6, 1000), _WRAP, words).height()
        label_h = max(label_h, height)
    top = area.top() + line * 2.6
    bottom = area.bottom() - label_h - 10
    span = chart.scale_max(needle)

    def y(mm_: float) -> float:
        return top + (bottom - top) * mm_ / span

    # scale: grid every 10 mm (5 mm when short), labelled on the left
    step = 5.0 if span <= 30 else 10.0 if span <= 100 else 20.0
    painter.setFont(small)
    mark = 0.0
    while mark <= span + 1e-9:
        painter.setPen(QPen(colours.grid, 1))
        painter.drawLine(QPointF(left, y(mark)), QPointF(area.right() - 8, y(mark)))
        label = translate("depth_paint", "skin 0") if mark == 0 else _length(mark)
        text(QRectF(area.left(), y(mark) - line / 2, axis_w - 6, line), label,
             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), small,
             colours.text if mark == 0 else colours.muted)
        mark += step
    painter.setPen(QPen(colours.text, 2))
    painter.drawLine(QPointF(left, y(0)), QPointF(area.right() - 8, y(0)))

    # the needle: its length drawn from the skin, and its tip marked across every figure
    if needle is not None:
        x = left + needle_w / 2
        tip = y(needle)
        painter.setPen(QPen(colours.text, 1))
        painter.setBrush(colours.muted)
        painter.drawRect(QRectF(x - 4, y(0) - line * 1.1, 8, line * 1.1))  # the handle
        painter.setPen(QPen(colours.needle, 2))
        painter.drawLine(QPointF(x, y(0)), QPointF(x, tip))
        painter.setBrush(colours.needle)
        painter.drawPolygon(QPolygonF([QPointF(x - 5, tip - 8), QPointF(x + 5, tip - 8),
                                       QPointF(x, tip)]))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colours.needle, 1.5, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x + 6, tip), QPointF(area.right() - 8, tip))
        text(QRectF(area.left(), tip + 2, axis_w + needle_w - 4, line),
             translate("depth_paint", "tip {length}").format(length=_length(needle)),
             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), bold, colours.needle)

    # the figures, over the tip line; their words on the base colour so the line never
    # crosses them
    for index, (figure, finding) in enumerate(zip(chart.figures, findings)):
        x0 = left + needle_w + index * col_w
        inner = QRectF(x0 + col_w * 0.2, 0, col_w * 0.6, 0)
        if figure.needles:
            painter.setPen(QPen(colours.muted, 1, Qt.PenStyle.DotLine))
            centre = x0 + col_w / 2
            painter.drawLine(QPointF(centre, y(0)), QPointF(centre, y(figure.needles[-1].length)))
            for count in figure.needles:
                at = y(count.length)
                chosen = finding is not None and finding.where == "counted" and \
                    abs(count.length - finding.needle) < 1e-9
                colour = colours.reached if count.reached else colours.muted
                painter.setPen(QPen(colour, 2))
                painter.setBrush(colour if count.reached else colours.base)
                radius = 4.5 if not chosen else 6.0
                painter.drawEllipse(QPointF(centre, at), radius, radius)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                text(QRectF(centre + 9, at - line / 2, col_w / 2 - 10, line),
                     translate("depth_paint", "{reached} of {of}").format(
                         reached=count.reached, of=count.of),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     bold if chosen else small, colours.needle if chosen else colours.text,
                     backed=True)
        elif figure.low is not None and figure.high is not None:
            band = QRectF(inner.left(), y(figure.low), inner.width(),
                          max(2.0, y(figure.high) - y(figure.low)))
            fill = QColor(colours.band)
            fill.setAlpha(70)
            painter.fillRect(band, fill)
            painter.setPen(QPen(colours.band, 1.5))
            painter.drawRect(band)
            if figure.mean is not None:
                painter.setPen(QPen(colours.band, 3))
                painter.drawLine(QPointF(band.left(), y(figure.mean)),
                                 QPointF(band.right(), y(figure.mean)))
            text(QRectF(x0 + 2, band.bottom() + 2, col_w - 4, line * 2), figure.figure,
                 _WRAP, small, colours.text, backed=True)
        # labels under the column
        at = bottom + 8
        for words, strong in labels[index]:
            face = bold if strong else small
            colour = colours.needle if finding is not None and words == finding.short \
                else colours.text
            at += text(QRectF(x0 + 3, at, col_w - 6, label_h), words, _WRAP, face, colour)

    painter.restore()
    return drawn


def depth_image(chart: depth.DepthChart, needle: float | None, size: QSize,
                scale: float = 3.0, palette: QPalette | None = None) -> QImage:
    """The picture as an image of ``size`` logical pixels at ``scale`` device pixels each
    (for the printed sheet: light colours, since sheets are printed on white). Wider, with
    the same proportions, when the figures need more room than ``size`` gives."""
    wide = min_width(chart, QFont())
    if wide > size.width():
        size = QSize(math.ceil(wide), round(size.height() * wide / size.width()))
    image = QImage(round(size.width() * scale), round(size.height() * scale),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    colours = colours_for(palette) if palette is not None else DepthColours(
        base=QColor("#ffffff"), text=QColor("#000000"), muted=QColor("#555555"),
        grid=QColor("#d0d0d0"), band=QColor("#2f6db5"), needle=QColor("#b3001b"),
        reached=QColor("#8a5300"))
    painter = QPainter(image)
    try:
        paint_depth(painter, QRectF(0, 0, size.width(), size.height()), chart, needle, colours)
    finally:
        painter.end()
    return image

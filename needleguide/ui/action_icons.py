"""Small drawn icons for toolbar actions the icon theme may lack (a printer, the body map),
in the palette's text colour, so every toolbar button has an icon beside its words."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZE = 64  # drawn large, scaled down by the toolbar


def _canvas(colour: QColor, draw: str) -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, 5)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if draw == "print":
        painter.drawRect(QRectF(18, 6, 28, 16))        # paper in
        painter.drawRoundedRect(QRectF(6, 22, 52, 24), 5, 5)  # the printer
        painter.fillRect(QRectF(18, 38, 28, 22), colour)  # the printed page
        painter.fillRect(QRectF(22, 44, 20, 3), QColor(255, 255, 255))
        painter.fillRect(QRectF(22, 51, 14, 3), QColor(255, 255, 255))
    else:  # "map": a figure
        painter.drawEllipse(QPointF(32, 11), 7, 7)
        body = QPainterPath()
        body.moveTo(20, 24)
        body.lineTo(44, 24)
        body.lineTo(41, 42)
        body.lineTo(38, 60)
        body.lineTo(26, 60)
        body.lineTo(23, 42)
        body.closeSubpath()
        painter.drawPath(body)
        painter.drawLine(QPointF(20, 24), QPointF(12, 44))
        painter.drawLine(QPointF(44, 24), QPointF(52, 44))
    painter.end()
    return QIcon(pixmap)


def print_icon(colour: QColor) -> QIcon:
    return _canvas(colour, "print")


def map_icon(colour: QColor) -> QIcon:
    return _canvas(colour, "map")

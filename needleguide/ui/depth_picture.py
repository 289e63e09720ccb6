"""The depth picture as a widget (issue 22); the painting is in ``depth_paint``."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from needleguide.core import depth
from needleguide.drawing.depth_paint import colours_for, min_width, paint_depth


class DepthPicture(QWidget):
    """The picture as a widget; its accessible description says what it shows in words (the
    table beside it, ``DepthView``, has the same content cell by cell)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DepthPicture")
        self.setAccessibleName(self.tr("Depth picture"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._chart = depth.DepthChart("", ())
        self._needle: float | None = None
        self.drawn: list[str] = []  # what the last paint wrote, for tests and checks
        self.drawn_at: list[QRectF] = []  # where it wrote each

    def set_chart(self, chart: depth.DepthChart, needle: float | None) -> None:
        self._chart, self._needle = chart, needle
        words = [self.tr("{site}to {reaches}{subgroup}: {depth} ({sample})").format(
                     site=f"{f.site}: " if f.site else "", reaches=f.reaches,
                     subgroup=f", {f.subgroup}" if f.subgroup else "", depth=depth.in_mm(f),
                     sample=f.sample_label) for f in chart.figures]
        needle_words = (self.tr(", needle {length} mm").format(length=depth.mm(needle))
                        if needle is not None else "")
        self.setAccessibleDescription(
            self.tr("{title}, reported depths from the skin").format(title=chart.title)
            + needle_words + ". " + "; ".join(words) + ". "
            + self.tr("The table below has the same content."))
        self.updateGeometry()  # the minimum width follows the number of figures
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(max(560, 150 + 120 * len(self._chart.figures)), 480)

    def minimumSizeHint(self) -> QSize:
        """Never so narrow that a figure's column is cut off: the window scrolls instead."""
        return QSize(max(420, math.ceil(min_width(self._chart, self.font()))), 440)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.drawn_at = []
            self.drawn = paint_depth(painter, QRectF(self.rect()), self._chart, self._needle,
                                     colours_for(self.palette()), self.drawn_at)
        finally:
            painter.end()

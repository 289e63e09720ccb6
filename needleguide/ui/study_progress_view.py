"""Progress per region in the Study window: a bar of what is mastered, with due and missed.

Plain Qt progress bars in a grid: each is read by a screen reader as its own value, and the
bar's accessible name says the whole row in words.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from needleguide.core.study_progress import RegionProgress


class StudyProgressView(QWidget):
    """One row per region: name, a bar (mastered of all questions), due and missed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("study_progress")
        self.setAccessibleName("Progress per region")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self.bars: dict[str, QProgressBar] = {}
        self.details: dict[str, QLabel] = {}

    def set_rows(self, rows: tuple[RegionProgress, ...]) -> None:
        if set(self.bars) != {r.region_id for r in rows}:
            self._rebuild(rows)
        for row in rows:
            bar = self.bars[row.region_id]
            bar.setRange(0, max(row.total, 1))
            bar.setValue(row.mastered)
            bar.setFormat(f"{row.mastered} of {row.total} mastered")
            detail = _detail(row)
            self.details[row.region_id].setText(detail)
            bar.setAccessibleName(f"{row.name}: {row.mastered} of {row.total} mastered; "
                                  f"{detail}")

    def _rebuild(self, rows: tuple[RegionProgress, ...]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.bars, self.details = {}, {}
        for line, row in enumerate(rows):
            name = QLabel(row.name, self)
            bar = QProgressBar(self)
            bar.setTextVisible(True)
            name.setBuddy(bar)
            detail = QLabel(self)
            self._grid.addWidget(name, line, 0)
            self._grid.addWidget(bar, line, 1)
            self._grid.addWidget(detail, line, 2)
            self.bars[row.region_id] = bar
            self.details[row.region_id] = detail


def _detail(row: RegionProgress) -> str:
    parts = [f"{row.due} due" if row.due else "none due"]
    if row.missed:
        parts.append(f"{row.missed} missed")
    if row.new:
        parts.append(f"{row.new} new")
    return " · ".join(parts)

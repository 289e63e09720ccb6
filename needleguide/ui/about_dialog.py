"""About needleguide: app and data versions, and what the app is (and is not) for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from needleguide import __version__
from needleguide.core.model import ReferenceData
from needleguide.ui.pages import DISCLAIMER


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(text)
    return label


class AboutDialog(QDialog):
    def __init__(self, data: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About needleguide")
        self.setAccessibleName("About needleguide")
        title = _label(f"needleguide {__version__}", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.data_label = _label(
            f"Reference data version {data.version}, updated {data.updated.isoformat()}."
            + (f"\n{data.path}" if data.path else ""), self)
        self.disclaimer_label = _label(DISCLAIMER, self)
        bold = self.disclaimer_label.font()
        bold.setBold(True)
        self.disclaimer_label.setFont(bold)
        self.purpose_label = _label(
            "An offline dry-needling safety reference: the structures at risk, conditions and "
            "cautions for each body region, every fact with its source and the kind of "
            "evidence behind it. Distances shown are reported in study samples; they are "
            "never a safe depth for your patient.", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        layout = QVBoxLayout(self)
        for widget in (title, self.data_label, self.disclaimer_label, self.purpose_label):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def text(self) -> str:
        """Everything the dialog says, for tests and screen readers."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))

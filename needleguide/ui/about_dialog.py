"""About needleguide: app and data versions, what the app is (and is not) for, licences,
and what a support request needs (diagnostics to copy, the log folder)."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QStandardPaths, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from needleguide import __version__, paths
from needleguide.core.model import ReferenceData
from needleguide.provenance import diagnostics
from needleguide.ui import settings
from needleguide.ui.settings import SettingsFactory
from needleguide.core.ids import DISCLAIMER

NOTICES = "THIRD-PARTY-NOTICES.txt"


def app_data_folder() -> Path:
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation))


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(text)
    return label


class AboutDialog(QDialog):
    def __init__(self, data: ReferenceData, parent: QWidget | None = None,
                 make_settings: SettingsFactory = settings.make_settings,
                 resources: Path | None = None) -> None:
        """Diagnostics name the file ``make_settings`` gives; the licence notices are read
        from ``resources`` (None: the installed resources folder)."""
        super().__init__(parent)
        self._settings = make_settings
        self.setWindowTitle(self.tr("About needleguide"))
        self.setAccessibleName(self.tr("About needleguide"))
        title = _label(f"needleguide {__version__}", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.data_label = _label(
            self.tr("Reference data version {version}, updated {updated}.").format(
                version=data.version, updated=data.updated.isoformat())
            + (f"\n{data.path}" if data.path else ""), self)
        self.disclaimer_label = _label(DISCLAIMER, self)
        bold = self.disclaimer_label.font()
        bold.setBold(True)
        self.disclaimer_label.setFont(bold)
        self.purpose_label = _label(self.tr(
            "An offline dry-needling safety reference: the structures at risk, conditions and "
            "cautions for each body region, every fact with its source and the kind of "
            "evidence behind it. Distances shown are reported in study samples; they are "
            "never a safe depth for your patient."), self)
        self._data = data
        self.licence_label = _label(self.tr("needleguide is free software under the MIT licence. "
                                            "It is built on Qt, PySide6, PyYAML and Python:"),
                                    self)
        self.notices = QPlainTextEdit(self)
        self.notices.setReadOnly(True)
        self.notices.setAccessibleName(self.tr("Licences and third-party notices"))
        self.notices.setPlainText(_notices(resources or paths.resources_dir()))
        self.notices.setMinimumHeight(self.fontMetrics().height() * 8)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        self.copy_button = QPushButton(self.tr("Copy &diagnostics"), self)
        self.copy_button.setToolTip(self.tr("Versions, platform, data file and folders, for "
                                            "a support request"))
        self.copy_button.setAccessibleName(self.tr("Copy diagnostics to the clipboard"))
        self.copy_button.clicked.connect(self.copy_diagnostics)
        self.log_button = QPushButton(self.tr("Open the &log folder"), self)
        self.log_button.setAccessibleName(self.tr("Open the log folder"))
        self.log_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        for widget in (title, self.data_label, self.disclaimer_label, self.purpose_label,
                       self.licence_label, self.notices):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 78)

    def text(self) -> str:
        """Everything the dialog says, for tests and screen readers."""
        return "\n".join([*(label.text() for label in self.findChildren(QLabel)),
                          self.notices.toPlainText()])

    def diagnostics(self) -> str:
        folder = app_data_folder()
        extra = {"Qt": qVersion(), "PySide6": PySide6.__version__,
                 "App data folder": str(folder),
                 "Log": str(folder / "needleguide.log"),
                 "Settings": self._settings().fileName()}
        data_file = Path(self._data.path) if self._data.path else paths.default_data_file()
        return diagnostics(data_file, self._data.version, extra)

    def copy_diagnostics(self) -> str:
        text = self.diagnostics()
        QGuiApplication.clipboard().setText(text)
        self.copy_button.setText(self.tr("Copied \u2714"))
        return text

    def open_log_folder(self) -> bool:
        folder = app_data_folder()
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _notices(resources: Path) -> str:
    try:
        return (resources / NOTICES).read_text(encoding="utf-8")
    except OSError:
        return "The licence notices file is missing from this install; see LICENSE."

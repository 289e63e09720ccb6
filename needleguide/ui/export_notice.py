"""After an export: a status-bar notice that opens the file written or the folder it is in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

from needleguide.core.safe_html import escape

NOTICE_MS = 20_000  # long enough to reach for the mouse


class ExportNotice(QLabel):
    """"Saved FILE — Open it · Open its folder"; hides itself after ``NOTICE_MS``."""

    opened = Signal(str)  # the local path handed to the desktop

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_notice")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self._open)
        self._path: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTICE_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_saved(self, path: Path) -> None:
        self._path = path
        name = escape(str(path))  # a file name is never markup
        self.setText(self.tr('Saved {name} \u2014 <a href="file">Open it</a> \u00b7 '
                             '<a href="folder">Open its folder</a>').format(name=name))
        self.setAccessibleName(self.tr("Saved {path}").format(path=path))
        self.show()
        self._timer.start()

    def path_for(self, link: str) -> Path | None:
        """The file (``file``) or its folder (``folder``) of the last export."""
        if self._path is None:
            return None
        return self._path if link == "file" else self._path.parent

    def _open(self, link: str) -> None:
        target = self.path_for(link)
        if target is not None:
            self.opened.emit(str(target))
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

"""Composition root of the desktop app (placeholder window until the app issue lands)."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(data_file: Path) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from needleguide.core.errors import DataError
    from needleguide.core.loader import load

    app = QApplication.instance() or QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("needleguide")
    try:
        data = load(data_file)
        text = f"{len(data.regions)} regions loaded from {data_file}"
    except DataError as exc:
        text = str(exc)
    label = QLabel(text)
    label.setTextFormat(label.textFormat().PlainText)
    window.setCentralWidget(label)
    window.show()
    return app.exec()

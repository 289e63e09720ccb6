"""Driver for bench_startup: start a window and quit at its first paint.

    python benchmarks/startup_probe.py real [DATA_FILE]   # the real app, through run_app
    python benchmarks/startup_probe.py minimal            # QApplication + QMainWindow + label
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    probe = QuitOnFirstPaint()
    app.installEventFilter(probe)
    if sys.argv[1] == "real":
        from pathlib import Path

        from needleguide import paths
        from needleguide.app import run_app

        return run_app(Path(sys.argv[2]) if len(sys.argv) > 2 else paths.default_data_file())
    window = QMainWindow()
    window.setCentralWidget(QLabel("needleguide"))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

"""Runs the depth check window on the neck with a 40 mm needle until the file named in
argv[1] exists (or 60 s pass): the AT-SPI probe reads it meanwhile."""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from needleguide import paths
from needleguide.core.loader import load
from needleguide.ui.depth_view import DepthWindow

app = QApplication(sys.argv[:1])
app.setApplicationName("needleguide-depth-probe")
window = DepthWindow(load(paths.default_data_file()))
window.view.show_region("neck")
window.view.set_needle(40)
window.show()
done = QTimer()
done.timeout.connect(lambda: os.path.exists(sys.argv[1]) and app.quit())
done.start(100)
QTimer.singleShot(60_000, app.quit)
app.exec()

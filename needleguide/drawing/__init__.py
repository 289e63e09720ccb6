"""What the card and the sheets draw, for the screen and for paper: the pages' HTML
(``pages``, ``muscle_page``) and the depth picture painted on any QPainter (``depth_paint``).

No widgets: the headless PDF sheets draw with it as the app does. It may import core and
QtCore/QtGui, never ``needleguide.ui`` nor ``PySide6.QtWidgets`` (an import-linter contract
in pyproject.toml, and tests/drawing/test_drawing_layer.py for QtWidgets, which import-linter
cannot name).
"""

"""What the card and the sheets draw loads no widget code: the PDF export draws with
needleguide.drawing where QtWidgets cannot run (no display, a headless server). import-linter
checks that drawing imports no needleguide.ui, but it names external packages only whole, so
QtWidgets is checked here, both as written and as loaded."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import needleguide

DRAWING = Path(needleguide.__file__).parent / "drawing"
WIDGET_MODULES = ("PySide6.QtWidgets", "PySide6.QtSvgWidgets", "PySide6.QtPrintSupport")


def _modules() -> list[str]:
    return sorted(f"needleguide.drawing.{p.stem}" for p in DRAWING.glob("*.py")
                  if p.stem != "__init__")


def test_drawing_holds_the_pictures_and_pages():
    assert {"needleguide.drawing.depth_paint", "needleguide.drawing.muscle_page",
            "needleguide.drawing.pages"} <= set(_modules())


def test_no_drawing_module_names_a_widget_module():
    """Also imports inside functions, which loading the modules would not run."""
    found = []
    for path in DRAWING.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""])
            found += [f"{path.name}:{node.lineno}: {n}" for n in names
                      if n.startswith(WIDGET_MODULES) or n.startswith("needleguide.ui")]
    assert not found


def test_loading_every_drawing_module_loads_no_widgets_and_no_ui():
    code = ("import importlib, sys\n"
            f"for name in {_modules()!r}:\n"
            "    importlib.import_module(name)\n"
            f"bad = sorted(m for m in sys.modules if m.startswith({WIDGET_MODULES!r})"
            " or m.startswith('needleguide.ui'))\n"
            "print(bad, file=sys.stderr)\n"
            "sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr

"""The core and the command line never import Qt: they must run where Qt cannot."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import needleguide

PACKAGE = Path(needleguide.__file__).parent


def test_no_module_in_core_imports_qt():
    for path in (PACKAGE / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.startswith(("PySide6", "shiboken6")) for n in names), path


def test_cli_commands_run_without_loading_qt():
    code = ("import sys; from needleguide.cli import main; "
            "rc = [main(a) for a in (['list'], ['show', 'gluteal', '--json'], ['check'], "
            "['depth', 'neck', '--needle', '40'], ['depth', 'upper back', '--json'], "
            "['search', 'warfarin'], ['search', 'short', 'of', 'breath', '--json'])]; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
            "print(rc, bad, file=sys.stderr); sys.exit(1 if bad or any(rc) else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr

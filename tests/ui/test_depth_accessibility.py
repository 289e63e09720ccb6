"""What a screen reader gets from the depth check (issue 22), read over AT-SPI as Orca would:
the table's headers and cells are the picture's content, and the picture describes itself.

Needs Xvfb, a D-Bus session and the system Python's pyatspi (python3-pyatspi, at-spi2-core);
skipped where they are missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from needleguide import paths
from needleguide.core import depth
from needleguide.core.loader import load

HERE = Path(__file__).resolve().parent / "atspi"
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def _have_tools() -> bool:
    if not all(shutil.which(t) for t in ("dbus-run-session", "xvfb-run")):
        return False
    if not (os.path.exists(SYSTEM_PYTHON) and os.path.exists(LAUNCHER)):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"],
                          capture_output=True, timeout=30).returncode == 0


pytestmark = [pytest.mark.atspi, pytest.mark.skipif(not _have_tools(),
                                reason="needs xvfb-run, dbus-run-session, at-spi2-core and "
                                       "python3-pyatspi")]


@pytest.mark.timeout(120)
def test_a_screen_reader_reads_the_table_and_the_pictures_description(tmp_path):
    done = tmp_path / "done"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.update(QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
               PYTHONPATH=str(paths.default_data_file().parent.parent))
    script = (f"{LAUNCHER} --launch-immediately >/dev/null 2>&1 & BUS=$!; "
              f"xvfb-run -a -s '-screen 0 1280x1024x24' {sys.executable} "
              f"{HERE / 'depth_app.py'} {done} >/dev/null 2>&1 & APP=$!; "
              f"{SYSTEM_PYTHON} {HERE / 'probe.py'} {done}; wait $APP; kill $BUS")
    result = subprocess.run(["dbus-run-session", "--", "bash", "-c", script], env=env,
                            capture_output=True, text=True, timeout=110)
    found = json.loads(result.stdout or "{}")
    chart = depth.region_chart(load(paths.default_data_file()).region("neck"))
    tables = [t for t in found.get("tables", []) if t["name"] == "Reported depths as a table"]
    assert tables, result.stdout + result.stderr
    assert tables[0]["headers"] == list(depth.TABLE_HEADERS)
    assert tables[0]["rows"] == [list(row) for row in depth.table_rows(chart, 40)]
    description = found["picture"]
    for figure in chart.figures:
        assert depth.in_mm(figure) in description and figure.sample_label in description
    assert any("40 mm: potentially reached the pleural space in 1 of 15" in label
               for label in found["labels"])

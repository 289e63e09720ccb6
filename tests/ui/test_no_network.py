"""needleguide is offline: using it end to end never creates a socket, from Python or Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import os, socket, sys
from pathlib import Path

def refuse(*args, **kwargs):
    raise AssertionError("needleguide tried to open a network socket")

socket.socket = refuse
socket.create_connection = refuse

from PySide6.QtWidgets import QApplication
from needleguide import app, paths
qapp = QApplication([])
app.set_identity(qapp)
app.setup_logging()
window = app.create_window(paths.default_data_file())
window.show()
for region in window.data.regions:
    window.show_region(region.id)
window.show_structure("sciatic-nerve")
window.search_box.set_query("siatic")
window.show_study()
from needleguide import sheet
sheet.write_pdf(window.data, window.data.region("gluteal"), Path(sys.argv[1]),
                page_size="a4")
qapp.processEvents()
def target(fd):
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # the descriptor listdir itself used
        return ""

sockets = [fd for fd in os.listdir("/proc/self/fd") if target(fd).startswith("socket:")]
print("sockets:", len(sockets))
window.close()
"""


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux /proc")
def test_a_whole_session_opens_no_socket(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "sheet.pdf")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "sockets: 0" in result.stdout
    assert (tmp_path / "sheet.pdf").stat().st_size > 1000

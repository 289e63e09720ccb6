"""The environment a user's machine may have (issue 12, item 8): a non-UTF-8 locale, a
non-ASCII app-data folder, a file name over 255 bytes, no HOME. Each case runs the real
command in a subprocess with that environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL

ROOT = Path(__file__).resolve().parent.parent

# Start the real app (the bare command), let it paint, and quit; optionally with a fake
# password database entry (argv[1]: its home folder) so no real home is ever written to.
APP = r"""
import sys
if len(sys.argv) > 1:
    import pwd
    real = pwd.getpwuid
    class Entry:
        pw_dir = sys.argv[1]
    pwd.getpwuid = lambda uid: Entry()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
qapp = QApplication(["needleguide"])
QTimer.singleShot(0, qapp.quit)
from needleguide import cli
sys.exit(cli.main([]))
"""


@pytest.fixture(scope="session")
def latin1_locale(tmp_path_factory) -> dict[str, str]:
    """An ISO-8859-1 locale, compiled into a temp folder (most machines only have UTF-8 ones)."""
    if shutil.which("localedef") is None:
        pytest.skip("needs localedef to build an ISO-8859-1 locale")
    folder = tmp_path_factory.mktemp("locales")
    made = subprocess.run(["localedef", "-i", "en_US", "-f", "ISO-8859-1",
                           str(folder / "en_US.ISO-8859-1")], capture_output=True, timeout=120)
    if not (folder / "en_US.ISO-8859-1").exists():
        pytest.skip(f"localedef could not build the locale: {made.stderr[-200:]!r}")
    return {"LOCPATH": str(folder), "LC_ALL": "en_US.ISO-8859-1"}


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


ASCII_C = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}  # Python would switch to UTF-8


def locales(request) -> dict[str, str]:
    return ASCII_C if request.param == "C" else request.getfixturevalue("latin1_locale")


@pytest.fixture(params=["C", "ISO-8859-1"])
def locale_env(request) -> dict[str, str]:
    return locales(request)


@pytest.mark.timeout(120)
def test_the_app_starts_with_a_non_ascii_data_folder_under_a_non_utf8_locale(tmp_path,
                                                                            locale_env):
    """It crashed with UnicodeEncodeError in the logging set-up."""
    folder = tmp_path / "dätä"
    env = base_env(tmp_path, XDG_DATA_HOME=str(folder), **locale_env)
    result = subprocess.run([sys.executable, "-c", APP], capture_output=True, env=env,
                            timeout=100, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert b"Traceback" not in result.stderr
    log = os.fsencode(folder) + b"/needleguide/needleguide/needleguide.log"
    assert os.path.isfile(log)  # the very folder the user named, byte for byte


@pytest.mark.timeout(120)
def test_export_writes_the_file_it_reports_under_a_non_utf8_locale(tmp_path, locale_env):
    """It reported one name and wrote another (Qt encodes file names as UTF-8, whatever the
    locale Python decoded them with)."""
    name = os.fsencode(tmp_path) + "/nöck-sheet.pdf".encode("utf-8")
    env = base_env(tmp_path, **locale_env)
    result = subprocess.run([sys.executable, "-m", "needleguide", "--data", os.fsencode(MINIMAL),
                             "export", "top", "-o", name], capture_output=True, env=env,
                            timeout=100)
    assert result.returncode == 0, result.stderr[-3000:]
    assert os.listdir(os.fsencode(tmp_path)) == [os.path.basename(name)]
    assert b"wrote " + name + b" (" in result.stdout


def test_an_output_name_over_255_bytes_is_a_usage_error_with_a_reason(tmp_path):
    target = tmp_path / ("a" * 300 + ".pdf")
    result = subprocess.run([sys.executable, "-m", "needleguide", "--data", str(MINIMAL),
                             "export", "top", "-o", str(target)], capture_output=True,
                            text=True, timeout=100)
    assert result.returncode == 2
    assert result.stderr.startswith(f"needleguide: cannot write {target}: ")
    assert "file name is too long" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.timeout(120)
def test_without_home_the_app_uses_the_home_of_the_password_database(tmp_path):
    """With HOME unset, notes and logs were written under '/'."""
    home = tmp_path / "real-home"
    home.mkdir()
    env = base_env(tmp_path)
    del env["HOME"]
    result = subprocess.run([sys.executable, "-c", APP, str(home)], capture_output=True,
                            text=True, env=env, timeout=100, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (home / ".local/share/needleguide/needleguide/needleguide.log").is_file()


@pytest.mark.timeout(120)
def test_without_any_home_the_app_refuses_to_start_and_says_why(tmp_path):
    env = base_env(tmp_path)
    del env["HOME"]
    result = subprocess.run([sys.executable, "-c", APP, "/"], capture_output=True, text=True,
                            env=env, timeout=100, cwd=tmp_path)
    assert result.returncode == 2
    assert "HOME is not set" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# The File menu's export, answered by a file dialog: Qt hands over names as real characters.
DIALOG = r"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QFileDialog
qapp = QApplication(["needleguide"])
from needleguide.core.loader import load
from needleguide.ui import file_actions
folder = sys.argv[1]  # decoded by Python, as it must be to be this folder
qt_folder = __import__("os").fsencode(folder).decode("utf-8")  # as Qt would spell it
QFileDialog.getSaveFileName = staticmethod(
    lambda *a: (qt_folder + "/sheet-d\u00e4t\u00e4.pdf", ""))
data = load(sys.argv[2])
from needleguide.ui.collaborators import QtFileDialogs
from needleguide.ui.settings import make_settings
written = file_actions.export_pdf(None, QtFileDialogs(make_settings), data, data.regions[0], None)
sys.exit(0 if written else 1)
"""


@pytest.mark.timeout(120)
def test_ctrl_e_writes_the_file_the_dialog_named_under_a_non_utf8_locale(tmp_path, locale_env):
    env = base_env(tmp_path, **locale_env)
    result = subprocess.run([sys.executable, "-c", DIALOG, os.fsencode(tmp_path),
                             os.fsencode(MINIMAL)], capture_output=True, env=env, timeout=100)
    assert result.returncode == 0, result.stderr[-3000:]
    assert os.listdir(os.fsencode(tmp_path)) == ["sheet-dätä.pdf".encode("utf-8")]


@pytest.mark.timeout(120)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("name", ["needleguide.log", "needleguide-crash.log"])
def test_a_fifo_as_the_log_file_does_not_hang_the_start(tmp_path, name):
    folder = tmp_path / "data" / "needleguide" / "needleguide"
    folder.mkdir(parents=True)
    os.mkfifo(folder / name)
    env = base_env(tmp_path, XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", APP], capture_output=True, text=True,
                            env=env, timeout=100, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr

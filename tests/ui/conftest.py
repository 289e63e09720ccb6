"""UI test fixtures. Settings, app data and the log are sandboxed in a session temp dir that
is set up HERE, at import time, before pytest-qt creates the QApplication: tests never touch
the real user's settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

import pytest

SANDBOX = Path(tempfile.mkdtemp(prefix="needleguide-ui-tests-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(SANDBOX / _name.lower())
# QStandardPaths test mode puts app data under $HOME/.qttest, so HOME goes to the sandbox too.
os.environ["HOME"] = str(SANDBOX / "home")

from PySide6.QtCore import QSettings, QStandardPaths  # noqa: E402

QStandardPaths.setTestModeEnabled(True)
for _format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
    QSettings.setPath(_format, QSettings.Scope.UserScope, str(SANDBOX / "settings"))
    QSettings.setPath(_format, QSettings.Scope.SystemScope, str(SANDBOX / "system-settings"))

from needleguide.core.loader import load  # noqa: E402
from needleguide.core.model import ReferenceData  # noqa: E402
from needleguide.store.notes import NotesStore  # noqa: E402
from needleguide.store.study import StudyStore  # noqa: E402
from needleguide.ui import messages, settings  # noqa: E402
from needleguide.ui.main_window import MainWindow  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
UI_DATA = DATA / "ui.yaml"


def user_stores(folder: Path) -> tuple[NotesStore, StudyStore]:
    """The notes store (loaded) and the study store a window is given, in ``folder``."""
    notes = NotesStore(folder)
    assert notes.load().ok
    return notes, StudyStore(folder)


@pytest.fixture(scope="session")
def ui_data() -> ReferenceData:
    return load(UI_DATA)


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Every test starts with empty UI settings (in the sandbox)."""
    store = settings.make_settings()
    assert str(SANDBOX) in store.fileName(), store.fileName()
    store.clear()
    store.sync()
    yield


@pytest.fixture
def presented(monkeypatch: pytest.MonkeyPatch) -> list[messages.Message]:
    """Messages the app would show; no dialog ever blocks a test."""
    shown: list[messages.Message] = []
    monkeypatch.setattr(messages, "present", lambda parent, message: shown.append(message))
    return shown


@pytest.fixture
def make_window(qtbot, presented, tmp_path) -> Callable[..., MainWindow]:  # type: ignore[no-untyped-def]
    """A shown main window whose notes and study history live in this test's own temp
    folder."""

    def _make(data: ReferenceData) -> MainWindow:
        window = MainWindow(data, *user_stores(tmp_path / "notes"))
        qtbot.addWidget(window)
        window.show()
        return window

    return _make


@pytest.fixture
def window(make_window: Callable[..., MainWindow], ui_data: ReferenceData) -> MainWindow:
    return make_window(ui_data)


@pytest.fixture
def ui_text() -> str:
    return UI_DATA.read_text(encoding="utf-8")

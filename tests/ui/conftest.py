"""UI test fixtures. Settings, app data and the log are sandboxed in a session temp dir that
is set up HERE, at import time, before pytest-qt creates the QApplication: tests never touch
the real user's settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

import pytest

SANDBOX = Path(tempfile.mkdtemp(prefix="needleguide-ui-tests-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(SANDBOX / _name.lower())
# QStandardPaths test mode puts app data under $HOME/.qttest, so HOME goes to the sandbox too.
os.environ["HOME"] = str(SANDBOX / "home")

from PySide6.QtCore import (QCoreApplication, QEvent, QSettings,  # noqa: E402
                            QStandardPaths, QTranslator)

QStandardPaths.setTestModeEnabled(True)
for _format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
    QSettings.setPath(_format, QSettings.Scope.UserScope, str(SANDBOX / "settings"))
    QSettings.setPath(_format, QSettings.Scope.SystemScope, str(SANDBOX / "system-settings"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from needleguide import paths  # noqa: E402
from needleguide.core.loader import load  # noqa: E402
from needleguide.core.model import ReferenceData  # noqa: E402
from needleguide.store.notes import NotesStore  # noqa: E402
from needleguide.store.study import StudyStore  # noqa: E402
from needleguide.ui import messages, settings  # noqa: E402
from needleguide.ui.collaborators import PREFETCH_DELAY_MS, Collaborators  # noqa: E402
from needleguide.ui.main_window import MainWindow  # noqa: E402

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

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


@pytest.fixture(autouse=True)
def closed_windows_are_gone() -> Iterator[None]:
    """The windows a test closed are deleted before the next test starts. pytest-qt closes
    them and only schedules their deletion; offscreen Qt does not deactivate a window as it
    hides, so a closed window left alive stayed the application's active window, and the
    next test's key presses went to its focus widget (the depth check's needle box, the main
    window's search box)."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def presented(monkeypatch: pytest.MonkeyPatch) -> list[messages.Message]:
    """Messages the app would show; no dialog ever blocks a test."""
    shown: list[messages.Message] = []
    monkeypatch.setattr(messages, "present", lambda parent, message: shown.append(message))
    return shown


class FakeDialogs:
    """The file and print dialogs as a test answers them. Each save or open dialog takes
    the next answer queued (a path), or is cancelled when none is left; the print dialog
    prints to ``print_to`` as a PDF ("Print to file"), or is cancelled when it is None."""

    def __init__(self) -> None:
        self.save_answers: list[str | Path] = []
        self.open_answers: list[str | Path] = []
        self.print_to: Path | None = None
        self.asked: list[str] = []  # the titles of the dialogs shown, in order

    def answer_save(self, *answers: str | Path) -> None:
        self.save_answers.extend(answers)

    def answer_open(self, *answers: str | Path) -> None:
        self.open_answers.extend(answers)

    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str,
                      filter_: str) -> str:
        self.asked.append(title)
        return str(self.save_answers.pop(0)) if self.save_answers else ""

    def ask_open_path(self, parent: QWidget | None, title: str, filter_: str) -> str:
        self.asked.append(title)
        return str(self.open_answers.pop(0)) if self.open_answers else ""

    def ask_printer(self, parent: QWidget | None) -> QPrinter | None:
        from PySide6.QtPrintSupport import QPrinter

        if self.print_to is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_to))
        return printer


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


def collaborators_for(dialogs: FakeDialogs, resources: Path | None = None,
                       prefetch_delay_ms: int = PREFETCH_DELAY_MS) -> Collaborators:
    """What a test's window is given: the sandboxed settings, ``dialogs``, the shipped
    resources (or ``resources``)."""
    return Collaborators(settings=settings.make_settings, dialogs=dialogs,
                         resources=resources or paths.resources_dir(),
                         prefetch_delay_ms=prefetch_delay_ms)


@pytest.fixture
def collaborators(dialogs: FakeDialogs) -> Collaborators:
    return collaborators_for(dialogs)


@pytest.fixture
def make_window(qtbot, presented, tmp_path,  # type: ignore[no-untyped-def]
                collaborators: Collaborators) -> Callable[..., MainWindow]:
    """A shown main window whose notes and study history live in this test's own temp
    folder, and whose file dialogs are answered by the ``dialogs`` fixture."""

    def _make(data: ReferenceData) -> MainWindow:
        window = MainWindow(data, *user_stores(tmp_path / "notes"), collaborators)
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


class ContextMarker(QTranslator):
    """Translates every string to 'context|source' (with %n filled in), so a test sees which
    strings reached the translator and under which context."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"{context}|{source}".replace("%n", str(n))


@pytest.fixture
def marked(qapp: QApplication) -> Iterator[None]:
    """Every string the app translates comes out as 'context|source' during the test."""
    marker = ContextMarker(qapp)
    qapp.installTranslator(marker)
    try:
        yield
    finally:
        qapp.removeTranslator(marker)

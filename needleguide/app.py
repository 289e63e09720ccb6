"""Composition root of the desktop app: identity, logging, error hooks, data, main window."""

from __future__ import annotations

import faulthandler
import gc
import linecache
import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import (QEvent, QLocale, QMessageLogContext, QObject, QSize, QtMsgType,
                            QTimer, qInstallMessageHandler)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from needleguide import __version__, paths
from needleguide.core import safe_io
from needleguide.core.errors import DataError
from needleguide.data_cache import load_cached
from needleguide.ui import messages, settings
from needleguide.ui.collaborators import Collaborators, QtFileDialogs
from needleguide.ui.main_window import MainWindow

if TYPE_CHECKING:
    from needleguide.store.notes import NotesStore
    from needleguide.store.study import StudyStore

EXIT_INVALID_DATA, EXIT_USAGE = 1, 2
COLLECTOR_OFF_AT_MOST_MS = 5000
LOG_NAME = "needleguide.log"
CRASH_LOG_NAME = "needleguide-crash.log"
log = logging.getLogger("needleguide")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


# The desktop identity: the launcher entry resources/APP_ID.desktop, its icons and metainfo
# (installed per user by packaging/install-desktop.sh), the Windows AppUserModelID.
APP_ID = "io.github.needleguide.NeedleGuide"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMOKE_TEST = "NEEDLEGUIDE_SMOKE_TEST"  # set by .ci/run: start, paint, say so and quit


def set_identity(app: QApplication) -> None:
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("needleguide")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    icon = QIcon()  # files are read when the icon is first drawn, not here
    for size in ICON_SIZES:
        icon.addFile(str(paths.resources_dir() / "icons" / f"needleguide-{size}.png"),
                     QSize(size, size))
    app.setWindowIcon(icon)
    if sys.platform == "win32":  # group the taskbar button under our icon, not python.exe's
        import ctypes
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_ID)


def setup_logging() -> Path | None:
    """Log to needleguide.log in the app data folder (``paths.app_data_dir``: computed by
    Python, so a non-ASCII folder under a non-UTF-8 locale is the folder the user named)."""
    try:
        folder = paths.app_data_dir()
    except paths.AppDataError as exc:
        print(f"needleguide: {exc}", file=sys.stderr)
        return None
    path = folder / LOG_NAME
    if any(isinstance(h, logging.FileHandler) for h in log.handlers):
        return path
    problem = safe_io.write_target_problem(path)  # appending to a FIFO would wait forever
    if problem:
        print(f"needleguide: not writing the log file {path}: {problem}", file=sys.stderr)
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        rotate_log(path)
        # Paths in messages may hold undecodable bytes (as surrogates): never a logging error.
        handler = logging.FileHandler(path, encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        print(f"needleguide: cannot write the log file {path}: {exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    enable_crash_log(path.with_name(CRASH_LOG_NAME))
    return path


_crash_log: IO[str] | None = None  # kept open for the life of the process


def enable_crash_log(path: Path) -> bool:
    """A hard crash (segfault, abort) writes the Python stacks of every thread to ``path``,
    where a normal traceback could never be logged."""
    global _crash_log
    if _crash_log is not None:
        return True
    problem = safe_io.write_target_problem(path)
    if problem:
        log.warning("No crash log at %s: %s", path, problem)
        return False
    try:
        _crash_log = open(path, "a", encoding="utf-8")  # noqa: SIM115 - must stay open
    except OSError as exc:
        log.warning("No crash log at %s: %s", path, exc)
        return False
    faulthandler.enable(_crash_log, all_threads=True)
    return True


def rotate_log(path: Path, keep: int = 2, limit: int = 1_000_000) -> None:
    """Start a fresh log once it passes ``limit`` bytes, keeping ``keep`` old ones. Done once
    at start-up (logging.handlers would cost 11 ms of imports before the first paint)."""
    if not path.exists() or path.stat().st_size < limit:
        return
    for n in range(keep, 0, -1):
        older = path.with_name(f"{path.name}.{n}")
        newer = path.with_name(f"{path.name}.{n - 1}") if n > 1 else path
        if newer.exists():
            newer.replace(older)


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to our log instead of vanishing on a desktop without a console."""
    logging.getLogger("needleguide.qt").log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def install_excepthook(parent: Callable[[], QWidget | None]) -> ExceptHook:
    """Route uncaught exceptions (including those in slots) to the log and the user; the app
    keeps running. Returns the hook it replaced."""
    previous = sys.excepthook
    busy = False

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal busy
        if issubclass(exc_type, KeyboardInterrupt) or busy:
            previous(exc_type, exc, tb)
            return
        busy = True
        try:
            messages.show_exception(parent(), exc_type, exc, tb)
        except Exception:  # never let the hook itself take the app down
            previous(exc_type, exc, tb)
        finally:
            busy = False

    sys.excepthook = hook
    return previous


def open_stores(app_data: Path) -> tuple[NotesStore, StudyStore]:
    """The user's notes and study history in the folder ``app_data``, not read yet."""
    from needleguide.store.notes import NotesStore  # sqlite3: 6 ms, so after the data
    from needleguide.store.study import StudyStore

    return NotesStore(app_data), StudyStore(app_data)


def default_collaborators() -> Collaborators:
    """What the main window is given in the app: the user's settings file, Qt's file and
    print dialogs, the installed resources folder."""
    return Collaborators(settings=settings.make_settings,
                         dialogs=QtFileDialogs(settings.make_settings),
                         resources=paths.resources_dir())


def create_window(data_file: Path, app_data: Path | None = None) -> MainWindow | None:
    """Load the data and build the window; on invalid data tell the user and return None.
    ``app_data`` is the folder of the user's notes and study history (None: the app-data
    folder, ``paths.app_data_dir``: not Qt's spelling, see there)."""
    missing = paths.missing_shipped_data(data_file)
    if missing:
        messages.show_error(None, "The reference data is missing.", missing[0].upper() +
                            missing[1:] + ".")
        return None
    try:
        data = load_cached(data_file)
    except DataError as exc:
        messages.show_data_error(None, exc)
        return None
    log.info("Loaded %s (data %s, %d regions)", data_file, data.version, len(data.regions))
    window: MainWindow | None = None
    notes, study = open_stores(app_data if app_data is not None else paths.app_data_dir())
    loaded = notes.load()
    if not loaded.ok:
        # Shown once the window is up, so the message has a parent and the user a context.
        QTimer.singleShot(0, lambda: messages.show_error(
            window, "Some of your notes could not be read.", loaded.problem))
    window = MainWindow(data, notes, study, default_collaborators())
    from needleguide.provenance import provenance

    window.set_data_warning(provenance(data_file).warning(data.version))
    return window


def run_app(data_file: Path, argv: Sequence[str] | None = None) -> int:
    try:  # with no home at all, refuse rather than write notes and logs under '/'
        paths.app_data_dir()
    except paths.AppDataError as exc:
        print(f"needleguide: {exc}", file=sys.stderr)
        return EXIT_USAGE
    paths.settle_home()  # HOME unset: Qt's own folders (settings) follow the real home too
    # PySide6 reads the source of every module imported after it (looking for `__feature__`
    # switches) and leaves it in linecache: ~4 MB nobody needs once start-up imports are done.
    linecache.clearcache()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        list(argv if argv is not None else sys.argv))
    set_identity(app)
    setup_logging()
    if QLocale.system().language() not in (QLocale.Language.C, QLocale.Language.English):
        # before any window: strings are translated as widgets are made. English and C
        # (the source strings) do not even import the module.
        from needleguide.ui.translations import install_translators
        install_translators(app)
    qInstallMessageHandler(qt_message_handler)
    window: MainWindow | None = None
    install_excepthook(lambda: window if window is not None else app.activeWindow())
    window = create_window(data_file)
    if window is None:
        return EXIT_INVALID_DATA
    window.show()
    _after_first_paint(window, _resume_collector)
    QTimer.singleShot(COLLECTOR_OFF_AT_MOST_MS, _resume_collector)  # should no paint come
    # Ask for keyboard focus: window managers usually give it, but without one (kiosk, a
    # bare X server) the window would never become active and no shortcut would work.
    window.activateWindow()
    if os.environ.get(SMOKE_TEST):
        _quit_when_started(app, window)
    return app.exec()


def _quit_when_started(app: QApplication, window: MainWindow) -> None:
    """For the built bundle's check in CI: once the window has painted and finished its
    deferred start-up work, say so and quit (exit 0)."""
    def poll() -> None:
        if window.start_finished():
            print("needleguide: the window opened and painted", flush=True)
            app.quit()
        else:
            QTimer.singleShot(50, poll)
    QTimer.singleShot(0, poll)


def _resume_collector() -> None:
    """The command turns the cyclic garbage collector off for start-up (cli.open_app). Once
    the window has painted, everything made so far is kept for the life of the app: freeze
    it (later collections skip it) and collect as usual from now on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class _FirstPaint(QObject):
    """Calls ``then`` once, on the event-loop turn after ``window``'s first paint."""

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def _after_first_paint(window: QWidget, then: Callable[[], object]) -> None:
    _FirstPaint(window, then)

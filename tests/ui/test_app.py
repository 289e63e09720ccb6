"""Start-up and error handling: bad data gets a clear dialog, surprises never crash."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal

from needleguide import app
from needleguide.ui import messages
from needleguide.ui.main_window import MainWindow

from .conftest import SANDBOX


def test_invalid_data_shows_file_line_and_problem(presented, write, ui_text: str) -> None:
    path = write(ui_text.replace("view: front", "view: sideways"))
    assert app.create_window(path) is None
    [message] = presented
    assert str(path) in message.headline
    line = ui_text.splitlines().index("    view: front") + 1
    assert f"Line {line}" in message.advice and "sideways" in message.advice
    assert message.critical


def test_invalid_data_exits_cleanly_with_code_1(presented, write, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app, "qInstallMessageHandler", lambda handler: None)
    monkeypatch.setattr(app, "setup_logging", lambda: None)
    assert app.run_app(write("regions: [")) == app.EXIT_INVALID_DATA
    assert len(presented) == 1 and "is not valid" in presented[0].headline


def test_a_missing_data_file_is_reported_not_raised(presented, tmp_path: Path) -> None:
    assert app.create_window(tmp_path / "nope.yaml") is None
    assert "nope.yaml" in presented[0].headline


class _Emitter(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_and_the_app_keeps_running(
        presented, window: MainWindow, monkeypatch, caplog) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_excepthook(lambda: window)
    emitter = _Emitter()

    def broken_slot() -> None:
        raise RuntimeError("slot exploded")

    emitter.fired.connect(broken_slot)
    with caplog.at_level(logging.ERROR, logger="needleguide"):
        emitter.fired.emit()
    assert presented and "slot exploded" in presented[0].headline
    assert "still running" in presented[0].advice
    assert "RuntimeError: slot exploded" in caplog.text
    window.show_structure("sciatic-nerve")  # the window still works
    assert window.current_page == ("structure", "sciatic-nerve")


def test_errors_are_logged_to_a_file_in_app_data(presented) -> None:
    path = app.setup_logging()
    try:
        assert path is not None and str(SANDBOX) in str(path)
        messages.show_error(None, "Headline for the log", "Advice.")
        for handler in logging.getLogger("needleguide").handlers:
            handler.flush()
        assert "Headline for the log" in path.read_text(encoding="utf-8")
    finally:
        import faulthandler

        assert sys.__stderr__ is not None
        faulthandler.enable(file=sys.__stderr__)  # hand crash reports back to pytest
        logger = logging.getLogger("needleguide")
        for handler in list(logger.handlers):
            if isinstance(handler, logging.FileHandler):
                logger.removeHandler(handler)
                handler.close()


def test_qt_warnings_go_to_the_log(caplog) -> None:
    from PySide6.QtCore import QtMsgType
    with caplog.at_level(logging.WARNING, logger="needleguide.qt"):
        app.qt_message_handler(QtMsgType.QtWarningMsg, None, "a qt warning")  # type: ignore
    assert "a qt warning" in caplog.text


def test_an_oversized_log_is_rotated_at_start_up(tmp_path: Path) -> None:
    log_file = tmp_path / "needleguide.log"
    log_file.write_text("x" * 2_000)
    (tmp_path / "needleguide.log.1").write_text("older")
    app.rotate_log(log_file, keep=2, limit=1_000)
    assert not log_file.exists()
    assert (tmp_path / "needleguide.log.1").read_text() == "x" * 2_000
    assert (tmp_path / "needleguide.log.2").read_text() == "older"


def test_a_hard_crash_leaves_the_python_stacks_in_the_crash_log(tmp_path: Path) -> None:
    """A segfault cannot be caught; faulthandler still writes where it happened."""
    import os
    import subprocess

    code = ("import faulthandler, sys; from PySide6.QtWidgets import QApplication; "
            "from needleguide import app; qapp = QApplication([]); app.set_identity(qapp); "
            "path = app.setup_logging(); print(path, flush=True); faulthandler._sigsegv()")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path),
               HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode != 0
    log_path = Path(result.stdout.strip().splitlines()[0])
    crash = log_path.with_name(app.CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert "Segmentation fault" in crash and "File" in crash


@pytest.mark.timeout(60)
def test_the_command_collects_garbage_again_once_its_window_has_painted(
        presented, monkeypatch, qapp, qtbot) -> None:
    """The bare command turns the cyclic collector off for start-up (it would only rescan
    objects the app keeps); it must come back on once the window is up, or a long session
    would never free a cycle. What start-up made is frozen, so later collections skip it."""
    import gc

    from PySide6.QtWidgets import QApplication

    from needleguide import cli, paths

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(app, "qInstallMessageHandler", lambda handler: None)
    monkeypatch.setattr(app, "setup_logging", lambda: None)
    monkeypatch.setattr(qapp, "exec", lambda: 0)  # the test's own event loop runs the window
    gc.unfreeze()
    try:
        assert cli.open_app(paths.default_data_file()) == 0
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                    and w.isVisible()]
        qtbot.addWidget(window)
        qtbot.waitUntil(gc.isenabled)
        assert gc.get_freeze_count() > 0
        qtbot.waitUntil(window.start_finished)
    finally:
        gc.unfreeze()
        gc.enable()

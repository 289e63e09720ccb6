"""Driver for bench_startup: start a window and report its first frame.

    python benchmarks/startup_probe.py real [--data FILE]  # the app, as the command starts it
    python benchmarks/startup_probe.py minimal            # QApplication + QMainWindow + label

When the main window has painted (the paint cycle that starts with its first Paint event has
finished, children included), the probe prints ``first-frame <monotonic seconds> <peak RSS
KiB> <CPU seconds used so far>``; then, once the app has done what it deferred past its first paint (map figures,
icons, search index: ``MainWindow.start_finished``) and painted it, ``finished <monotonic
seconds>``, and quits. Shutting down is not counted, for either window.

In "real" mode the import order is the installed command's: the Qt-free CLI first, then Qt.
"""

from __future__ import annotations

import sys


def quit_on_first_paint():  # type: ignore[no-untyped-def]
    """An application that reports and quits after its main window's first paint.

    The event filter goes on the main window alone, on the event loop's first turn (before
    anything is painted). An application-wide Python filter would see every event of every
    object, and wrapping each internal Qt object for Python (scroll bars, line controls...)
    would charge the bigger window for work it never does without the probe."""
    import os
    import resource
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    def report_and_quit() -> None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime  # less sensitive than wall time to a busy machine
        print(f"first-frame {time.monotonic():.6f} {usage.ru_maxrss} {cpu:.6f}", flush=True)
        wait_until_finished()

    def wait_until_finished() -> None:
        """The real app defers some work past its first paint: report when that is done
        (and painted) too. The minimal window has nothing left to do."""
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
        finished = getattr(windows[0], "start_finished", None) if windows else None
        if finished is None or finished():
            # one more turn of the event loop paints what the deferred work changed
            QTimer.singleShot(0, lambda: (print(f"finished {time.monotonic():.6f}",
                                                flush=True), QTimer.singleShot(linger, quit_)))
        else:
            QTimer.singleShot(1, wait_until_finished)

    class QuitOnFirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                # A zero timer runs once this paint cycle (the children's too) is done.
                QTimer.singleShot(0, report_and_quit)
            return False

    # Stay on screen a while after the first frame, so that an outside watcher
    # (bench_startup_x.py) can grab the pixels: NEEDLEGUIDE_PROBE_LINGER_MS, default 0.
    linger = int(os.environ.get("NEEDLEGUIDE_PROBE_LINGER_MS", "0"))
    quit_ = QApplication.quit
    app = QApplication(sys.argv[:1])
    probe = QuitOnFirstPaint(app)

    def watch_main_window() -> None:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
        if not windows:
            sys.exit("startup_probe: no main window was shown")
        windows[0].installEventFilter(probe)

    QTimer.singleShot(0, watch_main_window)
    return app


def main() -> int:
    if sys.argv[1] == "real":
        from needleguide.cli import main as needleguide_main
        import needleguide.app  # noqa: F401 - what the command imports next, before Qt is up

        quit_on_first_paint()
        return needleguide_main(sys.argv[2:])
    from PySide6.QtWidgets import QLabel, QMainWindow

    app = quit_on_first_paint()
    window = QMainWindow()
    window.setCentralWidget(QLabel("needleguide"))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())

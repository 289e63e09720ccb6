"""The one path for user-facing errors: a headline plus what to do next, always logged.

Widgets call ``show_error``, ``show_data_error`` or ``show_exception``; only ``present``
shows a box, so tests patch ``needleguide.ui.messages.present``.
"""

from __future__ import annotations

import logging
import traceback
from typing import NamedTuple
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from needleguide.core.errors import DataError

log = logging.getLogger("needleguide")


class Message(NamedTuple):
    headline: str
    advice: str
    details: str = ""
    critical: bool = False


def log_location() -> str:
    """Where the log file is, for telling the user (empty if logging goes nowhere)."""
    for logger in (log, logging.getLogger()):
        for handler in logger.handlers:
            if isinstance(handler, logging.FileHandler):
                return handler.baseFilename
    return ""


def present(parent: QWidget | None, message: Message) -> None:
    """Show the message in a modal box. Everything is plain text, never HTML."""
    # First use only: keeps start-up lean (the Qt namespace's enums take 11 ms to make).
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical if message.critical else QMessageBox.Icon.Warning)
    box.setWindowTitle("needleguide")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{message.headline}\n\n{message.advice}")
    if message.details:
        box.setDetailedText(message.details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName(message.headline)
    box.exec()


def show_error(parent: QWidget | None, headline: str, advice: str, details: str = "",
               critical: bool = False) -> None:
    log.error("%s %s%s", headline, advice, f"\n{details}" if details else "")
    present(parent, Message(headline, advice, details, critical))


def show_data_error(parent: QWidget | None, error: DataError) -> None:
    """The data file is invalid: name the file, the line and the problem."""
    first = error.first
    more = len(error.problems) - 1
    advice = (QCoreApplication.translate("messages", "Line {line}, column {col}: {problem}")
              .format(line=first.line, col=first.col, problem=first.message) + "\n\n"
              + ((QCoreApplication.translate("messages", "(1 more problem in the details.)")
                  if more == 1 else
                  QCoreApplication.translate("messages", "({n} more problems in the details.)")
                  .format(n=more)) + "\n\n" if more else "")
              + QCoreApplication.translate(
                  "messages", "Fix the file (check it with: needleguide check {file}) or "
                  "reinstall needleguide, then start it again.").format(file=first.file))
    show_error(parent, QCoreApplication.translate("messages", "The data file {file} is not "
                                                  "valid.").format(file=first.file),
               advice, str(error), critical=True)


def show_exception(parent: QWidget | None, exc_type: type[BaseException],
                   exc: BaseException, tb: TracebackType | None) -> None:
    """An unexpected error: log it with its traceback and tell the user the app goes on."""
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Unexpected error\n%s", details)
    where = log_location()
    advice = (QCoreApplication.translate("messages",
                                         "needleguide is still running; you can carry on.")
              + " " + (QCoreApplication.translate(
                  "messages", "The details were written to {where}.").format(where=where) + " "
                  if where else "")
              + QCoreApplication.translate(
                  "messages", "If this happens again, please report it with those details."))
    headline = QCoreApplication.translate("messages", "Something went wrong: {error}").format(
        error=f"{exc_type.__name__}: {exc}")
    present(parent, Message(headline, advice, details))


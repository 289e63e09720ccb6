"""The one factory for QSettings: UI state only (geometry, splitters, last page).

Clinical data never goes into settings. Tests redirect the file with
``QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)``.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings

from needleguide import paths
from needleguide.core import safe_io

ORGANISATION = paths.ORGANISATION
APPLICATION = paths.APPLICATION

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
CARD_SPLITTER = "window/card_splitter"
PRINT_NOTES = "print/include_notes"
FOLDED = "card/folded"            # comma-separated section keys folded on region cards
PALETTE = "view/palette"          # system, light or dark
ZOOM = "view/zoom"                # text zoom steps, 0 = the system size
EXPORT_FOLDER = "export/folder"   # where the last export was saved
PAGE = "navigation/page"
STUDY_REGIONS = "study/regions"   # comma-separated region ids; empty: all regions
STUDY_COUNT = "study/count"

SettingsFactory = Callable[[], QSettings]  # make_settings, or a test's own

_scratch: str | None = None  # this session's settings file when the real one is unusable


def make_settings() -> QSettings:
    """An INI file in the user scope (on Linux under $XDG_CONFIG_HOME/needleguide/).

    QSettings reads its file as it is created: a FIFO there would hang the app and a device
    would be read without end, so such a file is left alone and this session's UI state
    goes to a temporary file instead (it is not kept)."""
    global _scratch
    problem = _unusable_file()
    if problem or _scratch:
        if _scratch is None:
            logging.getLogger("needleguide").warning("Window settings are not kept: %s",
                                                     problem)
            _scratch = str(Path(tempfile.mkdtemp(prefix="needleguide-settings-"))
                           / "needleguide.ini")
        return QSettings(_scratch, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION,
                     APPLICATION)


def _unusable_file() -> str:
    """Why the settings file where Qt looks for it on Linux cannot be used, or ''."""
    if sys.platform in ("win32", "darwin"):
        return ""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):
        home = paths.home_dir()
        if home is None:
            return ""
        base = str(home / ".config")
    path = os.path.join(base, ORGANISATION, APPLICATION + ".ini")
    problem = safe_io.write_target_problem(path)
    return f"{path}: {problem}" if problem else ""

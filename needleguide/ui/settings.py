"""The one factory for QSettings: UI state only (geometry, splitters, last page).

Clinical data never goes into settings. Tests redirect the file with
``QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)``.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "needleguide"
APPLICATION = "needleguide"

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
CARD_SPLITTER = "window/card_splitter"
CARD_RECT = "window/card_rect"    # where the card was in the window: the next first frame
PRINT_NOTES = "print/include_notes"
PAGE = "navigation/page"
STUDY_REGIONS = "study/regions"   # comma-separated region ids; empty: all regions
STUDY_COUNT = "study/count"


def make_settings() -> QSettings:
    """An INI file in the user scope (on Linux under $XDG_CONFIG_HOME/needleguide/)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION,
                     APPLICATION)

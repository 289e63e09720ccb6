"""Ready for translation (issue 16, item 5): Qt's own strings follow the user's language, the
app's strings reach a translator under the context lupdate extracts them with, and dates and
numbers on screen are written the locale's way."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from needleguide.core.study_progress import RegionProgress
from needleguide.ui import translations
from needleguide.ui.note_versions import when
from needleguide.ui.shortcuts_dialog import ShortcutsDialog
from needleguide.ui.study_progress_view import StudyProgressView, mastered_text, review_text

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.fixture
def german_default() -> Iterator[None]:
    QLocale.setDefault(GERMAN)
    try:
        yield
    finally:
        QLocale.setDefault(QLocale.system())


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    try:
        yield qapp
    finally:
        translations.remove_translators(qapp)


def test_qt_standard_buttons_speak_the_users_language(app: QApplication) -> None:
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (qt_folder / "qtbase_de.qm").exists():
        pytest.skip("this Qt has no qtbase_de.qm")
    loaded = translations.install_translators(app, GERMAN)
    assert any(Path(f).name == "qtbase_de.qm" for f in loaded)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text() == "Schließen"


@pytest.mark.parametrize("locale", [QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
                                    QLocale.c()])
def test_nothing_is_loaded_for_english_or_c(app: QApplication, locale: QLocale) -> None:
    """The source strings are English: start-up loads no file for an English or C locale."""
    assert translations.install_translators(app, locale) == []
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text() == "Close"


class _Marker(QTranslator):
    """A translator for every string: 'context|source', so a test sees which reached it."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"{context}|{source}"


def test_app_strings_reach_the_translator_under_their_class(app: QApplication) -> None:
    marker = _Marker(app)
    app.installTranslator(marker)
    try:
        dialog = ShortcutsDialog([])
        progress = StudyProgressView()
        assert dialog.windowTitle() == "ShortcutsDialog|Keyboard shortcuts"
        assert ("ShortcutsDialog|Escape", "ShortcutsDialog|Close the study window or a dialog") \
            in dialog.rows()
        assert progress.model().headerData(0, progress.horizontalHeader().orientation()) \
            == "ProgressModel|Region"
        assert QCoreApplication.translate("messages", "x") == "messages|x"
    finally:
        app.removeTranslator(marker)


def test_counts_on_screen_follow_the_locale(german_default: None) -> None:
    row = RegionProgress("neck", "Neck", total=12345, mastered=1234, learning=0, due=2000,
                         missed=0)
    assert mastered_text(row) == "1.234 of 12.345 mastered"
    assert review_text(row).startswith("2.000 due")


def test_note_times_follow_the_locale(german_default: None) -> None:
    shown = when("2026-03-04T12:06:00+00:00")
    assert "04.03.26" in shown, shown  # German short date: day.month.year
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert "3/4/26" in when("2026-03-04T12:06:00+00:00")

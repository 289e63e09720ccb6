"""Translations at start-up: Qt's own (standard buttons, context menus, file dialogs) for the
user's locale, and needleguide's from resources/translations/needleguide_<locale>.qm when one
exists. Nothing is loaded for English or the C locale: the source strings are English.

The user-visible strings of ``needleguide.ui`` go through ``self.tr`` or
``QCoreApplication.translate``; ``make translations-template`` extracts them with lupdate.
Clinical content (the reference data) stays English.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from needleguide import paths

log = logging.getLogger("needleguide")
APP_CATALOGUE = "needleguide"
_installed: list[QTranslator] = []  # installed translators must stay alive


def translations_dir() -> str:
    return str(paths.resources_dir() / "translations")


def needs_translation(locale: QLocale) -> bool:
    return locale.language() not in (QLocale.Language.C, QLocale.Language.English,
                                     QLocale.Language.AnyLanguage)


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Load and install Qt's and the app's translations for ``locale`` (the system's by
    default); the files loaded (none for English or C, or where a file does not exist)."""
    locale = locale if locale is not None else QLocale.system()
    if not needs_translation(locale):
        return []
    loaded = []
    for catalogue, folder in (
            ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            (APP_CATALOGUE, translations_dir())):
        translator = QTranslator(app)
        # load(locale, ...) tries de_DE, then de, for each of the locale's UI languages
        if translator.load(locale, catalogue, "_", folder) and app.installTranslator(translator):
            _installed.append(translator)
            loaded.append(translator.filePath())
        else:
            log.info("No %s translation for %s in %s", catalogue, locale.name(), folder)
    return loaded


def remove_translators(app: QCoreApplication) -> None:
    """Undo ``install_translators`` (for tests)."""
    while _installed:
        app.removeTranslator(_installed.pop())

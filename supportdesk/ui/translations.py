"""The Qt side of translations: the language chosen for this run, in every widget.

At start-up (``install(app)``, before the first window) the language is picked as the
command line picks it (services/language_choice.py: ``SUPPORTDESK_LANGUAGE``, the
choice in Settings > Appearance, the system's), then installed for Qt:

- Qt's own ``qtbase_<lang>.qm`` (standard buttons and dialogs) from PySide6's folder,
- the app's ``supportdesk_<lang>.qm`` (every ``tr()`` in ui/) from resources/translations,
- ``QLocale.setDefault``, so QDate/QLocale formatting and the layout direction follow.

With ``SUPPORTDESK_LANGUAGE=pseudo`` a ``PseudoTranslator`` (ui/pseudo_translator.py)
turns every string Qt translates into its pseudo form, for the layout tests.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from supportdesk.core import i18n
from supportdesk.resources import resource_path

APP_CATALOG = "supportdesk"
QT_CATALOG = "qtbase"
INSTALLED = "supportdesk_language"


def qt_translations_dir() -> Path:
    """Where PySide6 keeps Qt's own .qm files (also inside the frozen app)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if folder.is_dir():
        return folder
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


def install(app: QCoreApplication) -> str:
    """Pick this run's language, install its translators on ``app``; the language.
    Once per application: a second call (tests, the demo) keeps what is installed."""
    from supportdesk.services.language_choice import start_language

    installed = app.property(INSTALLED)
    if isinstance(installed, str):
        return installed
    system = QLocale.system()
    language = start_language(system.uiLanguages())
    app.setProperty(INSTALLED, language)
    # English on an English (or unset, "C") system keeps the system's own formats.
    if language != i18n.SOURCE_LANGUAGE or system.language() not in (
            QLocale.Language.English, QLocale.Language.C):
        QLocale.setDefault(QLocale(i18n.current_locale()))
    for translator in translators(language, app):
        app.installTranslator(translator)
    return language


def translators(language: str, parent: QObject) -> list[QTranslator]:
    """The loaded translators for ``language`` (none for English)."""
    if language == i18n.PSEUDO:
        from supportdesk.ui.pseudo_translator import PseudoTranslator  # only then

        return [PseudoTranslator(parent)]
    found: list[QTranslator] = []
    if language == i18n.SOURCE_LANGUAGE:
        return found
    for name, folder in ((QT_CATALOG, qt_translations_dir()),
                         (APP_CATALOG, resource_path("translations"))):
        translator = QTranslator(parent)
        if translator.load(f"{name}_{language}", str(folder)):
            found.append(translator)
        else:
            translator.deleteLater()
    return found

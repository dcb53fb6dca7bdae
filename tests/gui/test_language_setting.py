"""Settings > Appearance > Language, and the Qt side of the chosen language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from supportdesk.core import i18n
from supportdesk.services import language_choice
from supportdesk.ui import translations
from supportdesk.ui.appearance import AppearanceTab
from supportdesk.ui.context import AppContext
from supportdesk.ui.language_setting import LanguageBox


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "config"
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(folder))
    yield folder
    i18n.activate("en")


def test_the_language_is_chosen_in_appearance_and_kept_for_the_next_start(
        ctx: AppContext, qtbot: QtBot, config: Path) -> None:
    tab = AppearanceTab(ctx)
    qtbot.addWidget(tab)
    box = tab.findChild(LanguageBox)
    assert box is not None
    combo = box.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Follow the system", "Deutsch", "English", "Español", "Français"]
    assert combo.currentIndex() == 0
    assert any(label.text() == "Applies the next time SupportDesk starts."
               for label in box.findChildren(QLabel))
    combo.setCurrentIndex(combo.findText("Français"))
    assert language_choice.chosen_language() == "fr"
    again = LanguageBox()
    qtbot.addWidget(again)
    assert again.combo.currentText() == "Français"  # as kept
    again.combo.setCurrentIndex(0)
    assert language_choice.chosen_language() is None


@pytest.fixture
def translators() -> Iterator[list[object]]:
    """Translators installed by a test, removed after it (the app is shared)."""
    installed: list[object] = []
    yield installed
    app = QCoreApplication.instance()
    assert app is not None
    for translator in installed:
        app.removeTranslator(translator)  # type: ignore[arg-type]
    QLocale.setDefault(QLocale.c())


def test_german_installs_qts_own_and_the_apps_translations(
        qtbot: QtBot, translators: list[object]) -> None:
    app = QApplication.instance()
    assert app is not None
    loaded = translations.translators("de", app)
    assert len(loaded) == 2  # qtbase_de and supportdesk_de
    for translator in loaded:
        app.installTranslator(translator)
        translators.append(translator)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    box = LanguageBox()
    qtbot.addWidget(box)
    assert box.title() == "Sprache"
    assert box.combo.itemText(0) == "Wie im System eingestellt"
    assert translations.translators("en", app) == []


def test_the_pseudo_translator_brackets_qt_and_app_strings(
        qtbot: QtBot, translators: list[object]) -> None:
    app = QApplication.instance()
    assert app is not None
    (pseudo,) = translations.translators("pseudo", app)
    app.installTranslator(pseudo)
    translators.append(pseudo)
    box = LanguageBox()
    qtbot.addWidget(box)
    assert box.title().startswith("[Ĺàñĝüàĝé")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().startswith("[")
    assert QCoreApplication.translate("Ctx", "%n day(s)", "", 3).startswith("[3 ")


def test_the_app_starts_in_the_systems_language_with_qts_locale_to_match(
        tmp_path: Path) -> None:
    """A fresh start with the system in German: gettext, Qt's strings and QLocale agree."""
    import os
    import subprocess
    import sys

    code = """if True:
        from PySide6.QtCore import QCoreApplication, QLocale
        from supportdesk import app
        from supportdesk.core import i18n
        from supportdesk.services.reminders import away_notice
        qapp = app._make_app()
        print(i18n.current_language(), QLocale().name(), away_notice([], True).title)
        print(QCoreApplication.translate("LanguageBox", "Language"))
        print(QCoreApplication.translate("QPlatformTheme", "Cancel"))
    """
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(repo), *sys.path]),
           "LANG": "de_DE.UTF-8", "SUPPORTDESK_CONFIG_DIR": str(tmp_path),
           "QT_QPA_PLATFORM": "offscreen"}
    for name in ("SUPPORTDESK_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout.splitlines()
    assert out == ["de de_DE Während du weg warst", "Sprache", "Abbrechen"]

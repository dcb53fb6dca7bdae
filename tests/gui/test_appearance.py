"""Settings > Appearance: light, dark or as the system says, at once and at the next start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk.ui import theme
from supportdesk.ui.appearance import AppearanceTab
from supportdesk.ui.context import AppContext


@pytest.fixture
def app_look() -> Iterator[QApplication]:
    """The application's look as it was, put back after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_palette, old_sheet, old_style = app.palette(), app.styleSheet(), app.style().name()
    made: list[theme.Theme] = []
    original = theme.Theme.__init__

    def noting(self: theme.Theme, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append(self)

    theme.Theme.__init__ = noting  # type: ignore[method-assign]
    try:
        yield app
    finally:
        theme.Theme.__init__ = original  # type: ignore[method-assign]
        for look in made:
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(
                look._on_color_scheme_changed)
            look.setParent(None)
        theme._forced_dark = None
        theme._current = None
        QSettings().remove(theme.SCHEME_KEY)
        QGuiApplication.styleHints().unsetColorScheme()
        app.setStyle(old_style)
        app.setPalette(old_palette)
        app.setStyleSheet(old_sheet)


def test_dark_is_chosen_at_once_and_kept_for_the_next_start(
        ctx: AppContext, qtbot: QtBot, app_look: QApplication) -> None:
    theme.Theme(app_look)
    assert theme.chosen_scheme() == "system"
    tab = AppearanceTab(ctx)
    qtbot.addWidget(tab)
    assert tab.buttons["system"].isChecked()
    tab.buttons["dark"].click()
    assert theme.is_dark()
    assert QSettings().value(theme.SCHEME_KEY) == "dark"
    tab.buttons["light"].click()
    assert not theme.is_dark()
    theme._forced_dark = None  # a new start: the choice comes from where it was kept
    theme.Theme(app_look)
    assert theme._forced_dark is False and not theme.is_dark()
    tab.buttons["system"].click()
    assert theme._forced_dark is None
    assert QSettings().value(theme.SCHEME_KEY) == "system"


def test_an_unknown_kept_value_follows_the_system(app_look: QApplication) -> None:
    QSettings().setValue(theme.SCHEME_KEY, "<b>purple</b>")
    assert theme.chosen_scheme() == "system"
    with pytest.raises(ValueError):
        theme.choose_scheme("purple")


def test_the_tab_is_in_settings(ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    from supportdesk.ui.extensions import install_all

    install_all(window, ctx)
    assert "Appearance" in [title for title, _tab in window.settings_tabs]

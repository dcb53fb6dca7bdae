"""The main window: finding your way by mouse and keyboard, menus, settings, close to tray."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.pages import PAGES
from supportdesk.ui.settings_dialog import SettingsDialog


def test_sidebar_lists_every_page_in_order(main_window: MainWindow) -> None:
    titles = [main_window.sidebar.item(i).text() for i in range(main_window.sidebar.count())]
    assert titles == [spec.title for spec in PAGES]
    assert main_window.windowTitle() == "SupportDesk"
    assert main_window.current_key == "today"


@pytest.mark.parametrize(("number", "spec"), list(enumerate(PAGES, start=1)))
def test_ctrl_number_jumps_to_that_page(main_window: MainWindow, qtbot: QtBot,
                                        number: int, spec: object) -> None:
    key = PAGES[number - 1].key
    qtbot.keyClick(main_window, Qt.Key(Qt.Key.Key_0 + number),
                   Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_key == key
    assert main_window.stack.currentWidget() is main_window.page(key)
    assert main_window.sidebar.currentRow() == number - 1


def test_arrow_keys_in_the_sidebar_change_the_page(main_window: MainWindow,
                                                   qtbot: QtBot) -> None:
    main_window.sidebar.setFocus()
    qtbot.keyClick(main_window.sidebar, Qt.Key.Key_Down)
    qtbot.keyClick(main_window.sidebar, Qt.Key.Key_Down)
    assert main_window.current_key == PAGES[2].key
    qtbot.keyClick(main_window.sidebar, Qt.Key.Key_Up)
    assert main_window.current_key == PAGES[1].key


def test_navigation_events_from_pages_are_followed(main_window: MainWindow,
                                                   ctx: AppContext) -> None:
    ctx.events.page_requested.emit("gratitude")
    assert main_window.current_key == "gratitude"
    ctx.events.reach_out_requested.emit()
    assert main_window.current_key == "reach_out"


def test_from_a_person_people_in_the_sidebar_goes_back_to_the_list(
        demo_ctx: AppContext, qtbot: QtBot) -> None:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(800, 600)  # too narrow for the list and a page side by side
    window.show()
    qtbot.waitExposed(window)
    someone = demo_ctx.session.repo.supporters()[0]
    assert someone.id is not None
    demo_ctx.events.supporter_open_requested.emit(someone.id)
    assert window.current_key == "person"
    assert window.sidebar.currentItem().text() == "People"
    rect = window.sidebar.visualItemRect(window.sidebar.currentItem())
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key == "people"
    demo_ctx.events.supporter_open_requested.emit(someone.id)
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Return)
    assert window.current_key == "people"


def test_menus_hold_undo_redo_pages_settings_and_quit(main_window: MainWindow,
                                                      ctx: AppContext) -> None:
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles[:5] == ["&File", "&Edit", "&Go", "&Tools", "&Help"]
    edit = [a.text() for a in main_window.menu("edit").actions()]
    assert any("Undo" in t for t in edit) and any("Redo" in t for t in edit)
    assert not main_window.undo_action.isEnabled()

    class Rename(QUndoCommand):
        def __init__(self) -> None:
            super().__init__("rename Sam")
            self.done = False

        def redo(self) -> None:
            self.done = True

        def undo(self) -> None:
            self.done = False

    command = Rename()
    ctx.undo.push(command)
    assert main_window.undo_action.isEnabled()
    assert "rename Sam" in main_window.undo_action.text()
    assert "Done: rename Sam" in main_window.statusBar().currentMessage()
    main_window.undo_action.trigger()
    assert not command.done
    assert "Undone: rename Sam" in main_window.statusBar().currentMessage()
    main_window.redo_action.trigger()
    assert command.done
    go = [a.shortcut().toString() for a in main_window.menu("go").actions()]
    assert go == ["Alt+Left", "Alt+Right", "", *(f"Ctrl+{n}" for n in range(1, len(PAGES) + 1))]


def test_menu_asked_for_later_keeps_the_standard_order(main_window: MainWindow) -> None:
    extra = main_window.menu("view")
    assert main_window.menu("view") is extra
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Go", "&Tools", "View", "&Help"]


def test_settings_dialog_shows_tabs_extensions_added(main_window: MainWindow,
                                                     ctx: AppContext, qtbot: QtBot) -> None:
    main_window.settings_tabs.append(("Privacy", lambda _ctx: QLabel("lock options")))
    dialog = SettingsDialog(ctx, main_window.settings_tabs, main_window)
    qtbot.addWidget(dialog)
    assert dialog.tabs.count() == 1
    assert dialog.tabs.tabText(0) == "Privacy"
    assert main_window.settings_action.shortcut().toString() == "Ctrl+,"


def test_ctrl_comma_opens_settings(main_window: MainWindow, qtbot: QtBot) -> None:
    opened: list[QWidget] = []

    def close_dialog() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, SettingsDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, close_dialog)
            return
        opened.append(dialogs[0])
        dialogs[0].accept()

    QTimer.singleShot(20, close_dialog)
    qtbot.keyClick(main_window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert opened


def test_banner_shows_message_and_runs_its_action(main_window: MainWindow) -> None:
    ran: list[str] = []
    main_window.show_banner("While you were away, 2 check-ins came due.",
                            [("Log a check-in", lambda: ran.append("log"))])
    assert main_window.banner.isVisible()
    assert "2 check-ins" in main_window.banner.text.text()
    buttons = {b.text(): b for b in main_window.banner.findChildren(QPushButton)}
    buttons["Log a check-in"].click()
    assert ran == ["log"]
    assert not main_window.banner.isVisible()


def test_status_message_appears(main_window: MainWindow) -> None:
    main_window.status_message("Saved.")
    assert main_window.statusBar().currentMessage() == "Saved."


def test_close_hides_to_tray_only_when_asked(main_window: MainWindow, qtbot: QtBot) -> None:
    main_window.keep_running_on_close = True
    main_window.close()
    assert not main_window.isVisible()
    closed: list[bool] = []
    main_window.closed.connect(lambda: closed.append(True))
    assert not closed
    main_window.show()
    main_window.keep_running_on_close = False
    main_window.close()
    assert closed == [True]


def test_geometry_is_remembered(ctx: AppContext, qtbot: QtBot) -> None:
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert second.size().width() == 700
    assert second.size().height() == 500


def test_sidebar_icons_follow_a_switch_to_dark(main_window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QPalette

    def icon_colour() -> QColor:
        image = main_window.sidebar.item(0).icon().pixmap(48, 48).toImage()
        colours = [image.pixelColor(x, y) for x in range(48) for y in range(48)]
        return max(colours, key=lambda c: c.alpha())

    before = icon_colour()
    palette = QPalette(QApplication.palette())
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    old = QApplication.palette()
    QApplication.setPalette(palette)
    try:
        qtbot.waitUntil(lambda: icon_colour().lightness() > 200)
        assert icon_colour() != before
    finally:
        QApplication.setPalette(old)


def test_dark_look_gives_light_text_on_dark_and_restores(qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication, QPalette

    from supportdesk.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old_palette, old_sheet, old_style = app.palette(), app.styleSheet(), app.style().name()
    look = None
    try:
        look = theme.Theme(app, forced_dark=True)
        assert theme.is_dark()
        if app.style().name().lower() == "fusion":
            window = app.palette().color(QPalette.ColorRole.Window)
            text = app.palette().color(QPalette.ColorRole.WindowText)
            assert window.lightness() < 80 < 200 < text.lightness()
        assert "Sidebar" in app.styleSheet()
    finally:
        if look is not None:
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(
                look._on_color_scheme_changed)
            look.setParent(None)
        theme._forced_dark = None
        QGuiApplication.styleHints().unsetColorScheme()
        app.setStyle(old_style)
        app.setPalette(old_palette)
        app.setStyleSheet(old_sheet)


def test_pages_load_only_when_first_shown(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = """
import secrets, sys
from pathlib import Path
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events
from supportdesk.ui.main_window import MainWindow
app = QApplication([])
db = database.connect(Path(sys.argv[1]) / "x.db", secrets.token_bytes(32))
migrations.migrate(db)
window = MainWindow(AppContext(Session(db), Events(), QUndoStack()))
before = "supportdesk.ui.pages.circles" in sys.modules
window.show_page("circles")
print(before, "supportdesk.ui.pages.circles" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                            text=True, timeout=60, check=False,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert result.stdout.split() == ["False", "True"], result.stderr

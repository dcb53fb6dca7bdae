"""Back and Forward across pages (ui/nav_history.py), through the real window."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.shortcuts_dialog import shortcut_rows

NARROW = (800, 600)  # a person's page replaces the list (tests/gui/test_people_split.py: beside)


def window_with_three(ctx: AppContext, qtbot: QtBot, size: tuple[int, int] = NARROW
                      ) -> tuple[MainWindow, list[int]]:
    ids = [ctx.app.add_supporter(Supporter(name, Kind.FRIEND)).id or 0
           for name in ("Ana", "Ben", "Cai")]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, ids


def arrow(window: MainWindow, name: str) -> QToolButton:
    action = window.nav.back_action if name == "back" else window.nav.forward_action
    button = window.nav.toolbar.widgetForAction(action)
    assert isinstance(button, QToolButton)
    return button


def press_mouse(window: MainWindow, button: Qt.MouseButton) -> None:
    target = window.stack.currentWidget()
    point = QPointF(5, 5)
    event = QMouseEvent(QMouseEvent.Type.MouseButtonPress, point, target.mapToGlobal(point),
                        button, button, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)


def test_back_and_forward_by_keys_mouse_and_arrows(ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with_three(ctx, qtbot)
    back, forward = arrow(window, "back"), arrow(window, "forward")
    assert not back.isEnabled() and not forward.isEnabled()  # nowhere to go yet
    assert back.accessibleName() == "Back" and forward.accessibleName() == "Forward"
    window.show_page("gratitude")
    assert back.isEnabled() and "Back to Today" in back.toolTip()
    ctx.events.supporter_open_requested.emit(ids[1])
    assert "Back to Gratitude" in back.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_key == "gratitude"
    assert forward.isEnabled() and "Forward to Ben" in forward.toolTip()
    press_mouse(window, Qt.MouseButton.BackButton)
    assert window.current_key == "today"
    assert not back.isEnabled()
    press_mouse(window, Qt.MouseButton.ForwardButton)
    assert window.current_key == "gratitude"
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_key == "person" and window.page("person").supporter_id == ids[1]
    assert not forward.isEnabled()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.current_key == "gratitude"


def test_back_to_people_keeps_the_person_selected(ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with_three(ctx, qtbot)
    window.show_page("people")
    people = window.page("people").people
    people.select_id(ids[2])
    people.open_current()
    assert window.current_key == "person"
    window.nav.go_back()
    assert window.current_key == "people"
    assert people.current_id() == ids[2]


def test_backspace_and_esc_on_a_person_go_back_but_not_while_typing(
        ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with_three(ctx, qtbot)
    window.show_page("people")
    ctx.events.supporter_open_requested.emit(ids[0])
    person = window.page("person")
    person.edit_button.setFocus()
    assert person.edit_button.hasFocus()
    qtbot.keyClick(person.edit_button, Qt.Key.Key_Backspace)
    assert window.current_key == "people"
    ctx.events.supporter_open_requested.emit(ids[0])
    person.edit_button.setFocus()
    assert person.edit_button.hasFocus()
    qtbot.keyClick(person.edit_button, Qt.Key.Key_Escape)
    assert window.current_key == "people"
    ctx.events.supporter_open_requested.emit(ids[0])
    search = QLineEdit(person)  # a text field on the page: its keys stay its own
    search.show()
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    qtbot.keyClicks(search, "ab")
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    assert window.current_key == "person" and search.text() == "a"


def test_a_removed_persons_page_is_skipped(ctx: AppContext, qtbot: QtBot) -> None:
    window, ids = window_with_three(ctx, qtbot)
    window.show_page("gratitude")
    ctx.events.supporter_open_requested.emit(ids[0])
    window.show_page("circles")
    assert "Back to Ana" in arrow(window, "back").toolTip()
    ctx.app.delete_supporter(ids[0])
    qtbot.waitUntil(lambda: "Back to Gratitude" in arrow(window, "back").toolTip())
    window.nav.go_back()
    assert window.current_key == "gratitude"
    window.nav.go_forward()
    assert window.current_key == "circles"


def test_back_and_forward_are_in_the_shortcuts_list(ctx: AppContext, qtbot: QtBot) -> None:
    window, _ids = window_with_three(ctx, qtbot)
    rows = dict(shortcut_rows(window))
    assert rows["Alt+Left"] == "Back"
    assert rows["Alt+Right"] == "Forward"
    assert rows["Backspace"] == rows["Esc"] == (
        "Back, on a person's page; beside the People list, back to the list (when not typing)")


class KeyCatcher(QWidget):
    """A focusable widget that notes the keys it was given."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.keys: list[int] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.keys.append(event.key())


def test_backspace_and_esc_off_a_persons_page_are_left_to_the_page(
        ctx: AppContext, qtbot: QtBot) -> None:
    window, _ids = window_with_three(ctx, qtbot)
    window.show_page("gratitude")
    window.show_page("people")
    catcher = KeyCatcher(window.page("people"))
    catcher.show()
    catcher.setFocus()
    qtbot.keyClick(catcher, Qt.Key.Key_Backspace)
    qtbot.keyClick(catcher, Qt.Key.Key_Escape)
    assert catcher.keys == [Qt.Key.Key_Backspace, Qt.Key.Key_Escape]
    assert window.current_key == "people"

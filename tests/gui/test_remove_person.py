"""Removing someone (ui/remove_person.py): asked first, naming what goes; Keep is the
default; an Undo button stays in the status bar until the next change."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from supportdesk.core.errors import NotFoundError
from supportdesk.core.kinds import Kind, Mode
from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.remove_person import UndoRemovalHint, removal_words
from tests.conftest import FIXED_NOW
from tests.gui.conftest import answer_message_box


def dale_with_history(ctx: AppContext) -> int:
    dale = ctx.app.add_supporter(Supporter("Dale", Kind.FRIEND)).id or 0
    for days in range(12):
        ctx.app.log_checkin(CheckIn(dale, FIXED_NOW - timedelta(days=days + 1), Mode.CALL))
    for day in (1, 2, 3):
        ctx.app.add_gratitude(Gratitude(dale, FIXED_NOW.date() - timedelta(days=day),
                                        "Listened"))
    return dale


def is_there(ctx: AppContext, supporter_id: int) -> bool:
    try:
        ctx.app.network.supporter(supporter_id)
    except NotFoundError:
        return False
    return True


def test_the_question_names_who_and_what_goes() -> None:
    assert removal_words("Dale", 12, 3) == (
        "Remove Dale? Their 12 check-ins and 3 gratitude notes go too. You can undo this.")
    assert removal_words("Jo", 1, 0) == "Remove Jo? Their 1 check-in goes too. You can undo this."
    assert removal_words("Ana", 0, 0) == (
        "Remove Ana? Nothing else is noted about them. You can undo this.")


def window_on(ctx: AppContext, qtbot: QtBot, supporter_id: int) -> MainWindow:
    """At 800x600: the person's own page (beside the list: tests/gui/test_people_split.py)."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    ctx.events.supporter_open_requested.emit(supporter_id)
    return window


def test_remove_on_a_persons_page_asks_and_keep_is_the_default(ctx: AppContext,
                                                               qtbot: QtBot) -> None:
    dale = dale_with_history(ctx)
    window = window_on(ctx, qtbot, dale)
    page = window.page("person")
    seen: list[QMessageBox] = []
    answer_message_box(Qt.Key.Key_Return, seen)  # Enter: the default, the safe one
    page.delete_button.click()
    assert seen[0].text() == ("Remove Dale? Their 12 check-ins and 3 gratitude notes go "
                              "too. You can undo this.")
    assert seen[0].defaultButton().text() == "&Keep"
    assert is_there(ctx, dale) and window.current_key == "person"
    answer_message_box(Qt.Key.Key_Escape, seen)
    page.delete_button.click()
    assert is_there(ctx, dale)


def remove_by_keyboard(window: MainWindow, seen: list[QMessageBox]) -> None:
    answer_message_box(Qt.Key.Key_R, seen)  # the Remove button's own key
    window.page("person").delete_button.click()


class Rename(QUndoCommand):
    def __init__(self) -> None:
        super().__init__("rename Sam")


def test_removed_then_undo_stays_until_the_next_change(ctx: AppContext,
                                                       qtbot: QtBot) -> None:
    dale = dale_with_history(ctx)
    window = window_on(ctx, qtbot, dale)
    seen: list[QMessageBox] = []
    remove_by_keyboard(window, seen)
    assert not is_there(ctx, dale) and window.current_key == "people"
    hint = window.findChild(UndoRemovalHint)
    assert hint is not None and hint.isVisible()
    assert hint.text.text() == "Dale removed."
    assert hint.undo_button.accessibleName() == "Undo removing Dale"
    window.statusBar().showMessage("something else for a moment", 20)
    qtbot.wait(60)
    assert hint.isVisible()  # a passing status line does not take it away
    qtbot.mouseClick(hint.undo_button, Qt.MouseButton.LeftButton)
    assert is_there(ctx, dale) and len(ctx.app.network.checkins(dale)) == 12
    assert len(ctx.app.network.gratitude(dale)) == 3
    assert not hint.isVisible()
    ctx.events.supporter_open_requested.emit(dale)
    remove_by_keyboard(window, seen)
    assert hint.isVisible()
    ctx.undo.push(Rename())  # the next change: the hint would undo the wrong thing now
    assert not hint.isVisible()


def test_delete_in_the_people_list_asks_too(ctx: AppContext, qtbot: QtBot) -> None:
    dale = dale_with_history(ctx)
    window = window_on(ctx, qtbot, dale)
    window.show_page("people")
    people = window.page("people").people
    people.select_id(dale)
    people.table.setFocus()
    seen: list[QMessageBox] = []
    answer_message_box(Qt.Key.Key_Escape, seen)
    qtbot.keyClick(people.table, Qt.Key.Key_Delete)
    assert seen and is_there(ctx, dale)
    answer_message_box(Qt.Key.Key_R, seen)
    qtbot.keyClick(people.table, Qt.Key.Key_Delete)
    assert len(seen) == 2 and not is_there(ctx, dale)

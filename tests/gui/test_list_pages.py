"""What People, Check-ins and Gratitude share (ui/pages/list_page.py): the empty state,
a row always current once there are rows, Delete with Undo leaving the next row
current, row buttons only with a row, and the search box's keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Mode
from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.checkins import CheckinsPage
from supportdesk.ui.pages.gratitude import GratitudePage
from supportdesk.ui.pages.list_page import ListPage
from supportdesk.ui.pages.people import PeoplePage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import answer_message_box, follow


def three_people(ctx: AppContext) -> None:
    for name in ("Ana", "Ben", "Cai"):
        ctx.app.add_supporter(Supporter(name, Kind.FRIEND))


def three_checkins(ctx: AppContext) -> None:
    sam = ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND)).id or 0
    for days, note in ((1, "Ana"), (2, "Ben"), (3, "Cai")):
        ctx.app.log_checkin(CheckIn(sam, FIXED_NOW - timedelta(days=days), Mode.TEXT,
                                    note=note))


def three_thanks(ctx: AppContext) -> None:
    for day, text in ((3, "Ana"), (2, "Ben"), (1, "Cai")):
        ctx.app.add_gratitude(Gratitude(None, date(2026, 11, day), text))


PAGES: list[tuple[type[ListPage], Callable[[AppContext], None], int]] = [
    (PeoplePage, three_people, 0),  # the page, what fills it, the column with the words
    (CheckinsPage, three_checkins, 5),
    (GratitudePage, three_thanks, 2),
]


def shown(page: ListPage, column: int) -> list[str]:
    model = page.view_model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def current(page: ListPage, column: int) -> str:
    return str(page.table.currentIndex().siblingAtColumn(column).data())


@pytest.mark.parametrize(("kind", "fill", "column"), PAGES, ids=lambda p: getattr(
    p, "__name__", str(p)))
def test_each_list_page_keeps_a_row_current_and_delete_moves_to_the_next(
        ctx: AppContext, qtbot: QtBot, kind: type[ListPage],
        fill: Callable[[AppContext], None], column: int) -> None:
    page = follow(ctx, kind(ctx))
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    assert page.stack.currentWidget() is page.empty
    assert not any(button.isEnabled() for button in page.row_buttons)
    fill(ctx)
    words = shown(page, column)
    assert sorted(words) == ["Ana", "Ben", "Cai"]
    assert current(page, column) == words[0]  # a row is current at once
    assert all(button.isEnabled() for button in page.row_buttons)
    page.table.setFocus()
    page.table.setCurrentIndex(page.view_model.index(1, column))
    if kind is PeoplePage:  # removing someone asks first (tests/gui/test_remove_person.py)
        answer_message_box(Qt.Key.Key_R, [])
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert shown(page, column) == [words[0], words[2]]
    assert current(page, column) == words[2]  # the next one, where the deleted one stood
    ctx.undo.undo()
    assert shown(page, column) == words
    assert current(page, column) == words[2]  # still the one chosen


def test_check_ins_search_box_keys_work_as_peoples(ctx: AppContext, qtbot: QtBot) -> None:
    three_checkins(ctx)
    page = follow(ctx, CheckinsPage(ctx))
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # focus moves only in the active window
    page.focus_search()
    qtbot.keyClicks(page.search_edit, "ben")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)  # the search runs at once
    assert shown(page, 5) == ["Ben"] and page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    assert page.search_edit.hasFocus()
    page.search_edit.clear()
    page.table.setFocus()
    qtbot.keyClicks(page.table, "c")  # typing in the list goes on in the search
    assert page.search_edit.hasFocus() and page.search_edit.text() == "c"

"""The Gratitude page: entries with their person, "thanked" toggles, delete + Undo."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.models.gratitude_table import NO_ONE, GratitudeColumn
from supportdesk.ui.pages.gratitude import GratitudePage
from tests.gui.conftest import follow


def page_for(ctx: AppContext, qtbot: QtBot) -> GratitudePage:
    page = follow(ctx, GratitudePage(ctx))
    qtbot.addWidget(page)
    page.resize(800, 500)
    page.show()
    return page


def fill(ctx: AppContext) -> None:
    sam = ctx.session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND))
    ctx.session.network.add_gratitude(sam.id, "Fixed my bike", date(2026, 11, 20))
    ctx.session.network.add_gratitude(None, "A stranger held the door", date(2026, 11, 22))


def rows(page: GratitudePage) -> list[list[str]]:
    return [[page.model.index(r, c).data() for c in GratitudeColumn]
            for r in range(page.model.rowCount())]


def test_model_passes_the_model_tester(
    ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    fill(ctx)
    page = page_for(ctx, qtbot)
    qtmodeltester.check(page.model)


def test_entries_show_date_person_text_and_thanked(ctx: AppContext, qtbot: QtBot) -> None:
    fill(ctx)
    page = page_for(ctx, qtbot)
    assert rows(page) == [["22 Nov 2026", NO_ONE, "A stranger held the door", "Not yet"],
                          ["20 Nov 2026", "Sam", "Fixed my bike", "Not yet"]]


def test_space_marks_thanked_and_undo_clears_it(ctx: AppContext, qtbot: QtBot) -> None:
    fill(ctx)
    page = page_for(ctx, qtbot)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(1, GratitudeColumn.TEXT))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert rows(page)[1][3] == "Thanked"
    assert page.thanked_button.text() == "Mark not thanked"
    ctx.undo.undo()
    assert rows(page)[1][3] == "Not yet"


def test_delete_then_undo(ctx: AppContext, qtbot: QtBot) -> None:
    fill(ctx)
    page = page_for(ctx, qtbot)
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.delete_button.click()
    assert [r[2] for r in rows(page)] == ["Fixed my bike"]
    ctx.undo.undo()
    assert [r[2] for r in rows(page)] == ["A stranger held the door", "Fixed my bike"]


def test_empty_page_invites_a_first_entry(ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    assert page.stack.currentWidget() is page.empty
    assert not page.delete_button.isEnabled()

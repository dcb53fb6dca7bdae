"""The Check-ins page: all check-ins, filter by person and mode, search notes, delete + Undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Mode
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.models.checkin_table import CheckinColumn
from supportdesk.ui.pages import checkins as checkins_module
from supportdesk.ui.pages.checkins import CheckinsPage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import follow


def fill(ctx: AppContext) -> tuple[int, int]:
    net = ctx.session.network
    sam = net.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND)).id or 0
    noor = net.save_supporter(Supporter(name="Noor", kind=Kind.FAMILY)).id or 0
    net.log_checkin(CheckIn(sam, FIXED_NOW - timedelta(days=1), Mode.TEXT, note="Sent memes"))
    net.log_checkin(CheckIn(noor, FIXED_NOW - timedelta(days=2), Mode.CALL, note="Long chat"))
    net.log_checkin(CheckIn(sam, FIXED_NOW - timedelta(days=9), Mode.IN_PERSON,
                            note="Walk in the park"))
    return sam, noor


def page_for(ctx: AppContext, qtbot: QtBot) -> CheckinsPage:
    page = follow(ctx, CheckinsPage(ctx))
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    return page


def notes(page: CheckinsPage) -> list[str]:
    return [page.proxy.index(r, CheckinColumn.NOTE).data() for r in range(page.proxy.rowCount())]


def test_models_pass_the_model_tester(
    ctx: AppContext, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    fill(ctx)
    page = page_for(ctx, qtbot)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_newest_first_with_names(ctx: AppContext, qtbot: QtBot) -> None:
    fill(ctx)
    page = page_for(ctx, qtbot)
    assert notes(page) == ["Sent memes", "Long chat", "Walk in the park"]
    assert page.proxy.index(1, CheckinColumn.WHO).data() == "Noor"


def test_filters_by_person_mode_and_words(ctx: AppContext, qtbot: QtBot) -> None:
    sam, _ = fill(ctx)
    page = page_for(ctx, qtbot)
    page.person_filter.setCurrentIndex(page.person_filter.findData(sam))
    assert notes(page) == ["Sent memes", "Walk in the park"]
    page.mode_filter.setCurrentIndex(page.mode_filter.findData(Mode.IN_PERSON))
    assert notes(page) == ["Walk in the park"]
    page.person_filter.setCurrentIndex(0)
    page.mode_filter.setCurrentIndex(0)
    qtbot.keyClicks(page.search_edit, "CHAT")  # the search runs once typing pauses
    qtbot.waitUntil(lambda: notes(page) == ["Long chat"])
    qtbot.keyClicks(page.search_edit, "xyz")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.no_match)


def test_delete_key_removes_and_undo_restores(ctx: AppContext, qtbot: QtBot) -> None:
    fill(ctx)
    page = page_for(ctx, qtbot)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert notes(page) == ["Long chat", "Walk in the park"]
    ctx.undo.undo()
    assert notes(page) == ["Sent memes", "Long chat", "Walk in the park"]


def test_no_checkins_yet_explains_what_to_log(ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    assert page.stack.currentWidget() is page.empty
    assert "Ctrl+L" in page.empty.text()
    with qtbot.waitSignal(ctx.events.checkin_log_requested) as asked:
        page.log_button.click()
    assert asked.args == [0]


def daily_history(ctx: AppContext, name: str, days: int, note: Callable[[int], str],
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """One check-in a day for ``days`` days, and pages of 5 so a few make a long list."""
    monkeypatch.setattr(checkins_module, "CHECKIN_PAGE", 5)
    net = ctx.session.network
    person = net.save_supporter(Supporter(name=name, kind=Kind.FRIEND)).id or 0
    for day in range(days):
        net.log_checkin(CheckIn(person, FIXED_NOW - timedelta(days=day), Mode.TEXT,
                                note=note(day)))


def test_a_long_history_is_read_a_page_at_a_time_as_it_scrolls(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    daily_history(ctx, "Sam", 60, lambda day: f"Day {day}", monkeypatch)
    page = follow(ctx, CheckinsPage(ctx))
    qtbot.addWidget(page)
    page.resize(900, 300)
    assert len(page.model.rows) == 5 and page.model.canFetchMore()
    page.show()
    qtbot.waitExposed(page)
    # The view asks for more until it is full, then as it is scrolled to the end.
    bar = page.table.verticalScrollBar()
    while page.model.canFetchMore():
        shown = len(page.model.rows)
        qtbot.waitUntil(lambda: bar.maximum() > bar.value())  # laid out: room to scroll
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda seen=shown: len(page.model.rows) > seen
                        or not page.model.canFetchMore())  # 60 is 12 full pages
    assert notes(page) == [f"Day {day}" for day in range(60)]  # newest first, no gaps


def test_search_finds_old_check_ins_not_yet_read_and_folds_case(
        ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    daily_history(ctx, "Zoë", 30, lambda day: "Tea" if day != 29 else "Walk by the STRASSE",
                  monkeypatch)
    page = page_for(ctx, qtbot)
    qtbot.keyClicks(page.search_edit, "straße")  # casefolds to "strasse"
    qtbot.waitUntil(lambda: notes(page) == ["Walk by the STRASSE"])
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "ZOË tea")  # the name and the note, every word
    qtbot.waitUntil(lambda: notes(page)[:1] == ["Tea"])
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert notes(page) == ["Tea"] * 29

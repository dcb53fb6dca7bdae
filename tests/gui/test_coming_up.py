"""Today's "Coming up": the next meeting, dates that are near, and company on a hard day."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.meetings import Meeting
from supportdesk.core.model import AvailabilityWindow, Supporter
from supportdesk.ui.context import AppContext
from tests.gui.test_today import button, page_for, texts

# FIXED_NOW: Tuesday 24 November 2026, 10:00 in London.
THURSDAY = Meeting(3, time(19), timezone="Europe/London", place="Community hall")


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def test_the_next_meeting_and_a_near_birthday_are_on_today(ctx: AppContext,
                                                            qtbot: QtBot) -> None:
    ctx.app.add_supporter(Supporter("Thursday group", Kind.GROUP, meetings=[THURSDAY]))
    ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND, dates=[
        ImportantDate(DateKind.BIRTHDAY, 11, 29, year=1990)]))
    page = page_for(ctx, qtbot)
    shown = texts(page)
    assert "Coming up" in shown
    assert "Thursday group · Next meeting: Thursday 19:00 · Community hall" in shown
    assert "Sam's birthday, in 5 days (36)" in shown


def test_it_follows_a_change_and_leaves_far_dates_out(ctx: AppContext, qtbot: QtBot) -> None:
    sam = ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND, dates=[
        ImportantDate(DateKind.BIRTHDAY, 3, 1)]))
    page = page_for(ctx, qtbot)
    assert "Coming up" not in texts(page)
    ctx.app.edit_supporter(sam, replace(sam, meetings=[THURSDAY]))
    assert "Sam · Next meeting: Thursday 19:00 · Community hall" in texts(page)
    assert "birthday" not in texts(page)


def test_a_hard_day_offers_someone_to_be_with(ctx: AppContext, qtbot: QtBot) -> None:
    near = ctx.app.add_supporter(Supporter("Priya", Kind.FRIEND, ring=Ring.INNER,
                                           availability=[AvailabilityWindow.always()]))
    ctx.app.add_supporter(Supporter("Outer", Kind.FRIEND, ring=Ring.OUTER))
    ctx.app.set_own_dates([ImportantDate(DateKind.HARD, 11, 26, label="Losing Gran",
                                         ask_company=True)])
    page = page_for(ctx, qtbot)
    shown = texts(page)
    assert "A hard day (Losing Gran), in 2 days" in shown
    assert "Would you like someone with you that day?" in shown
    priya = button(page, "Reach out to Priya")
    priya.setFocus()
    QApplication.processEvents()
    assert priya.hasFocus()  # reachable by keyboard
    with qtbot.waitSignal(ctx.events.supporter_open_requested) as opened:
        qtbot.keyClick(priya, Qt.Key.Key_Space)
    assert opened.args == [near.id]
    with qtbot.waitSignal(ctx.events.reach_out_requested):
        button(page, "Reach out now").click()


def test_a_hard_day_without_the_question_asks_nothing(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.app.add_supporter(Supporter("Priya", Kind.FRIEND))
    ctx.app.set_own_dates([ImportantDate(DateKind.HARD, 11, 26)])
    page = page_for(ctx, qtbot)
    assert "A hard day, in 2 days" in texts(page)
    assert "Would you like someone" not in texts(page)


def test_the_person_page_shows_their_next_meeting_and_dates(ctx: AppContext,
                                                            qtbot: QtBot) -> None:
    from tests.gui.test_person_page import page_for as person_page_for

    group = ctx.app.add_supporter(Supporter(
        "Walk group", Kind.GROUP, meetings=[Meeting(1, time(18, 30), ordinals=(1, 3),
                                                    timezone="Europe/London")],
        dates=[ImportantDate(DateKind.ANNIVERSARY, 12, 2, label="Founded")]))
    assert group.id is not None
    page = person_page_for(ctx, qtbot, group.id)
    assert page.occasions_label.isVisibleTo(page)
    assert page.occasions_label.text().splitlines() == [
        "Next meeting: Tue 1 Dec 18:30 · First and third Tuesday of the month",
        "Founded: 2 December (in 8 days)"]
    ctx.app.edit_supporter(group, replace(group, meetings=[], dates=[]))
    assert not page.occasions_label.isVisibleTo(page)


def test_reach_out_now_shows_a_groups_next_meeting(ctx: AppContext, qtbot: QtBot) -> None:
    from tests.gui.test_reach_out import TUESDAY_EVENING, build, labels

    page = build(ctx, qtbot, TUESDAY_EVENING)
    group = ctx.app.add_supporter(Supporter("Peer group", Kind.GROUP, ring=Ring.INNER,
                                            availability=[AvailabilityWindow.always()]))
    page.show()
    qtbot.waitExposed(page)
    assert "Peer group" in labels(page) and "Next meeting" not in labels(page)
    ctx.app.edit_supporter(group, replace(group, meetings=[THURSDAY]))
    QApplication.processEvents()  # the rebuilt cards appear on the next pass
    assert "Next meeting: Thursday 19:00" in labels(page)

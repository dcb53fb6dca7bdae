"""Today over a seeded session: due items with Log and Snooze, coverage suggestions,
mood, escalation when opted in, and a welcoming start for an empty vault."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from supportdesk.core.insights import Gap
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.core.schedule import SnoozeOption
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.today import TodayPage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import follow
from tests.gui.views_seed import seed_network


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def page_for(ctx: AppContext, qtbot: QtBot) -> TodayPage:
    page = follow(ctx, TodayPage(ctx, opener=lambda url: True))
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def texts(page: TodayPage) -> str:
    QApplication.processEvents()  # widgets added to a shown page appear on the next pass
    return "\n".join(label.text() for label in page.findChildren(QLabel)
                     if label.isVisibleTo(page))


def button(page: TodayPage, name: str) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton)
                if b.accessibleName() == name and b.isVisibleTo(page))


def test_due_items_can_be_logged_in_one_click(ctx: AppContext, qtbot: QtBot) -> None:
    people = seed_network(ctx.session, FIXED_NOW)
    page = page_for(ctx, qtbot)
    mum = people["Mum"].id
    assert mum in page.due_rows
    with qtbot.waitSignal(ctx.events.checkin_log_requested) as asked:
        button(page, "Log a check-in with Mum").click()
    assert asked.args == [mum]


def test_snooze_takes_someone_off_today_until_later(ctx: AppContext, qtbot: QtBot) -> None:
    people = seed_network(ctx.session, FIXED_NOW)
    page = page_for(ctx, qtbot)
    priya = people["Priya"].id
    assert priya is not None and priya in page.due_rows
    page.snooze(priya, SnoozeOption.TOMORROW)
    assert priya not in page.due_rows
    assert ctx.session.repo.supporter(priya).cadence.snoozed_until is not None


def test_coverage_suggestions_are_shown_gently(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.session.repo.add_supporter(Supporter("Jo", Kind.FRIEND, ring=Ring.INNER),
                                   now=FIXED_NOW - timedelta(days=2))
    page = page_for(ctx, qtbot)
    shown = texts(page)
    for gap in (Gap.SINGLE_INNER, Gap.NO_PROFESSIONAL, Gap.NO_PEERS):
        assert gap.suggestion in page.suggestions
        assert gap.suggestion in shown


def test_a_logged_check_in_updates_today(ctx: AppContext, qtbot: QtBot) -> None:
    people = seed_network(ctx.session, FIXED_NOW)
    page = page_for(ctx, qtbot)
    mum = people["Mum"].id
    assert mum is not None
    ctx.session.network.log_checkin(CheckIn(mum, FIXED_NOW, mood_before=3))
    ctx.app.feed.poll()  # a change made elsewhere reaches the feed
    assert mum not in page.due_rows


def test_escalation_card_only_after_opting_in(ctx: AppContext, qtbot: QtBot) -> None:
    seed_network(ctx.session, FIXED_NOW)  # the last three moods are 2, 3, 2
    page = page_for(ctx, qtbot)
    assert "Things have been hard lately" not in texts(page)
    page.threshold.setValue(3)
    page.escalation_check.setChecked(True)
    ctx.app.feed.poll()  # a change made elsewhere reaches the feed
    shown = texts(page)
    assert "Things have been hard lately" in shown
    assert "Dr Helen Cole" in shown
    assert page.escalation_check.isChecked()  # the choice is kept


def test_mood_trend_sparkline_has_the_recent_moods(ctx: AppContext, qtbot: QtBot) -> None:
    seed_network(ctx.session, FIXED_NOW)
    page = page_for(ctx, qtbot)
    assert page.today is not None and len(page.today.mood.moods) == 11
    assert "dipped" in texts(page)


def test_an_empty_vault_welcomes_and_points_to_the_first_step(
        ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    assert "Let's start with one person" in texts(page)
    with qtbot.waitSignal(ctx.events.page_requested) as asked:
        button(page, "Add the first person to your network").click()
    assert asked.args == ["people"]
    with qtbot.waitSignal(ctx.events.reach_out_requested):
        button(page, "Reach out now").click()


def test_a_long_due_list_shows_the_longest_waiting_first_and_more_on_request(
        ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.pages.today import DUE_FIRST, DUE_MORE

    total = DUE_FIRST + DUE_MORE + 3
    for number in range(total):
        created = FIXED_NOW - timedelta(days=400 + number)  # each waits a day longer
        ctx.session.repo.add_supporter(
            Supporter(f"Friend {number:02}", Kind.FRIEND, ring=Ring.MIDDLE), now=created)
    page = page_for(ctx, qtbot)
    assert page.today is not None and len(page.today.due) == total
    assert list(page.due_rows) == [item.supporter_id for item in page.today.due[:DUE_FIRST]]
    longest = page.today.due[0]
    assert longest.name == f"Friend {total - 1:02}"  # the longest waiting is at the top
    more = button(page, f"Show {DUE_MORE} more of the {total - DUE_FIRST} people still due")
    more.click()
    assert len(page.due_rows) == DUE_FIRST + DUE_MORE
    button(page, "Show 3 more of the 3 people still due").click()
    assert len(page.due_rows) == total
    assert not page.more_due.isVisibleTo(page)


def test_a_moment_of_thanks_opens_a_thank_you_for_that_person(ctx: AppContext,
                                                                qtbot: QtBot) -> None:
    people = seed_network(ctx.session, FIXED_NOW)
    page = page_for(ctx, qtbot)
    shown = page.findChildren(QPushButton)
    thanks = [b for b in shown if b.accessibleName().startswith("Note a thank-you for ")
              and b.isVisibleTo(page)]
    assert thanks, "a moment of thanks with its button"
    name = thanks[0].accessibleName().removeprefix("Note a thank-you for ")
    assert "haven't noted" not in texts(page)
    with qtbot.waitSignal(ctx.events.gratitude_requested) as asked:
        thanks[0].click()
    assert asked.args == [people[name].id]

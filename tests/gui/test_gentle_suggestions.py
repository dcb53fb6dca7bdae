"""The two gentle suggestions on Today (issue 16, item 5): opt-in, their settings kept
where they appear, and each switched off from its own card; moods noted on their own
count towards "Things have been hard lately"."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.isolation import IsolationRule
from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.today import TodayPage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import follow

QUIET = "It's been quiet lately"
HARD = "Things have been hard lately"


def texts(widget: QWidget) -> str:
    QApplication.processEvents()
    return "\n".join(label.text() for label in widget.findChildren(QLabel)
                     if label.isVisibleTo(widget))


def today(ctx: AppContext, qtbot: QtBot) -> TodayPage:
    page = follow(ctx, TodayPage(ctx, opener=lambda url: True))
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_quiet_days_default_to_seven_and_are_chosen_on_today(
        ctx: AppContext, qtbot: QtBot) -> None:
    ctx.session.repo.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER),
                                   now=FIXED_NOW - timedelta(days=10))
    page = today(ctx, qtbot)
    assert page.quiet_days.value() == 7
    page.isolation_check.setFocus()
    qtbot.keyClick(page.isolation_check, Qt.Key.Key_Space)
    assert "It's been 10 days since you were last in touch with anyone." in texts(page)
    page.quiet_days.setFocus()
    for _ in range(7):  # 7 -> 14 by keyboard
        qtbot.keyClick(page.quiet_days, Qt.Key.Key_Up)
    assert ctx.app.dashboard.isolation_rule().days == 14
    assert QUIET not in texts(page)  # ten days are not fourteen
    assert page.quiet_days.hasFocus() and page.quiet_days.value() == 14
    page.quiet_days.setValue(9)
    assert QUIET in texts(page)


def test_moods_noted_alone_bring_the_hard_times_card_which_stops_from_itself(
        ctx: AppContext, qtbot: QtBot) -> None:
    ctx.app.add_supporter(Supporter(name="Dr Cole", kind=Kind.PROFESSIONAL))
    page = today(ctx, qtbot)
    page.escalation_check.setFocus()
    qtbot.keyClick(page.escalation_check, Qt.Key.Key_Space)  # at or below 2, 3 times
    for hours in (30, 20, 2):
        ctx.app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(hours=hours), mood=2))
    assert HARD in texts(page)
    assert "Dr Cole" in texts(page)
    page.stop_escalation.setFocus()
    qtbot.keyClick(page.stop_escalation, Qt.Key.Key_Space)
    assert not ctx.app.dashboard.escalation_rule().enabled
    assert HARD not in texts(page)
    assert not page.escalation_check.isChecked()
    assert page.threshold.value() == 2 and page.count.value() == 3  # kept for next time


def test_a_mood_noted_rebuilds_only_the_mood_cards_and_a_check_in_everything(
        ctx: AppContext, qtbot: QtBot) -> None:
    """Quick from the tray: the cards a mood entry cannot change stay as they are."""
    from supportdesk.core.model import CheckIn
    from supportdesk.ui.pages.view_parts import Card

    robin = ctx.app.add_supporter(Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER))
    page = today(ctx, qtbot)

    def cards() -> dict[str, Card]:
        QApplication.processEvents()
        shown = sorted((card for card in page.holder.findChildren(Card)
                        if card.isVisibleTo(page)), key=page.column.indexOf)
        return {card.findChild(QLabel).text(): card for card in shown}

    before = cards()
    ctx.app.add_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(minutes=5), mood=4))
    after = cards()
    assert "Last noted today: Good." in texts(after["How are you?"])
    assert after["How are you?"] is not before["How are you?"]
    assert after["Mood lately"] is not before["Mood lately"]
    assert after["Check-ins due"] is before["Check-ins due"]
    assert list(after) == list(before)  # each in its place
    assert robin.id is not None
    ctx.app.log_checkin(CheckIn(robin.id, FIXED_NOW - timedelta(minutes=1)))
    assert cards()["Check-ins due"] is not after["Check-ins due"]


def test_reaching_out_from_the_quiet_card_is_one_click_and_can_be_logged(
        ctx: AppContext, qtbot: QtBot) -> None:
    """A Text button on "It's been quiet lately" opens the link at once and says who was
    reached, as every person's contact button does ("Log this?" follows it)."""
    robin = ctx.session.repo.add_supporter(
        Supporter(name="Robin", kind=Kind.FRIEND, ring=Ring.INNER,
                  contacts=[ContactMethod(ContactType.SMS, "+44 7700 900123")]),
        now=FIXED_NOW - timedelta(days=20))
    opened: list[str] = []
    page = follow(ctx, TodayPage(ctx, opener=lambda url: opened.append(url.toString()) or True))
    qtbot.addWidget(page)
    page.show()
    ctx.app.set_isolation_rule(IsolationRule(enabled=True, days=7))
    assert QUIET in texts(page)
    button = next(b for b in page.findChildren(QPushButton)
                  if b.text() == "Text +44 7700 900123")
    qtbot.waitUntil(lambda: button.height() > 0)  # the new card laid out, as it is seen
    with qtbot.waitSignal(ctx.events.reached_out) as reached:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == ["sms:+447700900123"]
    assert reached.args == [robin.id, ContactType.SMS.value]

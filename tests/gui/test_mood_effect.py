"""What your people do for your mood, in the real widgets: chosen in Settings > Mood (off
by default), shown on Today and each person's page, and switched off from either."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.mood_settings import MoodSettingsTab
from supportdesk.ui.pages.mood_effect_parts import TITLE
from supportdesk.ui.pages.person import PersonPage
from supportdesk.ui.pages.today import TodayPage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import follow

ROBIN = "After time with Robin you usually feel a bit better."
DALE = ("Check-ins with Dale have often been hard lately — it's okay to take care of "
        "yourself around them.")
EXPLAINED = "From your own check-ins; nothing leaves this computer."


def texts(widget: QWidget) -> str:
    QApplication.processEvents()
    return "\n".join(label.text() for label in widget.findChildren(QLabel)
                     if label.isVisibleTo(widget))


def person(ctx: AppContext, name: str, moods: list[tuple[int, int]], days_ago: int = 2,
           stressful: bool = False) -> Supporter:
    saved = ctx.session.network.save_supporter(Supporter(
        name=name, kind=Kind.FRIEND, ring=Ring.INNER, stressful=stressful))
    assert saved.id is not None
    for n, (before, after) in enumerate(moods):
        ctx.session.network.log_checkin(CheckIn(
            saved.id, FIXED_NOW - timedelta(days=days_ago + n), mood_before=before,
            mood_after=after))
    return ctx.app.network.supporter(saved.id)


@pytest.fixture
def people(ctx: AppContext) -> dict[str, Supporter]:
    return {
        "Robin": person(ctx, "Robin", [(2, 3)] * 5),
        "Dale": person(ctx, "Dale", [(3, 2)] * 5, stressful=True),
        "Jo": person(ctx, "Jo", [(4, 3)] * 6),  # lower after, not marked stressful
        "Sam": person(ctx, "Sam", [(2, 4)] * 3),  # not enough yet
    }


def choose_in_settings(qtbot: QtBot, ctx: AppContext) -> MoodSettingsTab:
    tab = MoodSettingsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.mood_effect.isChecked()  # off by default
    assert EXPLAINED in texts(tab)
    tab.mood_effect.setFocus()
    qtbot.keyClick(tab.mood_effect, Qt.Key.Key_Space)
    assert ctx.app.mood_effect.enabled
    return tab


def test_todays_card_comes_once_chosen_and_goes_from_its_own_button(
        ctx: AppContext, qtbot: QtBot, people: dict[str, Supporter]) -> None:
    today = follow(ctx, TodayPage(ctx))
    qtbot.addWidget(today)
    today.show()
    assert TITLE not in texts(today)  # off until chosen
    choose_in_settings(qtbot, ctx)
    assert TITLE in texts(today)
    shown = texts(today.mood_effect_card)
    assert ROBIN in shown and DALE in shown
    assert "Jo" not in shown  # a fall, not marked stressful: nothing is said
    assert "Sam" not in shown  # fewer than 5
    assert "at least 5 check-ins" in shown and EXPLAINED in shown
    today.mood_effect_card.stop.click()
    assert not ctx.app.mood_effect.enabled
    assert TITLE not in texts(today)


def test_today_names_those_seen_most_recently_never_ranked_by_their_effect(
        ctx: AppContext, qtbot: QtBot) -> None:
    for n, name in enumerate(("Ana", "Bo", "Cy", "Di", "Ed", "Flo")):
        # Flo seen most recently, Ana longest ago; Ana's check-ins lift the most
        person(ctx, name, [(1, 5 if name == "Ana" else 3)] * 5, days_ago=10 - n)
    ctx.app.set_mood_effect_shown(True)
    today = TodayPage(ctx)
    qtbot.addWidget(today)
    assert [line.split()[3] for line in today.mood_effect_card.lines] == [
        "Flo", "Ed", "Di", "Cy"]
    assert "2 more on their own pages." in texts(today.mood_effect_card)


def test_today_with_no_one_yet_says_what_it_will_show(ctx: AppContext, qtbot: QtBot) -> None:
    person(ctx, "Sam", [(2, 4)] * 2)
    ctx.app.set_mood_effect_shown(True)
    today = TodayPage(ctx)
    qtbot.addWidget(today)
    assert ("Once you've noted your mood before and after 5 check-ins with someone"
            in texts(today.mood_effect_card))


def test_the_person_page_section_in_words_and_switched_off_from_there(
        ctx: AppContext, qtbot: QtBot, people: dict[str, Supporter]) -> None:
    page = follow(ctx, PersonPage(ctx))
    qtbot.addWidget(page)
    page.show()
    page.show_supporter(people["Robin"].id or 0)
    assert not page.mood_effect_box.isVisible()  # off until chosen
    choose_in_settings(qtbot, ctx)
    assert page.mood_effect_box.isVisible()
    assert ROBIN in texts(page.mood_effect_box) and EXPLAINED in texts(page.mood_effect_box)
    page.show_supporter(people["Dale"].id or 0)
    assert DALE in texts(page.mood_effect_box)
    page.show_supporter(people["Sam"].id or 0)
    assert ("Once you've noted your mood before and after 5 check-ins with Sam, this shows "
            "how you tend to feel after time together (3 so far).") in texts(
        page.mood_effect_box)
    page.show_supporter(people["Jo"].id or 0)
    assert not page.mood_effect_box.isVisible()  # nothing said, no empty box
    page.show_supporter(people["Robin"].id or 0)
    page.mood_effect_box.stop.setFocus()
    qtbot.keyClick(page.mood_effect_box.stop, Qt.Key.Key_Space)
    assert not ctx.app.mood_effect.enabled
    assert not page.mood_effect_box.isVisible()


def test_a_new_check_in_is_reflected_on_the_page(
        ctx: AppContext, qtbot: QtBot, people: dict[str, Supporter]) -> None:
    ctx.app.set_mood_effect_shown(True)
    page = follow(ctx, PersonPage(ctx))
    qtbot.addWidget(page)
    page.show()
    page.show_supporter(people["Sam"].id or 0)
    assert "(3 so far)" in texts(page.mood_effect_box)
    for _ in range(2):
        ctx.app.log_checkin(CheckIn(people["Sam"].id or 0, FIXED_NOW - timedelta(hours=1),
                                    mood_before=2, mood_after=5))
    assert "After time with Sam you usually feel a lot better." in texts(page.mood_effect_box)

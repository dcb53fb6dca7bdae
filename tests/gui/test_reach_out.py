"""Reach out now: who is free right now (injected clock), contact in one keystroke,
professionals, crisis lines by country, own services, Ctrl+Shift+H from anywhere."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Channel
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.session import Session
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.crisis_line_dialog import CrisisLineDialog
from supportdesk.ui.pages.reach_out import EMPTY_NETWORK, WARM_LINE, ReachOutPage
from tests.gui.conftest import follow
from tests.gui.views_seed import seed_network

TUESDAY_EVENING = datetime(2026, 11, 24, 19, 30, tzinfo=UTC)
TUESDAY_MORNING = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _london(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/London")


def build(ctx: AppContext, qtbot: QtBot, now: datetime,
          opened: list[str] | None = None) -> ReachOutPage:
    ctx.session.clock = lambda: now
    seed_network(ctx.session, now)
    CrisisLinesService(ctx.session.repo).set_country("GB")
    page = follow(ctx, ReachOutPage(ctx, opener=lambda url: (opened.append(url.toString())
                                                 if opened is not None else None) or True))
    qtbot.addWidget(page)
    page.resize(900, 700)
    return page


def names(ctx: AppContext, ids: list[int]) -> list[str]:
    return [ctx.session.repo.supporter(i).name for i in ids]


def labels(page: ReachOutPage) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def test_evening_shows_who_is_free_now_closest_first(ctx: AppContext, qtbot: QtBot) -> None:
    page = build(ctx, qtbot, TUESDAY_EVENING)
    assert names(ctx, page.available_ids) == ["Ana Okafor", "Ben Castillo-Whitfield"]
    text = labels(page)
    assert WARM_LINE in text
    assert "Please don't call during her night shifts" in text  # their boundary, before calling
    assert "Stay with me and help me call my GP." in text  # how you can help me
    assert "Dr Helen Cole" in text and "Available tomorrow from 08:30" in text


def test_early_morning_only_the_always_available_partner(ctx: AppContext, qtbot: QtBot) -> None:
    page = build(ctx, qtbot, TUESDAY_MORNING)
    assert names(ctx, page.available_ids) == ["Ana Okafor"]


def test_focus_lands_on_the_first_contact_and_enter_reaches_out(
        ctx: AppContext, qtbot: QtBot) -> None:
    opened: list[str] = []
    page = build(ctx, qtbot, TUESDAY_EVENING, opened)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPushButton))
    focused = QApplication.focusWidget()
    assert focused is page.contact_rows[0].buttons[0]
    assert focused.accessibleName() == "Call Ana Okafor"
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert opened == [QUrl("tel:07700900123").toString()]


def test_crisis_lines_follow_the_chosen_country(ctx: AppContext, qtbot: QtBot) -> None:
    page = build(ctx, qtbot, TUESDAY_EVENING)
    assert "Samaritans" in page.line_names and "Shout" in page.line_names
    assert page.strip.emergency_button.text() == "Emergency: call 999"
    assert page.strip.line_button.text() == "Call Samaritans: 116 123"
    box = page.country_box
    assert box is not None and box.accessibleName()
    box.setCurrentIndex(box.findData("NZ"))
    assert "Lifeline Aotearoa" in page.line_names
    assert CrisisLinesService(ctx.session.repo).country("GB") == "NZ"
    assert page.strip.emergency_button.accessibleName() == "Emergency: call 111"


def test_adding_a_local_service(ctx: AppContext, qtbot: QtBot, session: Session) -> None:
    page = build(ctx, qtbot, TUESDAY_EVENING)
    service = CrisisLinesService(ctx.session.repo)
    dialog = CrisisLineDialog(service, "GB", service.countries(), page)
    qtbot.addWidget(dialog)
    dialog.name.setText("Night Owls")
    dialog.contact.setText("not a number")
    dialog.accept()
    assert dialog.saved is None and dialog.error.isVisibleTo(dialog)
    assert dialog.name.text() == "Night Owls"  # what was typed stays
    dialog.contact.setText("0800 111 222")
    dialog.hours.setText("8pm to 2am")
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.channel is Channel.CALL
    ctx.app.feed.poll()  # a change made elsewhere reaches the feed
    page.refresh()
    assert page.line_names[:2] == ["Samaritans", "Night Owls"]  # after the strip's line
    remove = next(b for b in page.findChildren(QPushButton)
                  if b.accessibleName() == "Remove Night Owls from your list")
    remove.click()
    assert "Night Owls" not in page.line_names
    ctx.undo.undo()
    page.refresh()
    assert page.line_names[:2] == ["Samaritans", "Night Owls"]  # after the strip's line


def test_an_empty_network_points_at_the_crisis_line_and_a_first_person(
        ctx: AppContext, qtbot: QtBot) -> None:
    CrisisLinesService(ctx.session.repo).set_country("IE")
    page = follow(ctx, ReachOutPage(ctx))
    qtbot.addWidget(page)
    assert page.available_ids == []
    assert "Samaritans Ireland" in page.line_names
    text = labels(page)
    assert EMPTY_NETWORK in text
    assert "Here is who you can reach" not in text and "Available now" not in text
    add = next(b for b in page.findChildren(QPushButton)
               if b.accessibleName() == "Add a first person to your network")
    assert add.isVisibleTo(page)
    page.focus_first_contact()
    assert page.focusWidget() is page.strip.line_button  # nobody yet: the crisis line


def test_the_strip_stays_at_the_top_and_is_the_first_tab_stops(
        ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.main_window import MainWindow

    ctx.session.clock = lambda: TUESDAY_EVENING
    seed_network(ctx.session, TUESDAY_EVENING)
    CrisisLinesService(ctx.session.repo).set_country("GB")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("reach_out")
    page = window.page("reach_out")
    assert isinstance(page, ReachOutPage)
    assert not page.scroll_area.isAncestorOf(page.strip)  # never scrolled away
    page.scroll_area.verticalScrollBar().setValue(page.scroll_area.verticalScrollBar().maximum())
    assert page.strip.isVisible() and page.strip.line_button.isVisible()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.sidebar.setFocus()
    qtbot.waitUntil(window.sidebar.hasFocus)
    stops = []
    for _ in range(3):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    assert stops[:2] == [page.strip.emergency_button, page.strip.line_button]


def test_the_plan_comes_first_then_who_is_free_and_each_service_once(
        demo_ctx: AppContext, qtbot: QtBot) -> None:
    CrisisLinesService(demo_ctx.session.repo).set_country("GB")
    page = ReachOutPage(demo_ctx, opener=lambda _url: True)
    qtbot.addWidget(page)
    column = [page.column.itemAt(i).widget() for i in range(page.column.count())]
    headings = [w.text() for w in column if isinstance(w, QLabel)]
    plan_at = headings.index("From my safety plan: People I can ask for help")
    assert plan_at < headings.index("Available now") < headings.index("Others close to you")
    samaritans = [b for b in page.findChildren(QPushButton)
                  if b.toolTip().startswith("tel:116123") and b.isVisibleTo(page)]
    assert samaritans == [page.strip.line_button]  # the demo's own entry is the same service
    assert page.line_names.count("Samaritans") == 1


def test_a_country_without_lines_says_so_and_points_to_a_directory(
        ctx: AppContext, qtbot: QtBot) -> None:
    opened: list[str] = []
    CrisisLinesService(ctx.session.repo).set_country("PT")
    page = ReachOutPage(ctx, opener=lambda url: opened.append(url.toString()) is None)
    qtbot.addWidget(page)
    strip = page.strip
    assert "SupportDesk has no crisis lines for" in strip.no_lines.text()
    assert "findahelpline.com" in strip.no_lines.text()
    assert strip.no_lines.isVisibleTo(page) and strip.add_button.isVisibleTo(page)
    assert not strip.line_button.isVisibleTo(page)
    assert "local emergency number" in strip.emergency_note.text()
    assert opened == []  # nothing opens unless they click
    strip.helplines_button.click()
    assert opened == ["https://findahelpline.com"]


def test_reminder_chores_do_not_sit_above_reach_out(ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_banner("While you were away, 2 check-ins came due.", [("Snooze", lambda: None)])
    assert window.banner.isVisible()
    window.show_page("reach_out")
    assert not window.banner.isVisible()
    window.show_banner("Another reminder.", [])
    assert not window.banner.isVisible()
    window.show_page("today")
    assert window.banner.isVisible()


def test_ctrl_shift_h_reaches_out_from_anywhere(ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.views_actions import install

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    install(window, ctx)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("circles")
    with qtbot.waitActive(window):
        window.activateWindow()
    action = window.page_actions["reach_out"]
    assert action.shortcuts()[0] == QKeySequence("Ctrl+Shift+H")  # shown in the Go menu
    qtbot.keyClick(window, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.current_key == "reach_out"


def test_crisis_services_in_the_network_are_listed_with_the_lines(
        ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.core.kinds import ContactType, Kind, Ring
    from supportdesk.core.model import AvailabilityWindow, ContactMethod, Supporter

    ctx.session.repo.add_supporter(Supporter(
        "Local crisis team", Kind.CRISIS, ring=Ring.OUTER,
        availability=[AvailabilityWindow.always()],
        contacts=[ContactMethod(ContactType.PHONE, "0300 123 4567", "", True)]))
    page = build(ctx, qtbot, TUESDAY_EVENING)
    assert "Local crisis team" in labels(page)
    names_of_buttons = [b.accessibleName() for row in page.contact_rows for b in row.buttons]
    assert "Call Local crisis team" in names_of_buttons


def test_a_big_network_shows_the_closest_few_and_the_rest_on_request(
        ctx: AppContext, qtbot: QtBot) -> None:
    from datetime import time

    from supportdesk.core.kinds import Kind
    from supportdesk.core.model import ALL_DAYS, AvailabilityWindow, Supporter
    from supportdesk.ui.pages.reach_out import FIRST_AVAILABLE

    evenings = AvailabilityWindow(ALL_DAYS, time(17, 0), time(23, 0))
    for number in range(FIRST_AVAILABLE + 5):
        ctx.session.repo.add_supporter(
            Supporter(f"Friend {number:02}", Kind.FRIEND, availability=[evenings]))
    page = build(ctx, qtbot, TUESDAY_EVENING)
    available = len(page.available_ids)
    assert available == FIRST_AVAILABLE + 5 + 2  # with Ana and Ben from the seed

    def cards() -> list[str]:
        return [b.accessibleName() for b in page.findChildren(QPushButton)
                if b.accessibleName().startswith("See ") and b.isVisibleTo(page)]

    shown = cards()
    assert len([c for c in shown if "Friend" in c or "Ana" in c or "Ben" in c]) <= available
    assert names(ctx, page.available_ids[:2]) == ["Ana Okafor", "Ben Castillo-Whitfield"]
    listed = available - 2  # Ana and Ben are in the plan, shown above
    more = next(b for b in page.findChildren(QPushButton)
                if b.accessibleName() == f"Show {listed - FIRST_AVAILABLE} more people "
                                         "available now")
    before = len(cards())
    more.click()
    assert len(cards()) == before + listed - FIRST_AVAILABLE
    assert not more.isVisibleTo(page)


def test_more_people_come_a_few_at_a_time(ctx: AppContext, qtbot: QtBot,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import time

    from supportdesk.core.kinds import Kind
    from supportdesk.core.model import ALL_DAYS, AvailabilityWindow, Supporter
    from supportdesk.ui.pages import reach_out

    monkeypatch.setattr(reach_out, "FIRST_AVAILABLE", 2)
    monkeypatch.setattr(reach_out, "MORE_AT_A_TIME", 3)
    evenings = AvailabilityWindow(ALL_DAYS, time(17, 0), time(23, 0))
    for number in range(5):
        ctx.session.repo.add_supporter(
            Supporter(f"Friend {number}", Kind.FRIEND, availability=[evenings]))
    page = build(ctx, qtbot, TUESDAY_EVENING)
    assert len(page.available_ids) == 7  # with Ana and Ben from the seed

    def button(name: str) -> QPushButton:
        return next(b for b in page.findChildren(QPushButton) if b.accessibleName() == name)

    monkeypatch.setattr(reach_out, "MORE_AT_A_TIME", 2)
    page.refresh()
    more = button("Show 2 more people available now")  # 5 friends; Ana and Ben are in the plan
    assert "3 in all" in more.text()
    more.click()
    assert more.accessibleName() == "Show 1 more people available now"
    assert "in all" not in more.text()
    more.click()
    assert not more.isVisibleTo(page)


def test_the_emergency_number_and_the_crisis_line_are_one_key_each(
        ctx: AppContext, qtbot: QtBot) -> None:
    from supportdesk.ui.main_window import MainWindow

    opened: list[str] = []
    CrisisLinesService(ctx.session.repo).set_country("GB")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("reach_out")
    page = window.page("reach_out")
    assert isinstance(page, ReachOutPage)
    page.strip.opener = lambda url: opened.append(url.toString()) is None
    with qtbot.waitActive(window):
        window.activateWindow()
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(focused, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert opened == ["tel:999", "tel:116123"]
    window.show_page("today")  # hidden with its page, the keys do nothing
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_1,
                   Qt.KeyboardModifier.AltModifier)
    assert opened == ["tel:999", "tel:116123"]


def page_order(page: ReachOutPage) -> list[str]:
    """Each heading, card and plan line of the column, top to bottom, to "My safety plan"."""
    from supportdesk.ui.pages.view_parts import Card

    shown: list[str] = []
    for i in range(page.column.count()):
        widget = page.column.itemAt(i).widget()
        if widget is page.ask_card:
            continue  # "Who can I ask for…?" is the page's own tool, not a part of the order
        if isinstance(widget, Card) and widget.title is not None:
            shown.append(widget.title.text())
        elif isinstance(widget, QLabel) and widget.text() not in (
                WARM_LINE, "Here is who you can reach. One click is enough."):
            if widget.text() == "My safety plan":
                break
            shown.append(widget.text().removeprefix("•  "))
    return shown


def cli_order(printed: str) -> list[str]:
    """``reach``'s sections, people, plan lines and crisis lines, top to bottom."""
    lines = printed.splitlines()
    return [line.removeprefix("  • ").strip() for line in lines[lines.index("") + 1:]
            if line and not line.startswith("    ")]  # after the main line and its source


def test_the_page_and_the_command_line_show_the_same_order(
        ctx: AppContext, qtbot: QtBot, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from supportdesk.cli.crisis_commands import reach_command
    from supportdesk.core.kinds import ContactType, Kind, PlanStep, Ring
    from supportdesk.core.model import AvailabilityWindow, ContactMethod, PlanItem, Supporter

    ctx.session.repo.add_supporter(Supporter(
        "Local crisis team", Kind.CRISIS, ring=Ring.OUTER,
        availability=[AvailabilityWindow.always()],
        contacts=[ContactMethod(ContactType.PHONE, "0300 123 4567", "", True)]))
    page = build(ctx, qtbot, TUESDAY_EVENING)
    plan = ctx.app.safety_plan.plan()
    plan[PlanStep.ASK_FOR_HELP].insert(0, PlanItem(PlanStep.ASK_FOR_HELP, "My neighbour"))
    ctx.app.save_plan(plan)  # the page follows the feed
    assert reach_command(ctx.app, argparse.Namespace(country="", json=False)) == 0
    printed = cli_order(capsys.readouterr().out)
    shown = page_order(page)
    assert len(shown) == len(printed)
    assert all(line.startswith(words) for words, line in zip(shown, printed, strict=True))
    assert printed[:2] == ["From my safety plan: People I can ask for help", "My neighbour"]
    assert shown[2:4] == ["Ana Okafor", "Ben Castillo-Whitfield"]
    assert {"Available now", "Professionals", "Local crisis team", "Priya"} <= set(shown)


def test_a_card_shows_what_to_ask_them_about(ctx: AppContext, qtbot: QtBot) -> None:
    page = build(ctx, qtbot, TUESDAY_EVENING)
    ana = next(s for s in ctx.app.network.supporters() if s.name == "Ana Okafor")
    ctx.app.add_ask(ctx.app.appointments.new_ask(ana.id or 0, "her job interview on Friday"))
    assert "Ask about: her job interview on Friday" in labels(page)

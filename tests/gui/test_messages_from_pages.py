"""Words ready to send from Reach out now, a person's page and the safety plan, by
keyboard; and "Who can I ask for…?" on Reach out now, free helpers first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind, PlanStep, Ring
from supportdesk.core.model import AvailabilityWindow, ContactMethod, PlanItem, Supporter
from supportdesk.services.safety_plan import empty_plan
from supportdesk.ui.context import AppContext
from supportdesk.ui.messages.my_people import SendToMyPeopleDialog
from supportdesk.ui.messages.send_dialog import SendMessageDialog
from supportdesk.ui.pages.person import PersonPage
from supportdesk.ui.pages.reach_out import ReachOutPage
from supportdesk.ui.pages.safety_plan import SafetyPlanPage
from tests.gui.conftest import follow

SMS = ContactMethod(ContactType.SMS, "07700 900123")


def add(ctx: AppContext, name: str, **fields: object) -> int:
    saved = ctx.app.add_supporter(Supporter(name, Kind.FRIEND, **fields))  # type: ignore[arg-type]
    assert saved.id is not None
    return saved.id


def while_open(kind: type[QDialog], look: Callable[[QDialog], None]) -> list[QDialog]:
    """Run ``look`` on the dialog of ``kind`` once it is open (it runs modally), then
    close it; the dialogs seen."""
    seen: list[QDialog] = []

    def find() -> None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible()]
        if not found:
            QTimer.singleShot(20, find)
            return
        seen.append(found[0])
        look(found[0])
        if found[0].isVisible():
            found[0].reject()

    QTimer.singleShot(0, find)
    return seen


def shown(qtbot: QtBot, page: QWidget) -> None:
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitActive(page):
        page.activateWindow()


def tab_to(qtbot: QtBot, page: QWidget, target: QWidget, most: int = 80) -> None:
    """Press Tab until ``target`` has focus: it is reachable by keyboard."""
    qtbot.wait(10)  # a dialog that was open is gone
    focused = QApplication.focusWidget()
    if focused is None or not page.isAncestorOf(focused):  # a dialog was open
        with qtbot.waitActive(page):
            page.activateWindow()
        page.focusNextChild()
    for _ in range(most):
        if QApplication.focusWidget() is target:
            return
        focused = QApplication.focusWidget() or page
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError(f"{target.accessibleName()} was never reached with Tab")


def test_reach_out_now_sends_a_message_and_to_my_people_by_keyboard(
        ctx: AppContext, qtbot: QtBot) -> None:
    opened: list[str] = []
    ana = add(ctx, "Ana", contacts=[SMS])
    plan = empty_plan()
    plan[PlanStep.ASK_FOR_HELP] = [PlanItem(PlanStep.ASK_FOR_HELP, "", ana)]
    ctx.app.save_plan(plan)
    page = ReachOutPage(ctx, opener=lambda url: opened.append(url.toString()) is None)
    shown(qtbot, page)
    tab_to(qtbot, page, page.message_button)
    seen = while_open(SendMessageDialog, lambda d: d.send_button.click())  # type: ignore[attr-defined]
    qtbot.keyClick(page.message_button, Qt.Key.Key_Space)
    assert len(seen) == 1 and opened[0].startswith("sms:07700900123?body=I")
    tab_to(qtbot, page, page.my_people_button)
    people = while_open(SendToMyPeopleDialog,
                        lambda d: d.send_button.click())  # type: ignore[attr-defined]
    qtbot.keyClick(page.my_people_button, Qt.Key.Key_Space)
    assert len(people) == 1 and len(opened) == 2


def test_who_can_i_ask_for_lists_those_who_offer_it_free_now_first(
        ctx: AppContext, qtbot: QtBot) -> None:
    always = [AvailabilityWindow.always()]
    add(ctx, "Bo", ring=Ring.INNER, help_with=("a lift",), contacts=[SMS])
    add(ctx, "Al", ring=Ring.OUTER, help_with=("A lift", "listening"), availability=always)
    add(ctx, "Cy", help_with=("childcare",))
    page = follow(ctx, ReachOutPage(ctx, opener=lambda _url: True))
    shown(qtbot, page)
    card = page.ask_card
    assert card is not None
    kinds = [card.kind_box.itemText(i) for i in range(card.kind_box.count())]
    assert kinds[:3] == ["Choose a kind of help…", "listening", "practical help"]
    tab_to(qtbot, page, card.kind_box)
    card.choose("a lift")
    assert card.helper_names() == ["Al", "Bo"]  # Al is free now; Bo is closer but not
    lines = [label.text() for label in card.result_widgets[0].findChildren(QLabel)]
    assert lines[:2] == ["Al", "Friend · Available now"]
    tab_to(qtbot, page, card.grids[1].buttons[0])  # Bo's Text button, by keyboard
    said: list[tuple[int, str]] = []
    ctx.events.reached_out.connect(lambda sid, how: said.append((sid, how)))
    qtbot.keyClick(card.grids[1].buttons[0], Qt.Key.Key_Space)
    assert said and said[0][1] == "sms"
    card.choose("childcare")
    assert card.helper_names() == ["Cy"]
    opened: list[int] = []
    ctx.events.supporter_open_requested.connect(opened.append)
    card.open_buttons[0].click()
    assert opened == [ctx.app.network.find_one("Cy").id]
    card.choose("forms and letters")
    assert card.helper_names() == []
    assert card.summary.text().startswith("No one is noted as helping with forms and letters")


def test_the_person_page_sends_them_a_message_and_shows_what_they_help_with(
        ctx: AppContext, qtbot: QtBot) -> None:
    sam = add(ctx, "Sam", contacts=[SMS], help_with=("listening", "<b>forms</b> & letters"))
    page = follow(ctx, PersonPage(ctx))
    page.show_supporter(sam)
    shown(qtbot, page)
    assert page.help_with_label.text() == "Can help with: listening, <b>forms</b> & letters"
    assert page.help_with_label.textFormat() is Qt.TextFormat.PlainText
    tab_to(qtbot, page, page.message_button)
    chosen: list[str] = []
    while_open(SendMessageDialog,
               lambda d: chosen.append(d.person_box.currentText()))  # type: ignore[attr-defined]
    qtbot.keyClick(page.message_button, Qt.Key.Key_Space)
    assert chosen == ["Sam"]
    web_only = add(ctx, "Web", contacts=[ContactMethod(ContactType.WEB, "example.org")])
    page.show_supporter(web_only)
    assert not page.message_button.isVisible() and not page.help_with_label.isVisible()


def test_the_safety_plan_sends_to_my_people(ctx: AppContext, qtbot: QtBot) -> None:
    opened: list[QUrl] = []
    ana = add(ctx, "Ana", contacts=[SMS])
    plan = empty_plan()
    plan[PlanStep.ASK_FOR_HELP] = [PlanItem(PlanStep.ASK_FOR_HELP, "", ana)]
    ctx.app.save_plan(plan)
    page = SafetyPlanPage(ctx, opener=lambda url: opened.append(url) is None)
    shown(qtbot, page)
    tab_to(qtbot, page, page.my_people_button)
    seen = while_open(SendToMyPeopleDialog, lambda d: (
        d.send_button.click(), d.accept()))  # type: ignore[attr-defined]
    qtbot.keyClick(page.my_people_button, Qt.Key.Key_Space)
    assert len(seen) == 1
    assert [bytes(u.toEncoded().data())[:14] for u in opened] == [b"sms:07700900123"[:14]]
    tab_to(qtbot, page, page.message_button)

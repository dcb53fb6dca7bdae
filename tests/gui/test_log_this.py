""""Log this?" after reaching out: a Call/Text/Email/Open button used anywhere in the app
brings a small bar offering to log it, the way filled in, when the person comes back
to the window (or after a while); "Not now" forgets it; crisis lines never ask."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Channel, ContactType, Initiator, Kind, Mode, PlanStep, Ring
from supportdesk.core.model import CheckIn, ContactMethod, CrisisLine, PlanItem, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.log_this import LogThisPrompt
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.pages.people_split import shown_person_page
from supportdesk.ui.pages.person import PersonPage
from supportdesk.ui.pages.reach_out import ReachOutPage
from supportdesk.ui.pages.safety_plan import SafetyPlanPage

SCHEMES = ("tel", "sms", "mailto", "https")


class LinkCatcher(QObject):
    """Stands where the phone or mail program would: Qt hands it every link opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def links() -> Iterator[LinkCatcher]:
    catcher = LinkCatcher()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, catcher, "open")  # type: ignore[arg-type]
    yield catcher
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


def add_sam(ctx: AppContext) -> int:
    sam = ctx.app.network.save_supporter(Supporter(
        name="Sam", kind=Kind.FRIEND, ring=Ring.INNER,
        contacts=[ContactMethod(ContactType.PHONE, "+44 7700 900123", preferred=True),
                  ContactMethod(ContactType.EMAIL, "sam@example.org")]))
    assert sam.id is not None
    return sam.id


def window_with_prompt(ctx: AppContext, qtbot: QtBot, delay_ms: int = 60_000
                       ) -> tuple[MainWindow, LogThisPrompt]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    prompt = LogThisPrompt(window, ctx, delay_ms=delay_ms)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, prompt


def press(button: QWidget, qtbot: QtBot) -> None:
    """By keyboard: focus the button and press Space."""
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def go_away_and_come_back(window: MainWindow, qtbot: QtBot) -> None:
    """What a phone call from the app looks like to the window: another program is
    in front for a while, then the person comes back."""
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    with qtbot.waitActive(elsewhere):
        elsewhere.activateWindow()
    assert not window.isActiveWindow()
    with qtbot.waitActive(window):
        window.activateWindow()


def call_button(window: MainWindow) -> QWidget:
    page = shown_person_page(window)  # beside the People list
    assert isinstance(page, PersonPage)
    return next(b for b in page.contacts.buttons if b.text().startswith("Call"))


def test_calling_from_their_page_offers_to_log_it_once_you_are_back(
    ctx: AppContext, qtbot: QtBot, links: LinkCatcher
) -> None:
    sam_id = add_sam(ctx)
    window, prompt = window_with_prompt(ctx, qtbot)
    window.show_supporter(sam_id)
    qtbot.mouseClick(call_button(window), Qt.MouseButton.LeftButton)
    assert links.opened == ["tel:+447700900123"]
    assert not prompt.bar.isVisible()  # not while they are on the phone
    go_away_and_come_back(window, qtbot)
    assert prompt.bar.isVisible()
    assert prompt.bar.text.text() == "You called Sam. Would you like to log it as a check-in?"
    seen: dict[str, object] = {}

    def look_at_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CheckinDialog):
            QTimer.singleShot(20, look_at_the_dialog)
            return
        seen.update(person=dialog.person_box.supporter_id(), mode=dialog.mode_box.currentData(),
                    who=dialog.initiator_box.currentData())
        dialog.reject()

    QTimer.singleShot(0, look_at_the_dialog)
    press(prompt.bar.log_button, qtbot)
    assert seen == {"person": sam_id, "mode": Mode.CALL, "who": Initiator.ME}
    assert not prompt.bar.isVisible()  # asked and answered: it does not come back
    go_away_and_come_back(window, qtbot)
    assert not prompt.bar.isVisible()


def test_when_the_window_never_lost_focus_it_asks_after_a_while(
    ctx: AppContext, qtbot: QtBot, links: LinkCatcher
) -> None:
    sam_id = add_sam(ctx)
    window, prompt = window_with_prompt(ctx, qtbot, delay_ms=100)
    window.show_supporter(sam_id)
    email = next(b for b in shown_person_page(window).contacts.buttons  # type: ignore[union-attr]
                 if b.text().startswith("Email"))
    qtbot.mouseClick(email, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(prompt.bar.isVisible, timeout=2000)
    assert prompt.bar.text.text().startswith("You emailed Sam.")
    assert prompt.pending is not None and prompt.pending.contact_type is ContactType.EMAIL


def test_not_now_forgets_it(ctx: AppContext, qtbot: QtBot, links: LinkCatcher) -> None:
    sam_id = add_sam(ctx)
    window, prompt = window_with_prompt(ctx, qtbot)
    window.show_supporter(sam_id)
    qtbot.mouseClick(call_button(window), Qt.MouseButton.LeftButton)
    go_away_and_come_back(window, qtbot)
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is prompt.bar.log_button  # one Tab from the sections
    qtbot.keyClick(prompt.bar.log_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is prompt.bar.not_now_button
    qtbot.keyClick(prompt.bar.not_now_button, Qt.Key.Key_Space)
    assert not prompt.bar.isVisible()
    go_away_and_come_back(window, qtbot)
    qtbot.wait(50)
    assert not prompt.bar.isVisible()
    assert ctx.app.network.checkins(sam_id) == []  # nothing was logged for them


def test_logging_them_another_way_meanwhile_forgets_it(
    ctx: AppContext, qtbot: QtBot, links: LinkCatcher
) -> None:
    sam_id = add_sam(ctx)
    window, prompt = window_with_prompt(ctx, qtbot)
    window.show_supporter(sam_id)
    qtbot.mouseClick(call_button(window), Qt.MouseButton.LeftButton)
    ctx.app.log_checkin(CheckIn(supporter_id=sam_id, at=ctx.app.now(), mode=Mode.CALL))
    qtbot.waitUntil(lambda: prompt.pending is None, timeout=2000)
    go_away_and_come_back(window, qtbot)
    assert not prompt.bar.isVisible()


def test_it_waits_while_reach_out_now_shows(
    ctx: AppContext, qtbot: QtBot, links: LinkCatcher
) -> None:
    add_sam(ctx)
    window, prompt = window_with_prompt(ctx, qtbot)
    window.show_page("reach_out")
    page = window.page("reach_out")
    assert isinstance(page, ReachOutPage)
    qtbot.mouseClick(page.people_rows[0].buttons[0], Qt.MouseButton.LeftButton)
    go_away_and_come_back(window, qtbot)
    assert not prompt.bar.isVisible()  # no chores above help
    window.show_page("today")
    assert prompt.bar.isVisible()
    assert prompt.bar.text.text().startswith("You called Sam.")


def test_crisis_lines_never_ask_but_people_on_reach_out_now_do(
    ctx: AppContext, qtbot: QtBot
) -> None:
    sam_id = add_sam(ctx)
    ctx.app.set_crisis_country("GB")
    ctx.app.add_crisis_line(CrisisLine("GB", "Night Owls", "0800 111 222", Channel.CALL,
                                       "8pm to 2am", "", user_added=True))
    page = ReachOutPage(ctx, opener=lambda _url: True)
    qtbot.addWidget(page)
    said: list[tuple[int, str]] = []
    ctx.events.reached_out.connect(lambda sid, kind: said.append((sid, kind)))
    person_buttons = [b for row in page.people_rows for b in row.buttons]
    line_buttons = [b for row in page.contact_rows if row not in page.people_rows
                    for b in row.buttons]
    strip_buttons = [page.strip.emergency_button, page.strip.line_button]
    assert line_buttons and person_buttons, page.line_names
    for button in [*strip_buttons, *line_buttons]:
        button.click()
    assert said == []
    person_buttons[0].click()
    assert said == [(sam_id, "phone")]


def test_a_person_linked_in_the_safety_plan_can_be_logged_after_a_text(
    ctx: AppContext, qtbot: QtBot
) -> None:
    sam_id = add_sam(ctx)
    ctx.app.save_plan({PlanStep.ASK_FOR_HELP: [PlanItem(PlanStep.ASK_FOR_HELP, "",
                                                        sam_id)]})
    page = SafetyPlanPage(ctx, opener=lambda _url: True)
    qtbot.addWidget(page)
    said: list[tuple[int, str]] = []
    ctx.events.reached_out.connect(lambda sid, kind: said.append((sid, kind)))
    [row] = page.cards[PlanStep.ASK_FOR_HELP].rows
    assert row.contacts is not None
    email = next(b for b in row.contacts.buttons if b.text().startswith("Email"))
    email.click()
    assert said == [(sam_id, "email")]


def test_a_message_sent_with_ready_words_offers_to_log_a_text(
    ctx: AppContext, qtbot: QtBot, links: LinkCatcher
) -> None:
    from supportdesk.ui.messages.send_dialog import SendMessageDialog

    sam_id = add_sam(ctx)
    window, prompt = window_with_prompt(ctx, qtbot)
    window.show_supporter(sam_id)
    dialog = SendMessageDialog(ctx, sam_id, window)
    dialog.show()
    assert dialog.way_box.currentText() == "Text +44 7700 900123"
    press(dialog.send_button, qtbot)
    assert links.opened[0].startswith("sms:+447700900123?body=")
    go_away_and_come_back(window, qtbot)
    assert prompt.bar.isVisible()
    assert prompt.bar.text.text() == "You texted Sam. Would you like to log it as a check-in?"

"""Words ready to send: the message picker opens the text or email with the words filled
in (through the desktop's own link handling), shows them to copy when nothing opens it,
and counts as reaching out; "Send to my people" goes one person at a time; "My messages"
adds, changes, removes and reorders the words, with Undo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind, PlanStep
from supportdesk.core.messages import MessageTemplate
from supportdesk.core.model import ContactMethod, PlanItem, Supporter
from supportdesk.services.safety_plan import empty_plan
from supportdesk.ui.context import AppContext
from supportdesk.ui.messages.my_people import SendToMyPeopleDialog
from supportdesk.ui.messages.send_dialog import SendMessageDialog
from supportdesk.ui.messages.templates_dialog import TemplatesDialog
from supportdesk.ui.widgets.link_fallback import UnopenedLinkDialog

MARKUP = "<b>Call</b> me & <img src=x> soon?\nLove, Zoë"


class LinkCatcher(QObject):
    """Stands where the messages or mail program would: Qt hands it each link opened."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[bytes] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(bytes(url.toEncoded().data()))


@pytest.fixture
def links() -> Iterator[LinkCatcher]:
    catcher = LinkCatcher()
    for scheme in ("sms", "mailto"):
        QDesktopServices.setUrlHandler(scheme, catcher, "open")  # type: ignore[arg-type]
    yield catcher
    for scheme in ("sms", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)


def add(ctx: AppContext, name: str, *contacts: ContactMethod) -> int:
    saved = ctx.app.add_supporter(Supporter(name, Kind.FRIEND, contacts=list(contacts)))
    assert saved.id is not None
    return saved.id


def reached(ctx: AppContext) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    ctx.events.reached_out.connect(lambda sid, how: found.append((sid, how)))
    return found


def unopened() -> list[UnopenedLinkDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, UnopenedLinkDialog) and w.isVisible()]


def test_a_template_person_and_way_open_the_text_with_the_words(
        ctx: AppContext, qtbot: QtBot, links: LinkCatcher) -> None:
    sam = add(ctx, "Sam", ContactMethod(ContactType.PHONE, "07700 900123"),
              ContactMethod(ContactType.EMAIL, "sam@example.org"))
    said = reached(ctx)
    dialog = SendMessageDialog(ctx, sam)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.template_list
    assert dialog.person_box.currentText() == "Sam"
    assert dialog.way_box.currentText() == "Text 07700 900123"
    assert dialog.text_edit.toPlainText().startswith("I'm having a hard time.")
    qtbot.keyClick(dialog.template_list, Qt.Key.Key_Down)  # the next words, by keyboard
    assert dialog.text_edit.toPlainText() == "Thinking of you — how are you doing?"
    qtbot.keyClick(dialog.send_button, Qt.Key.Key_Space)
    assert links.opened == [b"sms:07700900123?body=Thinking%20of%20you%20%E2%80%94%20how%20"
                            b"are%20you%20doing%3F"]
    assert said == [(sam, "sms")]  # a text, even to a phone number: "Log this?" follows
    assert not dialog.isVisible() and dialog.sent


def test_an_email_carries_the_subject_and_changed_words(
        ctx: AppContext, qtbot: QtBot, links: LinkCatcher) -> None:
    sam = add(ctx, "Sam", ContactMethod(ContactType.EMAIL, "sam@example.org"))
    said = reached(ctx)
    dialog = SendMessageDialog(ctx, sam)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.subject_edit.isVisible()
    assert dialog.send_button.text() == "&Open the email"
    dialog.template_list.setCurrentRow(2)
    dialog.text_edit.setPlainText(MARKUP)
    dialog.send_button.click()
    (link,) = links.opened
    assert link == (b"mailto:sam@example.org?subject=Thank%20you&body=%3Cb%3ECall%3C%2Fb%3E"
                    b"%20me%20%26%20%3Cimg%20src%3Dx%3E%20soon%3F%0ALove%2C%20Zo%C3%AB")
    assert said == [(sam, "email")]


def test_with_nothing_to_open_it_the_words_are_copied_and_shown_with_the_number(
        ctx: AppContext, qtbot: QtBot) -> None:
    sam = add(ctx, "Sam", ContactMethod(ContactType.SMS, "07700 900123"))
    said = reached(ctx)
    ctx.app.save_message_templates([MessageTemplate(MARKUP)])
    dialog = SendMessageDialog(ctx, sam, opener=lambda _url: False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.send_button.click()
    (shown,) = unopened()
    assert shown.value.text() == "07700 900123"
    assert shown.words.text() == MARKUP
    assert shown.words.textFormat() is Qt.TextFormat.PlainText
    assert "copied" in shown.intro.text()
    assert QGuiApplication.clipboard().text() == MARKUP
    qtbot.keyClick(shown.copy_value_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == "07700 900123"
    qtbot.keyClick(shown.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == MARKUP
    assert said == [(sam, "sms")]  # still reaching out: the person texts from their phone
    shown.close()


def test_with_no_one_to_send_to_the_picker_says_so(ctx: AppContext, qtbot: QtBot) -> None:
    add(ctx, "Web only", ContactMethod(ContactType.WEB, "example.org"))
    dialog = SendMessageDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.person_box.count() == 0
    assert dialog.nobody.isVisible() and not dialog.send_button.isEnabled()


def plan_people(ctx: AppContext, *ids: int) -> None:
    plan = empty_plan()
    plan[PlanStep.ASK_FOR_HELP] = [PlanItem(PlanStep.ASK_FOR_HELP, "", i) for i in ids]
    ctx.app.save_plan(plan)


def test_send_to_my_people_goes_one_person_at_a_time(
        ctx: AppContext, qtbot: QtBot, links: LinkCatcher) -> None:
    ana = add(ctx, "Ana", ContactMethod(ContactType.SMS, "111"))
    bo = add(ctx, "Bo", ContactMethod(ContactType.EMAIL, "bo@example.org"))
    cy = add(ctx, "Cy", ContactMethod(ContactType.SMS, "333"))
    plan_people(ctx, ana, bo, cy)
    said = reached(ctx)
    dialog = SendToMyPeopleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.text_edit.toPlainText().startswith("I'm having a hard time.")
    assert dialog.status.text() == "1 of 3: Ana."
    assert dialog.focusWidget() is dialog.send_button
    assert links.opened == []  # nothing goes until the person says so
    qtbot.keyClick(dialog.send_button, Qt.Key.Key_Space)
    assert len(links.opened) == 1 and links.opened[0].startswith(b"sms:111?body=I%27m")
    assert dialog.status.text() == "2 of 3: Bo."
    assert dialog.send_button.text() == "Open the email to Bo"
    qtbot.keyClick(dialog.skip_button, Qt.Key.Key_Space)
    assert dialog.status.text() == "3 of 3: Cy."
    dialog.send_button.click()
    assert [link[:8] for link in links.opened] == [b"sms:111?", b"sms:333?"]
    assert said == [(ana, "sms"), (cy, "sms")]
    assert dialog.done_with == ["sent", "skipped", "sent"]
    assert not dialog.send_button.isVisible()
    assert dialog.status.text().startswith("That's everyone.")
    assert [dialog.people_list.item(i).text() for i in range(3)] == [
        "Ana · Text 111 — ✓ sent", "Bo · Email bo@example.org — skipped",
        "Cy · Text 333 — ✓ sent"]


def test_send_to_my_people_uses_the_marked_words_and_says_when_there_is_nobody(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = SendToMyPeopleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.nobody.isVisible() and not dialog.send_button.isVisible()
    pages: list[str] = []
    ctx.events.page_requested.connect(pages.append)
    dialog.plan_button.click()
    assert pages == ["safety_plan"]
    ctx.app.save_message_templates([MessageTemplate("Hello"),
                                    MessageTemplate("Please ring me", hard_time=True)])
    again = SendToMyPeopleDialog(ctx)
    qtbot.addWidget(again)
    assert again.text_edit.toPlainText() == "Please ring me"


def test_my_messages_add_change_reorder_and_remove_with_undo(
        ctx: AppContext, qtbot: QtBot) -> None:
    before = ctx.app.templates.templates()
    dialog = TemplatesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.list.count() == 3 and dialog.focusWidget() is dialog.list
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)
    assert dialog.focusWidget() is dialog.text_edit
    qtbot.keyClicks(dialog.text_edit, "Fancy a walk & a <b>chat</b>?")
    dialog.subject_edit.setText("A walk?")
    assert dialog.list.item(3).text() == "Fancy a walk & a <b>chat</b>?"
    qtbot.keyClick(dialog.up_button, Qt.Key.Key_Space)  # now third
    dialog.list.setCurrentRow(1)
    qtbot.keyClick(dialog.remove_button, Qt.Key.Key_Space)  # "Thinking of you" goes
    dialog.list.setCurrentRow(1)
    dialog.hard_time_box.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    saved = ctx.app.templates.templates()
    assert [t.text for t in saved] == [before[0].text, "Fancy a walk & a <b>chat</b>?",
                                       before[2].text]
    assert saved[1].subject == "A walk?"
    assert [t.hard_time for t in saved] == [False, True, False]
    ctx.undo.undo()
    assert ctx.app.templates.templates() == before
    ctx.undo.redo()
    assert [t.text for t in ctx.app.templates.templates()][1].startswith("Fancy a walk")


def test_a_blank_message_is_not_saved_and_what_was_typed_stays(
        ctx: AppContext, qtbot: QtBot) -> None:
    dialog = TemplatesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_button.click()
    dialog.list.setCurrentRow(0)
    dialog.text_edit.setPlainText("Changed words")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.list.currentRow() == 3
    assert "Not saved yet" in dialog.banner.text()
    assert dialog.templates[0].text == "Changed words"
    assert ctx.app.templates.templates()[0].text.startswith("I'm having")
    assert ctx.undo.count() == 0
    dialog.mark_clean()  # closing at teardown would otherwise ask about the changes

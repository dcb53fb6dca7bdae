"""A Call, Text, Email or Open button that nothing on the computer can open shows the
number or address instead, large, with Copy (offscreen Qt has no tel: handler at all)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod
from supportdesk.ui.widgets.contact_buttons import ContactButtons
from supportdesk.ui.widgets.link_fallback import UnopenedLinkDialog


def buttons(qtbot: QtBot, contacts: list[ContactMethod], **kw: object) -> ContactButtons:
    row = ContactButtons(None, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(row)
    row.set_contacts(contacts, "Samaritans")
    row.show()
    qtbot.waitExposed(row)
    return row


def shown_dialog() -> UnopenedLinkDialog:
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, UnopenedLinkDialog) and w.isVisible()]
    assert len(found) == 1
    return found[0]


def test_a_call_with_no_phone_program_shows_the_number_to_dial(qtbot: QtBot) -> None:
    row = buttons(qtbot, [ContactMethod(ContactType.PHONE, "116 123", preferred=True)])
    with qtbot.waitSignal(row.contact_unopened) as unopened:
        qtbot.keyClick(row.buttons[0], Qt.Key.Key_Space)  # the real desktop services
    assert unopened.args == ["tel:116123"]
    dialog = shown_dialog()
    assert dialog.value.text() == "116 123"
    assert dialog.value.textFormat() is Qt.TextFormat.PlainText
    assert dialog.value.font().pointSizeF() > row.font().pointSizeF() * 2
    assert "Dial this from your phone." in dialog.hint.text()
    assert dialog.focusWidget() is dialog.copy_button  # Enter or Space copies
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == "116 123"
    assert dialog.feedback.text() == "Copied."
    dialog.close()


def test_an_email_that_does_not_open_shows_the_address(qtbot: QtBot) -> None:
    row = buttons(qtbot, [ContactMethod(ContactType.EMAIL, "jo@samaritans.org")],
                  opener=lambda _url: False)
    row.buttons[0].click()
    dialog = shown_dialog()
    assert dialog.value.text() == "jo@samaritans.org"
    assert "address" in dialog.intro.text()
    dialog.close()


def test_a_link_that_opens_shows_nothing_more(qtbot: QtBot) -> None:
    opened: list[str] = []
    row = buttons(qtbot, [ContactMethod(ContactType.SMS, "85258")],
                  opener=lambda url: opened.append(url.toString()) is None)
    with qtbot.waitSignal(row.contact_opened):
        row.buttons[0].click()
    assert opened == ["sms:85258"]
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, UnopenedLinkDialog) and w.isVisible()]

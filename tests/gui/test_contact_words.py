"""Buttons name a website by its label or its site, never by its raw address; a new
person's page has no empty box."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.person import PersonPage
from supportdesk.ui.widgets.contact_buttons import ContactButtons


def test_web_buttons_show_the_label_or_the_site_and_keep_the_address_as_tooltip(
        qtbot: QtBot) -> None:
    buttons = ContactButtons()
    qtbot.addWidget(buttons)
    long_link = "https://www.surgery.example.org/patients/book-appointments"
    buttons.set_contacts([ContactMethod(ContactType.WEB, long_link),
                          ContactMethod(ContactType.WEB, "forum.example.net/t/1", "Peer forum"),
                          ContactMethod(ContactType.PHONE, "01632 960000", "clinic")])
    texts = [b.text() for b in buttons.buttons]
    assert texts == ["Open surgery.example.org", "Open Peer forum", "Call 01632 960000 (clinic)"]
    assert buttons.buttons[0].toolTip() == long_link
    assert buttons.buttons[1].toolTip() == "https://forum.example.net/t/1"
    assert all("http" not in text for text in texts)


def test_a_new_person_has_a_quiet_line_not_an_empty_box(ctx: AppContext, qtbot: QtBot) -> None:
    jo = ctx.session.network.save_supporter(Supporter(name="Jo", kind=Kind.FRIEND))
    page = PersonPage(ctx)
    qtbot.addWidget(page)
    page.show_supporter(jo.id or 0)
    page.show()
    assert not page.before_box.isVisible()
    assert page.before_empty.isVisible() and "nothing noted yet" in page.before_empty.text()
    noted = ctx.session.network.save_supporter(Supporter(name="Ana", kind=Kind.FRIEND,  # noted
                                                         notes="Likes walks"))
    page.show_supporter(noted.id or 0)
    assert page.before_box.isVisible() and not page.before_empty.isVisible()

"""A person's page: contacts in one click, notes before reaching out, timeline, gratitude,
reciprocity, and changes with Undo."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import ContactType, Kind, Mode, Ring, SupportType
from supportdesk.core.model import (
    AvailabilityWindow,
    Boundaries,
    CheckIn,
    ContactMethod,
    HelpNotes,
    Supporter,
)
from supportdesk.ui.context import AppContext
from supportdesk.ui.models.checkin_table import CheckinColumn, CheckinTableModel
from supportdesk.ui.models.gratitude_table import GratitudeColumn, GratitudeTableModel
from supportdesk.ui.pages.person import PersonPage
from supportdesk.ui.widgets import contact_buttons
from tests.conftest import FIXED_NOW
from tests.gui.conftest import answer_message_box, follow

EMO = frozenset({SupportType.EMOTIONAL})


@pytest.fixture
def priya(ctx: AppContext) -> Supporter:
    s = ctx.session.network.save_supporter(Supporter(
        name="Priya", kind=Kind.FAMILY, ring=Ring.INNER,
        contacts=[ContactMethod(ContactType.EMAIL, "priya@example.org"),
                  ContactMethod(ContactType.PHONE, "+44 7700 900123", "mobile", True)],
        boundaries=Boundaries("I don't vent about Mum", "No calls during night shifts"),
        help=HelpNotes(what_helps="A short text", in_a_crisis="Sit with me")))
    assert s.id is not None
    ctx.session.network.log_checkin(CheckIn(s.id, FIXED_NOW - timedelta(days=3), Mode.CALL,
                                            mood_before=2, mood_after=4,
                                            support_received=EMO, note="Talked it through"))
    ctx.session.network.log_checkin(CheckIn(s.id, FIXED_NOW - timedelta(days=20), Mode.TEXT,
                                            support_given=EMO))
    ctx.session.network.add_gratitude(s.id, "Came with me to the appointment")
    return s


def page_for(ctx: AppContext, qtbot: QtBot, supporter_id: int) -> PersonPage:
    page = follow(ctx, PersonPage(ctx))
    qtbot.addWidget(page)
    page.show_supporter(supporter_id)
    page.resize(900, 900)
    page.show()
    return page


def test_item_models_pass_the_model_tester(
    ctx: AppContext, priya: Supporter, qtmodeltester: ModelTester
) -> None:
    checkins = CheckinTableModel()
    checkins.set_checkins(ctx.session.network.checkins(), {priya.id or 0: "Priya"}, FIXED_NOW)
    qtmodeltester.check(checkins)
    gratitude = GratitudeTableModel()
    gratitude.set_entries(ctx.session.network.gratitude(), {priya.id or 0: "Priya"})
    qtmodeltester.check(gratitude)


def test_header_shows_who_they_are_and_when_we_last_spoke(
    ctx: AppContext, qtbot: QtBot, priya: Supporter
) -> None:
    page = page_for(ctx, qtbot, priya.id or 0)
    assert page.name_label.text() == "Priya"
    assert page.summary_label.text() == "Family · Inner circle"
    assert page.contact_label.text() == "Last in touch 3 days ago · next check-in in 4 days"


def test_boundaries_and_help_notes_sit_with_the_contact_buttons(
    ctx: AppContext, qtbot: QtBot, priya: Supporter
) -> None:
    page = page_for(ctx, qtbot, priya.id or 0)
    assert page.note_labels["boundaries.theirs"][1].text() == "No calls during night shifts"
    assert page.note_labels["boundaries.theirs"][1].isVisible()
    assert page.note_labels["help.in_a_crisis"][1].text() == "Sit with me"
    assert not page.note_labels["help.warning_signs"][1].isVisible()  # nothing noted


def test_contact_buttons_open_the_right_link_in_one_click(
    ctx: AppContext, qtbot: QtBot, priya: Supporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(contact_buttons, "open_url", fake_open)
    page = page_for(ctx, qtbot, priya.id or 0)
    texts = [b.text() for b in page.contacts.buttons]
    assert texts == ["Call +44 7700 900123 (mobile)", "Email priya@example.org"]  # preferred first
    page.contacts.buttons[0].click()
    page.contacts.buttons[1].click()
    assert opened == ["tel:+447700900123", "mailto:priya@example.org"]


def test_timeline_is_newest_first_with_mood_and_support(
    ctx: AppContext, qtbot: QtBot, priya: Supporter
) -> None:
    page = page_for(ctx, qtbot, priya.id or 0)
    proxy = page.checkin_proxy
    assert proxy.rowCount() == 2
    first = [proxy.index(0, c).data() for c in CheckinColumn]
    assert first[CheckinColumn.MOOD] == "Low → Good"
    assert first[CheckinColumn.SUPPORT] == "Received emotional"
    assert first[CheckinColumn.NOTE] == "Talked it through"
    assert "3 days ago" in first[CheckinColumn.WHEN]


def test_reciprocity_is_summarised_in_plain_words(
    ctx: AppContext, qtbot: QtBot, priya: Supporter
) -> None:
    page = page_for(ctx, qtbot, priya.id or 0)
    assert page.reciprocity_labels[0].text() == (
        "Over the last 3 months support has gone both ways.")
    assert page.reciprocity_labels[1].isHidden()  # the year says the same: said once


def test_deleting_a_checkin_can_be_undone(
    ctx: AppContext, qtbot: QtBot, priya: Supporter
) -> None:
    page = page_for(ctx, qtbot, priya.id or 0)
    page.checkin_table.setCurrentIndex(page.checkin_proxy.index(0, 0))
    page.delete_checkin()
    assert page.checkin_proxy.rowCount() == 1
    assert page.contact_label.text().startswith("Last in touch 3 weeks ago")
    ctx.undo.undo()
    assert page.checkin_proxy.rowCount() == 2
    assert page.contact_label.text().startswith("Last in touch 3 days ago")


def test_ticking_thanked_saves_and_can_be_undone(
    ctx: AppContext, qtbot: QtBot, priya: Supporter
) -> None:
    page = page_for(ctx, qtbot, priya.id or 0)
    index = page.gratitude_proxy.index(0, GratitudeColumn.THANKED)
    assert page.gratitude_proxy.setData(index, Qt.CheckState.Checked.value,
                                        Qt.ItemDataRole.CheckStateRole)
    assert ctx.session.network.gratitude(priya.id)[0].thanked
    ctx.undo.undo()
    assert not ctx.session.network.gratitude(priya.id)[0].thanked


def test_removing_the_person_then_undo_restores_their_history(
    ctx: AppContext, qtbot: QtBot, priya: Supporter
) -> None:
    page = page_for(ctx, qtbot, priya.id or 0)
    answer_message_box(Qt.Key.Key_R, [])  # "Remove Priya? Their 2 check-ins and…"
    with qtbot.waitSignal(ctx.events.page_requested) as moved:
        page.delete_button.click()
    assert moved.args == ["people"]
    assert page.gone_label.isVisible()
    ctx.undo.undo()
    assert page.name_label.text() == "Priya"
    assert page.checkin_proxy.rowCount() == 2
    assert page.gratitude_proxy.rowCount() == 1


def test_someone_with_no_history_gets_gentle_prompts(ctx: AppContext, qtbot: QtBot) -> None:
    s = ctx.session.network.save_supporter(Supporter(name="Jo", kind=Kind.FRIEND))
    page = page_for(ctx, qtbot, s.id or 0)
    assert page.checkin_empty.isVisible()
    assert page.contacts._empty.isVisible()
    assert "Not in touch yet" in page.contact_label.text()
    assert "nothing noted yet" in page.before_empty.text() and page.before_empty.isVisible()
    assert not page.before_box.isVisible()  # no empty box


def test_when_they_can_be_reached_reads_as_a_person_says_it(ctx: AppContext,
                                                            qtbot: QtBot) -> None:
    robin = ctx.session.network.save_supporter(Supporter(
        name="Robin", kind=Kind.FRIEND,
        availability=[AvailabilityWindow(frozenset(range(7)), time(9), time(21, 30)),
                      AvailabilityWindow(frozenset({5, 6}), time(0), time(0))]))
    assert robin.id is not None
    page = page_for(ctx, qtbot, robin.id)
    assert page.availability_label.text() == (
        "Usually reachable: Every day 09:00–21:30; Weekends, all day")

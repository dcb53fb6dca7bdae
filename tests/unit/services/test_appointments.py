"""Appointments, questions to bring and asks through the application's use cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.appointments import Appointment, AskKind
from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import Kind, Role
from supportdesk.core.model import Supporter
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.services import settings as keys
from supportdesk.services.application import Application
from supportdesk.services.appointments import AppointmentService, appointment_notice
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW

LONDON = ZoneInfo("Europe/London")
HOUR = timedelta(hours=1)


@pytest.fixture
def app(session: Session) -> Application:
    return Application(session)


def gp(app: Application) -> int:
    return app.add_supporter(Supporter("Dr Ávila", Kind.PROFESSIONAL, role=Role.GP)).id or 0


def test_an_appointment_is_saved_published_and_kept_for_professionals_only(
        app: Application) -> None:
    heard: list[frozenset[str]] = []
    doctor = gp(app)
    friend = app.add_supporter(Supporter("Sam", Kind.FRIEND)).id or 0
    app.feed.subscribe(heard.append)
    saved = app.add_appointment(Appointment(doctor, FIXED_NOW + 3 * HOUR, " Room 4 ",
                                            remind_before=HOUR))
    assert heard == [frozenset({"people"})]
    assert app.appointments.next_for(doctor) == replace(saved, place="Room 4")
    with pytest.raises(ValidationError) as refused:
        app.add_appointment(Appointment(friend, FIXED_NOW + HOUR))
    assert refused.value.field == "supporter"
    assert app.appointments.appointments() == [saved]


def test_questions_go_with_the_upcoming_appointment_and_ticks_can_be_undone(
        app: Application) -> None:
    doctor = gp(app)
    app.add_appointment(Appointment(doctor, FIXED_NOW + 30 * HOUR))
    question = app.add_ask(app.appointments.new_ask(doctor, "Sleep since the new dose?",
                                                    AskKind.QUESTION))
    app.add_ask(app.appointments.new_ask(doctor, "Ask about her holiday"))
    [coming] = app.appointments.upcoming()
    assert [q.text for q in coming.questions] == ["Sleep since the new dose?"]
    before = app.set_asks_done([question.id or 0], True)
    assert app.appointments.upcoming()[0].questions == ()
    for item in before:  # undo puts each back as it was
        app.put_ask(item)
    assert len(app.appointments.upcoming()[0].questions) == 1


def test_removing_a_person_and_undoing_it_brings_back_their_lists(app: Application) -> None:
    doctor = gp(app)
    app.add_appointment(Appointment(doctor, FIXED_NOW + HOUR, "Surgery"))
    app.add_ask(app.appointments.new_ask(doctor, "the new job"))
    snapshot = app.delete_supporter(doctor)
    assert app.appointments.appointments() == [] and app.appointments.asks() == []
    back = app.restore_supporter(snapshot).id
    assert [a.place for a in app.appointments.appointments(back)] == ["Surgery"]
    assert [a.text for a in app.appointments.asks(back)] == ["the new job"]


def test_the_reminder_respects_pause_and_quiet_hours_and_shows_once(session: Session,
                                                                    app: Application) -> None:
    doctor = gp(app)
    service = AppointmentService(session, tz=LONDON)
    # FIXED_NOW is 10:00 in London; the appointment at 13:00, reminded an hour before
    at = app.add_appointment(Appointment(doctor, FIXED_NOW + 3 * HOUR, remind_before=HOUR))
    assert service.reminders_due() == []
    assert service.next_wakeup() == FIXED_NOW + 2 * HOUR
    at_noon = FIXED_NOW + 2 * HOUR
    assert [u.appointment.id for u in service.reminders_due(at_noon)] == [at.id]
    app.set_quiet_hours(QuietHours(time(11, 30), time(12, 30), enabled=True))
    assert service.reminders_due(at_noon) == []
    assert service.next_wakeup(at_noon) == FIXED_NOW + 2.5 * HOUR
    app.set_quiet_hours(QuietHours())
    app.set_setting(keys.REMINDERS_PAUSED, True)
    assert service.reminders_due(at_noon) == [] and service.next_wakeup() is None
    app.set_setting(keys.REMINDERS_PAUSED, False)
    app.mark_appointments_reminded([at.id or 0])
    assert service.reminders_due(at_noon) == [] and service.next_wakeup() is None
    moved = app.put_appointment(replace(app.appointments.appointment(at.id or 0),
                                        at=FIXED_NOW + 5 * HOUR))
    assert not moved.reminded and service.next_wakeup() == FIXED_NOW + 4 * HOUR


def test_the_notice_is_discreet_when_asked(session: Session, app: Application) -> None:
    doctor = gp(app)
    app.add_appointment(Appointment(doctor, FIXED_NOW + HOUR, "Room 4", remind_before=HOUR))
    app.add_ask(app.appointments.new_ask(doctor, "side effects", AskKind.QUESTION))
    due = AppointmentService(session, tz=LONDON).reminders_due()
    plain = appointment_notice(due, FIXED_NOW, LONDON, discreet=False)
    assert plain.title == "Appointment with Dr Ávila"
    assert plain.body == "Today at 11:00 · Room 4. You have 1 question to bring."
    quiet = appointment_notice(due, FIXED_NOW, LONDON, discreet=True)
    assert "Ávila" not in quiet.title + quiet.body and "Room" not in quiet.body

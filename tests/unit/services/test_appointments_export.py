"""Appointments and asks in the full export (version 3) and back in through the import."""

from __future__ import annotations

import json
from datetime import timedelta

from supportdesk.core.appointments import Appointment, AskKind
from supportdesk.core.kinds import Kind, Role
from supportdesk.core.model import Supporter
from supportdesk.services.application import Application
from supportdesk.services.full_export import FullExportService
from supportdesk.services.full_import import FullImportService, PersonAction
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW
from tests.unit.services.test_full_export import LONDON, read_zip, validate
from tests.unit.services.test_full_import import document


def filled(session: Session) -> Application:
    app = Application(session)
    gp = app.add_supporter(Supporter("Dr Ávila", Kind.PROFESSIONAL, role=Role.GP)).id or 0
    sam = app.add_supporter(Supporter("Sam", Kind.FRIEND)).id or 0
    app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(days=2), "Room 4",
                                    remind_before=timedelta(minutes=30)))
    app.add_ask(app.appointments.new_ask(gp, "Sleep since the new dose?", AskKind.QUESTION))
    app.add_ask(app.appointments.new_ask(sam, "Her job interview on Friday"))
    return app


def test_they_are_in_the_json_and_it_validates(session: Session) -> None:
    filled(session)
    files = read_zip(FullExportService(session, LONDON).zip_bytes())
    doc = json.loads(files["supportdesk.json"])
    validate(doc)
    gp = next(p["id"] for p in doc["people"] if p["name"] == "Dr Ávila")
    assert doc["appointments"] == [{"person": gp, "at": "2026-11-26T10:00:00+00:00",
                                    "place": "Room 4", "remind_minutes_before": 30,
                                    "note": ""}]
    assert [(a["kind"], a["text"], a["done"]) for a in doc["asks"]] == [
        ("question", "Sleep since the new dose?", False),
        ("next_time", "Her job interview on Friday", False)]


def test_they_come_back_once_and_undo_takes_them_out(session: Session) -> None:
    app = filled(session)
    raw = FullExportService(session, LONDON).zip_bytes()
    for person in app.network.supporters():
        app.delete_supporter(person.id or 0)
    service = FullImportService(session)
    outcome = service.apply(service.preview(raw))
    assert "1 appointment" in outcome.summary and "2 things to ask about" in outcome.summary
    [coming] = app.appointments.upcoming()
    assert (coming.supporter.name, coming.appointment.place,
            [q.text for q in coming.questions]) == (
        "Dr Ávila", "Room 4", ["Sleep since the new dose?"])
    again = service.apply(service.preview(raw))  # same names, no contact shared: apart
    assert len(app.appointments.appointments()) == 2
    service.undo(again)
    assert len(app.appointments.appointments()) == 1
    service.undo(outcome)
    assert app.appointments.appointments() == [] and app.appointments.asks() == []


def test_an_appointment_for_someone_not_a_professional_is_left_out(session: Session) -> None:
    preview = FullImportService(session).preview(document(
        version=3, people=[{"id": 1, "name": "Sam", "kind": "friend"}],
        appointments=[{"person": 1, "at": "2026-12-01T10:00:00+00:00"}],
        asks=[{"person": 1, "text": "  the move  "}]))
    assert preview.data.appointments == []
    assert [a.text for a in preview.data.asks] == ["the move"]


def test_appointments_are_events_in_the_calendar_export(session: Session) -> None:
    from icalendar import Calendar

    from supportdesk.services.exporting import ExportService

    filled(session)
    calendar = Calendar.from_ical(ExportService(session).ics())
    [event] = [e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith("appointment-")]
    assert str(event["summary"]) == "Appointment with Dr Ávila"
    assert event.decoded("dtstart") == FIXED_NOW + timedelta(days=2)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=1)
    assert str(event["location"]) == "Room 4"
    assert "Sleep since the new dose?" in str(event["description"])
    discreet = Calendar.from_ical(ExportService(session).ics(discreet=True))
    [quiet] = [e for e in discreet.walk("VEVENT") if str(e["uid"]).startswith("appointment-")]
    assert str(quiet["summary"]) == "Appointment" and "location" not in quiet


def test_the_preview_says_how_many_appointments_and_asks_come_in(session: Session) -> None:
    app = filled(session)
    raw = FullExportService(session, LONDON).zip_bytes()
    service = FullImportService(session)
    preview = service.preview(raw)  # both are here already: nothing proposed joins them
    gp_row = next(row for row in preview.people if row.person.name == "Dr Ávila")
    assert gp_row.action is PersonAction.ADD  # the same name alone: added apart
    assert "1 appointment" in preview.words() and "2 things to ask about" in preview.words()
    for row in preview.people:
        row.action = PersonAction.SAME  # joined: the appointment and asks are there already
        row.existing = next(s for s in app.network.supporters()
                            if s.name == row.person.name)
    assert preview.counts()["appointments"] == preview.counts()["asks"] == 0
    assert not preview.brings_anything()
    for person in app.network.supporters():
        app.delete_supporter(person.id or 0)
    fresh = service.preview(raw)
    assert (fresh.counts()["appointments"], fresh.counts()["asks"]) == (1, 2)

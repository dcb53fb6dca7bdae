"""What version 3 of the export added (meetings, dates, one's own dates, appointments,
things to ask, message templates, kinds of help) has its own CSV files in the zip, is
explained in the README, validates against the schema and comes back in a round trip."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from pathlib import Path

from supportdesk.core.appointments import Appointment, AskKind
from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import Kind, Role
from supportdesk.core.meetings import Meeting
from supportdesk.core.messages import MessageTemplate
from supportdesk.core.model import Supporter
from supportdesk.formats.full_export import TABLES
from supportdesk.services.application import Application
from supportdesk.services.full_export import FullExportService
from supportdesk.services.full_import import FullImportService
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW
from tests.unit.services.test_full_export import LONDON, csv_rows, export_of, read_zip, validate
from tests.unit.services.test_full_import import apart_from_when, round_trip

WALK = Meeting(1, time(18, 30), ordinals=(1, -1), timezone="Europe/Dublin", minutes=60,
               place="=Park gates", skipped=(date(2026, 12, 29),), remind_minutes=45)
THURSDAY = Meeting(3, time(19))
BIRTHDAY = ImportantDate(DateKind.BIRTHDAY, 2, 29, year=1992, remind_days=3)
LOSS = ImportantDate(DateKind.HARD, 10, 2, label="Dad's anniversary", remind_days=7,
                     ask_company=True)
MINE = ImportantDate(DateKind.HARD, 3, 14, label="Diagnosis day")


def fill_v3(source: Session) -> None:
    app = Application(source)
    gp = app.add_supporter(Supporter("Dr Ávila", Kind.PROFESSIONAL, role=Role.GP)).id or 0
    app.add_supporter(Supporter("Walkers", Kind.GROUP, meetings=[WALK, THURSDAY]))
    sam = app.add_supporter(Supporter("Sam", Kind.FRIEND, dates=[BIRTHDAY, LOSS],
                                      help_with=("listening", "a lift"))).id or 0
    app.set_own_dates([MINE])
    app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(days=2), "Room 4",
                                    remind_before=timedelta(minutes=30), note="bring list"))
    app.add_appointment(Appointment(gp, FIXED_NOW + timedelta(days=40)))
    app.add_ask(app.appointments.new_ask(gp, "Sleep since the new dose?", AskKind.QUESTION))
    done = app.add_ask(app.appointments.new_ask(sam, "Her job interview on Friday"))
    app.set_asks_done([done.id or 0], True)
    app.save_message_templates([MessageTemplate("Could you call me?", "Hi", hard_time=True),
                                MessageTemplate("@you: fancy a walk?")])
    app.set_help_kinds(["listening", "a lift", "cooking"])
    app.set_shown_when_locked(sam, True)


def test_every_record_version_3_added_has_a_csv_row_with_every_field(
        session: Session) -> None:
    fill_v3(session)
    files = read_zip(FullExportService(session, LONDON).zip_bytes())
    validate(json.loads(files["supportdesk.json"]))
    ids = {r["name"]: r["person_id"] for r in csv_rows(files["people.csv"])}
    assert {r["name"]: r["help_with"] for r in csv_rows(files["people.csv"])} == {
        "Dr Ávila": "", "Sam": "listening; a lift", "Walkers": ""}
    assert {r["name"]: r["on_lock_screen"] for r in csv_rows(files["people.csv"])} == {
        "Dr Ávila": "false", "Sam": "true", "Walkers": "false"}
    assert csv_rows(files["meetings.csv"]) == [
        {"person_id": ids["Walkers"], "person": "Walkers", "weekday": "tuesday",
         "weeks_of_month": "1; last", "time": "18:30", "timezone": "Europe/Dublin",
         "minutes": "60", "place": "'=Park gates", "skipped": "2026-12-29",
         "remind_minutes_before": "45"},
        {"person_id": ids["Walkers"], "person": "Walkers", "weekday": "thursday",
         "weeks_of_month": "", "time": "19:00", "timezone": "", "minutes": "90",
         "place": "", "skipped": "", "remind_minutes_before": ""}]
    assert csv_rows(files["dates.csv"]) == [
        {"person_id": ids["Sam"], "person": "Sam", "kind": "birthday", "month": "2",
         "day": "29", "year": "1992", "label": "", "remind_days_before": "3",
         "ask_company": "false"},
        {"person_id": ids["Sam"], "person": "Sam", "kind": "hard", "month": "10",
         "day": "2", "year": "", "label": "Dad's anniversary", "remind_days_before": "7",
         "ask_company": "true"},
        {"person_id": "", "person": "", "kind": "hard", "month": "3", "day": "14",
         "year": "", "label": "Diagnosis day", "remind_days_before": "",
         "ask_company": "false"}]
    assert csv_rows(files["appointments.csv"]) == [
        {"person_id": ids["Dr Ávila"], "person": "Dr Ávila",
         "at": "2026-11-26T10:00:00+00:00", "place": "Room 4",
         "remind_minutes_before": "30", "note": "bring list"},
        {"person_id": ids["Dr Ávila"], "person": "Dr Ávila",
         "at": "2027-01-03T10:00:00+00:00", "place": "", "remind_minutes_before": "",
         "note": ""}]
    asks = csv_rows(files["asks.csv"])
    assert [(r["person"], r["kind"], r["text"], r["done"]) for r in asks] == [
        ("Dr Ávila", "question", "Sleep since the new dose?", "false"),
        ("Sam", "next_time", "Her job interview on Friday", "true")]
    assert all(r["created"] == "2026-11-24T10:00:00+00:00" for r in asks)
    templates = [(r["text"], r["subject"], r["hard_time"])
                 for r in csv_rows(files["templates.csv"])]
    assert ("Could you call me?", "Hi", "true") in templates
    assert ("'@you: fancy a walk?", "", "false") in templates
    assert [r["help_kind"] for r in csv_rows(files["help_kinds.csv"])] == [
        "listening", "a lift", "cooking"]
    readme = files["README.txt"].decode()
    for name in ("meetings.csv", "dates.csv", "appointments.csv", "asks.csv",
                 "templates.csv", "help_kinds.csv"):
        assert name in {table.name for table in TABLES} and f"\n{name}\n" in readme


def test_the_round_trip_keeps_every_record_version_3_added(
        session: Session, tmp_path: Path) -> None:
    raw = export_of(fill_v3, tmp_path / "source")
    round_trip(session, raw)
    files = apart_from_when(read_zip(raw))
    document = files["supportdesk.json"]
    assert isinstance(document, dict)
    assert len(document["appointments"]) == 2 and len(document["asks"]) == 2
    assert len(document["my_dates"]) == 1 and document["help_kinds"][-1] == "cooking"
    assert {len(p.get("meetings", [])) for p in document["people"]} == {0, 2}
    assert [p["name"] for p in document["people"] if p.get("on_lock_screen")] == ["Sam"]
    app = Application(session)
    assert app.crisis_lines.shown_when_locked() == {app.network.find_one("Sam").id}


def test_who_is_on_the_lock_screen_comes_in_and_undo_takes_it_back(
        session: Session, tmp_path: Path) -> None:
    raw = export_of(fill_v3, tmp_path / "source")
    app = Application(session)
    mine = app.add_supporter(Supporter("Mum", Kind.FAMILY)).id or 0
    app.set_shown_when_locked(mine, True)
    service = FullImportService(session)
    outcome = service.apply(service.preview(raw))
    sam = app.network.find_one("Sam").id or 0
    assert app.crisis_lines.shown_when_locked() == {mine, sam}
    service.undo(outcome)
    assert app.crisis_lines.shown_when_locked() == {mine}

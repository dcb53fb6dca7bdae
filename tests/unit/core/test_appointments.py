"""Appointments and asks: the rules, in time zones and across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.appointments import (
    Appointment,
    Ask,
    AskKind,
    awaiting_note,
    checked_appointment,
    checked_ask,
    local_moment,
    next_appointment,
    next_reminder_moment,
    open_asks,
    remind_words,
    reminders_due,
    upcoming,
    when_words,
    with_time_changed,
)
from supportdesk.core.errors import ValidationError

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def appt(hours: float, **kw: object) -> Appointment:
    return Appointment(supporter_id=int(kw.pop("who", 1)),  # type: ignore[call-overload]
                       at=NOW + timedelta(hours=hours), **kw)  # type: ignore[arg-type]


def test_a_wall_time_on_the_day_clocks_go_forward_is_the_hour_after() -> None:
    moment = local_moment(date(2026, 3, 29), time(1, 30), LONDON)  # 01:00 -> 02:00 BST
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert moment.astimezone(LONDON).hour == 2


def test_a_wall_time_keeps_its_hour_across_the_change() -> None:
    before = local_moment(date(2026, 10, 20), time(9, 0), LONDON)
    after = local_moment(date(2026, 10, 27), time(9, 0), LONDON)
    assert before.astimezone(UTC).hour == 8 and after.astimezone(UTC).hour == 9
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=7, hours=1)


def test_the_reminder_comes_its_lead_before_in_real_time_across_a_dst_change() -> None:
    at = local_moment(date(2026, 3, 8), time(10, 0), NEW_YORK)  # US clocks went forward
    a = Appointment(1, at, remind_before=timedelta(days=1))
    assert a.remind_at == at.astimezone(UTC) - timedelta(days=1)
    assert a.remind_at is not None
    assert a.remind_at.astimezone(NEW_YORK).hour == 9  # 24 real hours before


def test_next_appointment_is_the_soonest_still_to_come() -> None:
    items = [appt(-1), appt(30), appt(5, who=2), appt(3)]
    assert next_appointment(items, NOW) == appt(3)
    assert next_appointment(items, NOW, supporter_id=2) == appt(5, who=2)
    assert next_appointment([appt(-2)], NOW) is None


def test_upcoming_within_a_span() -> None:
    items = [appt(100), appt(1), appt(-3)]
    assert upcoming(items, NOW) == [appt(1), appt(100)]
    assert upcoming(items, NOW, within=timedelta(days=2)) == [appt(1)]


def test_a_note_is_offered_for_a_week_after_and_not_once_written() -> None:
    items = [appt(-1), appt(-1, note="went fine"), appt(-24 * 8), appt(2)]
    assert awaiting_note(items, NOW) == [appt(-1)]


def test_reminders_due_once_and_never_after_the_start() -> None:
    hour = timedelta(hours=1)
    soon = appt(0.5, remind_before=hour)
    later = appt(3, remind_before=hour)
    shown = appt(0.5, remind_before=hour, reminded=True)
    started = appt(-0.1, remind_before=hour)
    assert reminders_due([soon, later, shown, started], NOW) == [soon]
    assert next_reminder_moment([soon, later, shown, started], NOW) == NOW + 2 * hour


def test_moving_an_appointment_shows_its_reminder_again() -> None:
    before = appt(2, remind_before=timedelta(hours=1), reminded=True)
    assert not with_time_changed(before, replace_at(before, 5)).reminded
    assert with_time_changed(before, Appointment(**{**before.__dict__, "place": "x"})).reminded


def replace_at(a: Appointment, hours: float) -> Appointment:
    return Appointment(**{**a.__dict__, "at": NOW + timedelta(hours=hours)})


def test_checks_tidy_and_refuse_plainly() -> None:
    tidy = checked_appointment(appt(1, place="  Room 4\n", note=" ok "))
    assert (tidy.place, tidy.note) == ("Room 4", "ok")
    with pytest.raises(ValidationError) as refused:
        checked_appointment(appt(1, remind_before=timedelta(days=30)))
    assert refused.value.field == "remind_before"
    with pytest.raises(ValueError):
        checked_appointment(Appointment(1, datetime(2026, 1, 1, 9)))
    assert checked_ask(Ask(1, "  her interview  ")).text == "her interview"
    with pytest.raises(ValidationError):
        checked_ask(Ask(1, "   "))


def test_open_asks_by_person_and_kind() -> None:
    asks = [Ask(1, "a"), Ask(1, "b", done=True), Ask(1, "q", AskKind.QUESTION), Ask(2, "c")]
    assert [a.text for a in open_asks(asks, 1)] == ["a", "q"]
    assert [a.text for a in open_asks(asks, 1, AskKind.QUESTION)] == ["q"]


def test_words() -> None:
    assert remind_words(None) == "no reminder"
    assert remind_words(timedelta(minutes=30)) == "30 minutes before"
    assert remind_words(timedelta(hours=1)) == "1 hour before"
    assert remind_words(timedelta(days=1)) == "1 day before"
    at = local_moment(date(2026, 12, 3), time(14, 30), LONDON)
    assert when_words(Appointment(1, at), NOW, LONDON) == "Today at 14:30"
    assert when_words(Appointment(1, at + timedelta(days=1)), NOW, LONDON) == \
        "Tomorrow at 14:30"
    assert when_words(Appointment(1, at + timedelta(days=7)), NOW, LONDON) == \
        "Thu 10 Dec at 14:30"
    assert Appointment(1, at, place="https://meet.example/x").place_is_link

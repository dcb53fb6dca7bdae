"""Typed settings survive a round trip through the vault and shrug off damaged values."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from supportdesk.core.kinds import Ring
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.services import settings as keys
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings


def test_defaults_before_anything_is_saved(session: Session) -> None:
    settings = Settings(session.repo)
    assert settings.cadence_defaults() == {Ring.INNER: timedelta(days=7),
                                           Ring.MIDDLE: timedelta(days=14),
                                           Ring.OUTER: timedelta(days=30)}
    assert settings.get(keys.DISCREET) is False
    assert settings.get(keys.REMINDERS_PAUSED) is False
    assert settings.get(keys.LAST_REMINDER_CHECK) is None
    assert settings.quiet_hours() == QuietHours(time(22), time(8), enabled=False)


def test_values_round_trip(session: Session) -> None:
    settings = Settings(session.repo)
    settings.set(keys.DISCREET, True)
    settings.set_cadence_default(Ring.MIDDLE, 10)
    settings.set_quiet_hours(QuietHours(time(21, 30), time(7, 15), enabled=True))
    moment = datetime(2026, 6, 1, 10, 30, tzinfo=UTC)
    settings.set(keys.LAST_REMINDER_CHECK, moment)
    settings.set(keys.NOTIFIED, {3: "2026-06-01T10:00:00+00:00"})

    again = Settings(session.repo)
    assert again.get(keys.DISCREET) is True
    assert again.cadence_defaults()[Ring.MIDDLE] == timedelta(days=10)
    assert again.quiet_hours() == QuietHours(time(21, 30), time(7, 15), enabled=True)
    assert again.get(keys.LAST_REMINDER_CHECK) == moment
    assert again.get(keys.NOTIFIED) == {3: "2026-06-01T10:00:00+00:00"}


def test_cadence_defaults_stay_within_a_day_and_a_year(session: Session) -> None:
    settings = Settings(session.repo)
    settings.set_cadence_default(Ring.INNER, 0)
    settings.set_cadence_default(Ring.OUTER, 5000)
    assert settings.cadence_defaults()[Ring.INNER] == timedelta(days=1)
    assert settings.cadence_defaults()[Ring.OUTER] == timedelta(days=365)


def test_a_damaged_value_falls_back_to_the_default(session: Session) -> None:
    for key in (keys.DISCREET.name, keys.QUIET_START.name, keys.NOTIFIED.name,
                keys.LAST_REMINDER_CHECK.name, keys.CADENCE_DAYS[Ring.INNER].name):
        session.repo.set_setting(key, "not a value")
    settings = Settings(session.repo)
    assert settings.get(keys.DISCREET) is False
    assert settings.get(keys.QUIET_START) == time(22)
    assert settings.get(keys.NOTIFIED) == {}
    assert settings.get(keys.LAST_REMINDER_CHECK) is None
    assert settings.cadence_defaults()[Ring.INNER] == timedelta(days=7)


def test_changing_a_returned_default_does_not_change_the_next_read(session: Session) -> None:
    settings = Settings(session.repo)
    settings.get(keys.NOTIFIED)[1] = "changed"
    assert settings.get(keys.NOTIFIED) == {}

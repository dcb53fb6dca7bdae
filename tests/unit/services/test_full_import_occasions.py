"""Meetings and dates through a full export and import: brought in, joined, undone."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.meetings import Meeting
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.application import Application
from supportdesk.services.full_import import FullImportService
from supportdesk.services.session import Session
from tests.unit.services.test_full_import import export_of

MEETING = Meeting(3, time(19), timezone="Europe/London", remind_minutes=30)
BIRTHDAY = ImportantDate(DateKind.BIRTHDAY, 5, 4, year=1988)
MINE = ImportantDate(DateKind.HARD, 3, 14, label="Diagnosis day", remind_days=7)
PHONE = ContactMethod(ContactType.PHONE, "+44 7700 900111")


def _source(source: Session) -> None:
    source.network.save_supporter(Supporter("Group", Kind.GROUP, contacts=[PHONE],
                                            meetings=[MEETING], dates=[BIRTHDAY]))
    Application(source).set_own_dates([MINE])


def test_they_come_in_and_undo_takes_them_out(session: Session, tmp_path: Path) -> None:
    raw = export_of(_source, tmp_path / "source")
    service = FullImportService(session)
    outcome = service.apply(service.preview(raw))
    [group] = session.network.supporters()
    assert group.meetings == [MEETING] and group.dates == [BIRTHDAY]
    app = Application(session)
    assert app.occasions.own_dates() == [MINE]
    service.undo(outcome)
    assert session.network.supporters() == [] and app.occasions.own_dates() == []


def test_the_same_person_gains_what_they_lacked(session: Session, tmp_path: Path) -> None:
    session.network.save_supporter(Supporter("Group", Kind.GROUP, contacts=[PHONE]))
    Application(session).set_own_dates([MINE])
    raw = export_of(_source, tmp_path / "source")
    service = FullImportService(session)
    service.apply(service.preview(raw))
    [group] = session.network.supporters()
    assert group.meetings == [MEETING] and group.dates == [BIRTHDAY]
    assert Application(session).occasions.own_dates() == [MINE]  # not twice

"""Exports: round trips, and a failed or cancelled export leaves no file behind."""

from __future__ import annotations

import errno
import os
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from supportdesk.core.errors import StorageError
from supportdesk.core.kinds import ContactType, Kind, Ring
from supportdesk.core.model import Cadence, ContactMethod, Supporter
from supportdesk.services.exporting import (
    ExportCancelledError,
    ExportFormat,
    ExportService,
    write_atomic,
)
from supportdesk.services.importing import ImportService
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW


def network(session: Session) -> list[Supporter]:
    session.network.save_supporter(Supporter(
        "Grace Hopper", Kind.FRIEND, ring=Ring.INNER, notes="Loves a walk\nand tea, always",
        cadence=Cadence(every=timedelta(days=5)),
        contacts=[ContactMethod(ContactType.PHONE, "+1 555 0100", "mobile", True),
                  ContactMethod(ContactType.SMS, "+1 555 0100", "mobile", True),
                  ContactMethod(ContactType.EMAIL, "grace@example.org", "home")]))
    session.network.save_supporter(Supporter(
        "Hilltop Peer Group", Kind.GROUP, ring=Ring.OUTER,
        contacts=[ContactMethod(ContactType.WEB, "https://hilltop.example"),
                  ContactMethod(ContactType.ADDRESS, "Church Hall, 2 Hill Rd")]))
    return session.network.supporters()


def comparable(people: list[Supporter]) -> list[tuple[object, ...]]:
    return sorted((p.name, p.kind, p.ring, p.notes, sorted(p.contacts, key=repr))
                  for p in people)


def test_vcard_round_trip_gives_the_same_supporters(session: Session, tmp_path: Path) -> None:
    people = network(session)
    target = ExportService(session).export(ExportFormat.VCARD, tmp_path / "n.vcf")
    for person in people:
        assert person.id is not None
        session.network.delete_supporter(person.id)
    importer = ImportService(session)
    importer.apply(importer.preview(target.read_bytes()))
    assert comparable(session.network.supporters()) == comparable(people)


def test_csv_has_bom_for_spreadsheets(session: Session, tmp_path: Path) -> None:
    network(session)
    target = ExportService(session).export(ExportFormat.CSV, tmp_path / "n.csv")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Grace Hopper" in data.decode("utf-8-sig")


def test_ics_starts_at_next_due_and_repeats_by_cadence(session: Session,
                                                        tmp_path: Path) -> None:
    network(session)
    target = ExportService(session).export(ExportFormat.ICS, tmp_path / "c.ics", discreet=True)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 2
    intervals = sorted(e["rrule"]["INTERVAL"][0] for e in events)
    assert 5 in intervals
    grace = next(e for e in events if e["rrule"]["INTERVAL"][0] == 5)
    # created at FIXED_NOW, no check-ins yet: due five days later
    assert grace.decoded("dtstart") >= (FIXED_NOW + timedelta(days=4)).date()
    assert b"Grace" not in target.read_bytes()


def test_failing_writer_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(StorageError) as caught:
        write_atomic(tmp_path / "plan.pdf", b"x" * 1000)
    assert "not enough free space" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_read_only_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refused(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(StorageError) as caught:
        write_atomic(tmp_path / "n.vcf", b"data")
    assert str(tmp_path) in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_nothing_and_keeps_an_older_file(tmp_path: Path) -> None:
    target = tmp_path / "n.csv"
    target.write_bytes(b"older export")
    with pytest.raises(ExportCancelledError):
        write_atomic(target, b"new", cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"older export"


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        write_atomic(tmp_path / "gone" / "x.vcf", b"")

"""The full export: one .zip with a CSV per kind of record, the JSON, its schema, a README;
and the check-in history on its own, filtered like the Check-ins page."""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import stat
import zipfile
from collections.abc import Callable
from datetime import timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest

from supportdesk.core.kinds import ContactType, Initiator, Kind, Mode, SupportType
from supportdesk.core.model import CheckIn, ContactMethod, Supporter
from supportdesk.formats.full_export import CHECKINS, TABLES
from supportdesk.formats.supportdesk_json import VERSION
from supportdesk.services.demo import fill_demo
from supportdesk.services.exporting import ExportFormat, ExportService
from supportdesk.services.full_export import (
    EXPORTED_SETTINGS,
    CheckinFilter,
    FullExportService,
    shipped_schema,
)
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.store.models import database_proxy
from tests.conftest import FIXED_NOW

LONDON = ZoneInfo("Europe/London")


def export_of(fill: Callable[[Session], object], folder: Path, tz: tzinfo = LONDON) -> bytes:
    """The full export of a vault of its own in ``folder``, filled by ``fill``. (A session
    binds the one database proxy: the one bound before is bound again afterwards.)"""
    previous = database_proxy.obj
    folder.mkdir()
    db = database.connect(folder / "supportdesk.db", secrets.token_bytes(32))
    migrations.migrate(db)
    source = Session(db, clock=lambda: FIXED_NOW)
    try:
        fill(source)
        return FullExportService(source, tz).zip_bytes()
    finally:
        source.close()
        if previous is not None:
            database.bind(previous)


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def validate(document: object) -> None:
    schema = json.loads(shipped_schema())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    ).validate(document)


@pytest.fixture
def demo(session: Session) -> Session:
    fill_demo(session, FIXED_NOW)
    return session


def test_the_zip_holds_every_kind_of_record_the_json_its_schema_and_a_readme(
        demo: Session, tmp_path: Path) -> None:
    target = FullExportService(demo, LONDON).export_zip(tmp_path / "everything.zip")
    files = read_zip(target.read_bytes())
    assert set(files) == {"README.txt", "supportdesk.json", "supportdesk-export.schema.json",
                          *(table.name for table in TABLES)}
    assert files["supportdesk-export.schema.json"].decode() == shipped_schema()
    readme = files["README.txt"].decode("utf-8")
    for table in TABLES:  # every file and every column is explained
        assert table.name in readme
        for column in table.header:
            assert f"  {column}: " in readme
    for table in TABLES:  # stable column names, UTF-8 with a byte-order mark
        data = files[table.name]
        assert data.startswith(b"\xef\xbb\xbf")
        assert next(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == table.header
    counts = demo.repo.counts()
    assert len(csv_rows(files["people.csv"])) == counts["supporters"]
    assert len(csv_rows(files["gratitude.csv"])) == counts["gratitude"]
    assert len(csv_rows(files["safety_plan.csv"])) == counts["plan_items"]
    assert {r["setting"] for r in csv_rows(files["settings.csv"])} == {
        s.name for s in EXPORTED_SETTINGS}
    assert all(r["meaning"] for r in csv_rows(files["settings.csv"]))


def test_the_checkins_csv_has_a_row_with_every_field_for_each_checkin(
        demo: Session, tmp_path: Path) -> None:
    files = read_zip(FullExportService(demo, LONDON).zip_bytes())
    rows = csv_rows(files["checkins.csv"])
    checkins = demo.repo.checkins()
    assert len(rows) == len(checkins) > 300
    people = {s.id: s.name for s in demo.network.supporters()}
    numbered = {r["person_id"]: r["name"] for r in csv_rows(files["people.csv"])}
    expected = sorted(
        (c.at.astimezone(LONDON).isoformat(), people[c.supporter_id], c.mode.value,
         c.initiator.value, str(c.mood_before), str(c.mood_after),
         "; ".join(sorted(s.value for s in c.support_given)),
         "; ".join(sorted(s.value for s in c.support_received)), c.note)
        for c in checkins)
    found = sorted((r["at"], r["person"], r["mode"], r["initiator"], r["mood_before"],
                    r["mood_after"], r["support_given"], r["support_received"], r["note"])
                   for r in rows)
    assert found == expected
    assert all(numbered[r["person_id"]] == r["person"] for r in rows)
    assert rows[0]["at"] < rows[-1]["at"]  # oldest first
    assert any(r["at"].endswith("+01:00") for r in rows)  # summer time in London, with offset
    assert all(r["at"][-6] in "+-" for r in rows)


def test_the_json_validates_against_the_shipped_schema(demo: Session) -> None:
    files = read_zip(FullExportService(demo, LONDON).zip_bytes())
    document = json.loads(files["supportdesk.json"].decode("utf-8"))
    validate(document)
    assert document["format"] == "supportdesk-export" and document["version"] == VERSION
    assert len(document["checkins"]) == demo.repo.counts()["checkins"]
    assert len(document["moods"]) == len(demo.repo.mood_entries()) > 0
    with pytest.raises(jsonschema.ValidationError):  # the schema does catch a wrong file
        validate({**document, "people": [{"id": 1, "name": "Sam", "kind": "frend"}]})
    with pytest.raises(jsonschema.ValidationError):
        validate({**document, "moods": [{"at": "2026-11-24T10:00:00+00:00", "mood": 6}]})


def test_moods_noted_on_their_own_are_in_the_json_and_their_own_csv(
        session: Session) -> None:
    from supportdesk.core.mood import MoodEntry

    session.repo.save_mood_entry(MoodEntry(at=FIXED_NOW, mood=2, feelings=("tired", "low"),
                                           note="=rough night"))
    session.repo.save_mood_entry(MoodEntry(at=FIXED_NOW - timedelta(days=200), mood=4))
    files = read_zip(FullExportService(session, LONDON).zip_bytes())
    document = json.loads(files["supportdesk.json"].decode("utf-8"))
    validate(document)
    assert document["moods"] == [
        {"at": "2026-05-08T11:00:00+01:00", "mood": 4, "feelings": [], "note": ""},
        {"at": "2026-11-24T10:00:00+00:00", "mood": 2, "feelings": ["tired", "low"],
         "note": "=rough night"}]  # oldest first, in London's summer and winter time
    rows = csv_rows(files["moods.csv"])
    assert [(r["at"], r["mood"], r["feelings"], r["note"]) for r in rows] == [
        ("2026-05-08T11:00:00+01:00", "4", "", ""),
        ("2026-11-24T10:00:00+00:00", "2", "tired; low", "'=rough night")]


def test_the_schema_names_exactly_the_exported_settings() -> None:
    schema = json.loads(shipped_schema())
    assert set(schema["properties"]["settings"]["properties"]) == {
        s.name for s in EXPORTED_SETTINGS}


def test_formula_cells_are_escaped_but_the_json_keeps_the_words(session: Session) -> None:
    session.network.save_supporter(Supporter(
        "=HYPERLINK(\"http://x\")", Kind.FRIEND, notes="@SUM(A1)",
        contacts=[ContactMethod(ContactType.PHONE, "+44 7700 900123")]))
    files = read_zip(FullExportService(session, LONDON).zip_bytes())
    [person] = csv_rows(files["people.csv"])
    assert person["name"] == "'=HYPERLINK(\"http://x\")"
    assert person["notes"] == "'@SUM(A1)"
    assert csv_rows(files["contact_methods.csv"])[0]["value"] == "'+44 7700 900123"
    document = json.loads(files["supportdesk.json"])
    assert document["people"][0]["name"] == "=HYPERLINK(\"http://x\")"


def test_the_zip_is_written_whole_and_private(demo: Session, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = ExportService(demo).export(ExportFormat.ALL, out / "all.zip")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in out.iterdir()] == ["all.zip"]  # no temp file left
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        modes = {stat.S_IMODE(info.external_attr >> 16) for info in archive.infolist()}
    assert modes == {0o600}


def test_the_same_vault_gives_the_same_files(demo: Session) -> None:
    first = read_zip(FullExportService(demo, LONDON).zip_bytes())
    second = read_zip(FullExportService(demo, LONDON).zip_bytes())
    assert first == second


# -- the check-in history on its own -------------------------------------------------


@pytest.fixture
def two_people(session: Session) -> Session:
    net = session.network
    sam = net.save_supporter(Supporter("Sam Ilić", Kind.FRIEND))
    kit = net.save_supporter(Supporter("Kit", Kind.FAMILY))
    assert sam.id is not None and kit.id is not None
    for days, who, mode, note in ((1, sam.id, Mode.CALL, "walk in the park"),
                                  (2, sam.id, Mode.TEXT, "quick hello"),
                                  (3, kit.id, Mode.CALL, "long walk, then <b>tea</b>"),
                                  (4, kit.id, Mode.IN_PERSON, "=1+1 lunch")):
        net.log_checkin(CheckIn(who, FIXED_NOW - timedelta(days=days), mode,
                                Initiator.THEM, 2, 4, frozenset({SupportType.COMPANY}),
                                frozenset({SupportType.EMOTIONAL, SupportType.PRACTICAL}),
                                note))
    return session


def test_the_checkins_csv_alone_holds_every_checkin_newest_first(two_people: Session) -> None:
    data = FullExportService(two_people, LONDON).checkins_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(data)
    assert list(rows[0]) == CHECKINS.header
    assert [r["note"] for r in rows] == ["walk in the park", "quick hello",
                                         "long walk, then <b>tea</b>", "'=1+1 lunch"]
    assert rows[0]["person"] == "Sam Ilić" and rows[0]["initiator"] == "them"
    assert rows[0]["mood_before"] == "2" and rows[0]["mood_after"] == "4"
    assert rows[0]["support_received"] == "emotional; practical"
    assert rows[0]["support_given"] == "company"


@pytest.mark.parametrize(("which", "notes"), [
    (CheckinFilter(mode=Mode.CALL), ["walk in the park", "long walk, then <b>tea</b>"]),
    (CheckinFilter(words=("walk",)), ["walk in the park", "long walk, then <b>tea</b>"]),
    (CheckinFilter(words=("ilić",)), ["walk in the park", "quick hello"]),
    (CheckinFilter(mode=Mode.CALL, words=("long",)), ["long walk, then <b>tea</b>"]),
])
def test_the_checkins_csv_is_filtered_like_the_page(
        two_people: Session, which: CheckinFilter, notes: list[str]) -> None:
    rows = csv_rows(FullExportService(two_people, LONDON).checkins_csv(which))
    assert [r["note"] for r in rows] == notes


def test_the_checkins_csv_for_one_person(two_people: Session, tmp_path: Path) -> None:
    [kit] = two_people.network.find("Kit")
    count = FullExportService(two_people, LONDON).export_checkins(
        tmp_path / "kit.csv", CheckinFilter(supporter_id=kit.id))
    rows = csv_rows((tmp_path / "kit.csv").read_bytes())
    assert count == len(rows) == 2
    assert {r["person"] for r in rows} == {"Kit"}


def test_more_checkins_than_a_page_are_all_written(session: Session,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from supportdesk.services import full_export

    monkeypatch.setattr(full_export, "PAGE", 3)
    sam = session.network.save_supporter(Supporter("Sam", Kind.FRIEND))
    assert sam.id is not None
    session.repo.add_checkins([CheckIn(sam.id, FIXED_NOW - timedelta(hours=h), note=str(h))
                               for h in range(10)])
    rows = csv_rows(FullExportService(session, LONDON).checkins_csv())
    assert [r["note"] for r in rows] == [str(h) for h in range(10)]


def test_a_write_by_another_process_meanwhile_cannot_split_the_export(
        session: Session, tmp_path: Path, db_key: bytes,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """People are read first and check-ins after: someone added in between, with a
    check-in, must not turn up as a check-in whose person the export does not hold."""
    session.network.save_supporter(Supporter("Sam", Kind.FRIEND))
    other = database.connect(tmp_path / "supportdesk.db", db_key)  # as the app would
    service = FullExportService(session, LONDON)
    read_checkins = service.checkins

    def written_meanwhile(*args: object) -> object:
        with other.atomic():
            other.execute_sql("INSERT INTO supporter (name, kind, role, ring, tie, stressful,"
                              " direction, timezone, meeting_schedule, meeting_place,"
                              " boundaries_mine, boundaries_theirs, help_warning_signs,"
                              " help_what_helps, help_what_does_not, help_in_a_crisis, notes,"
                              " paused, created) VALUES ('Kit', 'friend', '', 'middle',"
                              " 'normal', 0, 'mutual', '', '', '', '', '', '', '', '', '',"
                              " '', 0, '2026-11-24 10:00:00')")
            other.execute_sql("INSERT INTO check_in (supporter_id, at, mode, initiator,"
                              " support_given, support_received, note) VALUES"
                              " (last_insert_rowid(), '2026-11-24 09:00:00', 'call', 'me',"
                              " '', '', 'meanwhile')")
        return read_checkins(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "checkins", written_meanwhile)
    data = service.gather()
    other.close()
    assert [p.name for p in data.people] == ["Sam"] and data.checkins == []
    assert len(session.repo.checkins()) == 1  # it was written, for the next export

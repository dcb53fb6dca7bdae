"""``supportdesk export --format all|checkins`` and ``supportdesk import FILE.json``."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from supportdesk.cli import run
from supportdesk.core.kinds import ContactType, Kind, Mode, SupportType
from supportdesk.core.model import CheckIn, ContactMethod, Supporter
from supportdesk.services.demo import fill_demo
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW
from tests.unit.cli.test_data_commands import open_vault  # noqa: F401 (a fixture)
from tests.unit.services.test_full_export import export_of


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def log_many(session: Session, count: int) -> None:
    sam = session.network.save_supporter(Supporter("Sam", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "07700 900001")]))
    kit = session.network.save_supporter(Supporter("Kit", Kind.FAMILY, contacts=[
        ContactMethod(ContactType.EMAIL, "kit@example.org")]))
    assert sam.id is not None and kit.id is not None
    for n in range(count):
        session.network.log_checkin(CheckIn(
            sam.id if n % 2 else kit.id, FIXED_NOW - timedelta(hours=n + 1),
            Mode.TEXT if n % 3 else Mode.CALL, mood_before=1 + n % 5, mood_after=5 - n % 5,
            support_given=frozenset({SupportType.PRACTICAL}) if n % 4 else frozenset(),
            support_received=frozenset({SupportType.EMOTIONAL}),
            note=f"note {n}: line one\nline two, “quoted”"))


def test_export_all_gives_a_checkins_csv_with_every_checkin_and_field(
        open_vault: Session, tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    log_many(open_vault, 46)
    target = tmp_path / "everything.zip"
    assert run(["export", "--format", "all", str(target), "--yes"]) == 0
    assert f"Saved {target}" in capsys.readouterr().out
    with zipfile.ZipFile(target) as archive:
        rows = csv_rows(archive.read("checkins.csv"))
        document = json.loads(archive.read("supportdesk.json"))
    assert len(rows) == 46 == len(document["checkins"])
    logged = {c.note: c for c in open_vault.repo.checkins()}
    for row in rows:
        checkin = logged[row["note"]]
        assert row["mood_before"] == str(checkin.mood_before)
        assert row["mood_after"] == str(checkin.mood_after)
        assert row["mode"] == checkin.mode.value
        assert row["support_given"] == ("practical" if checkin.support_given else "")
        assert row["support_received"] == "emotional"


def test_export_checkins_with_a_person_and_a_way(open_vault: Session,  # noqa: F811
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    log_many(open_vault, 12)
    target = tmp_path / "sam-calls.csv"
    assert run(["export", "--format", "checkins", str(target), "--person", "sam",
                "--way", "call", "--yes"]) == 0
    rows = csv_rows(target.read_bytes())
    expected = [c for c in open_vault.repo.checkins()
                if c.mode is Mode.CALL and c.supporter_id == open_vault.network.find_one(
                    "Sam").id]
    assert [r["note"] for r in rows] == [c.note for c in expected]
    assert f"Saved {len(expected)} check-ins to {target}" in capsys.readouterr().out


def test_export_checkins_for_someone_not_there_says_so(open_vault: Session,  # noqa: F811
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", "--format", "checkins", str(tmp_path / "x.csv"), "--person",
                "Nobody", "--yes"]) == 2
    assert "Nobody called “Nobody”" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_import_an_export_into_an_empty_vault(open_vault: Session, tmp_path: Path,  # noqa: F811
                                              capsys: pytest.CaptureFixture[str]) -> None:
    zipped = export_of(lambda s: fill_demo(s, FIXED_NOW), tmp_path / "source")
    source = tmp_path / "supportdesk.json"
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        source.write_bytes(archive.read("supportdesk.json"))
    assert run(["import", str(source), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "18 people in the file: 18 to add" in out
    assert "Your settings will be replaced by the file's." in out
    assert "Imported: 18 people added" in out
    assert open_vault.repo.counts()["checkins"] == len(
        json.loads(source.read_bytes())["checkins"])


def test_importing_it_again_lists_who_is_joined_and_repeats_nothing(
        open_vault: Session, tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    log_many(open_vault, 3)
    target = tmp_path / "everything.zip"
    assert run(["export", "--format", "all", str(target), "--yes"]) == 0
    capsys.readouterr()
    assert run(["import", str(target), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "0 to add, 2 already in your network" in out
    assert "Same person: Kit" in out and "Same person: Sam" in out
    assert "With them: 0 check-ins" in out
    assert "Your own settings are kept (--use-settings" in out
    assert "Nothing new to import." in out
    assert len(open_vault.repo.checkins()) == 3
    assert run(["import", str(target), "--skip-duplicates", "--yes"]) == 0
    assert "Nothing new to import." in capsys.readouterr().out


def test_a_broken_export_changes_nothing(open_vault: Session, tmp_path: Path,  # noqa: F811
                                         capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken.json"
    source.write_text('{"format": "supportdesk-export", "version": 1, '
                      '"exported_at": "2026-11-24T10:00:00+00:00", '
                      '"people": [{"id": 1, "name": "Sam", "kind": "frend"}]}')
    assert run(["import", str(source), "--yes"]) == 2
    assert "people[0].kind should be one of" in capsys.readouterr().err
    assert open_vault.repo.counts()["supporters"] == 0


def test_the_same_name_alone_is_added_apart_and_said(open_vault: Session,  # noqa: F811
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    def fill(source: Session) -> None:
        source.network.save_supporter(Supporter("Sam", Kind.FRIEND, contacts=[
            ContactMethod(ContactType.PHONE, "07700 900999")]))

    source = tmp_path / "sam.zip"
    source.write_bytes(export_of(fill, tmp_path / "source"))
    open_vault.network.save_supporter(Supporter("Sam", Kind.FAMILY))
    assert run(["import", str(source), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Added apart: Sam (someone here has that name" in out
    assert [s.kind for s in open_vault.network.supporters()] == [Kind.FAMILY, Kind.FRIEND]

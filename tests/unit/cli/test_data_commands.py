"""``supportdesk import`` and ``supportdesk export`` over a real encrypted vault file."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from supportdesk.cli import run, vault_commands
from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.services.exporting import UNENCRYPTED_WARNING
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from tests.conftest import FIXED_NOW


@pytest.fixture
def open_vault(tmp_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch) -> Session:
    path = tmp_path / "supportdesk.db"

    def open_session(args: argparse.Namespace) -> Session:
        db = database.connect(path, db_key)
        migrations.migrate(db)
        return Session(db, clock=lambda: FIXED_NOW)

    monkeypatch.setattr(vault_commands, "open_session", open_session)
    return open_session(argparse.Namespace())


def card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]) + "\r\n"


def names(session: Session) -> list[str]:
    return [s.name for s in session.network.supporters()]


def test_import_with_yes_and_kind(open_vault: Session, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "phone.vcf"
    source.write_bytes((card("FN:Ada", "TEL;TYPE=CELL:07700 900001")
                        + card("FN:Bo", "TITLE:GP", "ORG:Elm Surgery")).encode())
    assert run(["import", str(source), "--kind", "family", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Found 2 contacts: 2 new" in out
    assert "Imported: 2 added." in out
    kinds = {s.name: s.kind for s in open_vault.network.supporters()}
    assert kinds == {"Ada": Kind.FAMILY, "Bo": Kind.FAMILY}  # --kind wins over the hint


def test_import_reports_bad_cards_and_merges_duplicates(
        open_vault: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_vault.network.save_supporter(Supporter("Ada", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "07700 900001")]))
    source = tmp_path / "x.vcf"
    source.write_bytes((card("FN:Ada", "TEL:07700 900001", "EMAIL:ada@example.org")
                        + "BEGIN:VCARD\nVERSION:3.0\nFN:Bad\nNO COLON\nEND:VCARD\n").encode())
    assert run(["import", str(source), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Card 2 (line 10)" in out
    assert "Card 1 (Ada): update Ada, same name and phone number." in out
    assert "Imported: 0 added, 1 updated." in out
    [ada] = open_vault.network.supporters()
    assert [m.value for m in ada.contacts] == ["07700 900001", "ada@example.org"]


def test_import_without_yes_and_no_terminal_changes_nothing(
        open_vault: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.vcf"
    source.write_bytes(card("FN:Ada").encode())
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(["import", str(source)]) == 2
    assert "--yes" in capsys.readouterr().err
    assert names(open_vault) == []


def test_interactive_no_keeps_everything(open_vault: Session, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "x.vcf"
    source.write_bytes(card("FN:Ada").encode())
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert run(["import", str(source)]) == 1
    assert names(open_vault) == []


def test_missing_file_is_a_clear_error(open_vault: Session, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", str(tmp_path / "nope.vcf"), "--yes"]) == 2
    assert "could not read" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "marker"), [("vcard", b"BEGIN:VCARD\r\nVERSION:4.0"),
                                             ("vcard3", b"BEGIN:VCARD\r\nVERSION:3.0"),
                                             ("csv", b"\xef\xbb\xbfName,"),
                                             ("ics", b"BEGIN:VCALENDAR")])
def test_export_warns_then_writes(open_vault: Session, tmp_path: Path, fmt: str, marker: bytes,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    open_vault.network.save_supporter(Supporter("Ada", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.PHONE, "07700 900001")]))
    out = tmp_path / f"network.{fmt}"
    assert run(["export", "--format", fmt, str(out), "--yes"]) == 0
    assert UNENCRYPTED_WARNING in capsys.readouterr().err
    assert out.read_bytes().startswith(marker)
    assert b"Ada" in out.read_bytes()


@pytest.mark.parametrize("fmt", ["vcard", "vcard3"])
def test_export_round_trips_through_import(open_vault: Session, tmp_path: Path,
                                           fmt: str) -> None:
    open_vault.network.save_supporter(Supporter("Ada", Kind.PARTNER, contacts=[
        ContactMethod(ContactType.EMAIL, "ada@example.org", "home")]))
    out = tmp_path / "n.vcf"
    assert run(["export", "-f", fmt, str(out), "-y"]) == 0
    [ada] = open_vault.network.supporters()
    assert ada.id is not None
    open_vault.network.delete_supporter(ada.id)
    assert run(["import", str(out), "-y"]) == 0
    [back] = open_vault.network.supporters()
    assert (back.name, back.kind, back.contacts) == ("Ada", Kind.PARTNER, ada.contacts)


def test_export_without_a_yes_writes_nothing(open_vault: Session, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(["export", "--format", "csv", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.csv").exists()


def test_export_into_a_missing_folder(open_vault: Session, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", "--format", "csv", str(tmp_path / "gone" / "x.csv"), "--yes"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_import_names_what_is_wrong_with_a_file_it_cannot_read_fully(
        open_vault: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "cut.vcf"
    source.write_bytes(("\ufeff" + card("FN:Ada") + "BEGIN:VCARD\r\nFN:Bo\r\n")
                       .encode("utf-16-le") + b"\x00")
    assert run(["import", str(source), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Found 2 contacts: 2 new" in out
    assert "Card 2 (line 5): the file ends before this card's END:VCARD line; what it " \
           "held up to line 6 was read (Bo)." in out
    assert "Line 6: the file ends part-way through a character" in out
    assert names(open_vault) == ["Ada", "Bo"]


@pytest.mark.parametrize("frozen", [False, True])
def test_the_pdf_child_is_this_same_program_frozen_or_not(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, frozen: bool) -> None:
    import sys

    from supportdesk.cli.data_commands import pdf_child_command
    from supportdesk.services.exporting import ExportFormat

    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
    command = pdf_child_command(tmp_path, ExportFormat.CARD, tmp_path / "card.pdf")
    assert command[0] == sys.executable
    assert "supportdesk.ui.pdf" not in command  # a frozen parser rejects -m
    tail = command[1:] if frozen else command[3:]
    assert command[1:3] == (["_render-pdf", "--data-dir"] if frozen else ["-m", "supportdesk"])
    assert tail == ["_render-pdf", "--data-dir", str(tmp_path), "--format", "card",
                    str(tmp_path / "card.pdf")]


CSV_SAMPLES = Path(__file__).parents[1] / "formats" / "data" / "contacts-csv"


def test_import_google_and_outlook_csv(open_vault: Session,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", str(CSV_SAMPLES / "google-contacts.csv"), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Found 5 contacts: 5 new" in out
    assert "Row 4 (line 8): The email “marcus at example dot org” was left out" in out
    assert "Imported: 5 added." in out
    assert run(["import", str(CSV_SAMPLES / "outlook-contacts.csv"), "--yes"]) == 0
    assert "Imported: 4 added." in capsys.readouterr().out
    assert len(names(open_vault)) == 9


def test_import_csv_reports_malformed_rows_by_line(open_vault: Session, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "contacts.csv"
    source.write_bytes(b"First Name,Last Name,Mobile Phone\r\nAnn,Lee,07700 900001\r\n"
                       b"Bob,Ray,07700 900002,extra\r\n")
    assert run(["import", str(source), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Line 3: this row has 4 cells but the first row names 3 columns" in out
    assert names(open_vault) == ["Ann Lee"]


def test_import_a_csv_of_another_kind_says_what_it_reads(
        open_vault: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "list.csv"
    source.write_bytes(b"Who,Number\r\nAnn,0123\r\n")
    assert run(["import", str(source), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Google Contacts or Outlook" in out and "Nothing to import." in out
    assert names(open_vault) == []

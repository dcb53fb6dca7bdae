"""Every new command works on a real vault (--data-dir, its shared lock) while the app
holds it open, and the app's change feed hears what each one changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from supportdesk.core.kinds import Kind, Role
from supportdesk.core.model import Supporter
from supportdesk.services.application import Application
from supportdesk.services.session import create_session
from supportdesk.vault.keystore import MemoryKeyStore
from tests.unit.cli.cli_run import cli


@pytest.fixture
def app_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Application:
    store = MemoryKeyStore()
    monkeypatch.setattr("supportdesk.services.session.KeyringKeyStore", lambda: store)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    session, _ = create_session(tmp_path / "data", store)
    app = Application(session)
    app.add_supporter(Supporter("Ana", Kind.FRIEND))
    app.add_supporter(Supporter("Dr Lee", Kind.PROFESSIONAL, role=Role.GP))
    app.feed.poll()
    yield app  # type: ignore[misc]
    app.close()


@pytest.mark.parametrize("argv,topic", [
    (("log", "ana", "--mood-before", "2", "--mood-after", "3", "--gave", "company"),
     "checkins"),
    (("edit", "Ana", "--add-window", "24/7", "--notes", "Night owl"), "people"),
    (("pause", "Ana"), "people"),
    (("snooze", "Ana", "--for", "1w"), "people"),
    (("thanks", "Ana", "Sat with me"), "gratitude"),
    (("plan", "add", "coping", "Breathe slowly"), "plan"),
    (("remove", "Ana", "--yes"), "people"),
    (("edit", "Ana", "--add-meeting", "thursday 19:00", "--add-date", "birthday 03-12"),
     "people"),
    (("mood", "3", "--feeling", "tired"), "checkins"),
    (("asks", "Ana", "add", "Her new job"), "people"),
    (("appointments", "add", "Dr Lee", "2026-12-24 10:00", "--remind", "1h"), "people"),
])
def test_a_change_made_alongside_the_app_reaches_its_feed(
        app_open: Application, tmp_path: Path, argv: tuple[str, ...], topic: str) -> None:
    assert cli("--data-dir", str(tmp_path / "data"), *argv) == 0
    assert topic in app_open.feed.poll()


def test_resume_alongside_the_app(app_open: Application, tmp_path: Path) -> None:
    assert cli("--data-dir", str(tmp_path / "data"), "pause", "ana") == 0
    app_open.feed.poll()
    assert cli("--data-dir", str(tmp_path / "data"), "resume", "ana") == 0
    assert "people" in app_open.feed.poll()
    assert not app_open.network.find_one("Ana").cadence.paused


@pytest.mark.parametrize("argv", [("list", "--json"), ("show", "Ana", "--json"), ("due",),
                                  ("gratitude",), ("plan",), ("lines",), ("reach",),
                                  ("meetings",), ("dates",), ("appointments",),
                                  ("asks", "Ana")])
def test_reading_alongside_the_app_works(app_open: Application, tmp_path: Path,
                                         argv: tuple[str, ...],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--data-dir", str(tmp_path / "data"), *argv) == 0
    assert capsys.readouterr().out


def test_a_piped_yes_after_the_pin_line_removes(app_open: Application, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app_open.app_lock.set_pin("4826")
    monkeypatch.setattr("sys.stdin", io.StringIO("4826\ny\n"))
    assert cli("--data-dir", str(tmp_path / "data"), "--pin-stdin", "remove", "Ana") == 0
    app_open.feed.poll()
    assert [s.name for s in app_open.network.supporters()] == ["Dr Lee"]


def test_with_a_pin_lines_still_shows_but_reach_asks_for_it(
        app_open: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    app_open.app_lock.set_pin("4826")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script, no terminal, no PIN
    assert cli("--data-dir", str(tmp_path / "data"), "lines") == 0
    assert "Samaritans" in capsys.readouterr().out
    assert cli("--data-dir", str(tmp_path / "data"), "reach") != 0
    captured = capsys.readouterr()
    assert "PIN" in captured.err and "Ana" not in captured.out


def test_import_and_export_alongside_the_app(app_open: Application, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    card = tmp_path / "zoe.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab\r\n"
                     b"TEL;TYPE=CELL:07700 900123\r\nEND:VCARD\r\n")
    assert cli("--data-dir", data, "import", str(card), "--yes") == 0
    assert "people" in app_open.feed.poll()
    for fmt, name in (("all", "all.zip"), ("checkins", "c.csv"), ("vcard3", "c.vcf")):
        assert cli("--data-dir", data, "export", "--format", fmt, str(tmp_path / name),
                   "--yes") == 0
    assert "Zoë" in (tmp_path / "c.vcf").read_text(encoding="utf-8")
    capsys.readouterr()
    # (run in this process, a command binds the one database proxy, so the app's own
    # writes wait for another test; here the command does the writing)
    assert cli("--data-dir", data, "import", str(tmp_path / "all.zip"), "--yes") == 0
    assert "Same person: Zoë" in capsys.readouterr().out  # a phone number in common
    assert "people" in app_open.feed.poll()  # Ana and Dr Lee, with no contact, added apart
    assert sorted(s.name for s in app_open.network.supporters()) == [
        "Ana", "Ana", "Dr Lee", "Dr Lee", "Zoë"]

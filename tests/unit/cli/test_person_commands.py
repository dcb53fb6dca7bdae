"""``edit``, ``remove``, ``pause``, ``resume`` and ``snooze`` over a real vault file."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from supportdesk.core.kinds import ContactType, Direction, Kind, Ring, Role, TieStrength
from supportdesk.core.model import AvailabilityWindow, ContactMethod
from tests.unit.cli.cli_run import cli, opened


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def test_edit_changes_every_field_the_editor_has(vault: Path, db_key: bytes,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Dr Ávila", "--kind", "friend")
    assert cli("edit", "dr avila", "--name", "Dr Inês Ávila", "--kind", "professional",
               "--role", "psychiatrist", "--ring", "outer", "--tie", "weak",
               "--direction", "receive", "--stressful", "yes", "--every", "4w",
               "--timezone", "Europe/Lisbon", "--notes", "Clinic on the 2nd floor",
               "--my-boundaries", "No calls after 8pm", "--their-boundaries", "Email only",
               "--warning-signs", "I stop replying", "--what-helps", "Plain words",
               "--what-does-not-help", "Rushing", "--in-a-crisis", "Call my sister",
               "--add-contact", "phone/clinic:+351 21 000 0000",
               "--add-contact", "email:avila@example.org",
               "--add-window", "mon-fri 9:00-13:00", "--add-window", "sat all day") == 0
    assert "Saved Dr Inês Ávila." in capsys.readouterr().out
    with opened(vault, db_key) as app:
        (s,) = app.network.supporters()
    assert (s.name, s.kind, s.role, s.ring, s.tie, s.direction, s.stressful, s.timezone) == (
        "Dr Inês Ávila", Kind.PROFESSIONAL, Role.PSYCHIATRIST, Ring.OUTER, TieStrength.WEAK,
        Direction.RECEIVE, True, "Europe/Lisbon")
    assert s.cadence.every is not None and s.cadence.every.days == 28
    assert (s.notes, s.boundaries.mine, s.boundaries.theirs) == (
        "Clinic on the 2nd floor", "No calls after 8pm", "Email only")
    assert (s.help.warning_signs, s.help.what_helps, s.help.what_does_not,
            s.help.in_a_crisis) == ("I stop replying", "Plain words", "Rushing",
                                    "Call my sister")
    assert s.contacts == [ContactMethod(ContactType.PHONE, "+351 21 000 0000", "clinic"),
                          ContactMethod(ContactType.EMAIL, "avila@example.org")]
    assert s.availability == [AvailabilityWindow(frozenset(range(5)), time(9), time(13)),
                              AvailabilityWindow(frozenset({5}), time(0), time(0))]


def test_edit_removes_contacts_and_times_and_keeps_the_rest(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend", "--ring", "inner")
    cli("edit", "Sam", "--add-contact", "phone:07700 900123", "--add-contact", "sms:07700 900999",
        "--add-window", "24/7", "--add-window", "sun 10:00-12:00", "--notes", "Likes tea")
    assert cli("edit", "Sam", "--remove-contact", "07700900123",
               "--remove-window", "every day all day") == 0
    with opened(vault, db_key) as app:
        (s,) = app.network.supporters()
    assert s.contacts == [ContactMethod(ContactType.SMS, "07700 900999")]
    assert s.availability == [AvailabilityWindow(frozenset({6}), time(10), time(12))]
    assert (s.ring, s.notes) == (Ring.INNER, "Likes tea")
    assert cli("edit", "Sam", "--remove-window", "all") == 0
    with opened(vault, db_key) as app:
        assert app.network.supporters()[0].availability == []


@pytest.mark.parametrize("argv,words", [
    (("--add-contact", "pager:123"), "is not a contact method"),
    (("--add-contact", "email:not-an-address"), "email"),
    (("--add-window", "someday 9:00-10:00"), "is not a day"),
    (("--add-window", "mon 9:00-9:00"), "same time"),
    (("--remove-contact", "01234"), "has no contact method"),
    (("--timezone", "Mars/Olympus"), "time zone"),
    (("--role", "gp"), "only for professionals"),
    (("--every", "often"), "days or weeks"),
])
def test_edit_with_bad_input_changes_nothing_and_says_why_in_one_line(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str],
        argv: tuple[str, ...], words: str) -> None:
    cli("add", "Sam", "--kind", "friend")
    capsys.readouterr()
    assert cli("edit", "Sam", "--notes", "should not be kept", *argv) != 0
    assert words.lower() in one_line(capsys).lower()
    with opened(vault, db_key) as app:
        assert app.network.supporters()[0].notes == ""


def test_remove_asks_and_a_piped_y_confirms(vault: Path, db_key: bytes,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    cli("log", "Sam")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert cli("remove", "sam") == 0
    assert "Removed Sam and their 1 check-in." in capsys.readouterr().out
    with opened(vault, db_key) as app:
        assert app.network.supporters() == [] and app.network.checkins() == []


def test_remove_without_a_yes_keeps_them_and_says_how_to_give_one(
        vault: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli("remove", "Sam") != 0
    line = one_line(capsys)
    assert "Nothing was changed" in line and "--yes" in line and "y |" in line
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert cli("remove", "Sam") != 0
    with opened(vault, db_key) as app:
        assert [s.name for s in app.network.supporters()] == ["Sam"]
    assert cli("remove", "Sam", "--yes") == 0
    with opened(vault, db_key) as app:
        assert app.network.supporters() == []


def test_pause_resume_and_snooze_change_the_reminders(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    assert cli("pause", "Sam") == 0
    with opened(vault, db_key) as app:
        assert app.network.supporters()[0].cadence.paused
    assert cli("resume", "Sam") == 0
    with opened(vault, db_key) as app:
        assert not app.network.supporters()[0].cadence.paused
    assert cli("snooze", "Sam", "--for", "3d") == 0
    assert "Snoozed Sam until Fri, 27 Nov 2026, 09:00" in capsys.readouterr().out
    with opened(vault, db_key) as app:
        assert app.network.supporters()[0].cadence.snoozed_until == datetime(
            2026, 11, 27, 9, 0, tzinfo=UTC)
    assert cli("snooze", "Sam") == 0  # tomorrow morning, as the app's "Tomorrow"
    with opened(vault, db_key) as app:
        assert app.network.supporters()[0].cadence.snoozed_until == datetime(
            2026, 11, 25, 9, 0, tzinfo=UTC)
    assert cli("resume", "Sam") == 0
    with opened(vault, db_key) as app:
        assert app.network.supporters()[0].cadence.snoozed_until is None


def test_snooze_for_nonsense_is_one_clear_line(vault: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    capsys.readouterr()
    assert cli("snooze", "Sam", "--for", "forever") != 0
    assert "1d, 3d or 1w" in one_line(capsys)


@pytest.mark.parametrize("command", ["edit", "remove", "pause", "resume", "snooze"])
def test_each_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli(command, "--help")
    assert raised.value.code == 0
    assert f"supportdesk {command}" in capsys.readouterr().out


def test_show_prints_the_times_zone_and_reminder_state_edit_can_change(
        vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    cli("edit", "Sam", "--add-window", "mon-fri 9:00-17:00", "--timezone", "Europe/Lisbon")
    cli("snooze", "Sam", "--for", "1w")
    capsys.readouterr()
    assert cli("show", "Sam") == 0
    out = capsys.readouterr().out
    assert "  Can be reached: Mon-Fri 09:00-17:00\n" in out
    assert "  Time zone: Europe/Lisbon\n" in out
    assert "  Reminders: snoozed until Tue, 1 Dec 2026, 09:00\n" in out
    # what show prints is what --remove-window takes
    assert cli("edit", "Sam", "--remove-window", "Mon-Fri 09:00-17:00") == 0
    cli("pause", "Sam")
    capsys.readouterr()
    cli("show", "Sam")
    out = capsys.readouterr().out
    assert "Can be reached" not in out and "  Reminders: paused\n" in out


def test_edit_chooses_the_preferred_contact_and_the_lock_screen(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Sam", "--kind", "friend")
    cli("edit", "Sam", "--add-contact", "phone:07700 900123", "--add-contact", "sms:07700 900999")
    assert cli("edit", "Sam", "--prefer-contact", "07700 900999", "--on-lock-screen", "yes") == 0
    assert "Shown on the lock screen's crisis help." in capsys.readouterr().out
    with opened(vault, db_key) as app:
        (s,) = app.network.supporters()
        assert [c.preferred for c in s.contacts] == [False, True]
        assert app.crisis_lines.shown_when_locked() == {s.id}
    assert cli("edit", "Sam", "--on-lock-screen", "no") == 0
    with opened(vault, db_key) as app:
        assert app.crisis_lines.shown_when_locked() == set()

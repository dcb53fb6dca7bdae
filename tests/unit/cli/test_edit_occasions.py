"""``edit`` adds and removes a group's meetings and a person's dates that matter (the
editor's "Meetings and dates" tab), and ``show`` numbers them so they can be removed."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from supportdesk.cli.occasion_words import date_words, meeting_words, parse_date, parse_meeting
from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.meetings import Meeting
from tests.unit.cli.cli_run import cli, opened

WALK = Meeting(5, time(10), (1, 3), minutes=180, place="the bandstand", remind_minutes=60)
LOSS = ImportantDate(DateKind.HARD, 10, 2, label="Dad's anniversary", remind_days=7,
                     ask_company=True)


def test_edit_adds_meetings_and_dates_and_show_numbers_them(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    cli("add", "Ramblers", "--kind", "group")
    assert cli("edit", "ramblers",
               "--add-meeting", "first and third saturday 10:00-13:00 at the bandstand, "
                                "remind 1h",
               "--add-meeting", "Thu 19:00",
               "--add-date", "birthday 1990-03-12",
               "--add-date", "hard 10-02 Dad's anniversary, remind 7d, company") == 0
    out = capsys.readouterr().out
    assert "Added First and third Saturday of the month 10:00-13:00 at the bandstand" in out
    with opened(vault, db_key) as app:
        (group,) = app.network.supporters()
    assert group.meetings == [WALK, Meeting(3, time(19))]
    assert group.dates == [ImportantDate(DateKind.BIRTHDAY, 3, 12, 1990), LOSS]
    assert cli("show", "Ramblers") == 0
    shown = capsys.readouterr().out
    assert ("  Meeting 1: First and third Saturday of the month 10:00-13:00 at the bandstand, "
            "remind 1h\n") in shown
    assert "  Meeting 2: Every Thursday 19:00-20:30\n" in shown
    assert "  Date 2: hard 10-02 Dad's anniversary, remind 7d, company\n" in shown
    assert cli("edit", "Ramblers", "--remove-meeting", "1", "--remove-date", "all") == 0
    with opened(vault, db_key) as app:
        (group,) = app.network.supporters()
    assert group.meetings == [Meeting(3, time(19))] and group.dates == []


@pytest.mark.parametrize("argv,words", [
    (("--add-meeting", "someday 19:00"), "is not a meeting time"),
    (("--add-meeting", "thursday 26:00"), "not a time of day"),
    (("--add-meeting", "thursday 19:00 (Mars/Base)"), "time zone"),
    (("--add-meeting", "thursday 19:00, skip 2026-02-30"), "not a date"),
    (("--add-date", "birthday 02-30"), "does not exist"),
    (("--add-date", "party 03-03"), "is not a date that matters"),
    (("--remove-meeting", "3"), "has no meeting 3"),
    (("--remove-date", "one"), "has no date one"),
])
def test_bad_meetings_and_dates_change_nothing_and_say_why(
        vault: Path, db_key: bytes, capsys: pytest.CaptureFixture[str],
        argv: tuple[str, ...], words: str) -> None:
    cli("add", "Ramblers", "--kind", "group")
    capsys.readouterr()
    assert cli("edit", "Ramblers", "--notes", "not kept", *argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0], err
    with opened(vault, db_key) as app:
        assert app.network.supporters()[0].notes == ""


@pytest.mark.parametrize("meeting", [
    WALK, Meeting(6, time(9, 30), (1, -1)), Meeting(4, time(22), (-1,), minutes=180),
    Meeting(0, time(8), timezone="America/New_York", place="https://meet.example/x",
            skipped=(date(2026, 12, 28), date(2027, 1, 4)), remind_minutes=1440)])
def test_a_meeting_in_words_reads_back_as_itself(meeting: Meeting) -> None:
    assert parse_meeting(meeting_words(meeting)) == meeting


def test_a_meeting_in_another_zone_with_days_skipped() -> None:
    meeting = parse_meeting("monday 08:00 (America/New_York) at https://meet.example/x, "
                            "remind 1d, skip 2027-01-04 2026-12-28")
    assert (meeting.timezone, meeting.skipped, meeting.remind_minutes) == (
        "America/New_York", (date(2026, 12, 28), date(2027, 1, 4)), 1440)
    assert "(America/New_York)" in meeting_words(meeting)


@pytest.mark.parametrize("item", [LOSS, ImportantDate(DateKind.ANNIVERSARY, 6, 1),
                                  ImportantDate(DateKind.BIRTHDAY, 2, 29, 1992, remind_days=3)])
def test_a_date_in_words_reads_back_as_itself(item: ImportantDate) -> None:
    assert parse_date(date_words(item)) == item

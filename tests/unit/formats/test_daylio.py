"""Reading Daylio's CSV export: the published columns, both time styles, a BOM, quoted
notes over several lines, formatting tags, and lines that cannot be read left out with
their reason."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from supportdesk.formats.daylio import (
    NotDaylioError,
    looks_like_daylio,
    parse_time,
    plain_note,
    read_daylio,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "daylio-sample.csv"
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


def test_the_sample_is_read_oldest_first() -> None:
    data = SAMPLE.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and looks_like_daylio(data)
    read = read_daylio(data)
    assert read.problems == []
    assert [(line.day, line.at, line.mood) for line in read.lines] == [
        (date(2024, 3, 5), time(7, 2), "awful"),
        (date(2024, 3, 5), time(21, 41), "good"),
        (date(2024, 3, 6), time(13, 15), "bad"),
        (date(2024, 3, 6), time(22, 30), "sleepy"),
        (date(2024, 3, 7), time(8, 5), "meh"),
        (date(2024, 3, 7), time(21, 41), "rad"),
    ]
    last = read.lines[-1]
    assert last.activities == ("friends", "walk", "good sleep")
    assert last.note_title == "Sunny at last"
    assert "Felt light" in last.note and last.line == 2
    assert read.lines[2].note == "Said what I needed to, though. Proud of that.\nTea after."
    assert read.lines[1].note == "Dinner with Mum — ça va mieux 🙂"


@pytest.mark.parametrize(("written", "expected"), [
    ("9:41 pm", time(21, 41)), ("9:41 PM", time(21, 41)), ("12:05 am", time(0, 5)),
    ("12:30 pm", time(12, 30)), ("21:41", time(21, 41)), ("09:41", time(9, 41)),
    ("7:02 a.m.", time(7, 2)), ("23:59:30", time(23, 59, 30)),
    ("25:00", None), ("13:00 pm", None), ("9.41", time(9, 41)), ("noon", None), ("", None),
])
def test_times_in_both_styles(written: str, expected: time | None) -> None:
    assert parse_time(written) == expected


def test_an_older_export_without_note_title_and_mood_names_with_spaces() -> None:
    data = (b"full_date,date,weekday,time,mood,activities,note\n"
            b'2021-09-28,28 September,Tuesday,10:00 pm,sad ,"clean | music | movies / tv ",'
            b'"Early night"\n')
    (line,) = read_daylio(data).lines
    assert (line.mood, line.activities, line.note_title, line.note) == (
        "sad", ("clean", "music", "movies / tv"), "", "Early night")


def test_lines_that_cannot_be_read_are_left_out_with_why() -> None:
    data = (HEADER
            + "2024-02-30,30 February,Friday,9:00 pm,good,,,\n"
            + "2024-03-01,1 March,Friday,half nine,good,,,\n"
            + "2024-03-02,2 March,Saturday,9:00 pm,  ,,,\n"
            + ",,,,,,,\n"
            + "2024-03-03,3 March,Sunday,9:00 pm,good,,,\n").encode()
    read = read_daylio(data)
    assert [line.day for line in read.lines] == [date(2024, 3, 3)]
    assert read.problems == [
        "Line 2 was left out: “2024-02-30” is not a date (like 2024-03-05).",
        "Line 3 was left out: “half nine” is not a time (like 9:41 pm or 21:41).",
        "Line 4 was left out: it has no mood.",
    ]


def test_odd_bytes_a_nul_and_a_huge_note_are_still_read() -> None:
    huge = "x" * 200_000  # beyond the csv module's own field limit
    data = (HEADER.encode() + b"2024-03-03,3 March,Sunday,9:00 pm,go\x00od,,,\"\xff"
            + huge.encode() + b"\"\n")
    read = read_daylio(data)
    (line,) = read.lines
    assert line.mood == "good" and line.note.startswith("\ufffd") and len(line.note) == 200_001
    assert read.problems == ["Some characters were not UTF-8 and show as “�”."]


def test_a_file_that_is_not_daylio_is_refused() -> None:
    assert not looks_like_daylio(b"BEGIN:VCARD\r\nFN:Robin\r\nEND:VCARD\r\n")
    assert not looks_like_daylio(b"First Name,Last Name,E-mail Address\n")
    with pytest.raises(NotDaylioError):
        read_daylio(b"First Name,Last Name\nRobin,Okafor\n")


def test_only_daylios_own_tags_are_taken_out() -> None:
    assert plain_note("a <b>bold</b> step<br/>then tea &amp; toast") == \
        "a bold step\nthen tea & toast"
    assert plain_note("I <3 my cat & 2 < 3") == "I <3 my cat & 2 < 3"

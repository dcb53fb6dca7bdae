"""Daylio's backup through the application: the five moods mapped, the person's own
names chosen, activities as feelings, notes kept, nothing twice, one undo."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from supportdesk.core.errors import ValidationError
from supportdesk.core.mood import NOTE_LIMIT, MoodEntry
from supportdesk.services.application import Application
from supportdesk.services.daylio_import import LEAVE_OUT, DaylioImportService
from supportdesk.services.session import Session

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "daylio-sample.csv"
LONDON = ZoneInfo("Europe/London")
HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


@pytest.fixture
def app(session: Session) -> Application:
    made = Application(session)
    made.daylio_import = DaylioImportService(session, LONDON)
    return made


def _line(day: str, at: str, mood: str, activities: str = "", title: str = "",
          note: str = "") -> str:
    return f'{day},,,{at},{mood},"{activities}","{title}","{note}"\n'


def test_the_sample_needs_its_own_mood_name_chosen_first(app: Application) -> None:
    preview = app.daylio_import.preview(SAMPLE.read_bytes())
    assert preview.own_names == {"sleepy": 1} and preview.unchosen == ["sleepy"]
    assert preview.counts() == (5, 0, 1)
    assert preview.words() == ("Found 6 moods from 5 March 2024 to 7 March 2024: 5 new, "
                               "1 waiting for you to say what their mood means.")
    with pytest.raises(ValidationError, match="sleepy"):
        app.import_daylio(preview)
    assert app.mood.entries() == []
    preview.choose("Sleepy", 2)
    assert preview.unchosen == [] and preview.counts() == (6, 0, 0)
    heard: list[frozenset[str]] = []
    app.feed.subscribe(heard.append)
    outcome = app.import_daylio(preview)
    assert outcome.summary == "6 moods added" and heard == [frozenset({"checkins"})]
    moods = sorted(app.mood.entries(), key=lambda e: e.at)
    assert [e.mood for e in moods] == [1, 4, 2, 2, 3, 5]
    last = moods[-1]
    assert last.at == datetime(2024, 3, 7, 21, 41, tzinfo=LONDON)
    assert last.feelings == ("friends", "walk", "good sleep")
    assert last.note == ("Sunny at last\n\nWalked to the river with Sam.\n"
                         "Felt light for the first time in weeks.")


def test_the_same_file_again_adds_nothing_and_undo_takes_out_only_the_import(
        app: Application) -> None:
    data = SAMPLE.read_bytes()
    first = app.daylio_import.preview(data)
    first.choose("sleepy", 2)
    outcome = app.import_daylio(first)
    again = app.daylio_import.preview(data)
    again.choose("sleepy", 2)
    assert again.counts() == (0, 6, 0)
    assert "6 already here" in again.words()
    assert app.import_daylio(again).added_ids == []
    mine = app.add_mood_entry(MoodEntry(at=datetime(2024, 3, 8, 9, tzinfo=UTC), mood=3))
    app.undo_daylio_import(outcome)
    assert app.mood.entries() == [mine]
    # a different choice for the name is a different entry: that one comes in
    other = app.daylio_import.preview(data)
    other.choose("sleepy", LEAVE_OUT)
    assert other.counts() == (5, 0, 1) and "1 left out" in other.words()


def test_activities_that_cannot_be_feelings_stay_in_the_note(app: Application) -> None:
    many = " | ".join(f"thing {n}" for n in range(14))
    data = (HEADER + _line("2024-03-05", "9:41 pm", "good", f"Walk | walk | {many} | a, b | "
                           + "x" * 50, "Title", "Body")).encode()
    (row,) = app.daylio_import.preview(data).rows
    assert row.feelings == ("walk", *(f"thing {n}" for n in range(11)))
    assert row.note == ("Title\n\nBody\n\nActivities: thing 11, thing 12, thing 13, a, b, "
                        + "x" * 50)


def test_a_huge_note_is_shortened_and_said_so_odd_text_is_cleaned(app: Application) -> None:
    data = (HEADER + _line("2024-03-05", "21:41", "meh", note="y" * (NOTE_LIMIT + 5))
            + _line("2024-03-06", "21:41", "bad", note="evil\u202eeman\u0007 ok")).encode()
    preview = app.daylio_import.preview(data)
    assert preview.problems == [
        f"Line 2: the note was {NOTE_LIMIT + 5:,} characters long and was shortened to "
        f"{NOTE_LIMIT:,}."]
    huge, odd = preview.rows
    assert len(huge.note) == NOTE_LIMIT and huge.note.endswith("…")
    assert odd.note == "evileman ok"
    app.import_daylio(preview)
    assert len(app.mood.entries()) == 2


def test_wall_clock_times_across_summer_time_and_twice_in_the_file(app: Application) -> None:
    data = (HEADER
            + _line("2024-03-31", "1:30 am", "good")  # London skipped 01:00-02:00
            + _line("2024-10-27", "1:30 am", "good")  # and had 01:00-02:00 twice
            + _line("2024-10-27", "1:30 am", "good")).encode()  # the same entry again
    preview = app.daylio_import.preview(data)
    assert preview.counts() == (2, 1, 0)
    app.import_daylio(preview)
    days = sorted(e.at.astimezone(LONDON).date() for e in app.mood.entries())
    assert days == [date(2024, 3, 31), date(2024, 10, 27)]
    assert app.daylio_import.preview(data).counts() == (0, 3, 0)


def test_no_moods_found(app: Application) -> None:
    preview = app.daylio_import.preview(HEADER.encode())
    assert preview.rows == [] and preview.words() == "No moods were found in the file."

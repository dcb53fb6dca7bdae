"""A person's meetings and dates in the JSON export: written, checked by the schema, read back."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time

import pytest

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.meetings import LAST, Meeting
from supportdesk.formats.supportdesk_json import ExportFileError, read_json, to_json
from tests.unit.formats.test_supportdesk_json import TOKYO, sample
from tests.unit.services.test_full_export import validate

MEETINGS = [Meeting(1, time(18, 30), ordinals=(1, 3), timezone="Europe/London",
                    place="https://meet.example/x", skipped=(date(2026, 12, 15),),
                    remind_minutes=60),
            Meeting(4, time(10), ordinals=(LAST,))]
DATES = [ImportantDate(DateKind.BIRTHDAY, 2, 29, year=1990, remind_days=3),
         ImportantDate(DateKind.HARD, 11, 2, label="Losing Gran", ask_company=True)]


def _with_occasions():
    data = sample()
    data.people[0] = replace(data.people[0], meetings=MEETINGS, dates=DATES)
    return data


def test_meetings_and_dates_read_back_the_same_and_fit_the_schema() -> None:
    data = _with_occasions()
    text = to_json(data, TOKYO)
    document = json.loads(text)
    validate(document)
    assert document["people"][0]["meetings"][0]["weekday"] == "tuesday"
    assert document["people"][0]["meetings"][0]["weeks_of_month"] == [1, 3]
    assert read_json(text.encode("utf-8")) == data


def test_a_person_without_them_has_neither_key() -> None:
    document = json.loads(to_json(sample(), TOKYO))
    assert "meetings" not in document["people"][0] and "dates" not in document["people"][0]


def test_a_wrong_weekday_says_where() -> None:
    document = json.loads(to_json(_with_occasions(), TOKYO))
    document["people"][0]["meetings"][1]["weekday"] = "someday"
    with pytest.raises(ExportFileError, match=r"people\[0\]\.meetings\[1\]\.weekday"):
        read_json(json.dumps(document).encode("utf-8"))


def test_my_own_dates_read_back_and_fit_the_schema() -> None:
    data = sample()
    data.own_dates = [ImportantDate(DateKind.HARD, 3, 14, label="Diagnosis day",
                                    remind_days=7, ask_company=True)]
    text = to_json(data, TOKYO)
    validate(json.loads(text))
    assert json.loads(text)["my_dates"][0]["label"] == "Diagnosis day"
    assert read_json(text.encode("utf-8")) == data
    assert "my_dates" not in json.loads(to_json(sample(), TOKYO))

"""``supportdesk meetings`` and ``supportdesk dates``: what comes round soon, as text and JSON."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path

import pytest

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import Kind
from supportdesk.core.meetings import Meeting
from supportdesk.core.model import Supporter
from supportdesk.store import database, migrations
from tests.unit.cli.cli_run import cli, opened

# FIXED_NOW is Tuesday 24 November 2026, 10:00 UTC; the vault fixture sets TZ=UTC.


@pytest.fixture
def filled(vault: Path, db_key: bytes) -> Path:
    db = database.connect(vault, db_key)
    migrations.migrate(db)
    db.close()
    with opened(vault, db_key) as app:
        app.add_supporter(Supporter("Thursday group", Kind.GROUP, meetings=[
            Meeting(3, time(19), timezone="UTC", place="Community hall")]))
        app.add_supporter(Supporter("Sam", Kind.FRIEND, dates=[
            ImportantDate(DateKind.BIRTHDAY, 11, 29, year=1990)]))
        app.set_own_dates([ImportantDate(DateKind.HARD, 11, 25, label="Losing Gran")])
    return vault


def test_meetings_lists_the_next_two_weeks(filled: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("meetings") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "Thursday 19:00       Thursday group  (Every Thursday)  · Community hall",
        "Thu 3 Dec 19:00      Thursday group  (Every Thursday)  · Community hall"]


def test_meetings_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("meetings", "--json", "--days", "30") == 0
    found = json.loads(capsys.readouterr().out)["meetings"]
    assert [m["start"] for m in found] == [
        "2026-11-26T19:00:00+00:00", "2026-12-03T19:00:00+00:00",
        "2026-12-10T19:00:00+00:00", "2026-12-17T19:00:00+00:00"]
    assert found[0]["name"] == "Thursday group" and isinstance(found[0]["person"], int)
    assert found[0]["meeting"]["weekday"] == "thursday"


def test_dates_lists_ones_own_and_everyones(filled: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("dates") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Wed 25 Nov  A hard day (Losing Gran), tomorrow",
        "Sun 29 Nov  Sam's birthday, in 5 days (36)"]
    assert cli("dates", "--days", "2", "--json") == 0
    [only] = json.loads(capsys.readouterr().out)["dates"]
    assert only["person"] is None and only["on"] == "2026-11-25" and only["days_away"] == 1
    assert only["date"]["label"] == "Losing Gran"


def test_nothing_coming_up_says_so(vault: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("meetings") == 0 and cli("dates") == 0
    assert capsys.readouterr().out.splitlines() == [
        "No meetings in the next 14 days.", "No dates coming up in the next 30 days."]

"""The SupportDesk export format, written and read back without a vault."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from supportdesk.core.kinds import (
    Channel,
    ContactType,
    Direction,
    Kind,
    PlanStep,
    Ring,
    Role,
    SupportType,
    TieStrength,
)
from supportdesk.core.model import (
    AvailabilityWindow,
    Cadence,
    CheckIn,
    ContactMethod,
    CrisisLine,
    Gratitude,
    PlanItem,
    Supporter,
)
from supportdesk.formats.supportdesk_json import (
    ExportData,
    ExportFileError,
    read_document,
    read_json,
    to_document,
    to_json,
)

AT = datetime(2026, 11, 24, 18, 30, 15, 250, tzinfo=UTC)
TOKYO = timezone(timedelta(hours=9))


def sample() -> ExportData:
    return ExportData(
        exported_at=AT,
        people=[Supporter("Zoë ✨", Kind.PROFESSIONAL, Role.CPN, Ring.INNER, TieStrength.WEAK,
                          True, Direction.GIVE,
                          [ContactMethod(ContactType.SMS, "+81 90 0000 0000", "携帯", True)],
                          [AvailabilityWindow(frozenset({4, 5}), time(22, 0), time(1, 30))],
                          "Asia/Tokyo", "Fridays", "Hall", notes="<i>not</i> markup",
                          cadence=Cadence(timedelta(days=2.5), True, AT),
                          created=AT - timedelta(days=400), last_contact=AT, id=4)],
        checkins=[CheckIn(4, AT, mood_before=1, mood_after=5,
                          support_given=frozenset(SupportType), note="line\nnext")],
        gratitude=[Gratitude(4, date(2024, 2, 29), "🍵", True), Gratitude(None, AT.date(), "sun")],
        plan=[PlanItem(PlanStep.ASK_FOR_HELP, "", 4, 0),
              PlanItem(PlanStep.REASONS, "cat", None, 0)],
        crisis_lines=[CrisisLine("JP", "Line", "0120 000 000", Channel.TEXT, "24h", "",
                                 date(2026, 1, 1), True, "n")],
        settings={"quiet.enabled": True, "quiet.start": "22:00", "cadence.inner_days": 7},
        app_version="9.9",
    )


def test_what_is_written_reads_back_the_same() -> None:
    data = sample()
    again = read_json(to_json(data, TOKYO).encode("utf-8"))
    assert again == data  # moments are equal whatever offset they are written in
    assert again.checkins[0].at.utcoffset() == timedelta(hours=9)


def test_one_record_a_line_and_text_kept_as_it_is() -> None:
    text = to_json(sample(), TOKYO)
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert sum(1 for line in lines if line.startswith('  {"person": ')) == 1 + 2
    assert sum(1 for line in lines if line.startswith('  {"step": ')) == 2
    assert "Zoë ✨" in text and "携帯" in text and "<i>not</i> markup" in text
    assert '"exported_at": "2026-11-25T03:30:15.000250+09:00"' in text


def test_a_short_hand_written_file_takes_the_defaults() -> None:
    raw = json.dumps({"format": "supportdesk-export", "version": 1,
                      "exported_at": "2026-11-24T10:00:00Z", "something_new": [1],
                      "people": [{"id": 1, "name": "Sam", "kind": "friend", "extra": 2}],
                      "checkins": [{"person": 1, "at": "2026-11-20T18:00:00+01:00"}]})
    data = read_json(raw.encode())
    [sam] = data.people
    assert (sam.role, sam.ring, sam.tie, sam.direction) == (
        Role.NONE, Ring.MIDDLE, TieStrength.NORMAL, Direction.MUTUAL)
    assert sam.cadence == Cadence() and sam.contacts == [] and sam.created is None
    [checkin] = data.checkins
    assert checkin.supporter_id == 1 and checkin.mood_after is None and checkin.note == ""
    assert data.settings == {} and data.gratitude == []


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)


def paths(value: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [here] if here else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*here, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*here, index))
    return found


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_field_holding_anything_reads_or_says_where(data: st.DataObject) -> None:
    document = to_document(sample(), TOKYO)
    path = data.draw(st.sampled_from(paths(document)))
    inner: Any = document
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = data.draw(JSON)
    try:
        read_document(document)
    except ExportFileError as error:
        assert error.message.startswith(("In the file, ", "The file is missing ",
                                         "This is not a SupportDesk export",
                                         "This export was made by a newer"))

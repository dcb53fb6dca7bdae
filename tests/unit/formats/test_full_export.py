"""The full export's zip, CSV files and README, without a vault."""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from datetime import UTC, datetime

from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.formats.full_export import TABLES, checkins_csv, readme_text, write_zip
from supportdesk.formats.supportdesk_json import ExportData

AT = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_the_same_data_makes_the_same_zip_byte_for_byte() -> None:
    data = ExportData(AT, people=[Supporter("Sam", Kind.FRIEND, id=1)],
                      checkins=[CheckIn(1, AT, note="-1 felt low")])
    first = write_zip(data, UTC, "{}", {})
    assert first == write_zip(data, UTC, "{}", {})
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert all(stat.S_IMODE(i.external_attr >> 16) == 0o600 for i in archive.infolist())
        assert all(i.date_time == (2026, 11, 24, 10, 0, 0) for i in archive.infolist())


def test_the_readme_explains_every_file_and_column() -> None:
    readme = readme_text(ExportData(AT), UTC)
    assert "NOT encrypted" in readme
    for table in TABLES:
        assert f"{table.name}\n{'-' * len(table.name)}\n{table.about}" in readme
        for column, meaning in table.columns:
            assert f"  {column}: {meaning}" in readme


def test_a_checkin_note_a_spreadsheet_would_run_is_escaped() -> None:
    text = checkins_csv([CheckIn(1, AT, note="=cmd|' /C calc'!A0")], lambda _: "+Sam", UTC)
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["note"] == "'=cmd|' /C calc'!A0" and row["person"] == "'+Sam"

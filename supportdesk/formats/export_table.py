"""One CSV file of the full export: its name, what it holds, its columns and their meanings.

The README is written from these, so a file and its explanation never disagree. Cells a
spreadsheet would run as a formula are escaped the way ``csv_io`` does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from supportdesk.formats.csv_io import safe_cell


@dataclass(frozen=True)
class Table:
    name: str  # the file's name in the zip
    about: str
    columns: tuple[tuple[str, str], ...]  # (column, what it holds)

    @property
    def header(self) -> list[str]:
        return [column for column, _ in self.columns]


PERSON_COLUMNS = (("person_id", "the person's number in this export (the same in every "
                                "file and in supportdesk.json)"),
                  ("person", "their name"))


def flag(value: bool) -> str:
    return "true" if value else "false"


def number(value: int | float | None) -> str:
    return "" if value is None else str(value)


def ref(person_id: int | None) -> str:
    return "" if person_id is None else str(person_id)


def write_rows(table: Table, rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()

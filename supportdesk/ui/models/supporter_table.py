"""The people table: a thin row cache over ``NetworkService.people()``.

Columns: name, kind/role, ring, last contact, next due. The name's accessible text
says the kind too (its avatar shows it, ``KIND_ROLE``). Each row keeps a
casefolded search key, so filtering as someone types never re-reads the vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from supportdesk.core.model import Supporter
from supportdesk.core.text import due_words, exact_time, relative_day, supporter_search_key
from supportdesk.services.network import PersonSummary
from supportdesk.ui.models.roles import ID_ROLE, KIND_ROLE, SORT_ROLE, Index

NO_DATE_SORT = float("inf")  # "never" and "paused" sort after every real date


class Column(IntEnum):
    NAME = 0
    KIND = 1
    RING = 2
    LAST_CONTACT = 3
    NEXT_DUE = 4


HEADERS = {Column.NAME: "Name", Column.KIND: "Kind", Column.RING: "Ring",
           Column.LAST_CONTACT: "Last contact", Column.NEXT_DUE: "Next due"}


@dataclass(frozen=True)
class PersonRow:
    supporter: Supporter
    next_due: datetime | None
    search_key: str


class SupporterTableModel(QAbstractTableModel):
    """Read-only rows of people; ``set_people`` replaces them all."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PersonRow] = []
        self._sort_keys: list[tuple[Any, ...]] = []  # per row, per column
        self._words: list[tuple[str, str]] = []  # per row, last contact and next due shown
        self.now: datetime | None = None
        self.tz = tz

    def set_people(self, people: list[PersonSummary], now: datetime) -> None:
        """Show ``people``: the same people in the same order change only the rows that
        differ (the vault's kept reads give back the same values for the unchanged), and
        the words that depend on the time (last contact, next due) move with ``now``; a
        different set is a reset. Sorting and filtering then work on what changed alone."""
        if self._update_in_place(people, now):
            return
        self.beginResetModel()
        self.now = now
        self.rows = [PersonRow(p.supporter, p.next_due, supporter_search_key(p.supporter))
                     for p in people]
        # Worked out once: sorting 2,000 people asks for a sort value some 30,000 times.
        self._sort_keys = [tuple(self._sort_value(row, column) for column in Column)
                           for row in self.rows]
        self._words = self._time_words()
        self.endResetModel()

    def _update_in_place(self, people: list[PersonSummary], now: datetime) -> bool:
        rows = self.rows
        if not rows or len(people) != len(rows) or any(
                p.supporter.id != row.supporter.id for p, row in zip(people, rows, strict=True)):
            return False
        changed = [number for number, (p, row) in enumerate(zip(people, rows, strict=True))
                   if (p.supporter is not row.supporter and p.supporter != row.supporter)
                   or p.next_due != row.next_due]
        for number in changed:
            person = people[number]
            row = PersonRow(person.supporter, person.next_due,
                            supporter_search_key(person.supporter))
            rows[number] = row
            self._sort_keys[number] = tuple(self._sort_value(row, column) for column in Column)
            self._words[number] = (self._display(row, Column.LAST_CONTACT),
                                   self._display(row, Column.NEXT_DUE))
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(Column) - 1))
        if now != self.now:
            self.now = now
            # Only the rows whose words moved with the time ("Due now", "Yesterday"): a
            # change over every row would have the view measure all 2,000 again.
            words = self._time_words()
            for number, (old, new) in enumerate(zip(self._words, words, strict=True)):
                if old != new:
                    self.dataChanged.emit(self.index(number, Column.LAST_CONTACT),
                                          self.index(number, Column.NEXT_DUE),
                                          [Qt.ItemDataRole.DisplayRole])
            self._words = words
        return True

    def _time_words(self) -> list[tuple[str, str]]:
        return [(self._display(row, Column.LAST_CONTACT), self._display(row, Column.NEXT_DUE))
                for row in self.rows]

    def row_of(self, supporter_id: int) -> int:
        for number, row in enumerate(self.rows):
            if row.supporter.id == supporter_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(Column)):
            return HEADERS[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == SORT_ROLE:  # the hot path while sorting: as little as possible
            number = index.row()
            keys = self._sort_keys
            return keys[number][index.column()] if 0 <= number < len(keys) else None
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == ID_ROLE:
            return row.supporter.id
        if role == KIND_ROLE:
            return row.supporter.kind
        if role == Qt.ItemDataRole.AccessibleTextRole and column is Column.NAME:
            return f"{row.supporter.name}, {row.supporter.kind_label}"
        return None

    def _display(self, row: PersonRow, column: Column) -> str:
        s = row.supporter
        now = self.now
        if column is Column.NAME:
            return s.name
        if column is Column.KIND:
            return s.kind_label
        if column is Column.RING:
            return s.ring.label
        if column is Column.LAST_CONTACT:
            if s.last_contact is None or now is None:
                return "Not yet"
            return relative_day(s.last_contact, now, self.tz).capitalize()
        if now is None:
            return ""
        return due_words(row.next_due, now, s.cadence.paused, self.tz)

    def _sort_value(self, row: PersonRow, column: Column) -> Any:
        s = row.supporter
        if column is Column.NAME:
            return s.name.casefold()
        if column is Column.KIND:
            return s.kind_label.casefold()
        if column is Column.RING:
            return s.ring.order
        if column is Column.LAST_CONTACT:
            return s.last_contact.timestamp() if s.last_contact else -NO_DATE_SORT
        return row.next_due.timestamp() if row.next_due else NO_DATE_SORT

    def _tooltip(self, row: PersonRow, column: Column) -> str | None:
        s = row.supporter
        if column is Column.LAST_CONTACT and s.last_contact:
            return exact_time(s.last_contact, self.tz)
        if column is Column.NEXT_DUE and row.next_due:
            return exact_time(row.next_due, self.tz)
        return None

"""Moods noted on their own as a table: when, how I was, feelings, note.

A thin row cache over what it is given (newest first): a person notes a mood a day or
so, so ten years of them (3,650 rows) are a small list to hold.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from supportdesk.core.model import MOOD_LABELS
from supportdesk.core.mood import MoodEntry
from supportdesk.core.text import exact_time, relative_day
from supportdesk.ui.models.roles import ID_ROLE, SORT_ROLE, Index
from supportdesk.ui.plain import plain_tooltip


class MoodColumn(IntEnum):
    WHEN = 0
    MOOD = 1
    FEELINGS = 2
    NOTE = 3


HEADERS = {MoodColumn.WHEN: "When", MoodColumn.MOOD: "How I was",
           MoodColumn.FEELINGS: "Feelings", MoodColumn.NOTE: "Note"}


class MoodTableModel(QAbstractTableModel):
    """Mood entries, in the order given. No signals of its own: the page changes data."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self.rows: list[MoodEntry] = []
        self.now: datetime | None = None

    def set_entries(self, entries: list[MoodEntry], now: datetime) -> None:
        self.beginResetModel()
        self.rows = list(entries)
        self.now = now
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MoodColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(MoodColumn)):
            return HEADERS[MoodColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry = self.rows[index.row()]
        column = MoodColumn(index.column())
        if role == ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column is MoodColumn.WHEN:
                day = relative_day(entry.at, self.now, self.tz) if self.now else ""
                return f"{exact_time(entry.at, self.tz)} ({day})" if day else \
                    exact_time(entry.at, self.tz)
            if column is MoodColumn.MOOD:
                return f"{entry.mood} · {MOOD_LABELS.get(entry.mood, '')}"
            if column is MoodColumn.FEELINGS:
                return ", ".join(entry.feelings)
            return " ".join(entry.note.split())
        if role == Qt.ItemDataRole.ToolTipRole and column is MoodColumn.NOTE and entry.note:
            return plain_tooltip(entry.note)
        if role == SORT_ROLE:
            if column is MoodColumn.WHEN:
                return entry.at.timestamp()
            if column is MoodColumn.MOOD:
                return entry.mood
            return str(self.data(index)).casefold()
        return None

"""Check-ins as a table: when, who, how, mood, support, note.

A thin row cache, with the names it is given: either a whole list (one person's, from
``set_checkins``) or pages fetched as the view scrolls (``set_source``: ten years of
check-ins are never read at once; the view asks through ``canFetchMore``/``fetchMore``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from supportdesk.core.kinds import SupportType
from supportdesk.core.model import CheckIn
from supportdesk.core.text import exact_time, mood_change, relative_day
from supportdesk.ui.models.roles import ID_ROLE, SORT_ROLE, Index
from supportdesk.ui.plain import plain_tooltip


class CheckinColumn(IntEnum):
    WHEN = 0
    WHO = 1
    MODE = 2
    MOOD = 3
    SUPPORT = 4
    NOTE = 5


HEADERS = {CheckinColumn.WHEN: "When", CheckinColumn.WHO: "Who", CheckinColumn.MODE: "How",
           CheckinColumn.MOOD: "Mood", CheckinColumn.SUPPORT: "Support",
           CheckinColumn.NOTE: "Note"}


def support_words(given: frozenset[SupportType], received: frozenset[SupportType]) -> str:
    def names(kinds: frozenset[SupportType]) -> str:
        return ", ".join(k.label.lower() for k in SupportType if k in kinds)
    if given and given == received:
        return f"Both ways: {names(given)}"
    parts = []
    if given:
        parts.append(f"Gave {names(given)}")
    if received:
        parts.append(f"received {names(received)}" if given else f"Received {names(received)}")
    return "; ".join(parts)


@dataclass(frozen=True)
class CheckinListRow:
    checkin: CheckIn
    who: str


# The next page after the last check-in shown (None: the first page), at most N of them.
PageSource = Callable[[CheckIn | None, int], list[CheckIn]]


class CheckinTableModel(QAbstractTableModel):
    """Read-only check-in rows, newest first as given or fetched."""

    def __init__(self, parent: Any = None, tz: tzinfo | None = None,
                 page_size: int = 200) -> None:
        super().__init__(parent)
        self.rows: list[CheckinListRow] = []
        self.now: datetime | None = None
        self.tz = tz
        self.page_size = page_size
        self._names: dict[int, str] = {}
        self._source: PageSource | None = None
        self._more = False

    def set_checkins(self, checkins: list[CheckIn], names: dict[int, str],
                     now: datetime) -> None:
        """Show exactly these (one person's, say)."""
        self.beginResetModel()
        self.now, self._names, self._source, self._more = now, names, None, False
        self.rows = [self._row(c) for c in checkins]
        self.endResetModel()

    def set_source(self, source: PageSource, names: dict[int, str], now: datetime,
                   at_least: int = 0) -> None:
        """Show what ``source`` gives, a page now (or ``at_least`` rows, to keep a
        scrolled-down place on a refresh) and more as the view asks for it. The same
        rows again (a page shown again with nothing changed) are left in place."""
        wanted = max(self.page_size, at_least)
        found = source(None, wanted)
        if (names == self._names and len(found) == len(self.rows)
                and all(c == row.checkin for c, row in zip(found, self.rows, strict=True))):
            self._source, self._more = source, len(found) == wanted
            if now != self.now and self.rows:
                self.now = now
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self.rows) - 1, self.columnCount() - 1),
                                      [Qt.ItemDataRole.DisplayRole])
            return
        self.beginResetModel()
        self.now, self._names, self._source = now, names, source
        self.rows = [self._row(c) for c in found]
        self._more = len(found) == wanted
        self.endResetModel()

    def _row(self, checkin: CheckIn) -> CheckinListRow:
        who = self._names.get(checkin.supporter_id, "")
        return CheckinListRow(checkin, who)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._source is None:
            return
        last = self.rows[-1].checkin if self.rows else None
        found = self._source(last, self.page_size)
        self._more = len(found) == self.page_size
        if found:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(found) - 1)
            self.rows.extend(self._row(c) for c in found)
            self.endInsertRows()

    def supporter_id_at(self, row: int) -> int | None:
        return self.rows[row].checkin.supporter_id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CheckinColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(CheckinColumn)):
            return HEADERS[CheckinColumn(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        c = row.checkin
        column = CheckinColumn(index.column())
        if role == ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is CheckinColumn.WHEN:
                return exact_time(c.at, self.tz)
            if column is CheckinColumn.NOTE and c.note:
                return plain_tooltip(c.note)
            if column is CheckinColumn.SUPPORT:
                return support_words(c.support_given, c.support_received) or None
            return None
        if role == SORT_ROLE:
            if column is CheckinColumn.WHEN:
                return c.at.timestamp()
            if column is CheckinColumn.MOOD:
                return (c.mood_after or 0) * 10 + (c.mood_before or 0)
            return str(self.data(index)).casefold()
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is CheckinColumn.WHEN:
            when = relative_day(c.at, self.now, self.tz) if self.now else ""
            return f"{c.at.astimezone(self.tz):%d %b %Y} ({when})" if when else \
                f"{c.at.astimezone(self.tz):%d %b %Y}"
        if column is CheckinColumn.WHO:
            return row.who
        if column is CheckinColumn.MODE:
            return f"{c.mode.label} · {c.initiator.label}"
        if column is CheckinColumn.MOOD:
            return mood_change(c.mood_before, c.mood_after)
        if column is CheckinColumn.SUPPORT:
            return support_words(c.support_given, c.support_received)
        return " ".join(c.note.split())

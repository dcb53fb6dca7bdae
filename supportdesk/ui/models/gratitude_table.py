"""Gratitude entries as a table: date, person, what, and a "thanked" checkbox.

Ticking "thanked" does not change data here: it emits ``thanked_toggled`` and the
page makes the change through the service (with Undo), then refreshes the model.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from supportdesk.core.model import Gratitude
from supportdesk.ui.models.roles import ID_ROLE, SORT_ROLE, Index
from supportdesk.ui.plain import plain_tooltip


class GratitudeColumn(IntEnum):
    DATE = 0
    WHO = 1
    TEXT = 2
    THANKED = 3


HEADERS = {GratitudeColumn.DATE: "Date", GratitudeColumn.WHO: "Who",
           GratitudeColumn.TEXT: "What I'm grateful for", GratitudeColumn.THANKED: "Thanked"}

NO_ONE = "No one in particular"


class GratitudeTableModel(QAbstractTableModel):
    """Gratitude rows, newest first as given.

    Signals:
        thanked_toggled(int, bool): the person ticked or cleared "thanked" on an entry.
    """

    thanked_toggled = Signal(int, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Gratitude, str]] = []
        self._names: dict[int, str] = {}

    def set_entries(self, entries: list[Gratitude], names: dict[int, str]) -> None:
        """Show ``entries``; the very same entries and names again leave the rows alone
        (the vault keeps what it read while nothing changed)."""
        if (len(entries) == len(self.rows) and names == self._names
                and all(e is row[0] for e, row in zip(entries, self.rows, strict=True))):
            return
        self._names = dict(names)
        self.beginResetModel()
        self.rows = [(e, names.get(e.supporter_id, "") if e.supporter_id else NO_ONE)
                     for e in entries]
        self.endResetModel()

    def supporter_id_at(self, row: int) -> int | None:
        return self.rows[row][0].supporter_id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(GratitudeColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(GratitudeColumn)):
            return HEADERS[GratitudeColumn(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == GratitudeColumn.THANKED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry, who = self.rows[index.row()]
        column = GratitudeColumn(index.column())
        if role == ID_ROLE:
            return entry.id
        if column is GratitudeColumn.THANKED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return (Qt.CheckState.Checked if entry.thanked
                        else Qt.CheckState.Unchecked).value
            if role == Qt.ItemDataRole.DisplayRole:
                return "Thanked" if entry.thanked else "Not yet"
            if role == SORT_ROLE:
                return int(entry.thanked)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column is GratitudeColumn.DATE:
                return f"{entry.on:%d %b %Y}"
            if column is GratitudeColumn.WHO:
                return who
            return " ".join(entry.text.split())
        if role == Qt.ItemDataRole.ToolTipRole and column is GratitudeColumn.TEXT:
            return plain_tooltip(entry.text)
        if role == SORT_ROLE:
            if column is GratitudeColumn.DATE:
                return entry.on.toordinal()
            return str(self.data(index)).casefold()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != GratitudeColumn.THANKED
                or role != Qt.ItemDataRole.CheckStateRole):
            return False
        entry, _ = self.rows[index.row()]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) \
            else value
        if entry.id is not None and checked != entry.thanked:
            self.thanked_toggled.emit(entry.id, checked)
        return True

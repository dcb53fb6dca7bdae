"""Search-as-you-type and kind/ring/kind-of-help filters over the people table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from supportdesk.core.help_kinds import offers
from supportdesk.core.kinds import Kind, Ring
from supportdesk.ui.models.roles import SORT_ROLE
from supportdesk.ui.models.supporter_table import SupporterTableModel


class SupporterFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose search key holds every typed word, of the chosen kind and ring."""

    def __init__(self, source: SupporterTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._kind: Kind | None = None
        self._ring: Ring | None = None
        self._help = ""

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: Kind | None) -> None:
        if kind != self._kind:
            self.beginFilterChange()
            self._kind = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_ring(self, ring: Ring | None) -> None:
        if ring != self._ring:
            self.beginFilterChange()
            self._ring = ring
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_help(self, kind: str) -> None:
        """Only those who offer this kind of help ("" for anyone)."""
        if kind != self._help:
            self.beginFilterChange()
            self._help = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row = self._source.rows[source_row]
        if self._kind is not None and row.supporter.kind is not self._kind:
            return False
        if self._ring is not None and row.supporter.ring is not self._ring:
            return False
        if self._help and not offers(row.supporter, self._help):
            return False
        key = row.search_key
        return all(word in key for word in self._words)

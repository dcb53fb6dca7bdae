"""One person's rows of a list (or everyone's): the check-ins and gratitude on a person's
page, sorted by any column."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel

from supportdesk.ui.models.roles import SORT_ROLE, Index


@runtime_checkable
class RowsByPerson(Protocol):
    def supporter_id_at(self, row: int) -> int | None: ...


class ByPersonProxy(QSortFilterProxyModel):
    """Keeps the rows whose person is ``set_supporter``'s (all when it is None)."""

    def __init__(self, source: QAbstractItemModel, parent: Any = None) -> None:
        super().__init__(parent)
        assert isinstance(source, RowsByPerson), "the model must say whose each row is"
        self._rows: RowsByPerson = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._supporter_id: int | None = None

    def set_supporter(self, supporter_id: int | None) -> None:
        self.beginFilterChange()
        self._supporter_id = supporter_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return (self._supporter_id is None
                or self._rows.supporter_id_at(source_row) == self._supporter_id)

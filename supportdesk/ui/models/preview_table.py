"""What the two import previews' tables share (the vCard one and the SupportDesk export's):
the rows of a preview, fixed column headers, some columns changeable in place, and the
proxy a dialog shows them through (sorted by ``SORT_ROLE``, found by any column)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QSortFilterProxyModel, Qt

from supportdesk.ui.models.roles import SORT_ROLE, Index


class PreviewTableModel(QAbstractTableModel):
    """Rows from ``rows()``, headed by ``columns``; ``editable`` says which cells change."""

    def __init__(self, columns: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)

    def rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def editable(self, index: Index) -> bool:
        return False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.editable(index) else base


def preview_proxy(model: PreviewTableModel, parent: QObject | None = None
                  ) -> QSortFilterProxyModel:
    """Sorted as a person expects, and filtered by what is typed, in any column."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy

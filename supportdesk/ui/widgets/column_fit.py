"""Columns shown as far as a table's width allows, most wanted first.

A list beside a person's page is narrower than the list alone: rather than squeeze every
column (or scroll sideways), the table keeps its stretching column and shows each other
one, in the order given, while it fits. Widen the table and they come back.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class ColumnFit(QObject):
    """Keeps ``table``'s ``columns`` (most wanted first) to those that fit beside
    ``kept_width`` pixels left for the stretching column."""

    def __init__(self, table: QTableView, columns: Sequence[int], kept_width: int) -> None:
        super().__init__(table)
        self.table = table
        self.columns = tuple(columns)
        self.kept_width = kept_width
        self._widths: dict[int, int] = {}
        self._fitted_to = -1
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted,
                       model.dataChanged):
            signal.connect(self._on_model_changed)
        table.viewport().installEventFilter(self)

    def fit(self) -> None:
        available = self.table.viewport().width()
        self._fitted_to = available
        used = self.kept_width
        for column in self.columns:
            width = self._width(column)
            shown = used + width <= available
            if self.table.isColumnHidden(column) == shown:
                self.table.setColumnHidden(column, not shown)
            if shown:
                used += width

    def shown(self) -> list[int]:
        return [c for c in self.columns if not self.table.isColumnHidden(c)]

    def _width(self, column: int) -> int:
        if column not in self._widths:  # measured once per change of the rows
            header = self.table.horizontalHeader()
            self._widths[column] = max(header.sectionSizeHint(column),
                                       self.table.sizeHintForColumn(column))
        return self._widths[column]

    def _on_model_changed(self) -> None:
        self._widths.clear()
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and watched is self.table.viewport()
                and self.table.viewport().width() != self._fitted_to):
            self.fit()
        return False

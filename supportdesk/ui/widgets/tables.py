"""How list tables look and behave everywhere: whole rows, one at a time, read-only, calm."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

RESIZE_PRECISION_ROWS = 200


def list_table(model: QAbstractItemModel, accessible_name: str,
               parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table, as people expect
    table.verticalHeader().hide()
    # Columns sized to their contents measure the first rows only, not every one of a
    # few thousand (the People list took half a second to lay out at 2,000).
    table.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
    return table

"""The item-data roles every SupportDesk model shares, and the index type they take."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts as a person expects
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's database id (supporter, check-in, ...)
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 3  # [(value, label)] a row may choose from
KIND_ROLE = Qt.ItemDataRole.UserRole + 4  # a supporter row's Kind (its avatar's shape)
Index = QModelIndex | QPersistentModelIndex

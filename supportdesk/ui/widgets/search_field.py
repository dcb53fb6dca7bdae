"""The search box at the top of a list page: placeholder, clear button, accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget


def search_field(placeholder: str, accessible_name: str,
                 parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setPlaceholderText(placeholder)
    edit.setClearButtonEnabled(True)
    edit.setAccessibleName(accessible_name)
    return edit

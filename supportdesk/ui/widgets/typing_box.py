"""A combo box one can type in: its text field is a control of its own to a screen
reader (it is what takes the focus), so it carries the box's name and help too."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def name_typing_box(box: QComboBox) -> None:
    """Call once the box is editable and named."""
    field = box.lineEdit()
    if field is not None:
        field.setAccessibleName(box.accessibleName())
        field.setAccessibleDescription(box.accessibleDescription())

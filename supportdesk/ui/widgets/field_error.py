"""A short message shown next to a field that cannot be saved as it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from supportdesk.ui.plain import keep_plain
from supportdesk.ui.theme import is_dark


class FieldError(QLabel):
    """Hidden while empty; a calm, readable red in light and dark palettes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_plain(self)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setStyleSheet(f"color: {'#f28b82' if is_dark(self.palette()) else '#b3261e'};")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleName(message)
        self.setVisible(bool(message))

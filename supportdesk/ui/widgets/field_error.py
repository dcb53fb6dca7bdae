"""A short message shown next to a field that cannot be saved as it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class FieldError(QLabel):
    """Hidden while empty; a calm, readable red in light and dark palettes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        dark = self.palette().window().color().lightness() < 128
        self.setStyleSheet(f"color: {'#f28b82' if dark else '#b3261e'};")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleName(message)
        self.setVisible(bool(message))

"""A short message shown next to a field that cannot be saved as it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from supportdesk.ui.plain import keep_plain


class FieldError(QLabel):
    """Hidden while empty; a calm, readable red in light and dark palettes (the theme's
    ``QLabel#FieldError``, so it follows a switch made while it shows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_plain(self)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setObjectName("FieldError")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleName(message)
        self.setVisible(bool(message))

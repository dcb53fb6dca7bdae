"""A 1–5 mood choice in words ("Very low" … "Very good"), or "Not noted"."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from supportdesk.core.model import MOOD_LABELS

NOT_NOTED = "Not noted"


class MoodPicker(QComboBox):
    """Choose a mood or leave it out. Signals: currentIndexChanged (from QComboBox)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(NOT_NOTED, None)
        for value, words in MOOD_LABELS.items():
            self.addItem(f"{value} · {words}", value)
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription("From 1, very low, to 5, very good; optional.")

    def mood(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_mood(self, mood: int | None) -> None:
        self.setCurrentIndex(0 if mood is None else self.findData(mood))

"""Checkboxes for the kinds of support: emotional, practical, information, company."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from supportdesk.core.kinds import SupportType


class SupportTypeChecks(QWidget):
    """One checkbox per support type.

    Signals:
        changed(): a box was ticked or cleared.
    """

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[SupportType, QCheckBox] = {}
        for kind in SupportType:
            box = QCheckBox(kind.label, self)
            box.setAccessibleName(f"{accessible_name}: {kind.label}")
            box.toggled.connect(self.changed)
            layout.addWidget(box)
            self.boxes[kind] = box
        layout.addStretch(1)

    def value(self) -> frozenset[SupportType]:
        return frozenset(kind for kind, box in self.boxes.items() if box.isChecked())

    def set_value(self, kinds: frozenset[SupportType]) -> None:
        for kind, box in self.boxes.items():
            box.setChecked(kind in kinds)

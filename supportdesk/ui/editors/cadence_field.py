"""How often to be in touch: a number and a unit, or the circle's default."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from supportdesk.core.validation import check_cadence_days

DEFAULT = 0
UNITS = (("days", 1), ("weeks", 7), ("months", 30))  # a month is 30 days, as reminders count


def _in_words(days: int) -> str:
    for unit, size in reversed(UNITS):
        if days % size == 0:
            count = days // size
            return f"{count} {unit}" if count != 1 else f"1 {unit[:-1]}"
    return f"{days} days"


class CadenceField(QWidget):
    """A spin box for how many and a combo for days, weeks or months; the combo's first
    choice is the circle's default, which leaves the number aside.

    Signals:
        changed(): the number or the unit was changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.count_box = QSpinBox(self)
        self.count_box.setRange(1, 999)
        self.count_box.setAccessibleName("How many")
        self.unit_box = QComboBox(self)
        self.unit_box.setAccessibleName("How often to be in touch")
        self.unit_box.addItem("the circle's default", DEFAULT)
        for unit, size in UNITS:
            self.unit_box.addItem(unit, size)
        line.addWidget(self.count_box)
        line.addWidget(self.unit_box)
        line.addStretch(1)
        self.count_box.valueChanged.connect(self.changed)
        self.unit_box.currentIndexChanged.connect(self._sync)
        self.unit_box.currentIndexChanged.connect(self.changed)
        self._sync()

    def set_default_days(self, days: int) -> None:
        """Name what the circle's default is, in the first choice."""
        self.unit_box.setItemText(0, f"the circle's default ({_in_words(days)})")

    def set_every(self, every: timedelta | None) -> None:
        if every is None:
            self.unit_box.setCurrentIndex(0)
            return
        for index in range(len(UNITS), 0, -1):
            size = int(self.unit_box.itemData(index))
            if every.days % size == 0:
                self.count_box.setValue(every.days // size)
                self.unit_box.setCurrentIndex(index)
                return

    def state(self) -> tuple[int, int]:
        return self.count_box.value(), self.unit_box.currentIndex()

    def every(self) -> timedelta | None:
        """None for the circle's default; raises ValidationError when out of range."""
        size = int(self.unit_box.currentData())
        if size == DEFAULT:
            return None
        return check_cadence_days(self.count_box.value() * size)

    def _sync(self) -> None:
        self.count_box.setVisible(int(self.unit_box.currentData()) != DEFAULT)

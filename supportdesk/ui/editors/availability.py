"""Editing when a supporter can be reached: weekday toggles and from/to times per window."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.availability_words import DAY_NAMES
from supportdesk.core.model import AvailabilityWindow
from supportdesk.core.validation import check_time_range, check_window
from supportdesk.ui.editors.row_list import RowList
from supportdesk.ui.plain import plain_label
from supportdesk.ui.widgets.field_error import FieldError

FULL_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                  "Sunday")


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class WindowRow(QWidget):
    """One availability window.

    Signals:
        changed(): days or times were edited.
        remove_requested(): the person asked to remove this window.
    """

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, window: AvailabilityWindow, number: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # Days on one line, times on the next: side by side they were wider than the
        # editor, which then scrolled sideways and hid the Remove buttons.
        line = QHBoxLayout()
        outer.addLayout(line)
        times = QHBoxLayout()
        outer.addLayout(times)
        self.day_buttons: list[QToolButton] = []
        for day, name in enumerate(DAY_NAMES):
            button = QToolButton(self)
            button.setText(name)
            button.setCheckable(True)
            button.setObjectName("DayToggle")
            button.setChecked(day in window.days)
            button.setAccessibleName(f"Time {number}: {FULL_DAY_NAMES[day]}")
            button.toggled.connect(self.changed)
            line.addWidget(button)
            self.day_buttons.append(button)
        whole_day = window.start == window.end
        self.all_day = QCheckBox("All day", self)
        self.all_day.setChecked(whole_day)
        self.start_edit = QTimeEdit(_qtime(window.start if not whole_day else time(9)), self)
        self.end_edit = QTimeEdit(_qtime(window.end if not whole_day else time(17)), self)
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(self.changed)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("Remove")
        self.all_day.setAccessibleName(f"Time {number}: all day")
        self.start_edit.setAccessibleName(f"Time {number}: from")
        self.end_edit.setAccessibleName(f"Time {number}: to")
        self.end_edit.setAccessibleDescription("Earlier than “from” means it runs past midnight.")
        self.remove_button.setAccessibleName(f"Time {number}: remove")
        line.addStretch(1)
        times.addWidget(self.all_day)
        times.addSpacing(12)
        times.addWidget(plain_label("from", self))
        times.addWidget(self.start_edit)
        times.addWidget(plain_label("to", self))
        times.addWidget(self.end_edit)
        times.addStretch(1)
        times.addWidget(self.remove_button)
        self.error = FieldError(self)
        outer.addWidget(self.error)
        self.all_day.toggled.connect(self._sync_enabled)
        self.all_day.toggled.connect(self.changed)
        self.remove_button.clicked.connect(self.remove_requested)
        self._sync_enabled()

    def _sync_enabled(self) -> None:
        for edit in (self.start_edit, self.end_edit):
            edit.setEnabled(not self.all_day.isChecked())

    def value(self) -> AvailabilityWindow:
        days = frozenset(d for d, b in enumerate(self.day_buttons) if b.isChecked())
        if self.all_day.isChecked():
            return AvailabilityWindow(days, time(0, 0), time(0, 0))
        return AvailabilityWindow(days, _time(self.start_edit.time()),
                                  _time(self.end_edit.time()))

    def problem(self) -> str:
        window = self.value()
        return check_window(window) or check_time_range(
            _time(self.start_edit.time()), _time(self.end_edit.time()), self.all_day.isChecked())


class AvailabilityEditor(RowList):
    """Windows of availability with "24/7" and "office hours" presets (signals: ``RowList``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add a time", self)
        self.always_button = QPushButton("Add 24/7", self)
        self.office_button = QPushButton("Add office hours", self)
        for button, name in ((self.add_button, "Add a time they can be reached"),
                             (self.always_button, "Add: any time, 24/7"),
                             (self.office_button, "Add: office hours, weekdays 9 to 5")):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.outer.addLayout(buttons)
        self.add_button.clicked.connect(
            lambda: self.add_row(AvailabilityWindow(frozenset(), time(9), time(17))))
        self.always_button.clicked.connect(lambda: self.add_row(AvailabilityWindow.always()))
        self.office_button.clicked.connect(
            lambda: self.add_row(AvailabilityWindow.office_hours()))

    @property
    def rows(self) -> list[WindowRow]:
        return [row for row in self._row_widgets if isinstance(row, WindowRow)]

    def set_windows(self, windows: list[AvailabilityWindow]) -> None:
        self._clear()
        for window in windows:
            self.add_row(window, announce=False)

    def add_row(self, window: AvailabilityWindow, announce: bool = True) -> WindowRow:
        row = WindowRow(window, len(self.rows) + 1, self)
        self._append(row, announce)
        return row

    def value(self) -> list[AvailabilityWindow]:
        return [row.value() for row in self.rows]

    def check(self) -> bool:
        """Show each window's problem next to it; True when all are fine."""
        ok = True
        for row in self.rows:
            message = row.problem()
            row.error.show_message(message)
            ok = ok and not message
        return ok

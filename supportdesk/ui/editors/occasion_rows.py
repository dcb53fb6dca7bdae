"""Editing a supporter's meetings (day, weeks of the month, time, zone, place, dates
skipped, a reminder) and their dates that matter (birthday, anniversary, a hard day)."""

from __future__ import annotations

import zoneinfo
from datetime import date, time
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.meetings import LAST, ORDINAL_WORDS, WEEKDAY_NAMES, Meeting
from supportdesk.core.occasion_checks import check_date, check_meeting
from supportdesk.core.validation import check_timezone
from supportdesk.ui.editors.row_list import RowList
from supportdesk.ui.plain import plain_label
from supportdesk.ui.widgets.field_error import FieldError

WEEK_PATTERNS: list[tuple[int, ...]] = [(), (1,), (2,), (3,), (4,), (5,), (LAST,), (1, 3),
                                        (2, 4), (1, 3, 5)]
MEETING_REMINDERS = [(None, "No reminder"), (15, "15 minutes before"),
                     (30, "30 minutes before"), (60, "1 hour before"),
                     (120, "2 hours before"), (180, "3 hours before"), (1440, "A day before")]
DATE_REMINDERS = [(None, "No reminder"), (0, "On the day"), (1, "The day before"),
                  (3, "3 days before"), (7, "A week before"), (14, "Two weeks before")]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def weeks_key(ordinals: tuple[int, ...]) -> str:
    """A combo box's data for a pattern (Qt keeps text, not tuples): "1,3", "" every week."""
    return ",".join(str(n) for n in ordinals)


def weeks_words(ordinals: tuple[int, ...]) -> str:
    if not ordinals:
        return "Every week"
    words = [ORDINAL_WORDS[n] for n in sorted(ordinals, key=lambda n: 99 if n == LAST else n)]
    joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{joined.capitalize()} of the month"


def _choose(box: QComboBox, value: Any, words: str) -> None:
    """Select ``value``, adding it (as ``words``) when the list lacks it."""
    index = box.findData(value)
    if index < 0:
        box.addItem(words, value)
        index = box.count() - 1
    box.setCurrentIndex(index)


def _combo(items: list[tuple[Any, str]], name: str, parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    for value, words in items:
        box.addItem(words, value)
    return box


def _time_edit(at: time, name: str, parent: QWidget) -> QTimeEdit:
    edit = QTimeEdit(QTime(at.hour, at.minute), parent)
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    return edit


def _remove_button(name: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setText("Remove")
    button.setAccessibleName(name)
    return button


class MeetingRow(QWidget):
    """One meeting. Signals: changed(), remove_requested()."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, meeting: Meeting, number: int, own_zone: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = meeting
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 6)
        name = f"Meeting {number}"
        self.weekday_box = _combo(list(enumerate(WEEKDAY_NAMES)), f"{name}: day", self)
        self.weekday_box.setCurrentIndex(meeting.weekday)
        self.weeks_box = _combo([(weeks_key(p), weeks_words(p)) for p in WEEK_PATTERNS],
                                f"{name}: which weeks", self)
        _choose(self.weeks_box, weeks_key(meeting.ordinals), weeks_words(meeting.ordinals))
        self.time_edit = _time_edit(meeting.at, f"{name}: time", self)
        self.zone_box = _combo([("", f"My time ({own_zone})")], f"{name}: time zone", self)
        for zone in sorted(zoneinfo.available_timezones()):
            self.zone_box.addItem(zone, zone)
        _choose(self.zone_box, meeting.timezone, meeting.timezone)
        # Sized for a short name, not the longest of some six hundred zones.
        self.zone_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.zone_box.setMinimumContentsLength(16)
        self.place_edit = QLineEdit(meeting.place, self)
        self.place_edit.setAccessibleName(f"{name}: place or link")
        self.place_edit.setPlaceholderText("A room, an address or a link")
        self.skipped_edit = QLineEdit(", ".join(d.isoformat() for d in meeting.skipped), self)
        self.skipped_edit.setAccessibleName(f"{name}: dates skipped")
        self.skipped_edit.setPlaceholderText("Dates with no meeting, like 2026-12-24")
        self.remind_box = _combo(MEETING_REMINDERS, f"{name}: reminder", self)
        _choose(self.remind_box, meeting.remind_minutes, f"{meeting.remind_minutes} minutes "
                                                         "before")
        self.remove_button = _remove_button(f"{name}: remove", self)
        grid.addWidget(self.weekday_box, 0, 0)
        grid.addWidget(self.weeks_box, 0, 1)
        grid.addWidget(plain_label("at", self), 0, 2)
        grid.addWidget(self.time_edit, 0, 3)
        grid.addWidget(self.zone_box, 0, 4)
        grid.addWidget(self.remove_button, 0, 5)
        grid.addWidget(self.place_edit, 1, 0, 1, 2)
        grid.addWidget(self.skipped_edit, 1, 2, 1, 3)
        grid.addWidget(self.remind_box, 2, 0, 1, 2)
        grid.setColumnStretch(4, 1)
        self.error = FieldError(self)
        grid.addWidget(self.error, 3, 0, 1, 6)
        for box in (self.weekday_box, self.weeks_box, self.zone_box, self.remind_box):
            box.currentIndexChanged.connect(self.changed)
        self.time_edit.timeChanged.connect(self.changed)
        self.place_edit.textChanged.connect(self.changed)
        self.skipped_edit.textChanged.connect(self.changed)
        self.remove_button.clicked.connect(self.remove_requested)

    def _skipped(self) -> tuple[date, ...]:
        found = []
        for part in self.skipped_edit.text().replace(";", ",").split(","):
            if part.strip():
                found.append(date.fromisoformat(part.strip()))
        return tuple(sorted(set(found)))

    def value(self) -> Meeting:
        """The meeting as chosen (ValueError for a skipped date that is not a date)."""
        at = self.time_edit.time()
        return Meeting(weekday=int(self.weekday_box.currentData()),
                       at=time(at.hour(), at.minute()),
                       ordinals=tuple(int(n) for n in
                                      str(self.weeks_box.currentData()).split(",") if n),
                       timezone=str(self.zone_box.currentData()),
                       minutes=self.original.minutes, place=self.place_edit.text().strip(),
                       skipped=self._skipped(), remind_minutes=self.remind_box.currentData())

    def problem(self) -> str:
        try:
            meeting = self.value()
        except ValueError:
            return "Please write skipped dates like 2026-12-24, with commas between them."
        return check_meeting(meeting) or check_timezone(meeting.timezone)


class DateRow(QWidget):
    """One date that matters. Signals: changed(), remove_requested()."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, item: ImportantDate, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 6)
        name = f"Date {number}"
        self.kind_box = _combo([(k, k.label) for k in DateKind], f"{name}: kind", self)
        self.kind_box.setCurrentIndex(self.kind_box.findData(item.kind))
        self.day_spin = QSpinBox(self)
        self.day_spin.setRange(1, 31)
        self.day_spin.setValue(item.day)
        self.day_spin.setAccessibleName(f"{name}: day of the month")
        self.month_box = _combo(list(enumerate(MONTHS, start=1)), f"{name}: month", self)
        self.month_box.setCurrentIndex(item.month - 1)
        self.year_edit = QLineEdit("" if item.year is None else str(item.year), self)
        self.year_edit.setAccessibleName(f"{name}: year, if known")
        self.year_edit.setPlaceholderText("Year (if known)")
        self.year_edit.setMaxLength(4)
        self.year_edit.setMaximumWidth(self.year_edit.fontMetrics().horizontalAdvance("0") * 16)
        self.label_edit = QLineEdit(item.label, self)
        self.label_edit.setAccessibleName(f"{name}: your name for it")
        self.label_edit.setPlaceholderText("Your name for it (optional)")
        self.remind_box = _combo(DATE_REMINDERS, f"{name}: gentle reminder", self)
        _choose(self.remind_box, item.remind_days, f"{item.remind_days} days before")
        self.company_box = QCheckBox("Ask if I'd like someone with me that day", self)
        self.company_box.setAccessibleName(f"{name}: ask if I'd like someone with me")
        self.company_box.setChecked(item.ask_company)
        self.remove_button = _remove_button(f"{name}: remove", self)
        grid.addWidget(self.kind_box, 0, 0)
        grid.addWidget(self.day_spin, 0, 1)
        grid.addWidget(self.month_box, 0, 2)
        grid.addWidget(self.year_edit, 0, 3)
        grid.addWidget(self.remove_button, 0, 4)
        grid.addWidget(self.label_edit, 1, 0, 1, 3)
        grid.addWidget(self.remind_box, 1, 3)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.company_box, 2, 0, 1, 4)
        self.error = FieldError(self)
        grid.addWidget(self.error, 3, 0, 1, 5)
        for box in (self.kind_box, self.month_box, self.remind_box):
            box.currentIndexChanged.connect(self.changed)
        self.kind_box.currentIndexChanged.connect(self._sync_kind)
        self.day_spin.valueChanged.connect(self.changed)
        self.year_edit.textChanged.connect(self.changed)
        self.label_edit.textChanged.connect(self.changed)
        self.company_box.toggled.connect(self.changed)
        self.remove_button.clicked.connect(self.remove_requested)
        self._sync_kind()

    def _sync_kind(self) -> None:
        self.company_box.setVisible(DateKind(self.kind_box.currentData()) is DateKind.HARD)

    def value(self) -> ImportantDate:
        """The date as chosen (ValueError for a year that is not a number)."""
        kind = DateKind(self.kind_box.currentData())
        year = self.year_edit.text().strip()
        return ImportantDate(kind=kind, month=int(self.month_box.currentData()),
                             day=self.day_spin.value(), year=int(year) if year else None,
                             label=self.label_edit.text().strip(),
                             remind_days=self.remind_box.currentData(),
                             ask_company=kind is DateKind.HARD and self.company_box.isChecked())

    def problem(self) -> str:
        try:
            return check_date(self.value())
        except ValueError:
            return "Please give the year in four figures, or leave it out."


class _Rows(RowList):
    """Rows with an add button and a check that shows each row's problem beside it."""

    def __init__(self, add_words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_button = QPushButton(add_words, self)
        self.add_button.setAccessibleName(add_words)
        holder = QVBoxLayout()
        holder.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.outer.addLayout(holder)

    def check(self) -> bool:
        ok = True
        for row in self._row_widgets:
            message = row.problem()  # type: ignore[attr-defined]
            row.error.show_message(message)  # type: ignore[attr-defined]
            ok = ok and not message
        return ok


class MeetingsEditor(_Rows):
    def __init__(self, own_zone: str, parent: QWidget | None = None) -> None:
        super().__init__("Add a meeting", parent)
        self.own_zone = own_zone
        self.add_button.clicked.connect(lambda: self.add_row(Meeting(3, time(19))))

    @property
    def rows(self) -> list[MeetingRow]:
        return [row for row in self._row_widgets if isinstance(row, MeetingRow)]

    def set_meetings(self, meetings: list[Meeting]) -> None:
        self._clear()
        for meeting in meetings:
            self.add_row(meeting, announce=False)

    def add_row(self, meeting: Meeting, announce: bool = True) -> MeetingRow:
        row = MeetingRow(meeting, len(self.rows) + 1, self.own_zone, self)
        self._append(row, announce)
        if announce:
            row.show()  # shown now, so it can take the keyboard
            row.weekday_box.setFocus()
        return row

    def value(self) -> list[Meeting]:
        """The meetings as chosen; a row whose dates cannot be read keeps what it had."""
        found = []
        for row in self.rows:
            try:
                found.append(row.value())
            except ValueError:
                found.append(row.original)
        return found


class DatesEditor(_Rows):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add a date", parent)
        self.add_button.clicked.connect(
            lambda: self.add_row(ImportantDate(DateKind.BIRTHDAY, 1, 1)))

    @property
    def rows(self) -> list[DateRow]:
        return [row for row in self._row_widgets if isinstance(row, DateRow)]

    def set_dates(self, dates: list[ImportantDate]) -> None:
        self._clear()
        for item in dates:
            self.add_row(item, announce=False)

    def add_row(self, item: ImportantDate, announce: bool = True) -> DateRow:
        row = DateRow(item, len(self.rows) + 1, self)
        self._append(row, announce)
        if announce:
            row.show()
            row.kind_box.setFocus()
        return row

    def value(self) -> list[ImportantDate]:
        found = []
        for row in self.rows:
            try:
                found.append(row.value())
            except ValueError:
                continue
        return found

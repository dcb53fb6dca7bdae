"""Adding or changing an appointment: when, where (or a link), a reminder before, a note.

The time is the wall-clock time here; a reminder is one of a few leads. Saving goes
through ``appointment_commands`` (undoable); a refused save keeps everything typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.appointments import REMIND_CHOICES, Appointment, remind_words
from supportdesk.core.errors import KnownError
from supportdesk.ui.appointment_commands import SaveAppointment
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import from_qdatetime, to_qdatetime
from supportdesk.ui.editors.guarded_dialog import GuardedDialog
from supportdesk.ui.undo_commands import perform
from supportdesk.ui.widgets.field_error import FieldError


class AppointmentDialog(GuardedDialog):
    """A new appointment with ``supporter_id`` (``appointment`` None), or a change to one.
    ``note_only``: just "How did it go?" after it."""

    what = "this appointment"

    def __init__(self, ctx: AppContext, supporter_id: int, name: str,
                 appointment: Appointment | None = None, parent: QWidget | None = None,
                 note_only: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supporter_id = supporter_id
        self.original = appointment
        self.saved: Appointment | None = None
        title = ("How did it go?" if note_only else
                 f"Appointment with {name}" if appointment is None else "Change the appointment")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.banner = FieldError(self)
        layout.addWidget(self.banner)
        form = QFormLayout()
        layout.addLayout(form)
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when_edit.setAccessibleName("When")
        self.place_edit = QLineEdit(self)
        self.place_edit.setAccessibleName("Where, or a link")
        self.place_edit.setPlaceholderText("An address, a room, or a link for a video call")
        self.remind_box = QComboBox(self)
        self.remind_box.setAccessibleName("Remind me")
        self.remind_box.addItem("No reminder", None)
        for minutes in REMIND_CHOICES:
            self.remind_box.addItem(remind_words(timedelta(minutes=minutes)).capitalize(),
                                    minutes)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("A note after")
        self.note_edit.setPlaceholderText("How it went, what was agreed, what's next "
                                          "(optional)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.note_edit.fontMetrics().lineSpacing() * 5 + 12)
        if not note_only:
            form.addRow("&When", self.when_edit)
            form.addRow("W&here", self.place_edit)
            form.addRow("&Remind me", self.remind_box)
        if appointment is not None:
            form.addRow("&Note after", self.note_edit)
        else:
            self.note_edit.hide()
        layout.addWidget(self.save_cancel_buttons())
        self._load(appointment)
        self.mark_clean()
        (self.note_edit if note_only else self.when_edit).setFocus()

    def _load(self, appointment: Appointment | None) -> None:
        if appointment is None:
            start = self.ctx.app.now().replace(minute=0, second=0, microsecond=0)
            self.when_edit.setDateTime(to_qdatetime(start + timedelta(days=1)))
            return
        self.when_edit.setDateTime(to_qdatetime(appointment.at))
        self.place_edit.setText(appointment.place)
        minutes = (int(appointment.remind_before.total_seconds() // 60)
                   if appointment.remind_before is not None else None)
        index = self.remind_box.findData(minutes)
        if index < 0 and minutes is not None:  # a lead set elsewhere (the command line)
            self.remind_box.addItem(remind_words(appointment.remind_before).capitalize(),
                                    minutes)
            index = self.remind_box.count() - 1
        self.remind_box.setCurrentIndex(max(index, 0))
        self.note_edit.setPlainText(appointment.note)

    def _state(self) -> tuple[object, ...]:
        return (self.when_edit.dateTime().toSecsSinceEpoch(), self.place_edit.text(),
                self.remind_box.currentIndex(), self.note_edit.toPlainText())

    def value(self) -> Appointment:
        minutes = self.remind_box.currentData()
        base = self.original or Appointment(self.supporter_id, self.ctx.app.now())
        return replace(base, at=from_qdatetime(self.when_edit.dateTime()),
                       place=self.place_edit.text(),
                       remind_before=timedelta(minutes=int(minutes))
                       if minutes is not None else None,
                       note=self.note_edit.toPlainText())

    def save(self) -> bool:
        appointment = self.value()
        if self.original is None and appointment.at <= self.ctx.app.now():
            self.banner.show_message("That time has passed; an appointment to add is still "
                                     "to come.")
            self.when_edit.setFocus()
            return False
        command = SaveAppointment(self.ctx, self.original, appointment)
        try:
            perform(self.ctx, command)
        except KnownError as error:
            self.banner.show_message(f"Not saved yet: {error}")
            return False
        self.saved = command.saved
        self.accept_saved()
        return True

"""A professional's appointments on their page: the next one, "How did it go?" after
one, and the questions to bring (printable).

Signals:
    print_requested(int): "Print questions…" for this supporter (the owner saves a PDF).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from supportdesk.core.appointments import Appointment, AskKind, remind_words, when_words
from supportdesk.core.schedule import local_zone
from supportdesk.ui.appointment_commands import DeleteAppointment
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.appointment_dialog import AppointmentDialog
from supportdesk.ui.pages.view_parts import Card
from supportdesk.ui.plain import plain_label
from supportdesk.ui.undo_commands import perform
from supportdesk.ui.widgets.asks_list import AsksList


def appointment_words(appointment: Appointment, now: datetime, tz: tzinfo) -> str:
    """"Thu 10 Dec at 14:30 · Room 4 · reminder 1 hour before"."""
    parts = [when_words(appointment, now, tz)]
    if appointment.place:
        parts.append(appointment.place)
    if appointment.remind_before is not None:
        parts.append(f"reminder {remind_words(appointment.remind_before)}")
    return " · ".join(parts)


def _wrapping(text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, parent)
    label.setWordWrap(True)
    return label


class AppointmentBox(Card):
    print_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Appointments", parent)
        self.setObjectName("AppointmentBox")
        self.ctx = ctx
        self.supporter_id: int | None = None
        self.name = ""
        self.next: Appointment | None = None
        self.awaiting: Appointment | None = None
        layout = self.content
        self.next_label = _wrapping("", self)
        layout.addWidget(self.next_label)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add appointment…", self)
        self.add_button.setAccessibleName("Add an appointment")
        self.change_button = QPushButton("Change…", self)
        self.change_button.setAccessibleName("Change the next appointment")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove the next appointment")
        for button in (self.add_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.after_label = _wrapping("", self)
        self.note_button = QPushButton("Add a note…", self)
        self.note_button.setAccessibleName("Add a note about how the appointment went")
        after = QHBoxLayout()
        after.addWidget(self.after_label, 1)
        after.addWidget(self.note_button)
        layout.addLayout(after)
        questions_title = plain_label(AskKind.QUESTION.label, self)
        bold = questions_title.font()
        bold.setBold(True)
        questions_title.setFont(bold)
        layout.addWidget(questions_title)
        self.questions = AsksList(ctx, AskKind.QUESTION, self)
        layout.addWidget(self.questions)
        self.print_button = QPushButton("Print questions…", self)
        self.print_button.setAccessibleName("Save the questions to bring as a PDF to print")
        layout.addWidget(self.print_button)
        self.add_button.clicked.connect(self.add_appointment)
        self.change_button.clicked.connect(self.change_appointment)
        self.remove_button.clicked.connect(self.remove_appointment)
        self.note_button.clicked.connect(self.add_note)
        self.print_button.clicked.connect(
            lambda: self.print_requested.emit(self.supporter_id or 0))

    def show_person(self, supporter_id: int, name: str) -> None:
        self.supporter_id, self.name = supporter_id, name
        service = self.ctx.app.appointments
        now, tz = self.ctx.app.now(), local_zone()
        self.next = service.next_for(supporter_id, now)
        waiting = service.awaiting_note(supporter_id, now)
        self.awaiting = waiting[-1] if waiting else None
        self.next_label.setText(f"Next: {appointment_words(self.next, now, tz)}"
                                if self.next else "No appointment coming up.")
        self.change_button.setVisible(self.next is not None)
        self.remove_button.setVisible(self.next is not None)
        self.after_label.setVisible(self.awaiting is not None)
        self.note_button.setVisible(self.awaiting is not None)
        if self.awaiting is not None:
            self.after_label.setText(
                f"How did it go on {when_words(self.awaiting, now, tz)}? A few words now "
                "can help next time.")
        self.questions.show_person(supporter_id)
        self.print_button.setEnabled(bool(self.questions.items))

    def add_appointment(self) -> None:
        if self.supporter_id is not None:
            AppointmentDialog(self.ctx, self.supporter_id, self.name,
                              parent=self.window()).exec()

    def change_appointment(self) -> None:
        if self.supporter_id is not None and self.next is not None:
            AppointmentDialog(self.ctx, self.supporter_id, self.name, self.next,
                              parent=self.window()).exec()

    def remove_appointment(self) -> None:
        if self.next is not None:
            perform(self.ctx, DeleteAppointment(self.ctx, self.next))

    def add_note(self) -> None:
        if self.supporter_id is not None and self.awaiting is not None:
            AppointmentDialog(self.ctx, self.supporter_id, self.name, self.awaiting,
                              parent=self.window(), note_only=True).exec()

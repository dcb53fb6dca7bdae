"""Logging (or editing) a check-in: who, when, how, moods, support, note.

Keyboard-complete in a few keystrokes: type part of a name, press Enter.
Saving goes through ``undo_commands``; a refused save keeps everything typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import Initiator, Mode
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.ui.appointment_commands import TickAsks
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.guarded_dialog import GuardedDialog
from supportdesk.ui.undo_commands import EditCheckin, LogCheckin, perform
from supportdesk.ui.widgets.field_error import FieldError
from supportdesk.ui.widgets.mood_picker import MoodPicker
from supportdesk.ui.widgets.support_types import SupportTypeChecks
from supportdesk.ui.widgets.typing_box import name_typing_box


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class PersonCombo(QComboBox):
    """Choose a supporter by typing any part of their name."""

    def __init__(self, supporters: list[Supporter], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for s in supporters:
            self.addItem(f"{s.name} — {s.kind_label}", s.id)
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setAccessibleName("Who")
        self.setAccessibleDescription("Type part of a name, then press Enter.")
        name_typing_box(self)
        self.setCurrentIndex(-1)
        self.setEditText("")

    def supporter_id(self) -> int | None:
        """The one supporter the typed text means, or None."""
        text = self.currentText().strip().casefold()
        if not text:
            return None
        exact = [i for i in range(self.count()) if self.itemText(i).casefold() == text
                 or self.itemText(i).casefold().split(" — ")[0] == text]
        if exact:
            return int(self.itemData(exact[0]))
        matches = [i for i in range(self.count()) if text in self.itemText(i).casefold()]
        return int(self.itemData(matches[0])) if len(matches) == 1 else None

    def select(self, supporter_id: int) -> None:
        self.setCurrentIndex(self.findData(supporter_id))


class CheckinDialog(GuardedDialog):
    """Log a new check-in (``checkin`` None) or edit one; ``mode`` fills in the way
    for a new one (after a call made from the app, say)."""

    what = "this check-in"

    def __init__(self, ctx: AppContext, supporter_id: int | None = None,
                 checkin: CheckIn | None = None, parent: QWidget | None = None,
                 mode: Mode | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = checkin
        self.saved: CheckIn | None = None
        self.setWindowTitle("Edit check-in" if checkin else "Log a check-in")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.banner = FieldError(self)
        layout.addWidget(self.banner)
        form = QFormLayout()
        layout.addLayout(form)
        self.person_box = PersonCombo(ctx.app.network.supporters(), self)
        self.person_error = FieldError(self)
        form.addRow("&Who", self.person_box)
        form.addRow("", self.person_error)
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when_edit.setAccessibleName("When")
        form.addRow("When", self.when_edit)
        self.mode_box = QComboBox(self)
        for way in Mode:
            self.mode_box.addItem(way.label, way)
        self.mode_box.setAccessibleName("How you were in touch")
        form.addRow("How", self.mode_box)
        self.initiator_box = QComboBox(self)
        for who in Initiator:
            self.initiator_box.addItem(who.label, who)
        self.initiator_box.setAccessibleName("Who reached out")
        form.addRow("Who reached out", self.initiator_box)
        self.mood_before = MoodPicker("Mood before", self)
        self.mood_after = MoodPicker("Mood after", self)
        form.addRow("Mood before", self.mood_before)
        form.addRow("Mood after", self.mood_after)
        self.given = SupportTypeChecks("Support I gave", self)
        self.received = SupportTypeChecks("Support I received", self)
        form.addRow("I gave", self.given)
        form.addRow("I received", self.received)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Anything you'd like to remember (optional)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.note_edit.fontMetrics().lineSpacing() * 5 + 12)
        form.addRow("Note", self.note_edit)
        # Things to ask about next time: offered as ticks, never guessed from the note.
        self.asks_holder = QWidget(self)
        self.asks_layout = QVBoxLayout(self.asks_holder)
        self.asks_layout.setContentsMargins(0, 0, 0, 0)
        self.ask_checks: list[tuple[int, QCheckBox]] = []
        form.addRow("Asked about", self.asks_holder)
        self.asks_label = form.labelForField(self.asks_holder)
        self.buttons = self.save_cancel_buttons()
        layout.addWidget(self.buttons)
        self._load(checkin, supporter_id)
        if checkin is None and mode is not None:
            self.mode_box.setCurrentIndex(self.mode_box.findData(mode))
        self._show_asks()
        self.person_box.currentIndexChanged.connect(self._show_asks)
        self.mark_clean()
        line_edit = self.person_box.lineEdit()
        if line_edit is not None:
            line_edit.returnPressed.connect(self._on_person_return_pressed)
        if checkin is None and supporter_id:
            self.mode_box.setFocus()
        else:
            self.person_box.setFocus()

    def _load(self, checkin: CheckIn | None, supporter_id: int | None) -> None:
        if checkin is None:
            self.when_edit.setDateTime(to_qdatetime(self.ctx.app.now()))
            if supporter_id:
                self.person_box.select(supporter_id)
            return
        self.person_box.select(checkin.supporter_id)
        self.when_edit.setDateTime(to_qdatetime(checkin.at))
        self.mode_box.setCurrentIndex(self.mode_box.findData(checkin.mode))
        self.initiator_box.setCurrentIndex(self.initiator_box.findData(checkin.initiator))
        self.mood_before.set_mood(checkin.mood_before)
        self.mood_after.set_mood(checkin.mood_after)
        self.given.set_value(checkin.support_given)
        self.received.set_value(checkin.support_received)
        self.note_edit.setPlainText(checkin.note)

    def _show_asks(self) -> None:
        """The chosen person's open things to ask about, as ticks (new check-ins only)."""
        for _ask_id, check in self.ask_checks:
            check.hide()
            check.deleteLater()
        self.ask_checks = []
        supporter_id = self.person_box.supporter_id() if self.original is None else None
        asks = self.ctx.app.appointments.open_asks(supporter_id) if supporter_id else []
        for item in asks:
            check = QCheckBox(item.text, self.asks_holder)
            check.setAccessibleName(f"Asked about: {item.text}")
            self.asks_layout.addWidget(check)
            self.ask_checks.append((item.id or 0, check))
        self.asks_holder.setVisible(bool(asks))
        if self.asks_label is not None:
            self.asks_label.setVisible(bool(asks))

    def ticked_asks(self) -> list[int]:
        return [ask_id for ask_id, check in self.ask_checks if check.isChecked()]

    def _state(self) -> tuple[object, ...]:
        return (tuple(self.ticked_asks()), self.person_box.currentText(),
                self.when_edit.dateTime().toSecsSinceEpoch(),
                self.mode_box.currentIndex(), self.initiator_box.currentIndex(),
                self.mood_before.mood(), self.mood_after.mood(), self.given.value(),
                self.received.value(), self.note_edit.toPlainText())


    def _on_person_return_pressed(self) -> None:
        if self.person_box.supporter_id() is not None:
            self.save()

    def value(self) -> CheckIn | None:
        supporter_id = self.person_box.supporter_id()
        if supporter_id is None:
            return None
        base = self.original or CheckIn(supporter_id=supporter_id, at=self.ctx.app.now())
        return replace(
            base, supporter_id=supporter_id, at=from_qdatetime(self.when_edit.dateTime()),
            mode=Mode(self.mode_box.currentData()),
            initiator=Initiator(self.initiator_box.currentData()),
            mood_before=self.mood_before.mood(), mood_after=self.mood_after.mood(),
            support_given=self.given.value(), support_received=self.received.value(),
            note=self.note_edit.toPlainText(),
        )

    def save(self) -> bool:
        checkin = self.value()
        if checkin is None:
            typed = self.person_box.currentText().strip()
            self.person_error.show_message(
                "Choose who you were in touch with." if not typed else
                f"More than one person, or nobody, matches “{typed}”; pick one from the list.")
            self.person_box.setFocus()
            return False
        self.person_error.show_message("")
        if checkin.at > self.ctx.app.now():
            self.banner.show_message("That time is still to come; a check-in is something "
                                     "that has happened.")
            self.when_edit.setFocus()
            return False
        try:
            if self.original is None:
                who = self.person_box.currentText().split(" — ")[0]
                command = LogCheckin(self.ctx, checkin, who)
                perform(self.ctx, command)
                self.saved = command.checkin
                if self.ticked_asks():
                    perform(self.ctx, TickAsks(self.ctx, self.ticked_asks(), True))
            else:
                perform(self.ctx, EditCheckin(self.ctx, self.original, checkin))
                self.saved = checkin
        except KnownError as error:
            self.banner.show_message(f"Not saved yet: {error}")
            return False
        self.accept_saved()
        return True

""""How are you?": a mood noted on its own — 1 to 5, any feelings, a note, when.

Quick by keyboard: the mood is a row of radio buttons (arrow keys move, the number
keys 1–5 choose), Enter saves. Opened from Today's card with a mood already chosen,
it is one key press. Saving goes through ``undo_commands``; a refused save keeps
everything chosen and typed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.core.model import MOOD_LABELS
from supportdesk.core.mood import FEELINGS, MoodEntry
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import from_qdatetime, to_qdatetime
from supportdesk.ui.editors.guarded_dialog import GuardedDialog
from supportdesk.ui.plain import plain_label
from supportdesk.ui.undo_commands import AddMoodEntry, EditMoodEntry, perform
from supportdesk.ui.widgets.field_error import FieldError

FEELING_COLUMNS = 4


class MoodDialog(GuardedDialog):
    """Note how I am (``entry`` None), or change an entry noted before."""

    what = "how you are"

    def __init__(self, ctx: AppContext, mood: int | None = None,
                 entry: MoodEntry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = entry
        self.saved: MoodEntry | None = None
        self.setWindowTitle("How you were" if entry else "How are you?")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = plain_label("Just for you: no one else sees this." if entry is None
                            else "Change what you noted, if you like.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.mood_error = FieldError(self)
        layout.addWidget(self.mood_error)

        self.moods = QButtonGroup(self)
        row = QHBoxLayout()
        self.mood_buttons: dict[int, QRadioButton] = {}
        for value, words in MOOD_LABELS.items():
            button = QRadioButton(f"{value} {words}", self)
            button.setAccessibleName(f"{value}, {words.lower()}")
            self.moods.addButton(button, value)
            self.mood_buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        form = QFormLayout()
        layout.addLayout(form)
        feelings = QWidget(self)
        feelings.setAccessibleName("Feelings")
        self.feelings_grid = QGridLayout(feelings)
        self.feelings_grid.setContentsMargins(0, 0, 0, 0)
        self.feeling_boxes: dict[str, QCheckBox] = {}
        chosen = entry.feelings if entry else ()
        for word in (*FEELINGS, *(f for f in chosen if f not in FEELINGS)):
            self._add_feeling(word)
        form.addRow("Any feelings?", feelings)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText("Anything on your mind (optional)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow("&Note", self.note_edit)
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("ddd d MMM yyyy, HH:mm")
        self.when_edit.setAccessibleName("When")
        form.addRow("When", self.when_edit)

        self.buttons = self.save_cancel_buttons()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setDefault(True)
        layout.addWidget(self.buttons)
        self._load(entry, mood)
        self.mark_clean()

    def _add_feeling(self, word: str) -> None:
        box = QCheckBox(word.capitalize(), self)
        box.setAccessibleName(f"Feeling {word}")
        at = len(self.feeling_boxes)
        self.feelings_grid.addWidget(box, at // FEELING_COLUMNS, at % FEELING_COLUMNS)
        self.feeling_boxes[word] = box

    def _load(self, entry: MoodEntry | None, mood: int | None) -> None:
        self._moment = entry.at if entry else self.ctx.app.now()
        self.when_edit.setDateTime(to_qdatetime(self._moment))
        chosen = entry.mood if entry else mood
        if chosen in self.mood_buttons:
            self.mood_buttons[chosen].setChecked(True)
        if entry:
            for word in entry.feelings:
                self.feeling_boxes[word].setChecked(True)
            self.note_edit.setPlainText(entry.note)
        focus = self.mood_buttons.get(chosen or 0) or self.mood_buttons[min(MOOD_LABELS)]
        focus.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """1–5 choose the mood from anywhere but the note."""
        number = event.text()
        if (number.isdigit() and int(number) in self.mood_buttons
                and not self.note_edit.hasFocus()
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.mood_buttons[int(number)].setChecked(True)
            self.mood_buttons[int(number)].setFocus()
            return
        super().keyPressEvent(event)

    def _state(self) -> tuple[object, ...]:
        return (self.moods.checkedId(), self.feelings(), self.note_edit.toPlainText(),
                self.when_edit.dateTime().toSecsSinceEpoch())

    def feelings(self) -> tuple[str, ...]:
        return tuple(word for word, box in self.feeling_boxes.items() if box.isChecked())

    def _when(self) -> datetime:
        """The time shown, or the exact moment it was opened if left as it was."""
        shown = from_qdatetime(self.when_edit.dateTime())
        if int(shown.timestamp()) == int(self._moment.timestamp()):
            return self._moment
        return shown

    def value(self) -> MoodEntry:
        base = self.original or MoodEntry(at=self._moment, mood=0)
        return replace(base, mood=max(self.moods.checkedId(), 0), feelings=self.feelings(),
                       note=self.note_edit.toPlainText(), at=self._when())

    def save(self) -> bool:
        entry = self.value()
        if entry.mood == 0:
            self.mood_error.show_message("Choose how you are, from 1 (very low) to "
                                         "5 (very good).")
            self.mood_buttons[3].setFocus()
            return False
        if entry.at > self.ctx.app.now():
            self.mood_error.show_message("That time is still to come; choose a time "
                                         "that has been.")
            self.when_edit.setFocus()
            return False
        try:
            if self.original is None:
                command = AddMoodEntry(self.ctx, entry)
                perform(self.ctx, command)
                self.saved = command.entry
            else:
                perform(self.ctx, EditMoodEntry(self.ctx, self.original, entry))
                self.saved = entry
        except KnownError as error:
            self.mood_error.show_message(f"Not saved yet: {error}")
            return False
        self.accept_saved()
        return True

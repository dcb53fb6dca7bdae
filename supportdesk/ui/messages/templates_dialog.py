"""My messages: add, change, remove and reorder the words kept ready to send.

The list is saved as a whole when Save is pressed (one step for Edit › Undo); closing
with changes asks first, so nothing typed is lost. One message can be marked as the
one "Send to my people" sends.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError, ValidationError
from supportdesk.core.messages import MessageTemplate
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.guarded_dialog import GuardedDialog
from supportdesk.ui.messages.commands import SaveTemplates
from supportdesk.ui.messages.send_dialog import template_line
from supportdesk.ui.plain import plain_label, plain_tooltip
from supportdesk.ui.undo_commands import perform
from supportdesk.ui.widgets.field_error import FieldError

NEW_WORDS = "New message"


class TemplatesDialog(GuardedDialog):
    """The list on the left, the chosen message's words on the right."""

    what = "your messages"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("My messages")
        self.setObjectName("TemplatesDialog")
        self.setAccessibleName("My messages")
        self.saved_list = ctx.app.templates.templates()
        self.templates: list[MessageTemplate] = list(self.saved_list)
        self._row = -1
        self._build()
        self._connect_signals()
        self._fill()
        self.list.setCurrentRow(0 if self.templates else -1)
        self._show_row(self.list.currentRow())
        self.mark_clean()
        self.list.setFocus()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = plain_label("Words ready for when they are hard to find. Write them in your "
                            "own way; you can change them before each one is sent.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.banner = FieldError(self)
        layout.addWidget(self.banner)
        body = QHBoxLayout()
        side = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName("My messages")
        side.addWidget(self.list, 1)
        tools = QHBoxLayout()
        self.add_button = QPushButton("&Add", self)
        self.add_button.setAccessibleName("Add a message")
        self.remove_button = QPushButton("&Remove", self)
        self.remove_button.setAccessibleName("Remove this message")
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move &down", self)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            tools.addWidget(button)
        side.addLayout(tools)
        body.addLayout(side, 1)
        form = QFormLayout()
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName("The words")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setAccessibleName("Subject, when sent by email")
        self.hard_time_box = QCheckBox("Send this one with “Send to my people”", self)
        self.hard_time_box.setAccessibleName("Send this one with Send to my people")
        self.hard_time_box.setToolTip(plain_tooltip(
            "“Send to my people” sends this message to the people your safety plan "
            "names to ask for help, one at a time."))
        words, subject = plain_label("&Words", self), plain_label("&Subject (email)", self)
        words.setBuddy(self.text_edit)
        subject.setBuddy(self.subject_edit)
        form.addRow(words, self.text_edit)
        form.addRow(subject, self.subject_edit)
        form.addRow("", self.hard_time_box)
        body.addLayout(form, 2)
        layout.addLayout(body)
        self.buttons = self.save_cancel_buttons()
        layout.addWidget(self.buttons)
        self.setMinimumSize(720, 380)

    def _connect_signals(self) -> None:
        self.list.currentRowChanged.connect(self._on_row_changed)
        self.text_edit.textChanged.connect(self._on_fields_edited)
        self.subject_edit.textChanged.connect(self._on_fields_edited)
        self.hard_time_box.toggled.connect(self._on_hard_time_toggled)
        self.add_button.clicked.connect(self.add_template)
        self.remove_button.clicked.connect(self.remove_template)
        self.up_button.clicked.connect(lambda: self.move_template(-1))
        self.down_button.clicked.connect(lambda: self.move_template(1))

    # -- the list -------------------------------------------------------------

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for template in self.templates:
            self.list.addItem(template_line(template) or NEW_WORDS)
        self.list.blockSignals(False)
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        row, count = self.list.currentRow(), len(self.templates)
        for widget in (self.text_edit, self.subject_edit, self.hard_time_box,
                       self.remove_button):
            widget.setEnabled(0 <= row < count)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _show_row(self, row: int) -> None:
        self._row = row
        template = self.templates[row] if 0 <= row < len(self.templates) else None
        for widget in (self.text_edit, self.subject_edit, self.hard_time_box):
            widget.blockSignals(True)
        self.text_edit.setPlainText(template.text if template else "")
        self.subject_edit.setText(template.subject if template else "")
        self.hard_time_box.setChecked(bool(template and template.hard_time))
        for widget in (self.text_edit, self.subject_edit, self.hard_time_box):
            widget.blockSignals(False)
        self._sync_buttons()

    def _on_row_changed(self, row: int) -> None:
        self._show_row(row)

    def _on_fields_edited(self) -> None:
        row = self._row
        if not 0 <= row < len(self.templates):
            return
        self.templates[row] = replace(self.templates[row], text=self.text_edit.toPlainText(),
                                      subject=self.subject_edit.text())
        item = self.list.item(row)
        if item is not None:
            item.setText(template_line(self.templates[row]) or NEW_WORDS)

    def _on_hard_time_toggled(self, checked: bool) -> None:
        row = self._row
        if not 0 <= row < len(self.templates):
            return
        self.templates = [replace(t, hard_time=checked and index == row)
                          if checked or index == row else t
                          for index, t in enumerate(self.templates)]

    def add_template(self) -> None:
        self.templates.append(MessageTemplate(""))
        self._fill()
        self.list.setCurrentRow(len(self.templates) - 1)
        self.text_edit.setFocus()

    def remove_template(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.templates):
            return
        del self.templates[row]
        self._fill()
        self.list.setCurrentRow(min(row, len(self.templates) - 1))
        self._show_row(self.list.currentRow())
        self.list.setFocus()

    def move_template(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if not (0 <= row < len(self.templates) and 0 <= target < len(self.templates)):
            return
        self.templates.insert(target, self.templates.pop(row))
        self._fill()
        self.list.setCurrentRow(target)
        self.list.setFocus()

    # -- saving ---------------------------------------------------------------

    def _state(self) -> tuple[Any, ...]:
        return tuple((t.text, t.subject, t.hard_time, t.id) for t in self.templates)

    def save(self) -> bool:
        if not self.has_unsaved_changes:
            self.accept_saved()
            return True
        try:
            perform(self.ctx, SaveTemplates(self.ctx, self.saved_list, self.templates))
        except ValidationError as error:
            where = (error.field or "").removeprefix("templates.")
            if where.isdigit():
                self.list.setCurrentRow(int(where))
                self.text_edit.setFocus()
            self.banner.show_message(f"Not saved yet: {error.message}")
            return False
        except KnownError as error:
            self.banner.show_message(f"Not saved yet: {error.message}")
            return False
        self.accept_saved()
        return True

"""Adding or editing a gratitude entry: who, when, what, and whether I've thanked them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.core.model import Gratitude
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.guarded_dialog import GuardedDialog
from supportdesk.ui.models.gratitude_table import NO_ONE
from supportdesk.ui.undo_commands import AddGratitude, EditGratitude, perform
from supportdesk.ui.widgets.field_error import FieldError


class GratitudeDialog(GuardedDialog):
    """Add (``entry`` None) or edit a gratitude entry."""

    what = "this entry"

    def __init__(self, ctx: AppContext, supporter_id: int | None = None,
                 entry: Gratitude | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = entry
        self.setWindowTitle("Edit gratitude" if entry else "Something I'm grateful for")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.person_box = QComboBox(self)
        self.person_box.addItem(NO_ONE, None)
        for s in ctx.app.network.supporters():
            self.person_box.addItem(s.name, s.id)
        self.person_box.setAccessibleName("Who it's about")
        form.addRow("&Who", self.person_box)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setAccessibleName("Date")
        form.addRow("Date", self.date_edit)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName("What I'm grateful for")
        self.text_edit.setPlaceholderText("e.g. She checked in after my appointment")
        self.text_edit.setTabChangesFocus(True)
        self.text_error = FieldError(self)
        form.addRow("&What", self.text_edit)
        form.addRow("", self.text_error)
        self.thanked_box = QCheckBox("I've thanked them", self)
        self.thanked_box.setAccessibleName("I've thanked them")
        form.addRow("", self.thanked_box)
        self.buttons = self.save_cancel_buttons()
        layout.addWidget(self.buttons)
        today = ctx.app.now().astimezone().date()
        day = entry.on if entry else today
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        chosen = entry.supporter_id if entry else supporter_id
        self.person_box.setCurrentIndex(max(self.person_box.findData(chosen), 0))
        if entry:
            self.text_edit.setPlainText(entry.text)
            self.thanked_box.setChecked(entry.thanked)
        self.mark_clean()
        self.text_edit.setFocus()

    def _state(self) -> tuple[object, ...]:
        return (self.person_box.currentIndex(), self.date_edit.date().toJulianDay(),
                self.text_edit.toPlainText(), self.thanked_box.isChecked())


    def _day(self) -> date:
        chosen = self.date_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def value(self) -> Gratitude:
        base = self.original or Gratitude(supporter_id=None, on=self._day(), text="")
        return replace(base, supporter_id=self.person_box.currentData(), on=self._day(),
                       text=self.text_edit.toPlainText(), thanked=self.thanked_box.isChecked())

    def save(self) -> bool:
        entry = self.value()
        try:
            if self.original is None:
                perform(self.ctx, AddGratitude(self.ctx, entry))
            else:
                perform(self.ctx, EditGratitude(self.ctx, self.original, entry))
        except KnownError as error:
            self.text_error.show_message(error.message)
            self.text_edit.setFocus()
            return False
        self.accept_saved()
        return True

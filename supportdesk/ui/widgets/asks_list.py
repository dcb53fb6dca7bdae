"""A person's short list, ticked off by hand: things to ask about next time, or the
questions to bring to an appointment.

Each open item is a tick box (Space ticks it off; Delete removes it); a line below adds
one (Enter). Every change is a use case through an undoable command; the owner reloads
the list with ``show_person`` when the "people" topic moves.

Signals:
    asks_changed(): an item was added, ticked or removed here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.appointments import Ask, AskKind
from supportdesk.core.errors import KnownError
from supportdesk.ui.appointment_commands import AddAsk, DeleteAsk, TickAsks
from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label
from supportdesk.ui.undo_commands import perform
from supportdesk.ui.widgets.field_error import FieldError

PLACEHOLDERS = {AskKind.NEXT_TIME: "Something to ask about next time, like “her job "
                                   "interview on Friday”",
                AskKind.QUESTION: "A question to bring, like “Could the dose be why I "
                                  "sleep badly?”"}
EMPTY = {AskKind.NEXT_TIME: "Nothing noted yet.",
         AskKind.QUESTION: "No questions noted yet. Jot them down as they come to you."}


class AsksList(QWidget):
    asks_changed = Signal()

    def __init__(self, ctx: AppContext, kind: AskKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.supporter_id: int | None = None
        self.items: list[Ask] = []
        self.checks: list[QCheckBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = QVBoxLayout()
        layout.addLayout(self.rows)
        self.empty_label = plain_label(EMPTY[kind], self)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        adding = QHBoxLayout()
        self.new_edit = QLineEdit(self)
        self.new_edit.setPlaceholderText(PLACEHOLDERS[kind])
        self.new_edit.setAccessibleName(f"Add to {kind.label.lower()}")
        self.add_button = QPushButton("Add", self)
        self.add_button.setAccessibleName(f"Add to {kind.label.lower()}")
        adding.addWidget(self.new_edit, 1)
        adding.addWidget(self.add_button)
        layout.addLayout(adding)
        self.error = FieldError(self)
        layout.addWidget(self.error)
        self.new_edit.returnPressed.connect(self.add_typed)
        self.add_button.clicked.connect(self.add_typed)

    def show_person(self, supporter_id: int) -> None:
        self.supporter_id = supporter_id
        self.items = self.ctx.app.appointments.open_asks(supporter_id, self.kind)
        focused = next((i for i, c in enumerate(self.checks) if c.hasFocus()), -1)
        for check in self.checks:
            check.hide()
            check.deleteLater()
        self.checks = []
        for item in self.items:
            check = QCheckBox(item.text, self)
            check.setAccessibleName(item.text)
            check.setToolTip("Tick it off once you've asked (Delete removes it)")
            check.toggled.connect(lambda done, i=item.id or 0: self._on_check_toggled(i, done))
            check.installEventFilter(self)
            self.rows.addWidget(check)
            self.checks.append(check)
        self.empty_label.setVisible(not self.items)
        if self.checks and focused >= 0:
            self.checks[min(focused, len(self.checks) - 1)].setFocus()
        elif focused >= 0:
            self.new_edit.setFocus()

    def add_typed(self) -> None:
        if self.supporter_id is None or not self.new_edit.text().strip():
            return
        item = self.ctx.app.appointments.new_ask(self.supporter_id, self.new_edit.text(),
                                                 self.kind)
        try:
            perform(self.ctx, AddAsk(self.ctx, item))
        except KnownError as error:
            self.error.show_message(str(error))
            return
        self.error.show_message("")
        self.new_edit.clear()
        self.asks_changed.emit()

    def _on_check_toggled(self, ask_id: int, done: bool) -> None:
        perform(self.ctx, TickAsks(self.ctx, [ask_id], done))
        self.asks_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete and watched in self.checks):
            item = self.items[self.checks.index(watched)]
            perform(self.ctx, DeleteAsk(self.ctx, item))
            self.asks_changed.emit()
            return True
        return super().eventFilter(watched, event)

"""Gratitude: what people have done for me, and whether I've thanked them yet."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.model import Gratitude
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.gratitude_dialog import GratitudeDialog
from supportdesk.ui.models.gratitude_table import GratitudeColumn, GratitudeTableModel
from supportdesk.ui.models.roles import ID_ROLE
from supportdesk.ui.plain import plain_label, rich_label
from supportdesk.ui.undo_commands import DeleteGratitude, mark_thanked, perform
from supportdesk.ui.widgets.key_actions import KeyActions
from supportdesk.ui.widgets.tables import list_table

EMPTY_TEXT = ("<h3>Noticing the good</h3><p>Jot down something someone did that helped — a "
              "lift to an appointment, a kind message, just listening. Ticking “thanked” "
              "reminds you who might like to hear it.</p>")


class GratitudePage(QWidget):
    topics: ClassVar[frozenset[str]] = frozenset({"gratitude", "people"})

    """Gratitude entries; uses ``ctx.events`` for changes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Gratitude")
        self.model = GratitudeTableModel(self)
        self._build()
        self._connect_signals()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        intro = plain_label("Things people have done that I'm grateful for.", self)
        intro.setWordWrap(True)
        bar.addWidget(intro, 1)
        self.add_button = QPushButton("Add gratitude", self)
        self.add_button.setAccessibleName("Add something you're grateful for")
        self.add_button.setToolTip("Add gratitude (Ctrl+Shift+G)")
        bar.addWidget(self.add_button)
        layout.addLayout(bar)
        self.stack = QStackedWidget(self)
        self.table = list_table(self.model, "Gratitude entries", self)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in GratitudeColumn:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GratitudeColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        self.stack.addWidget(self.table)
        self.empty = rich_label(EMPTY_TEXT, self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(40)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.thanked_button = QPushButton("Mark thanked", self)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self.thanked_button.setAccessibleName("Mark the selected entry as thanked, or not")
        self.edit_button.setAccessibleName("Edit the selected gratitude entry")
        self.delete_button.setAccessibleName("Delete the selected gratitude entry")
        for button in (self.thanked_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.thanked_button.clicked.connect(self.toggle_thanked)
        self.table.activated.connect(self.edit_current)
        self.model.thanked_toggled.connect(self._on_model_thanked_toggled)
        self.table.selectionModel().currentChanged.connect(self._sync_buttons)
        self._keys = KeyActions(self.table, {Qt.Key.Key_Delete: self.delete_current,
                                             Qt.Key.Key_Space: self.toggle_thanked,
                                             Qt.Key.Key_Return: self.edit_current,
                                             Qt.Key.Key_Enter: self.edit_current})

    def refresh(self) -> None:
        network = self.ctx.app.network
        row = self.table.currentIndex().row()
        names = {s.id or 0: s.name for s in network.supporters()}
        self.model.set_entries(network.gratitude(), names)
        self.stack.setCurrentWidget(self.table if self.model.rows else self.empty)
        if self.model.rows:
            self.table.setCurrentIndex(self.model.index(max(0, min(row, len(self.model.rows) - 1)),
                                                        GratitudeColumn.TEXT))
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        entry = self._current()
        for button in (self.thanked_button, self.edit_button, self.delete_button):
            button.setEnabled(entry is not None)
        self.thanked_button.setText("Mark not thanked" if entry and entry.thanked
                                    else "Mark thanked")

    def _current(self) -> Gratitude | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[index.row()][0]

    def _current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def add_entry(self) -> None:
        GratitudeDialog(self.ctx, parent=self.window()).exec()

    def edit_current(self) -> None:
        entry_id = self._current_id()
        if entry_id is not None:
            entry = self.ctx.app.network.gratitude_entry(entry_id)
            GratitudeDialog(self.ctx, entry=entry, parent=self.window()).exec()

    def delete_current(self) -> None:
        entry_id = self._current_id()
        if entry_id is not None:
            entry = self.ctx.app.network.gratitude_entry(entry_id)
            perform(self.ctx, DeleteGratitude(self.ctx, entry))

    def toggle_thanked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            entry = self.model.rows[index.row()][0]
            if entry.id is not None:
                mark_thanked(self.ctx, entry.id, not entry.thanked)

    def _on_model_thanked_toggled(self, entry_id: int, thanked: bool) -> None:
        mark_thanked(self.ctx, entry_id, thanked)

"""Gratitude: what people have done for me, and whether I've thanked them yet."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from supportdesk.core.model import Gratitude
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.gratitude_dialog import GratitudeDialog
from supportdesk.ui.models.gratitude_table import GratitudeColumn, GratitudeTableModel
from supportdesk.ui.pages.list_page import EmptyState, ListPage
from supportdesk.ui.plain import rich_label
from supportdesk.ui.undo_commands import DeleteGratitude, mark_thanked, perform

EMPTY_TEXT = ("<h3>Noticing the good</h3><p>Jot down something someone did that helped — a "
              "lift to an appointment, a kind message, just listening. Ticking “thanked” "
              "reminds you who might like to hear it.</p>")


class GratitudePage(ListPage):
    """Gratitude entries; uses ``ctx.events`` for changes."""

    topics: ClassVar[frozenset[str]] = frozenset({"gratitude", "people"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Gratitude", parent,
                         subtitle="Things people have done that I'm grateful for.")
        self.model = GratitudeTableModel(self)
        self._build()
        self._connect_signals()
        self.refresh()

    def _build(self) -> None:
        self.bar.addStretch(1)
        self.add_button = QPushButton("Add gratitude", self)
        self.add_button.setAccessibleName("Add something you're grateful for")
        self.add_button.setToolTip("Add gratitude (Ctrl+Shift+G)")
        self.bar.addWidget(self.add_button)
        self.set_table(self.model, "Gratitude entries", EmptyState(rich_label(EMPTY_TEXT), self),
                       keys={Qt.Key.Key_Space: self.toggle_thanked})
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in GratitudeColumn:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GratitudeColumn.TEXT, QHeaderView.ResizeMode.Stretch)
        self.thanked_button = self.add_row_button(
            "Mark thanked", "Mark the selected entry as thanked, or not", self.toggle_thanked)
        self.edit_button = self.add_row_button("Edit…", "Edit the selected gratitude entry",
                                               self.open_current)
        self.delete_button = self.add_row_button(
            "Delete", "Delete the selected gratitude entry", self.delete_current)

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.add_entry)
        self.model.thanked_toggled.connect(self._on_model_thanked_toggled)

    def refresh(self) -> None:
        chosen, row = self.current_id(), self.table.currentIndex().row()
        names = {s.id or 0: s.name for s in self.ctx.app.network.supporters()}
        self.model.set_entries(self.ctx.app.network.gratitude(), names)
        self.rows_changed(chosen, row)

    def sync_buttons(self) -> None:
        super().sync_buttons()
        entry = self._current()
        self.thanked_button.setText("Mark not thanked" if entry and entry.thanked
                                    else "Mark thanked")

    def _current(self) -> Gratitude | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()][0] if index.isValid() else None

    def add_entry(self) -> None:
        GratitudeDialog(self.ctx, parent=self.window()).exec()

    def open_current(self) -> None:
        """Edit the chosen entry."""
        entry_id = self.current_id()
        if entry_id is not None:
            entry = self.ctx.app.network.gratitude_entry(entry_id)
            GratitudeDialog(self.ctx, entry=entry, parent=self.window()).exec()

    def delete_current(self) -> None:
        entry_id = self.current_id()
        if entry_id is not None:
            entry = self.ctx.app.network.gratitude_entry(entry_id)
            perform(self.ctx, DeleteGratitude(self.ctx, entry))

    def toggle_thanked(self) -> None:
        entry = self._current()
        if entry is not None and entry.id is not None:
            mark_thanked(self.ctx, entry.id, not entry.thanked)

    def _on_model_thanked_toggled(self, entry_id: int, thanked: bool) -> None:
        mark_thanked(self.ctx, entry_id, thanked)

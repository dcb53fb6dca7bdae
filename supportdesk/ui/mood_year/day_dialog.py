"""One day's moods, from the year's grid (Enter): what was noted, when, with whom.

A plain list; Enter (or a double-click) on an entry opens it to edit, as on Check-ins.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from supportdesk.services.mood_year import DayEntry
from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label, plain_title

NOTE_SHOWN = 120  # characters of a note in the list; the rest is in the entry


def entry_line(entry: DayEntry) -> str:
    """"09:00 · Robin · Low before, Good after — Coffee and a chat"."""
    line = f"{entry.at:%H:%M} · {entry.who} · {entry.words}"
    note = " ".join(entry.note.split())
    if note:
        line += " — " + (note if len(note) <= NOTE_SHOWN else note[:NOTE_SHOWN - 1] + "…")
    return line


class DayEntriesDialog(QDialog):
    def __init__(self, ctx: AppContext, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = day
        self.setWindowTitle(plain_title(f"{day:%A} {day.day} {day:%B %Y}"))
        self.resize(560, 320)
        layout = QVBoxLayout(self)
        self.heading = plain_label("", self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.list = QListWidget(self)
        self.list.setAccessibleName("What you noted that day")
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.fill()

    def fill(self) -> None:
        self.entries = self.ctx.app.mood_year.day(self.day)
        self.list.clear()
        for entry in self.entries:
            item = QListWidgetItem(entry_line(entry))
            item.setData(Qt.ItemDataRole.UserRole, self.list.count())
            self.list.addItem(item)
        count = len(self.entries)
        self.heading.setText(
            f"{count} mood{'s' if count != 1 else ''} noted. Enter opens one to change it."
            if count else "Nothing was noted on this day.")
        self.list.setVisible(bool(count))
        if count:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        entry = self.entries[int(item.data(Qt.ItemDataRole.UserRole))]
        if entry.checkin:
            from supportdesk.ui.editors.checkin_dialog import CheckinDialog

            CheckinDialog(self.ctx, checkin=self.ctx.app.network.checkin(entry.entry_id),
                          parent=self).exec()
        else:
            from supportdesk.ui.editors.mood_dialog import MoodDialog

            MoodDialog(self.ctx, entry=self.ctx.app.mood.entry(entry.entry_id),
                       parent=self).exec()
        self.fill()

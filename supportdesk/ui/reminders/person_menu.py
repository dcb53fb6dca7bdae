"""A ready "Reminder" menu for one person: snooze (later today, tomorrow, next week),
clear a snooze, and pause or resume their reminders.

For the person page and the People list (e.g. as a tool button's menu):
``button.setMenu(PersonReminderMenu(ctx, supporter_id, button))``. Each choice is
saved through the reminder service and announced with ``supporters_changed``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from supportdesk.core.schedule import SnoozeOption
from supportdesk.services.reminders import ReminderService
from supportdesk.ui.context import AppContext


class PersonReminderMenu(QMenu):
    def __init__(self, ctx: AppContext, supporter_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Reminder", parent)
        self.ctx = ctx
        self.supporter_id = supporter_id
        self.service = ReminderService(ctx.session)
        self.aboutToShow.connect(self._on_about_to_show)
        self._on_about_to_show()

    def _on_about_to_show(self) -> None:
        """Rebuilt each time it opens, so it always matches the person as saved."""
        self.clear()
        cadence = self.ctx.session.network.supporter(self.supporter_id).cadence
        for option in SnoozeOption:
            action = self.addAction(f"Snooze: {option.label.lower()}")
            action.triggered.connect(lambda _=False, o=option: self._snooze(o))
        if cadence.snoozed_until is not None:
            self.addAction("Clear snooze").triggered.connect(self._clear_snooze)
        self.addSeparator()
        pause = self.addAction("Pause reminders for this person")
        pause.setCheckable(True)
        pause.setChecked(cadence.paused)
        pause.toggled.connect(self._set_paused)

    def _snooze(self, option: SnoozeOption) -> None:
        self.service.snooze(self.supporter_id, option)
        self.ctx.events.supporters_changed.emit()

    def _clear_snooze(self) -> None:
        self.service.clear_snooze(self.supporter_id)
        self.ctx.events.supporters_changed.emit()

    def _set_paused(self, paused: bool) -> None:
        self.service.set_supporter_paused(self.supporter_id, paused)
        self.ctx.events.supporters_changed.emit()

"""The reminder some time before an appointment: one single-shot timer aimed at the next.

It looks when started, when its timer fires, and when people or settings change (the
change bus); what is due goes out through the same notifier as check-in reminders, in
one notification, discreet when asked (or while the app is locked). The rules (paused,
quiet hours, once only, never after the start) are the service's.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, QTimer
from shiboken6 import Shiboken

from supportdesk.services import app_lock
from supportdesk.services import settings as keys
from supportdesk.services.application import Application
from supportdesk.services.appointments import appointment_notice
from supportdesk.services.reminders import Notice
from supportdesk.ui.bus import ChangeBus
from supportdesk.ui.reminders.notifier import Notifier
from supportdesk.ui.reminders.timer import LONGEST_WAIT_MS

FOLLOWED_TOPICS = frozenset({"people", "settings"})


class AppointmentReminders(QObject):
    def __init__(self, app: Application, notifier: Notifier, bus: ChangeBus | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.notifier = notifier
        self.bus = bus
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.look)
        if bus is not None:
            bus.changed.connect(self._on_bus_changed)

    def start(self) -> None:
        self.look()

    def stop(self) -> None:
        self.timer.stop()
        if self.bus is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.bus.changed.disconnect(self._on_bus_changed)

    def _on_bus_changed(self, topics: frozenset[str]) -> None:
        if Shiboken.isValid(self.timer) and topics & FOLLOWED_TOPICS:
            self.look()

    def look(self) -> None:
        service = self.app.appointments
        now = self.app.now()
        due = service.reminders_due(now)
        if due:
            discreet = service.settings.get(keys.DISCREET) or app_lock.is_locked()
            words = appointment_notice(due, now, service.zone, discreet)
            result = self.notifier.notify(Notice(words.title, words.body, len(due)))
            if result.ok:
                self.app.mark_appointments_reminded(list(words.appointment_ids))
        wakeup = service.next_wakeup(now)
        if not Shiboken.isValid(self.timer):
            return
        if wakeup is None:
            self.timer.stop()
            return
        wait_ms = max(0, int((wakeup - now).total_seconds() * 1000))
        self.timer.start(min(wait_ms, LONGEST_WAIT_MS))

"""The reminder engine: one single-shot timer aimed at the next moment that matters.

The daily "How are you?" reminder (opt-in) is looked at in the same look and aimed at
by the same timer; it is its own notification.

No polling of the database: the timer is set for ``next_wakeup`` and set again
after each look, after changes to people, check-ins or settings (the change bus, which
also brings changes made from the command line), and when the wall clock is seen
to jump against the monotonic clock (the machine slept, or the clock or time
zone changed). That check compares two clocks once a minute and reads nothing.

Its looks go through the application's use case, so its bookkeeping (when it last
looked, what it has shown) is the "reminders" topic, which Today does not follow. When a
look that time brought (the timer, a clock change, the start) finds a different set of
people due, it tells the bus "due", so Today shows them, visible or not yet.

Signals:
    due_changed(list): everyone due now (DueItem), after each look.
    away_found(list): on start, what fell due while the app was closed (DueItem).
    delivered(object): the DeliveryResult of each notification attempt.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import Shiboken

from supportdesk.core.schedule import local_zone
from supportdesk.services import app_lock
from supportdesk.services import settings as keys
from supportdesk.services.application import Application
from supportdesk.services.mood_reminder import mood_notice
from supportdesk.services.reminders import away_notice, reminder_notice
from supportdesk.ui.bus import ChangeBus
from supportdesk.ui.reminders.notifier import Notifier

FOLLOWED_TOPICS = frozenset({"people", "checkins", "settings"})
DRIFT_CHECK_MS = 60_000
DRIFT_TOLERANCE = timedelta(seconds=20)
LONGEST_WAIT_MS = 6 * 60 * 60 * 1000  # QTimer holds < 25 days; re-aim well before that
# When no notification could be shown (say the desktop is still starting at login),
# try again after these waits, then hourly; each try is recorded.
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15),
               timedelta(hours=1))


class ReminderEngine(QObject):
    due_changed = Signal(list)
    away_found = Signal(list)
    delivered = Signal(object)

    def __init__(
        self,
        app: Application,
        notifier: Notifier,
        bus: ChangeBus | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        zone: Callable[[], tzinfo] = local_zone,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.service = app.reminders
        self.notifier = notifier
        self.bus = bus
        self._due_ids: frozenset[int] | None = None
        self._monotonic = monotonic
        self._zone = zone
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.drift_timer = QTimer(self)
        self.drift_timer.setInterval(DRIFT_CHECK_MS)
        self.wakeup: datetime | None = None
        self._mark: tuple[datetime, float, str] | None = None
        self._failed_tries = 0
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.timer.timeout.connect(self._on_timer_timeout)
        self.drift_timer.timeout.connect(self.check_drift)
        if self.bus is not None:
            self.bus.changed.connect(self._on_bus_changed)

    def start(self) -> None:
        """The first look after start: surfaces what was missed while closed, once."""
        self._look(starting=True)
        self.drift_timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.drift_timer.stop()
        self._forget_bus()

    def _forget_bus(self) -> None:
        """Changes no longer reach a stopped engine (the bus outlives the window)."""
        if self.bus is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.bus.changed.disconnect(self._on_bus_changed)

    def refresh(self) -> None:
        """Look again now (after an edit, a snooze, a resume or a clock change)."""
        self._look(starting=False)

    def _tell(self, signal: str, value: object) -> None:
        """Emit, unless the window that owned the engine was deleted meanwhile (a look
        can outlive it by one turn of the event loop)."""
        if Shiboken.isValid(self):
            getattr(self, signal).emit(value)

    def _on_bus_changed(self, topics: frozenset[str]) -> None:
        if not (Shiboken.isValid(self) and Shiboken.isValid(self.timer)):  # its window is gone
            self._forget_bus()
            return
        if topics & FOLLOWED_TOPICS:
            self._look(starting=False, by_time=False)

    def _on_timer_timeout(self) -> None:
        self._look(starting=False)

    def _look(self, starting: bool, by_time: bool = True) -> None:
        now = self.service.now()
        found = self.app.check_reminders(now, starting=starting)
        due_ids = frozenset(item.supporter_id for item in found.due)
        if (by_time and self.bus is not None and self._due_ids is not None
                and due_ids != self._due_ids):
            self.bus.notify({"due"})  # time moved someone in or out of "due"
        self._due_ids = due_ids
        discreet = self.service.settings.get(keys.DISCREET) or app_lock.is_locked()
        if starting and found.away:
            self._tell("away_found", found.away)
        failed = False
        if found.to_notify:
            notice = (away_notice(found.to_notify, discreet) if starting and found.away
                      else reminder_notice(found.to_notify, discreet))
            result = self.notifier.notify(notice)
            if result.ok:
                self.app.mark_notified(found.to_notify)
            failed = not result.ok
            self._tell("delivered", result)
        failed = self._ask_how_they_are(now, discreet) or failed
        failed = self._remind_of_occasions(now, discreet) or failed
        self._failed_tries = self._failed_tries + 1 if failed else 0
        self._tell("due_changed", found.due)
        self._aim(now)

    def _ask_how_they_are(self, now: datetime, discreet: bool) -> bool:
        """The daily "How are you?", when it is due; True if it could not be shown."""
        day = self.app.mood_reminder.due(now)
        if day is None:
            return False
        result = self.notifier.notify(mood_notice(discreet))
        if result.ok:
            self.app.mark_mood_reminder_shown(day)
        self._tell("delivered", result)
        return not result.ok

    def _remind_of_occasions(self, now: datetime, discreet: bool) -> bool:
        """Reminders before meetings and dates (services/occasion_reminders.py); True if
        one could not be shown."""
        shown = []
        failed = False
        for reminder in self.app.occasion_reminders.due(now, discreet):
            result = self.notifier.notify(reminder.notice)
            self._tell("delivered", result)
            if not result.ok:
                failed = True
                break
            shown.append(reminder)
        if shown:
            self.app.mark_occasions_shown(shown)
        return failed

    def _aim(self, now: datetime) -> None:
        moments = (self.service.next_wakeup(now), self.app.mood_reminder.next_wakeup(now),
                   self.app.occasion_reminders.next_wakeup(now))
        self.wakeup = min((m for m in moments if m is not None), default=None)
        if self._failed_tries:
            retry = now + RETRY_AFTER[min(self._failed_tries, len(RETRY_AFTER)) - 1]
            self.wakeup = retry if self.wakeup is None else min(self.wakeup, retry)
        self._mark = (now, self._monotonic(), self._zone_key())
        if not Shiboken.isValid(self.timer):  # taken down while it looked
            return
        if self.wakeup is None:
            self.timer.stop()
            return
        wait_ms = max(0, int((self.wakeup - now).total_seconds() * 1000))
        self.timer.start(min(wait_ms, LONGEST_WAIT_MS))

    def _zone_key(self) -> str:
        zone = self._zone()
        return f"{zone}:{datetime.now(zone).utcoffset()}"

    def check_drift(self) -> bool:
        """Look again if the wall clock jumped or the time zone changed; True if it did."""
        if self._mark is None:
            return False
        then_wall, then_mono, then_zone = self._mark
        wall = self.service.now() - then_wall
        mono = timedelta(seconds=self._monotonic() - then_mono)
        if abs(wall - mono) > DRIFT_TOLERANCE or self._zone_key() != then_zone:
            self.refresh()
            return True
        return False

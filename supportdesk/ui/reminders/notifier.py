"""Native notifications with a safe fallback, and a record of each try.

Order: on Linux a D-Bus ``Notify`` call (its failure is seen); on Windows and macOS
plyer; then the tray icon's message. Each failed channel and the final delivery
are recorded through ``record`` (channel, ok, count, technical detail; never the
text or a name).

A notification about one person offers "Log a check-in", "Snooze until tomorrow" and
"Open" where the server offers actions (Linux, through the Desktop Notifications spec);
no action needs a name, so discreet notifications offer them too. The daily "How are
you?" offers "Note how I am" and "Open". Windows and macOS
show today's notification through plyer, which has no buttons: clicking the tray's
message opens the app.

For ``app.py --smoke-test``: call ``send_test_notification()``; it returns a
``DeliveryResult`` saying which channel showed it (``ok`` False if none did).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal

from supportdesk.services.reminders import Notice
from supportdesk.ui.reminders.dbus_notify import (
    DEFAULT_ACTION,
    Action,
    DbusNotifications,
    NotifyFailed,
)

LOG_ACTION = "log-checkin"
SNOOZE_ACTION = "snooze-day"
OPEN_ACTION = "open"
PERSON_ACTIONS: tuple[Action, ...] = ((LOG_ACTION, "Log a check-in"),
                                      (SNOOZE_ACTION, "Snooze until tomorrow"),
                                      (OPEN_ACTION, "Open"))
OTHER_ACTIONS: tuple[Action, ...] = ((OPEN_ACTION, "Open"),)
MOOD_ACTION = "note-mood"
MOOD_ACTIONS: tuple[Action, ...] = ((MOOD_ACTION, "Note how I am"), (OPEN_ACTION, "Open"))

Record = Callable[[str, bool, int, str], None]
TrayMessage = Callable[[str, str], bool]  # shows a tray balloon; False if there is no tray


@dataclass
class DeliveryResult:
    ok: bool
    channel: str  # "dbus", "plyer", "tray", or "" when nothing worked
    failures: list[str] = field(default_factory=list)  # "channel: reason"


def _plyer_notify(title: str, body: str) -> None:
    from plyer import notification

    notification.notify(title=title, message=body, app_name="SupportDesk", timeout=15)


class Notifier(QObject):
    """Shows notices and says what the person chose on one.

    Signals:
        activated(int): a notification, its "Open" or the tray message was clicked
            (the supporter id, 0 when it was about several).
        log_requested(int): "Log a check-in" on a notification about this supporter.
        snooze_requested(int): "Snooze until tomorrow" on one about this supporter.
        mood_requested(): "Note how I am" on the daily "How are you?".
    """

    activated = Signal(int)
    log_requested = Signal(int)
    snooze_requested = Signal(int)
    mood_requested = Signal()
    _dbus_signalled = Signal(str, int, str)  # from jeepney's thread: what, id, action key

    def __init__(
        self,
        record: Record | None = None,
        tray_message: TrayMessage | None = None,
        platform: str | None = None,
        dbus: DbusNotifications | None = None,
        plyer_notify: Callable[[str, str], None] = _plyer_notify,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.record = record
        self.tray_message = tray_message
        self.platform = platform or sys.platform
        self.dbus = dbus or DbusNotifications()
        self.dbus.on_action = lambda nid, key: self._dbus_signalled.emit("action", nid, key)
        self.dbus.on_closed = lambda nid: self._dbus_signalled.emit("closed", nid, "")
        # queued: handled on the GUI thread, where the targets are kept
        self._dbus_signalled.connect(self._on_dbus_signalled, Qt.ConnectionType.QueuedConnection)
        self._plyer_notify = plyer_notify
        self._targets: dict[int, int] = {}  # D-Bus notification id -> supporter id
        self._about_mood: set[int] = set()  # D-Bus ids of "How are you?" reminders
        self._tray_target = 0

    def notify(self, notice: Notice) -> DeliveryResult:
        failures: list[str] = []
        target = notice.supporter_id or 0
        for channel, attempt in self._channels():
            try:
                shown = attempt(notice)
            except Exception as error:  # any channel may fail; the next one is tried
                reason = str(error) if isinstance(error, NotifyFailed) else type(error).__name__
                failures.append(f"{channel}: {reason}")
                self._record(channel, False, notice.count, reason)
                continue
            if channel == "dbus":
                self._targets[shown] = target
                if notice.about_mood:
                    self._about_mood.add(shown)
            elif channel == "tray":
                self._tray_target = target
            self._record(channel, True, notice.count, "")
            return DeliveryResult(True, channel, failures)
        self._record("none", False, notice.count, "no way to show a notification here")
        return DeliveryResult(False, "", failures)

    def _channels(self) -> list[tuple[str, Callable[[Notice], int]]]:
        channels: list[tuple[str, Callable[[Notice], int]]] = []
        if self.platform.startswith("linux") or "bsd" in self.platform:
            channels.append(("dbus", self._via_dbus))
        else:
            channels.append(("plyer", self._via_plyer))
        channels.append(("tray", self._via_tray))
        return channels

    def _via_dbus(self, notice: Notice) -> int:
        actions = (MOOD_ACTIONS if notice.about_mood else
                   PERSON_ACTIONS if notice.supporter_id else OTHER_ACTIONS)
        return self.dbus.notify(notice.title, notice.body, actions=actions)

    def _via_plyer(self, notice: Notice) -> int:
        self._plyer_notify(notice.title, notice.body)
        return 0

    def _via_tray(self, notice: Notice) -> int:
        if self.tray_message is None or not self.tray_message(notice.title, notice.body):
            raise NotifyFailed("no system tray")
        return 0

    def _record(self, channel: str, ok: bool, count: int, detail: str) -> None:
        if self.record is not None:
            self.record(channel, ok, count, detail)

    def _on_dbus_signalled(self, what: str, notification_id: int, action: str) -> None:
        if notification_id not in self._targets:
            return  # someone else's notification, or one already dealt with
        about_mood = notification_id in self._about_mood
        if what == "closed":
            del self._targets[notification_id]
            self._about_mood.discard(notification_id)
            return
        target = self._targets[notification_id]
        if action in (DEFAULT_ACTION, OPEN_ACTION):
            self.activated.emit(target)
        elif action == MOOD_ACTION and about_mood:
            self.mood_requested.emit()
        elif action == LOG_ACTION and target:
            self.log_requested.emit(target)
        elif action == SNOOZE_ACTION and target:
            self.snooze_requested.emit(target)
        else:
            return
        del self._targets[notification_id]
        self._about_mood.discard(notification_id)
        self.dbus.withdraw(notification_id)  # done with: some servers leave it showing

    def on_tray_message_clicked(self) -> None:
        self.activated.emit(self._tray_target)

    def close(self) -> None:
        self.dbus.close()


def send_test_notification(tray_message: TrayMessage | None = None) -> DeliveryResult:
    """Show one harmless notification through the usual channels (for --smoke-test).

    Returns which channel showed it; ``ok`` is False (with the reasons) if none did.
    Nothing is recorded in a vault.
    """
    notifier = Notifier(tray_message=tray_message)
    try:
        return notifier.notify(Notice("SupportDesk is ready",
                                      "Reminders will appear like this.", 1))
    finally:
        notifier.close()

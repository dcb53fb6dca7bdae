"""The notifier tries channels in order, falls back, records each try, and opens the page."""

from __future__ import annotations

from collections.abc import Sequence

from pytestqt.qtbot import QtBot

from supportdesk.services.reminders import Notice
from supportdesk.ui.reminders.dbus_notify import Action, DbusNotifications, NotifyFailed
from supportdesk.ui.reminders.notifier import Notifier

NOTICE = Notice("Time to check in with Sam", "A quick hello is enough.", 1, supporter_id=4)


class FakeDbus(DbusNotifications):
    def __init__(self, fail: str = "") -> None:
        super().__init__()
        self.fail = fail
        self.sent: list[tuple[str, str]] = []
        self.actions: list[Sequence[Action]] = []
        self.withdrawn: list[int] = []

    def notify(self, title: str, body: str, timeout_ms: int = -1,
               actions: Sequence[Action] = ()) -> int:
        if self.fail:
            raise NotifyFailed(self.fail)
        self.sent.append((title, body))
        self.actions.append(actions)
        return 42

    def withdraw(self, notification_id: int) -> None:
        self.withdrawn.append(notification_id)


class Log:
    def __init__(self) -> None:
        self.rows: list[tuple[str, bool, int, str]] = []

    def __call__(self, channel: str, ok: bool, count: int, detail: str) -> None:
        self.rows.append((channel, ok, count, detail))


def test_linux_uses_dbus_and_records_the_delivery(qtbot: QtBot) -> None:
    dbus, log = FakeDbus(), Log()
    result = Notifier(record=log, platform="linux", dbus=dbus).notify(NOTICE)
    assert (result.ok, result.channel) == (True, "dbus")
    assert dbus.sent == [(NOTICE.title, NOTICE.body)]
    assert log.rows == [("dbus", True, 1, "")]


def test_a_missing_daemon_falls_back_to_the_tray_and_both_are_recorded(qtbot: QtBot) -> None:
    shown: list[tuple[str, str]] = []
    log = Log()
    notifier = Notifier(record=log, platform="linux",
                        dbus=FakeDbus("the notification service refused: ServiceUnknown"),
                        tray_message=lambda t, b: shown.append((t, b)) is None)
    result = notifier.notify(NOTICE)
    assert (result.ok, result.channel) == (True, "tray")
    assert shown == [(NOTICE.title, NOTICE.body)]
    assert log.rows == [("dbus", False, 1, "the notification service refused: ServiceUnknown"),
                        ("tray", True, 1, "")]
    with qtbot.waitSignal(notifier.activated) as clicked:
        notifier.on_tray_message_clicked()
    assert clicked.args == [4]


def test_when_nothing_can_show_it_the_failure_is_recorded_never_silent(qtbot: QtBot) -> None:
    log = Log()
    result = Notifier(record=log, platform="linux", dbus=FakeDbus("no session bus address"),
                      tray_message=lambda t, b: False).notify(NOTICE)
    assert not result.ok
    assert [r[0:2] for r in log.rows] == [("dbus", False), ("tray", False), ("none", False)]
    assert all("Sam" not in r[3] for r in log.rows)


def test_windows_and_macos_use_plyer_first(qtbot: QtBot) -> None:
    sent: list[tuple[str, str]] = []
    for platform in ("win32", "darwin"):
        result = Notifier(platform=platform, dbus=FakeDbus(),
                          plyer_notify=lambda t, b: sent.append((t, b))).notify(NOTICE)
        assert result.channel == "plyer"
    assert len(sent) == 2


def test_plyer_failing_falls_back_to_the_tray(qtbot: QtBot) -> None:
    def broken(title: str, body: str) -> None:
        raise NotImplementedError

    log = Log()
    result = Notifier(record=log, platform="win32", dbus=FakeDbus(), plyer_notify=broken,
                      tray_message=lambda t, b: True).notify(NOTICE)
    assert result.channel == "tray"
    assert log.rows[0] == ("plyer", False, 1, "NotImplementedError")


def test_clicking_the_desktop_notification_opens_that_person(qtbot: QtBot) -> None:
    dbus = FakeDbus()
    notifier = Notifier(platform="linux", dbus=dbus)
    notifier.notify(NOTICE)
    with qtbot.waitSignal(notifier.activated) as clicked:
        assert dbus.on_action is not None
        dbus.on_action(42, "default")
    assert clicked.args == [4]
    with qtbot.assertNotEmitted(notifier.activated, wait=200):
        dbus.on_action(99, "default")  # someone else's notification


def test_a_notice_about_one_person_offers_log_snooze_and_open(qtbot: QtBot) -> None:
    dbus = FakeDbus()
    notifier = Notifier(platform="linux", dbus=dbus)
    notifier.notify(NOTICE)
    notifier.notify(Notice("2 check-ins are due", "Sam and Priya.", 2))
    assert [label for _key, label in dbus.actions[0]] == [
        "Log a check-in", "Snooze until tomorrow", "Open"]
    assert [label for _key, label in dbus.actions[1]] == ["Open"]  # several: no one to log


def test_log_and_snooze_on_the_notification_name_that_person_once(qtbot: QtBot) -> None:
    dbus = FakeDbus()
    notifier = Notifier(platform="linux", dbus=dbus)
    notifier.notify(NOTICE)
    assert dbus.on_action is not None
    with qtbot.waitSignal(notifier.log_requested) as logged:
        dbus.on_action(42, "log-checkin")
    assert logged.args == [4]
    assert dbus.withdrawn == [42]  # handled: taken off the screen
    with qtbot.assertNotEmitted(notifier.snooze_requested, wait=200):
        dbus.on_action(42, "snooze-day")  # that notification is done with
    notifier.notify(NOTICE)
    with qtbot.waitSignal(notifier.snooze_requested) as snoozed:
        dbus.on_action(42, "snooze-day")
    assert snoozed.args == [4]


def test_a_closed_notification_is_forgotten(qtbot: QtBot) -> None:
    dbus = FakeDbus()
    notifier = Notifier(platform="linux", dbus=dbus)
    notifier.notify(NOTICE)
    assert dbus.on_closed is not None and dbus.on_action is not None
    dbus.on_closed(42)
    with qtbot.assertNotEmitted(notifier.activated, wait=200):
        dbus.on_action(42, "default")

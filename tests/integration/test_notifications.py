"""Real desktop notifications: dunst and dbus-monitor on a private bus under Xvfb.

A check-in falls due (driven by a clock the test moves), the reminder engine fires,
and the Notify call that reaches the daemon carries the expected words; discreet
mode hides the name; clicking the notification opens that person; its actions (Log a
check-in, Snooze, Open) chosen in dunst's own menu reach the window, even hidden in
the tray, and no other program can act in the daemon's place; and a missing daemon
is seen, recorded, and the tray message is used instead.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from jeepney import DBusAddress, HeaderFields
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.services import settings as keys
from supportdesk.services.application import Application
from supportdesk.services.clock import ManualClock
from supportdesk.services.reminders import ReminderService
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.store.models import NotificationLogRow
from supportdesk.ui import people_actions
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.events import Events
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.reminders.dbus_notify import PATH, SERVICE
from supportdesk.ui.reminders.install import RemindersUi
from supportdesk.ui.reminders.install import install as install_reminders
from supportdesk.ui.reminders.notifier import Notifier
from supportdesk.ui.reminders.timer import ReminderEngine
from tests.integration.reminders_desktop import Desktop, desktop, need

__all__ = ["desktop"]

# Known, not yet fixed: jeepney's receiver thread ends with Qt saying "startTimer: current
# thread's event dispatcher has already been destroyed" (it did before issue 14 too).
pytestmark = [pytest.mark.qt_log_ignore("event dispatcher has already been destroyed"),
              pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux D-Bus")]

START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)




@dataclass
class Running:
    session: Session
    clock: ManualClock
    service: ReminderService
    notifier: Notifier
    engine: ReminderEngine


@pytest.fixture
def running(
    desktop: Desktop, tmp_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Running]:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    db = database.connect(tmp_path / "supportdesk.db", db_key)
    migrations.migrate(db)
    clock = ManualClock(START)
    session = Session(db, clock=clock)
    app = Application(session)
    service = app.reminders
    service.tz = UTC
    notifier = Notifier(record=app.record_delivery, tray_message=lambda t, b: False)
    engine = ReminderEngine(app, notifier)
    yield Running(session, clock, service, notifier, engine)
    engine.stop()
    notifier.close()
    session.close()


def add_sam(running: Running) -> int:
    sam = running.session.network.save_supporter(
        Supporter(name="Sam", kind=Kind.FRIEND, ring=Ring.INNER))
    assert sam.id is not None
    return sam.id


def fall_due(running: Running) -> None:
    running.engine.start()
    assert running.engine.wakeup == START + timedelta(days=7)
    running.clock.now = running.engine.wakeup + timedelta(seconds=1)
    running.engine.timer.timeout.emit()  # what the single-shot timer does when it fires


def test_a_check_in_falling_due_sends_one_notify_call(running: Running,
                                                      desktop: Desktop) -> None:
    desktop.start_notification_daemon()
    add_sam(running)
    fall_due(running)
    calls = desktop.notify_calls()
    assert len(calls) == 1
    assert calls[0].app_name == "SupportDesk"
    assert calls[0].title == "Time to check in with Sam"
    assert calls[0].body == "A quick hello is enough. Open SupportDesk when you're ready."
    assert "default" in calls[0].actions
    logged = [(r.channel, bool(r.ok), r.count) for r in NotificationLogRow.select()]
    assert logged == [("dbus", True, 1)]
    # Shown once: the next look does not notify again.
    running.engine.refresh()
    assert len(desktop.notify_calls(count=2, timeout=1.0)) == 1


def test_discreet_mode_hides_the_name(running: Running, desktop: Desktop) -> None:
    desktop.start_notification_daemon()
    running.service.settings.set(keys.DISCREET, True)
    add_sam(running)
    fall_due(running)
    [call] = desktop.notify_calls()
    assert (call.title, call.body) == ("Time to reach out", "1 check-in is due.")
    assert "Sam" not in call.title + call.body


def test_clicking_the_notification_opens_that_person(
    running: Running, desktop: Desktop, qtbot: QtBot
) -> None:
    desktop.start_notification_daemon()
    sam_id = add_sam(running)
    fall_due(running)
    desktop.notify_calls()
    with qtbot.waitSignal(running.notifier.activated, timeout=10_000) as clicked:
        subprocess.run([need("dunstctl"), "action", "0"], env=desktop.env, check=True,
                       timeout=10)
    assert clicked.args == [sam_id]


def test_a_missing_daemon_is_detected_and_recorded(running: Running, desktop: Desktop) -> None:
    add_sam(running)
    fall_due(running)  # no daemon on the bus, and (here) no tray either
    rows = [(r.channel, bool(r.ok), r.detail) for r in NotificationLogRow.select()]
    assert rows[0][:2] == ("dbus", False)
    assert "ServiceUnknown" in rows[0][2] or "did not answer" in rows[0][2]
    assert rows[-1][:2] == ("none", False)
    # Not lost: once a daemon is there, the next look delivers it.
    desktop.start_notification_daemon()
    running.engine.refresh()
    assert [c.title for c in desktop.notify_calls() if c.app_name == "SupportDesk"][-1] == (
        "Time to check in with Sam")


MARKUP = '<b>Sam</b> & <img src="/etc/passwd"><a href="x">link</a>'
ESCAPED = ('&lt;b&gt;Sam&lt;/b&gt; &amp; &lt;img src="/etc/passwd"&gt;&lt;a href="x"&gt;link'
           '&lt;/a&gt;')


def two_with_markup_fall_due(running: Running) -> None:
    for name in (MARKUP, "Jo & Ana"):
        running.session.network.save_supporter(Supporter(name=name, kind=Kind.FRIEND,
                                                         ring=Ring.INNER))
    fall_due(running)


def shown_by_dunst(desktop: Desktop) -> str:
    """The newest notification's text as dunst draws it: its history holds the Pango
    markup it renders (tags drawn as formatting, entities as the characters)."""
    history = subprocess.run([need("dunstctl"), "history"], env=desktop.env,
                             capture_output=True, text=True, check=True, timeout=10)
    markup = str(json.loads(history.stdout)["data"][0][0]["message"]["data"])
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def test_a_server_that_reads_body_markup_gets_names_escaped(
    running: Running, desktop: Desktop
) -> None:
    """dunst with markup on ("body-markup"): the names in the body arrive escaped, so
    it shows them as typed; the summary is plain text by the spec."""
    desktop.start_notification_daemon("[global]\n    markup = full\n")
    two_with_markup_fall_due(running)
    [call] = desktop.notify_calls()
    assert call.title == "2 check-ins are due"
    assert call.body == f"{ESCAPED} and Jo &amp; Ana."
    subprocess.run([need("dunstctl"), "close-all"], env=desktop.env, check=True, timeout=10)
    assert f"{MARKUP} and Jo & Ana." in shown_by_dunst(desktop)


def test_a_server_without_body_markup_gets_the_names_as_typed(
    running: Running, desktop: Desktop
) -> None:
    desktop.start_notification_daemon()  # dunst's built-in settings: no markup
    two_with_markup_fall_due(running)
    [call] = desktop.notify_calls()
    assert call.body == f"{MARKUP} and Jo & Ana."


FALLBACK_SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    from supportdesk.services.reminders import Notice
    from supportdesk.ui.events import Events
    from supportdesk.ui.reminders.notifier import Notifier
    from supportdesk.ui.reminders.tray import ReminderTray

    app = QApplication(sys.argv)
    app.setApplicationName("tray-fallback")
    tray = ReminderTray(Events())
    shown = tray.show()
    app.processEvents()
    notifier = Notifier(tray_message=tray.show_message)
    body = sys.argv[1] if len(sys.argv) > 1 else "A quick hello."
    result = notifier.notify(Notice("Time to check in with Sam", body, 1, 3))
    app.processEvents()
    notifier.close()
    print(json.dumps({"tray": shown, "ok": result.ok, "channel": result.channel,
                      "failures": result.failures}))
""")


def test_a_missing_daemon_falls_back_to_the_tray_message(desktop: Desktop) -> None:
    desktop.start_tray_host()
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([sys.executable, "-c", FALLBACK_SCRIPT], env=env, cwd=Path.cwd(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["tray"] is True
    assert (result["ok"], result["channel"]) == (True, "tray")
    assert result["failures"][0].startswith("dbus: ")
    # Our own Notify call failed; the tray's message then went out as its own call.
    calls = desktop.notify_calls(count=2)
    assert [c.app_name for c in calls] == ["SupportDesk", "tray-fallback"]
    assert calls[1].title == "Time to check in with Sam"


def test_the_tray_message_escapes_markup_in_the_body(desktop: Desktop) -> None:
    """Qt sends the tray's message on as a Notify call (or draws its own balloon, a
    label that takes markup): either way the names in the body read as typed."""
    desktop.start_tray_host()
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([sys.executable, "-c", FALLBACK_SCRIPT, f"{MARKUP} and Jo & Ana."],
                          env=env, cwd=Path.cwd(), capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    calls = desktop.notify_calls(count=2)
    assert calls[1].app_name == "tray-fallback"
    assert calls[1].body == f"{ESCAPED} and Jo &amp; Ana."


# -- actions on the notification (Log a check-in, Snooze, Open) -----------------------

# Offscreen (this process's Qt) a window cannot be raised; it is still shown and active.
offscreen_raise = pytest.mark.qt_log_ignore("This plugin does not support raise")

PICK_ACTION = """#!/bin/sh
# dunst's context menu (its "dmenu"): choose the line whose action key is in the file.
grep -m1 -F ",$(cat "$1")]"
"""


@dataclass
class WindowApp:
    ctx: AppContext
    window: MainWindow
    reminders: RemindersUi
    sam_id: int


@pytest.fixture
def window_app(desktop: Desktop, tmp_path: Path, db_key: bytes, qtbot: QtBot,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[WindowApp]:
    """The main window as the app builds it (people actions and reminders installed),
    Sam due, and dunst whose context menu picks the action named in ``choice``."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    pick = tmp_path / "pick-action"
    pick.write_text(PICK_ACTION)
    pick.chmod(0o755)
    desktop.start_notification_daemon(
        f'[global]\n    dmenu = "{pick} {tmp_path / "choice"}"\n')
    db = database.connect(tmp_path / "supportdesk.db", db_key)
    migrations.migrate(db)
    clock = ManualClock(START)
    session = Session(db, clock=clock)
    ctx = AppContext(session, Events(), QUndoStack())
    ctx.app.reminders.tz = UTC
    sam = session.network.save_supporter(Supporter(name="Sam", kind=Kind.FRIEND,
                                                   ring=Ring.INNER))
    assert sam.id is not None
    clock.advance(timedelta(days=8))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    people_actions.install(window, ctx)
    reminders = install_reminders(window, ctx)
    yield WindowApp(ctx, window, reminders, sam.id)
    reminders.shutdown()
    ctx.close()


def choose_on_the_notification(desktop: Desktop, key: str, tmp_path: Path) -> None:
    """What a person does in dunst: open its menu of actions and pick one (over D-Bus:
    dunstctl asks the running daemon, which sends ActionInvoked as for a click)."""
    (tmp_path / "choice").write_text(key)
    subprocess.run([need("dunstctl"), "context"], env=desktop.env, check=True, timeout=10)


def test_a_reminder_about_one_person_offers_log_snooze_and_open_without_a_name(
    running: Running, desktop: Desktop
) -> None:
    desktop.start_notification_daemon()
    running.service.settings.set(keys.DISCREET, True)
    add_sam(running)
    fall_due(running)
    [call] = desktop.notify_calls()
    labels = dict(zip(call.actions[::2], call.actions[1::2], strict=False))
    assert {"log-checkin": "Log a check-in", "snooze-day": "Snooze until tomorrow",
            "open": "Open"}.items() <= labels.items()
    assert not any("Sam" in text for text in call.actions)


@offscreen_raise
def test_log_a_check_in_on_the_notification_opens_the_dialog_for_them_from_the_tray(
    window_app: WindowApp, desktop: Desktop, qtbot: QtBot, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: len(desktop.notify_calls(timeout=0.1)) == 1, timeout=10_000)
    window_app.window.close()  # to the tray (reminders are on)
    window_app.window.hide()  # offscreen there is no tray: hidden as the tray would keep it
    assert not window_app.window.isVisible()
    seen: dict[str, object] = {}

    def look_at_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CheckinDialog):
            QTimer.singleShot(50, look_at_the_dialog)
            return
        seen.update(window=window_app.window.isVisible(),
                    person=dialog.person_box.supporter_id(), focus=dialog.focusWidget())
        seen["mode_box"] = dialog.mode_box
        dialog.reject()

    QTimer.singleShot(0, look_at_the_dialog)
    choose_on_the_notification(desktop, "log-checkin", tmp_path)
    qtbot.waitUntil(lambda: "person" in seen, timeout=10_000)
    assert seen["window"] is True
    assert seen["person"] == window_app.sam_id
    assert seen["focus"] is seen["mode_box"]  # ready: who is chosen, "how" comes next


def test_snooze_on_the_notification_snoozes_them_until_tomorrow(
    window_app: WindowApp, desktop: Desktop, qtbot: QtBot, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: len(desktop.notify_calls(timeout=0.1)) == 1, timeout=10_000)
    choose_on_the_notification(desktop, "snooze-day", tmp_path)
    network = window_app.ctx.app.network

    def snoozed() -> datetime | None:
        return network.supporter(window_app.sam_id).cadence.snoozed_until

    qtbot.waitUntil(lambda: snoozed() is not None, timeout=10_000)
    assert snoozed() == datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
    assert window_app.reminders.service.due_now() == []


@offscreen_raise
def test_open_on_the_notification_shows_their_page(
    window_app: WindowApp, desktop: Desktop, qtbot: QtBot, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: len(desktop.notify_calls(timeout=0.1)) == 1, timeout=10_000)
    window_app.window.hide()
    choose_on_the_notification(desktop, "open", tmp_path)
    qtbot.waitUntil(lambda: window_app.window.isVisible()
                    and window_app.window.current_key == "person", timeout=10_000)
    assert getattr(window_app.window.page("person"), "supporter_id", None) == window_app.sam_id


def test_an_action_signal_from_another_program_is_not_believed(
    running: Running, desktop: Desktop, qtbot: QtBot
) -> None:
    """Only the server that showed the notification speaks for the person: the same
    ActionInvoked sent by any other connection on the bus changes nothing."""
    from jeepney import new_signal
    from jeepney.io.blocking import open_dbus_connection

    desktop.start_notification_daemon()
    sam_id = add_sam(running)
    fall_due(running)
    desktop.notify_calls()
    [notification_id] = list(running.notifier._targets)
    impostor = open_dbus_connection(bus="SESSION")
    try:
        with qtbot.assertNotEmitted(running.notifier.snooze_requested, wait=1500):
            impostor.send(new_signal(DBusAddress(PATH, interface=SERVICE), "ActionInvoked",
                                     "us", (notification_id, "snooze-day")))
    finally:
        impostor.close()
    # The real daemon is still heard.
    with qtbot.waitSignal(running.notifier.activated, timeout=10_000) as clicked:
        subprocess.run([need("dunstctl"), "action", "0"], env=desktop.env, check=True,
                       timeout=10)
    assert clicked.args == [sam_id]


def test_a_server_without_actions_gets_todays_notification(
    running: Running, desktop: Desktop
) -> None:
    """A notification server that does not list "actions" (some minimal ones) is sent
    the notification as before: clicking it opens SupportDesk, no buttons offered."""
    import threading

    from jeepney import new_method_return
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    server = open_dbus_connection(bus="SESSION")
    server.send_and_get_reply(message_bus.RequestName(SERVICE))
    stop = threading.Event()

    def answer() -> None:
        while not stop.is_set():
            try:
                message = server.receive(timeout=0.2)
            except TimeoutError:
                continue
            member = message.header.fields.get(HeaderFields.member)
            if member == "GetCapabilities":
                server.send(new_method_return(message, "as", (["body"],)))
            elif member == "Notify":
                server.send(new_method_return(message, "u", (7,)))

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        add_sam(running)
        fall_due(running)
        [call] = desktop.notify_calls()
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()
    assert call.title == "Time to check in with Sam"
    assert "default" in call.actions
    assert not {"log-checkin", "snooze-day", "open"} & set(call.actions)

"""The tray with a real tray host (status-notifier-watcher) under Xvfb.

The app runs in a subprocess on the xcb platform; the test talks to its tray icon
the way a desktop's panel does, over D-Bus: the item registers with the watcher,
shows the count in its tooltip, exports the menu, and clicking menu items reaches
the app. A last test starts the real app and closes its window: the process stays.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, MessageType, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from tests.integration.reminders_desktop import WATCHER, Desktop, close_windows_named, desktop

__all__ = ["desktop"]

pytestmark = [pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux tray host")]

TRAY_SCRIPT = textwrap.dedent("""
    import json, sys
    from datetime import UTC, datetime, timedelta
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon
    from supportdesk.core.schedule import DueItem
    from supportdesk.ui.events import Events
    from supportdesk.ui.reminders.tray import ReminderTray

    def say(**kw):
        print(json.dumps(kw), flush=True)

    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    events = Events()
    tray = ReminderTray(events)
    now = datetime.now(UTC)
    tray.update_due([DueItem(7, "Sam", now - timedelta(days=2), now, timedelta(days=2)),
                     DueItem(9, "Priya", now - timedelta(days=1), now, timedelta(days=1))],
                    paused=False)
    events.supporter_open_requested.connect(lambda sid: say(event="open_supporter", id=sid))
    events.checkin_log_requested.connect(lambda sid: say(event="log", id=sid))
    events.reach_out_requested.connect(lambda: say(event="reach_out"))
    tray.open_requested.connect(lambda: say(event="open"))
    tray.pause_toggled.connect(lambda on: say(event="pause", on=on))
    tray.snooze_all_requested.connect(lambda opt: say(event="snooze_all", option=opt))
    tray.quit_requested.connect(lambda: (say(event="quit"), app.quit()))
    shown = tray.show()
    QTimer.singleShot(300, lambda: say(event="ready", available=tray.available, shown=shown,
                                      visible=tray.icon.isVisible()))
    sys.exit(app.exec())
""")


class TrayApp:
    def __init__(self, desktop: Desktop, process: subprocess.Popen[str]) -> None:
        self.desktop = desktop
        self.process = process

    def next_event(self, timeout: float = 10.0) -> dict[str, Any]:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.strip().startswith("{"):
                return dict(json.loads(line))
            if not line and self.process.poll() is not None:
                break
        pytest.fail("the tray app said nothing")


@pytest.fixture
def tray_app(desktop: Desktop) -> Iterator[TrayApp]:
    desktop.start_tray_host()
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
    process = subprocess.Popen([sys.executable, "-c", TRAY_SCRIPT], env=env, cwd=Path.cwd(),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    app = TrayApp(desktop, process)
    try:
        yield app
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def bus(desktop: Desktop) -> DBusConnection:
    return open_dbus_connection(desktop.env["DBUS_SESSION_BUS_ADDRESS"])


def call(conn: DBusConnection, service: str, path: str, interface: str, method: str,
         signature: str = "", args: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    message = new_method_call(DBusAddress(path, bus_name=service, interface=interface),
                              method, signature, args)
    reply = conn.send_and_get_reply(message, timeout=5)
    assert reply.header.message_type == MessageType.method_return, reply.body
    return tuple(reply.body)


def get_property(conn: DBusConnection, service: str, path: str, interface: str,
                 name: str) -> Any:
    (variant,) = call(conn, service, path, "org.freedesktop.DBus.Properties", "Get", "ss",
                      (interface, name))
    return variant[1]


def registered_item(conn: DBusConnection) -> tuple[str, str]:
    deadline = time.monotonic() + 10
    items: list[str] = []
    while time.monotonic() < deadline:
        items = list(get_property(conn, WATCHER, "/StatusNotifierWatcher", WATCHER,
                                  "RegisteredStatusNotifierItems"))
        if items:
            break
        time.sleep(0.1)
    assert items, "the tray icon never registered with the tray host"
    service, _, path = items[0].partition("/")
    return service, "/" + path if path else "/StatusNotifierItem"


def menu_items(conn: DBusConnection, service: str, menu_path: str) -> dict[str, int]:
    """Label -> id for every item in the exported menu (submenus included)."""
    _revision, layout = call(conn, service, menu_path, "com.canonical.dbusmenu", "GetLayout",
                             "iias", (0, -1, []))
    found: dict[str, int] = {}

    def walk(node: Any) -> None:
        item_id, props, children = node
        label = props.get("label", ("s", ""))[1]
        if label:
            found[label.replace("&", "")] = item_id
        for child in children:
            walk(child[1])

    walk(layout)
    return found


def click(conn: DBusConnection, service: str, menu_path: str, item_id: int) -> None:
    call(conn, service, menu_path, "com.canonical.dbusmenu", "Event", "isvu",
         (item_id, "clicked", ("i", 0), 0))


def test_the_icon_shows_in_a_real_tray_with_the_count(tray_app: TrayApp) -> None:
    ready = tray_app.next_event()
    assert ready == {"event": "ready", "available": True, "shown": True, "visible": True}
    conn = bus(tray_app.desktop)
    try:
        service, path = registered_item(conn)
        tooltip = get_property(conn, service, path, "org.kde.StatusNotifierItem", "ToolTip")
        assert "2 check-ins are due" in json.dumps(tooltip)
        pixmaps = get_property(conn, service, path, "org.kde.StatusNotifierItem", "IconPixmap")
        assert pixmaps and pixmaps[0][0] > 0  # an icon was really drawn and sent
    finally:
        conn.close()


def test_menu_actions_work_from_the_tray_host(tray_app: TrayApp) -> None:
    tray_app.next_event()
    conn = bus(tray_app.desktop)
    try:
        service, path = registered_item(conn)
        menu_path = str(get_property(conn, service, path, "org.kde.StatusNotifierItem", "Menu"))
        items = menu_items(conn, service, menu_path)
        for label in ("Open SupportDesk", "Log a check-in…", "Due now (2)", "Snooze all",
                      "Pause reminders", "Reach out now", "Quit SupportDesk", "Sam", "Priya"):
            assert label in items, f"{label!r} missing from {sorted(items)}"

        click(conn, service, menu_path, items["Priya"])
        assert tray_app.next_event() == {"event": "open"}
        assert tray_app.next_event() == {"event": "open_supporter", "id": 9}
        click(conn, service, menu_path, items["Log a check-in…"])
        assert tray_app.next_event() == {"event": "open"}
        assert tray_app.next_event() == {"event": "log", "id": 0}
        click(conn, service, menu_path, items["Pause reminders"])
        assert tray_app.next_event() == {"event": "pause", "on": True}
        click(conn, service, menu_path, items["Tomorrow morning"])
        assert tray_app.next_event() == {"event": "snooze_all", "option": "tomorrow"}
        click(conn, service, menu_path, items["Quit SupportDesk"])
        assert tray_app.next_event() == {"event": "quit"}
        assert tray_app.process.wait(timeout=10) == 0
    finally:
        conn.close()


def test_closing_the_real_apps_window_keeps_it_running_in_the_tray(
    desktop: Desktop, tmp_path: Path
) -> None:
    if importlib.util.find_spec("supportdesk.app") is None:
        message = "the app's start-up module (supportdesk/app.py) is not there yet"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    desktop.start_tray_host()
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb",
           "SUPPORTDESK_DATA_DIR": str(tmp_path / "data")}
    app = subprocess.Popen([sys.executable, "-m", "supportdesk", "--demo"], env=env,
                           cwd=Path.cwd(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
    conn = bus(desktop)
    try:
        service, path = registered_item(conn)  # the real app put its icon in the tray
        deadline = time.monotonic() + 20
        while close_windows_named(desktop, "SupportDesk") == 0:
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            assert time.monotonic() < deadline, "the main window never appeared"
            time.sleep(0.2)
        time.sleep(2)
        assert app.poll() is None, "closing the window quit the app"
        menu_path = str(get_property(conn, service, path, "org.kde.StatusNotifierItem", "Menu"))
        click(conn, service, menu_path, menu_items(conn, service, menu_path)["Quit SupportDesk"])
        assert app.wait(timeout=20) == 0
    finally:
        conn.close()
        if app.poll() is None:
            app.kill()
            app.wait()
        if app.stderr is not None:
            app.stderr.close()

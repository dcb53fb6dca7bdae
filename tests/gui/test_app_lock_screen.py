"""The screen-lock watcher hears a real D-Bus ScreenSaver signal on a private bus."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.io.blocking import open_dbus_connection
from pytestqt.qtbot import QtBot

from supportdesk.ui.privacy.screen_lock import ScreenLockWatcher

pytestmark = pytest.mark.real


@pytest.fixture
def private_session_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if shutil.which("dbus-daemon") is None:
        if os.environ.get("CI"):
            pytest.fail("dbus-daemon is needed in CI")
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(timeout=5)
    daemon.stdout.close()


def _send_active_changed(active: bool) -> None:
    screensaver = DBusAddress("/org/freedesktop/ScreenSaver",
                              interface="org.freedesktop.ScreenSaver")
    with open_dbus_connection(bus="SESSION") as connection:
        connection.send(new_signal(screensaver, "ActiveChanged", "b", (active,)))


def test_screen_locking_is_heard_and_unlocking_is_not(
    private_session_bus: str, qtbot: QtBot
) -> None:
    watcher = ScreenLockWatcher()
    watcher.start()
    try:
        assert "org.freedesktop.ScreenSaver.ActiveChanged" in watcher.listening
        with qtbot.assertNotEmitted(watcher.screen_locked, wait=1500):
            _send_active_changed(False)
        with qtbot.waitSignal(watcher.screen_locked, timeout=5000):
            _send_active_changed(True)
    finally:
        watcher.stop()

"""The private test desktop itself: the real keyring keeps a key where secret-tool
reads it, the notification daemon receives what is sent, the tray host is there, and
scripts/test-env.sh stops everything it started and passes the exit code on."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import TEST_ENV, NotifyMonitor, PrivateDesktop

pytestmark = [pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktop")]


def test_keyring_key_is_what_secret_tool_reads(real_keyring: Any) -> None:
    from supportdesk.vault.keystore import KeyringKeyStore, store_checked

    if shutil.which("secret-tool") is None:
        pytest.fail("secret-tool is missing (apt-get install libsecret-tools)")
    store = KeyringKeyStore()
    vault_uuid = secrets.token_hex(8)
    key = secrets.token_bytes(32)
    store_checked(store, vault_uuid, key)
    looked_up = subprocess.run(
        ["secret-tool", "lookup", "service", "supportdesk", "username", f"vault:{vault_uuid}"],
        capture_output=True, text=True, timeout=20, check=True).stdout.strip()
    assert looked_up == key.hex()
    store.delete(vault_uuid)
    assert store.get(vault_uuid) is None


def test_notification_reaches_the_daemon(notification_daemon: NotifyMonitor,
                                         private_desktop: PrivateDesktop) -> None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    address = DBusAddress("/org/freedesktop/Notifications",
                          bus_name="org.freedesktop.Notifications",
                          interface="org.freedesktop.Notifications")
    message = new_method_call(address, "Notify", "susssasa{sv}i",
                              ("SupportDesk", 0, "", "Time to check in", "Say hello to Sam",
                               [], {}, 5000))
    with open_dbus_connection(bus=private_desktop.env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
        reply = bus.send_and_get_reply(message, timeout=10)
    assert reply.body[0] > 0
    calls = notification_daemon.wait_for(1)
    assert [(c.app_name, c.title, c.body) for c in calls] == [
        ("SupportDesk", "Time to check in", "Say hello to Sam")]


def test_tray_host_is_available_to_qt(tray_host: str, private_desktop: PrivateDesktop) -> None:
    probe = ("from PySide6.QtWidgets import QApplication, QSystemTrayIcon\n"
             "app = QApplication([])\n"
             "print(QSystemTrayIcon.isSystemTrayAvailable())\n")
    result = subprocess.run([sys.executable, "-c", probe], env=private_desktop.child_env(),
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip() == "True", result.stderr


def test_test_env_passes_exit_code_and_cleans_up(tmp_path: Path) -> None:
    if shutil.which("Xvfb") is None or shutil.which("dbus-daemon") is None:
        pytest.fail("Xvfb and dbus-daemon are needed (see scripts/system-packages.txt)")
    record = tmp_path / "seen"
    env = {k: v for k, v in os.environ.items() if k != "SUPPORTDESK_TEST_ENV"}
    result = subprocess.run(
        ["bash", str(TEST_ENV), "sh", "-c",
         'printf "%s\\n%s\\n%s\\n%s\\n" "$DISPLAY" "$HOME" "$SUPPORTDESK_TEST_ENV" '
         '"$SUPPORTDESK_TEST_XVFB_PID" > "$0"; exit 7',
         str(record)], env=env, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 7, result.stderr
    display, home, flag, xvfb_pid = record.read_text().splitlines()
    assert flag == "1"
    assert display.startswith(":")
    assert not Path(home).exists(), "the throwaway HOME was left behind"
    # Its own Xvfb ended (another program may take the display number at once, so the
    # number being free or not says nothing).
    assert xvfb_pid.isdigit()
    assert not _is_xvfb(int(xvfb_pid)), "Xvfb was left running"
    assert "missing" not in result.stderr, result.stderr


def _is_xvfb(pid: int) -> bool:
    """Whether ``pid`` is a running Xvfb (a pid may be reused, so the name is checked)."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text(errors="replace")
    zombie = stat.rpartition(")")[2].split()[:1] == ["Z"]
    return b"Xvfb" in command and not zombie


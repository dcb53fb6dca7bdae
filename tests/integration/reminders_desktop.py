"""A private desktop for the reminder integration tests: Xvfb, a session bus, dunst, a tray host.

Everything runs in a throwaway HOME on its own bus, so the user's desktop is never
touched. The bus has no service files, so nothing starts by itself: a missing
notification daemon stays missing. ``dbus-monitor`` records every
``org.freedesktop.Notifications`` call, so a test can read what was really sent.

A missing program skips the test locally and fails it when the env CI is set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pytest

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
NOTIFICATIONS = "org.freedesktop.Notifications"
WATCHER = "org.kde.StatusNotifierWatcher"
DISPLAY_NUMBER = int(os.environ.get("SUPPORTDESK_TEST_DISPLAY", "96"))


@dataclass(frozen=True)
class NotifyCall:
    app_name: str
    title: str
    body: str
    actions: tuple[str, ...]


def need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        message = f"{program} is not installed (see scripts/system-packages.txt)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _free_display() -> int:
    for number in range(DISPLAY_NUMBER, DISPLAY_NUMBER + 40):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(
                f"/tmp/.X{number}-lock").exists():
            return number
    pytest.fail("no free X display number for Xvfb")


def parse_notify_calls(monitor_output: str) -> list[NotifyCall]:
    """The Notify method calls in ``dbus-monitor`` output, in order."""
    calls = []
    for block in monitor_output.split("method call ")[1:]:
        if "member=Notify" not in block.splitlines()[0]:
            continue
        strings = re.findall(r'^\s+string "(.*)"$', block, flags=re.MULTILINE)
        if len(strings) < 4:
            continue
        app_name, _icon, title, body, *rest = strings
        actions = tuple(rest[: len(rest) - len(rest) % 2]) if rest else ()
        calls.append(NotifyCall(app_name, title, body, actions))
    return calls


@dataclass
class Desktop:
    root: Path
    env: dict[str, str]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: dict[str, BinaryIO] = field(default_factory=dict)

    @property
    def monitor_log(self) -> Path:
        return self.root / "dbus-monitor.log"

    def _start(self, name: str, argv: list[str], log: Path | None = None) -> None:
        out = open(log or (self.root / f"{name}.log"), "wb")  # noqa: SIM115
        self.logs[name] = out
        self.processes[name] = subprocess.Popen(argv, env=self.env, stdout=out,
                                                stderr=subprocess.STDOUT)

    def wait_for_name(self, name: str, present: bool = True, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.has_name(name) is present:
                return
            time.sleep(0.05)
        pytest.fail(f"{name} did not {'appear on' if present else 'leave'} the test bus")

    def has_name(self, name: str) -> bool:
        result = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
            env=self.env, capture_output=True, text=True, timeout=5, check=False)
        return "boolean true" in result.stdout

    def start_notification_daemon(self, config: str = "") -> None:
        """dunst with its built-in settings, or with ``config`` (a dunstrc's text)."""
        path = "/dev/null"
        if config:
            path = str(self.root / "dunstrc")
            (self.root / "dunstrc").write_text(config)
        self._start("dunst", [need("dunst"), "-config", path])
        self.wait_for_name(NOTIFICATIONS)

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log = self.logs.pop(name, None)
        if log is not None:
            log.close()

    def stop_notification_daemon(self) -> None:
        self.stop("dunst")
        self.wait_for_name(NOTIFICATIONS, present=False)

    def start_tray_host(self) -> None:
        self._start("watcher", [need("status-notifier-watcher")])
        self.wait_for_name(WATCHER)

    def notify_calls(self, count: int = 1, timeout: float = 10.0) -> list[NotifyCall]:
        """Wait until at least ``count`` Notify calls were seen; return them all."""
        deadline = time.monotonic() + timeout
        calls: list[NotifyCall] = []
        while time.monotonic() < deadline:
            calls = parse_notify_calls(self.monitor_log.read_text(errors="replace"))
            if len(calls) >= count:
                return calls
            time.sleep(0.05)
        return calls

    def close(self) -> None:
        for name in list(self.processes)[::-1]:
            self.stop(name)


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    """Xvfb + a private session bus + dbus-monitor; daemons are started by each test."""
    for program in ("Xvfb", "dbus-daemon", "dbus-monitor", "dbus-send"):
        need(program)
    root = tmp_path / "desktop"
    home = root / "home"
    for folder in (home, root / "bus", root / "runtime"):
        folder.mkdir(parents=True)
    (root / "runtime").chmod(0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_"))}
    display = _free_display()
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_DATA_HOME": str(home / ".local" / "share"),
                "XDG_RUNTIME_DIR": str(root / "runtime"), "DISPLAY": f":{display}"})
    config = root / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=root / "bus"))
    bus = subprocess.run(["dbus-daemon", f"--config-file={config}", "--fork",
                          "--print-address=1", "--print-pid=1"],
                         env=env, capture_output=True, text=True, timeout=10, check=True)
    address, pid = bus.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    desk = Desktop(root, env)
    try:
        desk._start("xvfb", ["Xvfb", f":{display}", "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"])
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display}").exists():
            if time.monotonic() > deadline:
                pytest.fail("Xvfb did not start")
            time.sleep(0.05)
        desk._start("monitor", ["dbus-monitor", "--session",
                                f"interface='{NOTIFICATIONS}'"], log=desk.monitor_log)
        time.sleep(0.3)  # the monitor must be listening before anything is sent
        yield desk
    finally:
        desk.close()
        subprocess.run(["kill", pid], check=False)


def close_windows_named(desktop: Desktop, name: str) -> int:
    """Ask each visible window titled ``name`` to close, as a window's close button does.

    Sends WM_DELETE_WINDOW (an X client message) through libX11; returns how many.
    """
    import ctypes
    import ctypes.util

    found = subprocess.run([need("xdotool"), "search", "--onlyvisible", "--name", name],
                           env=desktop.env, capture_output=True, text=True, timeout=10,
                           check=False).stdout.split()
    if not found:
        return 0
    library = ctypes.util.find_library("X11")
    if library is None:
        pytest.fail("libX11 is missing")
    x11 = ctypes.cdll.LoadLibrary(library)
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                               ctypes.c_void_p]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                    ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                    ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]

    class Event(ctypes.Union):
        _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]

    display = x11.XOpenDisplay(desktop.env["DISPLAY"].encode())
    try:
        protocols = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
        delete = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        for window in found:
            event = Event()
            event.xclient.type = 33  # ClientMessage
            event.xclient.window = int(window)
            event.xclient.message_type = protocols
            event.xclient.format = 32
            event.xclient.data[0] = delete
            x11.XSendEvent(display, int(window), 0, 0, ctypes.byref(event))
        x11.XFlush(display)
    finally:
        x11.XCloseDisplay(display)
    return len(found)

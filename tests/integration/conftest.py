"""Real components for integration tests: a display, a session bus, the Secret Service
keyring, a notification daemon and a tray host.

Under ``scripts/test-env.sh`` (``make test``, CI) they are already running and this
module only checks them. Run on its own (``pytest tests/integration``), it starts the
same private desktop once per session through ``scripts/test-env.sh`` itself, so there
is one piece of code that knows how to start them.

A missing component skips the test with its name; when the env CI is set it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from tests.integration.reminders_desktop import NotifyCall, parse_notify_calls

REPO = Path(__file__).resolve().parents[2]
TEST_ENV = REPO / "scripts" / "test-env.sh"
NOTIFICATIONS = "org.freedesktop.Notifications"
SECRETS = "org.freedesktop.secrets"
WATCHER = "org.kde.StatusNotifierWatcher"
DESKTOP_KEYS = ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_CONFIG_HOME",
                "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
                "GNOME_KEYRING_CONTROL", "SUPPORTDESK_TEST_ENV")


def missing(what: str) -> None:
    """Skip for a missing component; fail instead when CI is set."""
    message = f"{what} (run the tests through scripts/test-env.sh or `make test`)"
    if os.environ.get("CI"):
        pytest.fail(f"missing in CI: {message}", pytrace=False)
    pytest.skip(message)


@dataclass
class PrivateDesktop:
    """The environment of a private desktop: what a child process should inherit."""

    env: dict[str, str]

    def has_name(self, name: str) -> bool:
        if not self.env.get("DBUS_SESSION_BUS_ADDRESS") or shutil.which("dbus-send") is None:
            return False
        result = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
            env=self.env, capture_output=True, text=True, timeout=10, check=False)
        return "boolean true" in result.stdout

    def child_env(self) -> dict[str, str]:
        """For a subprocess that should draw real windows (not offscreen)."""
        env = dict(self.env)
        env.pop("QT_QPA_PLATFORM", None)
        return env


def _start_private_desktop(root: Path) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    env_file = root / "desktop.env"
    log = root / "test-env.log"
    with open(log, "wb") as log_out:
        process = subprocess.Popen(
            ["bash", str(TEST_ENV), "sh", "-c", 'env -0 > "$1.part" && mv "$1.part" "$1"; '
             "cat > /dev/null", "sh", str(env_file)],
            stdin=subprocess.PIPE, stdout=log_out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while not env_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("scripts/test-env.sh did not start:\n" + log.read_text())
        time.sleep(0.05)
    pairs = (entry.split("=", 1) for entry in env_file.read_text().split("\0") if "=" in entry)
    return process, dict(pairs)


@pytest.fixture(scope="session")
def private_desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateDesktop]:
    """The test-env desktop: the one we run in, or one started for this session."""
    if os.environ.get("SUPPORTDESK_TEST_ENV") == "1":
        yield PrivateDesktop(dict(os.environ))
        return
    if shutil.which("bash") is None or not sys.platform.startswith("linux"):
        yield PrivateDesktop(dict(os.environ))
        return
    process, env = _start_private_desktop(tmp_path_factory.mktemp("desktop"))
    try:
        yield PrivateDesktop(env)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def display(private_desktop: PrivateDesktop, monkeypatch: pytest.MonkeyPatch) -> str:
    """A running X display (Xvfb); DISPLAY is set for this test."""
    value = private_desktop.env.get("DISPLAY", "")
    number = value.lstrip(":").split(".")[0]
    if not number.isdigit() or not Path(f"/tmp/.X11-unix/X{number}").exists():
        missing("no X display: Xvfb is not installed or did not start")
    monkeypatch.setenv("DISPLAY", value)
    return value


@pytest.fixture
def session_bus(private_desktop: PrivateDesktop, monkeypatch: pytest.MonkeyPatch) -> str:
    """A private session D-Bus, with this test's HOME and XDG folders pointing at the
    throwaway ones that belong to it."""
    address = private_desktop.env.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address or not private_desktop.has_name("org.freedesktop.DBus"):
        missing("no private session D-Bus (dbus-daemon)")
    for key in DESKTOP_KEYS:
        if key in private_desktop.env:
            monkeypatch.setenv(key, private_desktop.env[key])
    return address


@pytest.fixture(scope="session")
def _secret_service_works(private_desktop: PrivateDesktop) -> str:
    """Checked once in a child process, so a locked keyring's prompt cannot hang us."""
    if not private_desktop.has_name(SECRETS):
        return "no Secret Service on the bus (gnome-keyring is not installed or not running)"
    probe = (
        "import keyring\n"
        "k = keyring.get_keyring()\n"
        "assert type(k).__module__ == 'keyring.backends.SecretService', type(k)\n"
        "k.set_password('supportdesk-test-probe', 'probe', 'ok')\n"
        "assert k.get_password('supportdesk-test-probe', 'probe') == 'ok'\n"
        "k.delete_password('supportdesk-test-probe', 'probe')\n"
    )
    try:
        result = subprocess.run([sys.executable, "-c", probe], env=private_desktop.env,
                                capture_output=True, text=True, timeout=30, check=False)
    except subprocess.TimeoutExpired:
        return "the Secret Service did not answer (a locked keyring waiting for a password?)"
    if result.returncode != 0:
        return "the Secret Service keyring did not keep a value: " + result.stderr[-400:]
    return ""


@pytest.fixture
def real_keyring(session_bus: str, _secret_service_works: str) -> Iterator[Any]:
    """The real, unlocked Secret Service keyring on the private bus.

    Returns the keyring backend in use; ``KeyringKeyStore()`` made inside the test uses
    it. Entries this test leaves behind stay in the throwaway keyring only.
    """
    if _secret_service_works:
        missing(_secret_service_works)
    import keyring
    from keyring.backends import SecretService

    previous = keyring.get_keyring()
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    assert type(keyring.get_keyring()).__module__ == "keyring.backends.SecretService"
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


class NotifyMonitor:
    """Records every org.freedesktop.Notifications call on the bus (dbus-monitor)."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self._log_path = log
        self._log: BinaryIO = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            ["dbus-monitor", "--session", f"interface='{NOTIFICATIONS}'"],
            env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 5
        # dbus-monitor prints its own NameAcquired signal once it is listening.
        while b"NameAcquired" not in log.read_bytes() and time.monotonic() < deadline:
            time.sleep(0.05)

    def calls(self) -> list[NotifyCall]:
        return parse_notify_calls(self._log_path.read_text(errors="replace"))

    def wait_for(self, count: int = 1, timeout: float = 15.0) -> list[NotifyCall]:
        """At least ``count`` Notify calls, or as many as came within ``timeout``."""
        deadline = time.monotonic() + timeout
        calls = self.calls()
        while len(calls) < count and time.monotonic() < deadline:
            time.sleep(0.05)
            calls = self.calls()
        return calls

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()


@pytest.fixture
def notification_daemon(session_bus: str, display: str, private_desktop: PrivateDesktop,
                        tmp_path: Path) -> Iterator[NotifyMonitor]:
    """A running notification daemon (dunst), with a monitor of the Notify calls sent."""
    if shutil.which("dbus-monitor") is None:
        missing("dbus-monitor is not installed (apt-get install dbus-bin)")
    if not private_desktop.has_name(NOTIFICATIONS):
        missing("no notification daemon owns org.freedesktop.Notifications (dunst)")
    monitor = NotifyMonitor(private_desktop.env, tmp_path / "notify-monitor.log")
    try:
        yield monitor
    finally:
        monitor.stop()


@pytest.fixture
def tray_host(session_bus: str, display: str, private_desktop: PrivateDesktop) -> str:
    """A system tray host (status-notifier-watcher) on the private bus."""
    if not private_desktop.has_name(WATCHER):
        missing("no tray host owns org.kde.StatusNotifierWatcher (status-notifier-watcher)")
    return WATCHER


INTEGRATION_FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture(scope="session")
def integration_figures(request: pytest.FixtureRequest) -> list[str]:
    """Lines printed at the end of the run, as the reliability suite prints its figures."""
    return request.config.stash.setdefault(INTEGRATION_FIGURES, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            config: pytest.Config) -> None:
    lines = config.stash.get(INTEGRATION_FIGURES, None)
    if lines:
        terminalreporter.write_sep("=", "integration figures")
        for line in lines:
            terminalreporter.write_line(line)

"""Start at login: an XDG autostart entry, the Windows Run key, or a macOS LaunchAgent.

Each platform has a pure function for *what* would be written (tested everywhere)
and a small writer for *where*. The app starts with ``--minimized`` so it goes
straight to the tray. A frozen build starts its own executable; a source install
starts ``python -m supportdesk``.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import plistlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from supportdesk.core.errors import StorageError

APP_NAME = "SupportDesk"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
LAUNCH_AGENT_LABEL = "org.supportdesk.SupportDesk"
MINIMIZED = "--minimized"


def launch_command(frozen: bool | None = None, executable: str | None = None,
                   env: dict[str, str] | None = None) -> list[str]:
    """The command that starts SupportDesk minimised, for this install.

    A frozen build starts itself (an AppImage by its own path, not the temporary
    mount it runs from); a source install starts the package with its Python,
    windowless (pythonw) on Windows.
    """
    environ = os.environ if env is None else env
    is_frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    program = executable or sys.executable
    if is_frozen:
        return [environ.get("APPIMAGE") or program, MINIMIZED]
    windowless = Path(program).with_name("pythonw.exe")
    if program.lower().endswith("python.exe") and windowless.exists():
        program = str(windowless)
    return [program, "-m", "supportdesk", MINIMIZED]


# -- Linux (XDG) -------------------------------------------------------------

def xdg_entry_path(env: dict[str, str] | None = None) -> Path:
    environ = os.environ if env is None else env
    config = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")) / ".config")
    return Path(config).expanduser() / "autostart" / "supportdesk.desktop"


def _desktop_exec_quote(arg: str) -> str:
    """Quote one argument as the Desktop Entry spec asks for Exec."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`%'):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace(
        "$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def xdg_entry(command: Sequence[str]) -> str:
    exec_line = " ".join(_desktop_exec_quote(a) for a in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Check-in reminders for your support network\n"
        f"Exec={exec_line}\n"
        "Icon=supportdesk\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


# -- Windows (HKCU Run) --------------------------------------------------------

class RegistryKey(Protocol):
    """What the Run-key writer needs of winreg (a fake stands in for it in tests)."""

    HKEY_CURRENT_USER: Any
    KEY_SET_VALUE: int
    REG_SZ: int

    def OpenKey(self, key: Any, sub_key: str, reserved: int, access: int) -> Any: ...
    def SetValueEx(self, key: Any, name: str, reserved: int, type: int,
                   value: str) -> None: ...
    def DeleteValue(self, key: Any, name: str) -> None: ...
    def CloseKey(self, key: Any) -> None: ...


def windows_run_value(command: Sequence[str]) -> str:
    """``"C:\\path\\SupportDesk.exe" --minimized``: the program always quoted."""
    return f'"{command[0]}" {subprocess.list2cmdline(list(command[1:]))}'.rstrip()


def set_windows_run(registry: RegistryKey, command: Sequence[str] | None) -> None:
    """Write the Run value (``command``) or remove it (None)."""
    key = registry.OpenKey(registry.HKEY_CURRENT_USER, RUN_KEY, 0, registry.KEY_SET_VALUE)
    try:
        if command is None:
            with contextlib.suppress(FileNotFoundError):
                registry.DeleteValue(key, APP_NAME)
        else:
            registry.SetValueEx(key, APP_NAME, 0, registry.REG_SZ, windows_run_value(command))
    finally:
        registry.CloseKey(key)


# -- macOS (LaunchAgent) -------------------------------------------------------

def launch_agent_path(home: Path | None = None) -> Path:
    return (home or Path.home()) / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


def launch_agent(command: Sequence[str]) -> bytes:
    return plistlib.dumps({
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    })


# -- the switch ------------------------------------------------------------------

def _write_file(path: Path, content: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(path.name + ".tmp")
        temp.write_bytes(content)
        os.replace(temp, path)
    except OSError as error:
        raise StorageError("SupportDesk could not set itself to start at login.",
                           hint="Check that your settings folder can be written to.") from error


def _remove_file(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise StorageError("SupportDesk could not stop itself starting at login.",
                           hint="Check that your settings folder can be written to.") from error


def _winreg() -> Any:
    """winreg, only importable on Windows (typed loosely so mypy passes everywhere)."""
    return importlib.import_module("winreg")


def entry_location(platform: str | None = None) -> Path | None:
    """The file that makes SupportDesk start at login here (None on Windows)."""
    system = platform or sys.platform
    if system.startswith("win"):
        return None
    if system == "darwin":
        return launch_agent_path()
    return xdg_entry_path()


def is_enabled(platform: str | None = None) -> bool:
    system = platform or sys.platform
    location = entry_location(system)
    if location is not None:
        return location.exists()
    winreg = _winreg()
    try:
        key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_READ)
        try:
            winreg.QueryValueEx(key, APP_NAME)
            return True
        finally:
            winreg.CloseKey(key)
    except OSError:
        return False


def set_enabled(enabled: bool, command: Sequence[str] | None = None,
                platform: str | None = None) -> None:
    """Turn start-at-login on (writing the entry) or off (removing it)."""
    system = platform or sys.platform
    argv = list(command or launch_command())
    if system.startswith("win"):
        try:
            set_windows_run(_winreg(), argv if enabled else None)
        except OSError as error:
            raise StorageError("SupportDesk could not change whether it starts at login.",
                               hint="Your account may not allow it.") from error
        return
    location = entry_location(system)
    assert location is not None
    if not enabled:
        _remove_file(location)
    elif system == "darwin":
        _write_file(location, launch_agent(argv))
    else:
        _write_file(location, xdg_entry(argv).encode("utf-8"))


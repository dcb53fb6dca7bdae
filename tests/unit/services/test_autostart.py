"""What start-at-login would write on each platform, checked on any machine."""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any

import pytest

from supportdesk.services import autostart


def test_a_frozen_app_starts_its_own_executable_minimised() -> None:
    assert autostart.launch_command(frozen=True, executable="/opt/SupportDesk/supportdesk",
                                    env={}) == [
        "/opt/SupportDesk/supportdesk", "--minimized"]


def test_an_appimage_starts_from_its_own_file_not_its_mount() -> None:
    command = autostart.launch_command(frozen=True, executable="/tmp/.mount_Sup123/supportdesk",
                                       env={"APPIMAGE": "/home/sam/Apps/SupportDesk.AppImage"})
    assert command == ["/home/sam/Apps/SupportDesk.AppImage", "--minimized"]


def test_windows_source_install_starts_without_a_console(tmp_path: Path) -> None:
    (tmp_path / "pythonw.exe").touch()
    command = autostart.launch_command(frozen=False, executable=str(tmp_path / "python.exe"))
    assert command[0] == str(tmp_path / "pythonw.exe")


def test_a_source_install_starts_the_package_with_python() -> None:
    assert autostart.launch_command(frozen=False, executable="/usr/bin/python3") == [
        "/usr/bin/python3", "-m", "supportdesk", "--minimized"]


def test_the_xdg_entry_runs_the_command_with_paths_quoted() -> None:
    entry = autostart.xdg_entry(["/home/sam/My Apps/python3", "-m", "supportdesk", "--minimized"])
    lines = entry.splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert "Type=Application" in lines
    assert 'Exec="/home/sam/My Apps/python3" -m supportdesk --minimized' in lines
    assert "Name=SupportDesk" in lines


def test_the_xdg_entry_lives_in_xdg_config_home_when_set(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    assert autostart.xdg_entry_path(env) == tmp_path / "cfg" / "autostart" / "supportdesk.desktop"
    del env["XDG_CONFIG_HOME"]
    assert autostart.xdg_entry_path(env) == (
        tmp_path / "home" / ".config" / "autostart" / "supportdesk.desktop")


class FakeRegistry:
    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], tuple[int, str]] = {}
        self.open_keys = 0

    def OpenKey(self, key: Any, sub_key: str, reserved: int, access: int) -> Any:
        self.open_keys += 1
        return f"{key}\\{sub_key}"

    def SetValueEx(self, key: Any, name: str, reserved: int, type: int,
                   value: str) -> None:
        self.values[(key, name)] = (type, value)

    def DeleteValue(self, key: Any, name: str) -> None:
        if (key, name) not in self.values:
            raise FileNotFoundError(name)
        del self.values[(key, name)]

    def CloseKey(self, key: Any) -> None:
        self.open_keys -= 1


def test_windows_run_key_holds_the_quoted_program_and_minimized() -> None:
    registry = FakeRegistry()
    exe = r"C:\Program Files\SupportDesk\SupportDesk.exe"
    autostart.set_windows_run(registry, [exe, "--minimized"])
    run_key = "HKCU\\" + autostart.RUN_KEY
    assert registry.values == {
        (run_key, "SupportDesk"): (registry.REG_SZ, f'"{exe}" --minimized')}
    autostart.set_windows_run(registry, None)
    assert registry.values == {}
    autostart.set_windows_run(registry, None)  # already off: still fine
    assert registry.open_keys == 0


def test_macos_launch_agent_runs_at_load() -> None:
    agent = plistlib.loads(autostart.launch_agent(["/Applications/SupportDesk.app/Contents/MacOS/"
                                                   "SupportDesk", "--minimized"]))
    assert agent["Label"] == "org.supportdesk.SupportDesk"
    assert agent["RunAtLoad"] is True
    assert agent["ProgramArguments"][-1] == "--minimized"
    assert autostart.launch_agent_path(Path("/Users/sam")) == Path(
        "/Users/sam/Library/LaunchAgents/org.supportdesk.SupportDesk.plist")


def test_macos_writer_writes_and_removes_the_agent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    autostart.set_enabled(True, ["/x/SupportDesk", "--minimized"], platform="darwin")
    path = tmp_path / "Library" / "LaunchAgents" / "org.supportdesk.SupportDesk.plist"
    assert plistlib.loads(path.read_bytes())["ProgramArguments"] == ["/x/SupportDesk",
                                                                    "--minimized"]
    assert autostart.is_enabled("darwin")
    autostart.set_enabled(False, platform="darwin")
    assert not path.exists()

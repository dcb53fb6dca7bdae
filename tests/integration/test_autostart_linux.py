"""Start at login on Linux: the real entry appears in a throwaway HOME and goes away again."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

import pytest

from supportdesk.core.errors import StorageError
from supportdesk.services import autostart

pytestmark = [pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return tmp_path


def test_enabling_writes_a_desktop_entry_that_starts_minimised(home: Path) -> None:
    autostart.set_enabled(True)
    entry = home / ".config" / "autostart" / "supportdesk.desktop"
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read(entry)
    exec_line = parsed["Desktop Entry"]["Exec"]
    assert exec_line.endswith("-m supportdesk --minimized")
    assert sys.executable in exec_line
    assert autostart.is_enabled()

    autostart.set_enabled(False)
    assert not entry.exists()
    assert not autostart.is_enabled()


def test_xdg_config_home_is_respected(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "elsewhere"))
    autostart.set_enabled(True)
    assert (home / "elsewhere" / "autostart" / "supportdesk.desktop").is_file()
    assert not (home / ".config").exists()


def test_an_unwritable_folder_is_a_plain_error(home: Path) -> None:
    (home / ".config").write_text("a file where the folder should be")
    with pytest.raises(StorageError, match="start at login"):
        autostart.set_enabled(True)

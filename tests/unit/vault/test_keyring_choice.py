"""The keyring backend is chosen directly: the person's keyring settings, else the platform's.

Checked in child processes, because what is loaded is the point: choosing must not
import (and so probe) the backends of other platforms, nor keyring's own detection.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from supportdesk.core.errors import KeyringUnavailableError
from supportdesk.vault import keyring_choice
from supportdesk.vault.keyring_choice import (
    BackendNotLoaded,
    choose_backend,
    configured_backend_name,
    platform_backend_name,
)
from supportdesk.vault.keystore import NO_KEYRING, NOT_LOADED, KeyringKeyStore

REPO = Path(__file__).resolve().parents[3]
FILE_BACKEND = "tests.reliability.file_keyring.FileKeyring"


def write_config(folder: Path, text: str) -> Path:
    path = folder / "python_keyring" / "keyringrc.cfg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("platform", "name"), [
    ("linux", "keyring.backends.SecretService.Keyring"),
    ("freebsd14", "keyring.backends.SecretService.Keyring"),
    ("darwin", "keyring.backends.macOS.Keyring"),
    ("win32", "keyring.backends.Windows.WinVaultKeyring"),
    ("sunos5", None),
])
def test_each_platform_has_its_own_keyring(platform: str, name: str | None) -> None:
    assert platform_backend_name(platform) == name


def test_the_environment_variable_comes_first(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPORTDESK_TEST_KEYRING_FILE", str(tmp_path / "k.json"))
    config = write_config(tmp_path, "[backend]\ndefault-keyring = keyring.backends.null.Keyring\n")
    environ = {"PYTHON_KEYRING_BACKEND": FILE_BACKEND}
    assert configured_backend_name(environ, config) == FILE_BACKEND
    assert type(choose_backend("linux", environ, config)).__name__ == "FileKeyring"


def test_the_config_file_is_honoured_when_no_variable_is_set(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[backend]\ndefault-keyring = keyring.backends.null.Keyring\n")
    assert configured_backend_name({}, config) == "keyring.backends.null.Keyring"
    from keyring.backends import null

    assert isinstance(choose_backend("win32", {}, config), null.Keyring)


def test_a_config_file_without_a_backend_leaves_the_platform_choice(tmp_path: Path) -> None:
    for text in ("", "[backend]\nkeyring-path = /nowhere\n", "[other]\nx = 1\n", "not ini {"):
        config = write_config(tmp_path, text)
        assert configured_backend_name({}, config) is None
    assert configured_backend_name({}, tmp_path / "missing.cfg") is None


def test_the_config_files_keyring_path_is_added(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "own_keyring_pkg").mkdir(parents=True)
    (plugins / "own_keyring_pkg" / "__init__.py").write_text(
        "from keyring.backends import null\n\n\nclass Own(null.Keyring):\n    priority = 3\n",
        encoding="utf-8")
    config = write_config(tmp_path, f"[backend]\ndefault-keyring = own_keyring_pkg.Own\n"
                                    f"keyring-path = {plugins}\n")
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert type(choose_backend("linux", {}, config)).__name__ == "Own"


def test_a_configured_backend_that_cannot_load_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(BackendNotLoaded):
        choose_backend("linux", {"PYTHON_KEYRING_BACKEND": "no.such.Backend"}, tmp_path / "x")
    # The macOS keychain names a backend that cannot work on Linux: its priority says so.
    if not sys.platform.startswith("darwin"):
        with pytest.raises(BackendNotLoaded):
            choose_backend("linux", {"PYTHON_KEYRING_BACKEND": "keyring.backends.macOS.Keyring"},
                           tmp_path / "x")


def test_the_keystore_turns_a_configured_backend_that_cannot_load_into_a_clear_message(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.Backend")
    with pytest.raises(KeyringUnavailableError) as raised:
        KeyringKeyStore().get("some-uuid")
    assert str(raised.value).startswith(NOT_LOADED)


def test_the_config_file_is_where_keyring_itself_looks(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring import core

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    assert keyring_choice._config_file() == Path(core._config_path())


def _in_child(code: str, env: dict[str, str]) -> dict[str, object]:
    child = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                           text=True, timeout=60, check=True,
                           env={**os.environ, "PYTHONPATH": str(REPO), **env})
    result: dict[str, object] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


CHOOSE = """
import json, sys
from supportdesk.vault.keystore import KeyringKeyStore
name = KeyringKeyStore().backend_name
# The null and fail backends are keyring's own stand-ins (no probing); not counted.
probed = [m for m in sys.modules if m.startswith("keyring.backends.")
          and m.split(".")[2] not in ("null", "fail")]
print(json.dumps({"name": name, "loaded": sorted({m.split(".")[2] for m in probed})}))
"""


# Without a session bus here the Secret Service cannot answer: asking once is enough.
ASK_ONCE = """
from supportdesk.core.errors import KeyringUnavailableError
store = KeyringKeyStore()
try:
    store.get("some-uuid")
except KeyringUnavailableError:
    pass
name = type(store._backend).__module__ + "." + type(store._backend).__name__
"""


CHOOSE_WITH_KEYRING = CHOOSE.replace(
    '"loaded": ', '"keyring": "keyring" in sys.modules, "told": told, "loaded": ')


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux choice")
def test_on_linux_the_secret_service_is_reached_without_keyring_at_all(
        tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path), "PYTHON_KEYRING_BACKEND": "",
           "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"}
    ask = ASK_ONCE.replace("except KeyringUnavailableError:\n    pass",
                           "except KeyringUnavailableError as error:\n    told = error.message")
    ask = "told = None\n" + ask
    seen = _in_child(CHOOSE_WITH_KEYRING.replace(
        "name = KeyringKeyStore().backend_name", ask + "name = store.backend_name"), env)
    # vault.json keeps keyring's name for it, as vaults made before this recorded it
    assert seen["name"] == "keyring.backends.SecretService.Keyring"
    assert seen["loaded"] == []
    assert seen["keyring"] is False  # about 40 ms of imports (jaraco, urllib, email)
    assert seen["told"] == NO_KEYRING  # no bus here: told as keyring's backend told it


def test_a_configured_backend_is_used_and_nothing_else_is_loaded(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path), "PYTHON_KEYRING_BACKEND": FILE_BACKEND,
           "SUPPORTDESK_TEST_KEYRING_FILE": str(tmp_path / "k.json")}
    seen = _in_child(CHOOSE, env)
    assert seen["name"] == FILE_BACKEND
    assert seen["loaded"] == []

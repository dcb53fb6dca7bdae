"""Which keyring backend holds the vault's key: the person's own choice, else this platform's.

``keyring.get_keyring()`` imports every backend it knows and asks each how well it
would work: on Linux that loads the macOS backend (which runs ``ldconfig`` and the C
compiler looking for the Security framework), reads every installed package's entry
points and asks KWallet over D-Bus: about 145 ms before the first key is read. Only
one backend can apply on each platform, so it is chosen by name:

1. ``PYTHON_KEYRING_BACKEND``, when set (keyring's own variable, read as keyring reads it);
2. else ``keyringrc.cfg`` in keyring's config folder, when it names a backend
   (``[backend] default-keyring``, with its ``keyring-path``);
3. else the Secret Service on Linux and the BSDs (through secretstorage directly,
   ``vault/secret_service.py``: keyring itself is then never imported, about 40 ms of
   every start and command; without secretstorage it is "no keyring", as with keyring's
   backend), the
   Keychain on macOS, Credential Manager on Windows;
4. else (another platform) keyring's own detection.

The backend chosen is never probed beforehand: whether it works shows on first use,
as the same clear "no keyring" or "locked" message (``keystore._call``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENV_VAR = "PYTHON_KEYRING_BACKEND"

# The platform's own keyring, as the module and class keyring names it by.
PLATFORM_BACKENDS = {
    "linux": "keyring.backends.SecretService.Keyring",
    "freebsd": "keyring.backends.SecretService.Keyring",
    "openbsd": "keyring.backends.SecretService.Keyring",
    "netbsd": "keyring.backends.SecretService.Keyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
}


# keyring's backends that have one of our own in their place (the same entries, read and
# written the same way, without importing keyring).
OWN_BACKENDS = {
    "keyring.backends.SecretService.Keyring":
        "supportdesk.vault.secret_service.SecretServiceKeyring",
}


class BackendNotLoaded(Exception):
    """The person's keyring configuration names a backend that cannot be loaded here."""


def platform_backend_name(platform: str = sys.platform) -> str | None:
    """The backend this platform's own keyring uses, or None for one without a known one."""
    for prefix, name in PLATFORM_BACKENDS.items():
        if platform.startswith(prefix):
            return name
    return None


def configured_backend_name(environ: Mapping[str, str] | None = None,
                            config_file: Path | None = None) -> str | None:
    """The backend the person chose for keyring (variable first, then keyringrc.cfg)."""
    environ = os.environ if environ is None else environ
    if environ.get(ENV_VAR, "").strip():
        return environ[ENV_VAR].strip()
    return _config_file_backend(config_file if config_file is not None else _config_file())


def choose_backend(platform: str = sys.platform,
                   environ: Mapping[str, str] | None = None,
                   config_file: Path | None = None) -> Any:
    """The keyring backend to keep the vault's key in (see the module's docstring)."""
    environ = os.environ if environ is None else environ
    config_file = config_file if config_file is not None else _config_file()
    name = configured_backend_name(environ, config_file)
    if name is not None:
        if not environ.get(ENV_VAR, "").strip():
            _add_keyring_path(config_file)
        return _load(name)
    name = platform_backend_name(platform)
    if name is None:
        import keyring

        return keyring.get_keyring()
    return _load(OWN_BACKENDS.get(name, name), probe=False)


def _load(name: str, *, probe: bool = True) -> Any:
    """An instance of the backend class ``name``. A backend the person named is asked
    its priority first, as keyring does (it raises if the backend cannot work here)."""
    module_name, _, class_name = name.rpartition(".")
    try:
        __import__(module_name)
        backend_class = getattr(sys.modules[module_name], class_name)
        if probe:
            backend_class.priority  # noqa: B018 - raises when the backend cannot work
        return backend_class()
    except Exception as error:
        raise BackendNotLoaded(type(error).__name__) from None


def _config_file() -> Path:
    """keyring's own config file (``keyring.core._config_path``), without importing keyring."""
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA", os.environ.get("PROGRAMDATA", ".")))
        return root / "Python Keyring" / "keyringrc.cfg"
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home, "python_keyring", "keyringrc.cfg")


def _read_config(config_file: Path) -> Any:
    if not config_file.is_file():  # the usual case: configparser not even loaded
        return None
    import configparser

    config = configparser.RawConfigParser()
    try:
        with config_file.open(encoding="utf-8") as handle:
            config.read_file(handle)
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    return config


def _config_file_backend(config_file: Path) -> str | None:
    config = _read_config(config_file)
    if config is None or not config.has_option("backend", "default-keyring"):
        return None
    name = str(config.get("backend", "default-keyring")).strip()
    return name or None


def _add_keyring_path(config_file: Path) -> None:
    """keyringrc.cfg's ``keyring-path``: where the backend it names is found (as keyring)."""
    config = _read_config(config_file)
    if config is not None and config.has_option("backend", "keyring-path"):
        path = os.path.expanduser(str(config.get("backend", "keyring-path")).strip())
        if path not in sys.path:
            sys.path.insert(0, path)

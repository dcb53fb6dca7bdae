"""Where the database key is kept: the OS keyring, or memory for one session.

The keyring holds the key as hex text under service ``supportdesk`` and username
``vault:<uuid>``. Every write is read back and compared. A backend that would not
really keep the key (keyring's null and fail backends, or anything with priority
below 1) counts as "no keyring": there is never a plaintext fallback.
"""

from __future__ import annotations

import hmac
import sys
import threading
from typing import Any, Protocol

from supportdesk.core.errors import KeyringUnavailableError

SERVICE = "supportdesk"
MAX_STALE_ENTRIES = 8

NO_KEYRING = "No keyring is available to keep your vault's key safely."
NO_KEYRING_HINT = (
    "You can open the vault with your recovery key for this session, "
    "or sign in to a desktop session with a keyring and try again."
)
LOCKED = "Your keyring is locked, so SupportDesk cannot read your vault's key."
LOCKED_HINT = "Unlock it (or sign in again) and try once more; your recovery key also works."
DISMISSED = "The keyring asked for a password and the request was closed."
NOT_KEPT = "The keyring did not keep your vault's key when asked to."
NOT_LOADED = ("The keyring named in your keyring settings (PYTHON_KEYRING_BACKEND or "
              "keyringrc.cfg) cannot be used on this computer.")
NOT_LOADED_HINT = ("Change that setting, or remove it to use this computer's own keyring; "
                   "your recovery key also opens the vault. Nothing has changed.")
NO_ANSWER = "Your keyring did not answer within {seconds} seconds, so the vault was not opened."
NO_ANSWER_HINT = ("It may be waiting for its password in a window you cannot see: unlock it "
                  "and try again. Your recovery key also works; nothing has changed.")
# Long enough to type a keyring password into its prompt, short enough not to hang.
KEYRING_TIMEOUT = 60.0


class KeyStore(Protocol):
    """Keeps one 32-byte database key per vault uuid."""

    @property
    def backend_name(self) -> str: ...

    def get(self, vault_uuid: str) -> bytes | None: ...

    def set(self, vault_uuid: str, key: bytes) -> None: ...

    def delete(self, vault_uuid: str) -> None: ...


def username(vault_uuid: str) -> str:
    return f"vault:{vault_uuid}"


def store_checked(keystore: KeyStore, vault_uuid: str, key: bytes) -> None:
    """Write ``key`` and read it back; raise KeyringUnavailableError if it did not stick."""
    keystore.set(vault_uuid, key)
    if _kept(keystore, vault_uuid, key):
        return
    # Another entry under the same name (one written by another tool, say) can shadow
    # ours: clear them all, then write once more.
    for _ in range(MAX_STALE_ENTRIES):
        if keystore.get(vault_uuid) is None:
            break
        keystore.delete(vault_uuid)
    keystore.set(vault_uuid, key)
    if not _kept(keystore, vault_uuid, key):
        raise KeyringUnavailableError(NOT_KEPT, hint=NO_KEYRING_HINT)


def _kept(keystore: KeyStore, vault_uuid: str, key: bytes) -> bool:
    again = keystore.get(vault_uuid)
    return again is not None and hmac.compare_digest(again, key)


class MemoryKeyStore:
    """Keys held only in this process: for --demo, tests, and recovery-key-only sessions."""

    def __init__(self) -> None:
        self._keys: dict[str, bytes] = {}

    @property
    def backend_name(self) -> str:
        return "memory (this session only)"

    def get(self, vault_uuid: str) -> bytes | None:
        return self._keys.get(vault_uuid)

    def set(self, vault_uuid: str, key: bytes) -> None:
        self._keys[vault_uuid] = bytes(key)

    def delete(self, vault_uuid: str) -> None:
        self._keys.pop(vault_uuid, None)


class KeyringKeyStore:
    """The OS keyring via ``keyring``: Secret Service, macOS Keychain, Windows Credential Locker.

    Without a ``backend`` given, the one the person configured for keyring, else this
    platform's own, is used (``keyring_choice.choose_backend``).
    """

    def __init__(self, backend: Any | None = None, *,
                 timeout: float | None = KEYRING_TIMEOUT) -> None:
        self._backend = backend
        self._usable = False
        self._timeout = timeout

    def _keyring(self) -> Any:
        if self._backend is None:
            from supportdesk.vault.keyring_choice import BackendNotLoaded, choose_backend

            try:
                self._backend = _call(choose_backend)
            except BackendNotLoaded:
                raise KeyringUnavailableError(NOT_LOADED, hint=NOT_LOADED_HINT) from None
        if not self._usable:
            if not usable_backend(self._backend):
                raise KeyringUnavailableError(NO_KEYRING, hint=NO_KEYRING_HINT)
            self._usable = True  # asked once: a backend's priority may be a D-Bus call
        return self._backend

    @property
    def backend_name(self) -> str:
        backend = self._keyring()
        # A backend of our own that stands for one of keyring's says keyring's name.
        own = getattr(backend, "stands_for", None)
        return own if isinstance(own, str) else (
            f"{type(backend).__module__}.{type(backend).__name__}")

    def get(self, vault_uuid: str) -> bytes | None:
        text = _in_time(self._timeout, _call, self._keyring().get_password, SERVICE,
                        username(vault_uuid))
        if text is None:
            return None
        try:
            return bytes.fromhex(str(text))
        except ValueError:
            # Something else is stored there; to the vault that is a wrong key.
            return b""

    def set(self, vault_uuid: str, key: bytes) -> None:
        _in_time(self._timeout, _call, self._keyring().set_password, SERVICE,
                 username(vault_uuid), key.hex())

    def delete(self, vault_uuid: str) -> None:
        try:
            _call(self._keyring().delete_password, SERVICE, username(vault_uuid))
        except Exception as error:
            if not _nothing_to_delete(error):  # nothing stored is what was asked for
                raise


def usable_backend(backend: Any) -> bool:
    """False for backends that would lose or refuse the key (null, fail, priority < 1)."""
    # keyring's own stand-ins, where keyring is loaded at all (the platform's own
    # keyring is reached without it: keyring_choice).
    for module in ("keyring.backends.null", "keyring.backends.fail"):
        stand_in = sys.modules.get(module)
        if stand_in is not None and isinstance(backend, stand_in.Keyring):
            return False
    try:
        priority = float(backend.priority)
    except Exception:  # a backend that cannot even say how usable it is
        return False
    if priority < 1:
        return False
    children = getattr(backend, "backends", None)
    return children is None or any(usable_backend(child) for child in children)


def _in_time(timeout: float | None, function: Any, *args: Any) -> Any:
    """``function(*args)``, or KeyringUnavailableError if it takes over ``timeout`` seconds.

    A locked keyring may open a password prompt and block until it is answered; the
    call then goes on in the background and its answer is dropped.
    """
    if timeout is None:
        return function(*args)
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, function(*args)))
        except BaseException as exc:  # handed to the caller's thread below
            outcome.append((False, exc))

    worker = threading.Thread(target=run, name="keyring", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise KeyringUnavailableError(NO_ANSWER.format(seconds=round(timeout)),
                                      hint=NO_ANSWER_HINT)
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


def _call(function: Any, *args: Any) -> Any:
    """Run a keyring call, turning its failures into one KeyringUnavailableError."""
    try:
        return function(*args)
    except KeyringUnavailableError:
        raise
    except Exception as exc:
        told = _as_unavailable(exc)
        if told is None:
            raise
        raise told from None


def _nothing_to_delete(error: Exception) -> bool:
    errors = sys.modules.get("keyring.errors")  # loaded with any backend that raises it
    return errors is not None and isinstance(error, errors.PasswordDeleteError)


def _as_unavailable(exc: Exception) -> KeyringUnavailableError | None:
    """The message for a keyring failure; None for one to pass on as it is."""
    errors = sys.modules.get("keyring.errors")  # a keyring error means keyring is loaded
    if errors is not None and isinstance(exc, errors.KeyringError):
        if isinstance(exc, errors.KeyringLocked):
            return KeyringUnavailableError(LOCKED, hint=LOCKED_HINT)
        if isinstance(exc, errors.PasswordDeleteError):
            return None
        return KeyringUnavailableError(NO_KEYRING, hint=NO_KEYRING_HINT)
    # secretstorage/jeepney/D-Bus failures that keyring passes through as they are.
    name = type(exc).__name__
    module = type(exc).__module__
    if "Dismissed" in name:
        return KeyringUnavailableError(DISMISSED, hint=LOCKED_HINT)
    if module.split(".")[0] in {"secretstorage", "jeepney", "dbus"}:
        return KeyringUnavailableError(NO_KEYRING, hint=NO_KEYRING_HINT)
    return None

"""Key stores: the keyring's failures become one plain message; never a plaintext fallback."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import InitError, KeyringLocked, NoKeyringError

from supportdesk.core.errors import KeyringUnavailableError
from supportdesk.vault.keystore import KeyringKeyStore, MemoryKeyStore, store_checked


class DictKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict (stands in for a working one)."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.values:
            raise PasswordDeleteError("not there")
        del self.values[(service, username)]


class RaisingKeyring(DictKeyring):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error


class ForgetfulKeyring(DictKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        pass


def test_memory_store_keeps_sets_and_deletes() -> None:
    store = MemoryKeyStore()
    key = secrets.token_bytes(32)
    store_checked(store, "u", key)
    assert store.get("u") == key
    store.delete("u")
    store.delete("u")
    assert store.get("u") is None


def test_keyring_store_uses_service_and_username_with_hex_text() -> None:
    backend = DictKeyring()
    store = KeyringKeyStore(backend)
    key = secrets.token_bytes(32)
    store_checked(store, "abc", key)
    assert backend.values == {("supportdesk", "vault:abc"): key.hex()}
    assert store.get("abc") == key
    store.delete("abc")
    store.delete("abc")  # already gone is fine
    assert store.get("abc") is None


@pytest.mark.parametrize("backend", [null.Keyring(), fail.Keyring()])
def test_null_and_fail_backends_count_as_no_keyring(backend: Any) -> None:
    store = KeyringKeyStore(backend)
    with pytest.raises(KeyringUnavailableError, match="No keyring is available"):
        store.set("u", secrets.token_bytes(32))
    with pytest.raises(KeyringUnavailableError):
        store.get("u")


def test_low_priority_backend_counts_as_no_keyring() -> None:
    backend = DictKeyring()
    backend.priority = 0.5  # type: ignore[assignment]
    with pytest.raises(KeyringUnavailableError, match="No keyring"):
        KeyringKeyStore(backend).get("u")


@pytest.mark.parametrize(("error", "words"), [
    (NoKeyringError("x"), "No keyring is available"),
    (InitError("x"), "No keyring is available"),
    (KeyringLocked("x"), "Your keyring is locked"),
])
def test_keyring_errors_become_one_plain_message(error: Exception, words: str) -> None:
    store = KeyringKeyStore(RaisingKeyring(error))
    with pytest.raises(KeyringUnavailableError, match=words) as caught:
        store.get("u")
    assert caught.value.hint  # says what to do next
    with pytest.raises(KeyringUnavailableError, match=words):
        store.set("u", secrets.token_bytes(32))


def test_a_dismissed_prompt_is_said_plainly() -> None:
    class PromptDismissedException(Exception):
        pass

    store = KeyringKeyStore(RaisingKeyring(PromptDismissedException()))
    with pytest.raises(KeyringUnavailableError, match="request was closed"):
        store.get("u")


def test_a_keyring_that_does_not_keep_the_key_is_caught_on_read_back() -> None:
    store = KeyringKeyStore(ForgetfulKeyring())
    with pytest.raises(KeyringUnavailableError, match="did not keep"):
        store_checked(store, "u", secrets.token_bytes(32))


def test_messages_carry_no_key_material() -> None:
    key = secrets.token_bytes(32)
    store = KeyringKeyStore(ForgetfulKeyring())
    with pytest.raises(KeyringUnavailableError) as caught:
        store_checked(store, "u", key)
    assert key.hex() not in str(caught.value)


class ShadowedKeyring(DictKeyring):
    """Like Secret Service with a second item under the same name written by another tool:
    reads find the other item first until it is deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.shadow: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.shadow.get((service, username)) or super().get_password(service, username)

    def delete_password(self, service: str, username: str) -> None:
        if self.shadow.pop((service, username), None) is None:
            super().delete_password(service, username)


def test_an_entry_shadowing_ours_is_cleared_and_the_key_written_again() -> None:
    backend = ShadowedKeyring()
    backend.shadow[("supportdesk", "vault:u")] = "ab" * 32
    key = secrets.token_bytes(32)
    store_checked(KeyringKeyStore(backend), "u", key)
    assert KeyringKeyStore(backend).get("u") == key
    assert backend.shadow == {}

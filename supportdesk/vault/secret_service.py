"""The Secret Service (GNOME Keyring, KeePassXC, KWallet's bridge) through secretstorage.

The platform's own keyring on Linux and the BSDs, reached without the ``keyring``
package: importing ``keyring.backends.SecretService`` costs about 40 ms beyond
``secretstorage`` (``jaraco.context`` pulls in ``urllib.request``, ``http.client``,
``email``), on every start and every command. This speaks to the same service the same
way keyring's backend does, so each reads what the other wrote: the same attributes
(``username``, ``service``, ``application``), the same label, the default collection,
unlocked (with its prompt) when locked.

One difference, invisible from outside: keyring asks the bus whether the service is
there before choosing it (a connection of its own); this asks nothing beforehand, and a
service that is not there fails the first read as that check would have: "no keyring".
"""

from __future__ import annotations

from contextlib import closing
from typing import Any

from supportdesk.core.errors import KeyringUnavailableError

# What vault.json records as the backend (``KeyStore.backend_name``): keyring's own
# name for this keyring, so vaults made before this module open without a word.
KEYRING_NAME = "keyring.backends.SecretService.Keyring"
APPID = "Python keyring library"  # keyring's ``appid``, kept in the item's attributes


class SecretServiceKeyring:
    """The default collection of the Secret Service on the session bus."""

    stands_for = KEYRING_NAME  # KeyringKeyStore.backend_name

    @property
    def priority(self) -> float:
        """As keyring rates its Secret Service backend (5); raises without secretstorage."""
        try:
            import secretstorage
        except ImportError as error:
            raise RuntimeError("SecretStorage required") from error
        if secretstorage.__version_tuple__ < (3, 2):
            raise RuntimeError("SecretStorage 3.2 or newer required")
        return 5.0

    def get_password(self, service: str, username: str) -> str | None:
        collection = _unlocked_collection()
        with closing(collection.connection):
            for item in collection.search_items(_query(service, username)):
                if hasattr(item, "unlock"):
                    item.unlock()
                if item.is_locked():  # they dismissed the prompt
                    raise _locked()
                return str(item.get_secret().decode("utf-8"))
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        collection = _unlocked_collection()
        attributes = _query(service, username, application=APPID)
        label = f"Password for '{username}' on '{service}'"
        with closing(collection.connection):
            collection.create_item(label, attributes, password.encode("utf-8"), replace=True)

    def delete_password(self, service: str, username: str) -> None:
        """The first entry under that name; nothing stored is already what was asked."""
        collection = _unlocked_collection()
        with closing(collection.connection):
            for item in collection.search_items(_query(service, username)):
                item.delete()
                return


def _query(service: str, username: str, **more: str) -> dict[str, str]:
    return {"username": username, "service": service, **more}


def _locked() -> KeyringUnavailableError:
    from supportdesk.vault.keystore import LOCKED, LOCKED_HINT

    return KeyringUnavailableError(LOCKED, hint=LOCKED_HINT)


def _no_keyring() -> KeyringUnavailableError:
    from supportdesk.vault.keystore import NO_KEYRING, NO_KEYRING_HINT

    return KeyringUnavailableError(NO_KEYRING, hint=NO_KEYRING_HINT)


def _unlocked_collection() -> Any:
    """The default collection on a new connection, unlocked (its prompt, if locked).
    No bus, no service or no collection is "no keyring", as keyring's backend tells it
    (its availability check, then ``InitError``)."""
    import secretstorage
    from secretstorage.exceptions import SecretStorageException

    try:
        connection = secretstorage.dbus_init()
    except (SecretStorageException, OSError):  # no bus at that address, say
        raise _no_keyring() from None
    try:
        try:
            collection = secretstorage.get_default_collection(connection)
        except SecretStorageException:
            raise _no_keyring() from None
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():  # they dismissed the prompt
                raise _locked()
    except BaseException:
        connection.close()
        raise
    return collection

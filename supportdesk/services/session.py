"""One open vault and the services over it, as the GUI and CLI use them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from supportdesk.services.clock import Clock, system_clock
from supportdesk.services.network import NetworkService
from supportdesk.store import database
from supportdesk.store.repository import Repository
from supportdesk.vault.keystore import KeyringKeyStore, KeyStore, MemoryKeyStore
from supportdesk.vault.lock import OnWait
from supportdesk.vault.vault import Vault


@dataclass
class Session:
    db: pw.Database
    clock: Clock = system_clock
    vault: Vault | None = None
    repo: Repository = field(init=False)
    network: NetworkService = field(init=False)

    def __post_init__(self) -> None:
        database.bind(self.db)
        self.repo = Repository()
        self.network = NetworkService(self.repo, self.clock)

    def close(self) -> None:
        if self.vault is not None:
            self.vault.close()  # closes the database and lets go of the vault's lock
        elif not self.db.is_closed():
            self.db.close()


def keyring_store() -> KeyStore:
    """The OS keyring, as every session uses it by default."""
    return KeyringKeyStore()


def open_session(data_dir: Path, keystore: KeyStore | None = None,
                 clock: Clock = system_clock, on_wait: OnWait | None = None, *,
                 check_pages: bool = True) -> Session:
    """Open the vault in ``data_dir`` with the key in ``keystore`` (the OS keyring by default).

    ``on_wait`` hears a message if the vault is busy with something that must be done
    alone (a restore, say) and the open waits for it. ``check_pages=False``: the pass
    over every page is left for later (``services.page_check``).
    """
    vault = Vault.open(data_dir, keystore or KeyringKeyStore(), clock=clock, on_wait=on_wait,
                       check_pages=check_pages)
    return Session(vault.db, clock=clock, vault=vault)


def create_session(data_dir: Path, keystore: KeyStore | None = None,
                   clock: Clock = system_clock, *,
                   start_fresh: bool = False,
                   until_confirmed: bool = False) -> tuple[Session, str]:
    """A new vault in ``data_dir`` and its recovery key (see ``Vault.create``).

    ``start_fresh``: the person chose a new vault where one's database has gone;
    ``until_confirmed``: the key is shown to a person, and kept until they confirm it.
    """
    vault, recovery_key = Vault.create(data_dir, keystore or KeyringKeyStore(), clock=clock,
                                       start_fresh=start_fresh,
                                       until_confirmed=until_confirmed)
    return Session(vault.db, clock=clock, vault=vault), recovery_key


def recover_session(data_dir: Path, recovery_key: str, keystore: KeyStore | None = None,
                    clock: Clock = system_clock, *, store_key: bool = True) -> Session:
    """Open with the recovery key, putting the key back into ``keystore`` if ``store_key``.

    ``store_key=False`` is "use the recovery key for this session only": the key is
    held in memory and the keyring is left alone.
    """
    if keystore is None:
        keystore = KeyringKeyStore() if store_key else MemoryKeyStore()
    vault = Vault.recover(data_dir, recovery_key, keystore, store_key=store_key, clock=clock)
    return Session(vault.db, clock=clock, vault=vault)

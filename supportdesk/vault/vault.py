"""The vault: the encrypted database, its key in the keyring, and the way back in.

First run is decided by the database file alone. A missing or wrong key never
creates, overwrites or deletes anything: it is a case for the recovery key.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import peewee as pw

from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import (
    DamagedVaultError,
    KeyMissingError,
    KeyringUnavailableError,
    LockedError,
    MissingDatabaseError,
    NoVaultError,
    StorageError,
    VaultExistsError,
    WrongKeyError,
)
from supportdesk.store import change_counts, database, migrations
from supportdesk.vault import backup as backups
from supportdesk.vault.atomic import (
    fsync_file,
    make_folder_durably,
    make_tree_private,
    replace_durably,
)
from supportdesk.vault.files import DB_FILE, META_FILE, refuse_own_file, vault_exists
from supportdesk.vault.keystore import KeyStore, store_checked
from supportdesk.vault.lock import OnWait, VaultLock
from supportdesk.vault.metadata import (
    PendingKey,
    VaultMetadata,
    key_check,
    key_matches,
    metadata_path,
    read_metadata,
    recovered_keys,
    write_metadata,
)
from supportdesk.vault.recovery import (
    generate_recovery_key,
    open_sealed,
    parse_recovery_key,
    seal_key,
    wrap_key,
)

BACKUP_DIR = "backups"
KEEP_SAFETY_BACKUPS = 10
PAGE = 4096  # SQLCipher 4's page size: a vault file is whole pages, at least one
SALT_BYTES = 16  # SQLCipher keeps its (non-secret) salt in the file's first 16 bytes
# Left behind by a write that was cut off (a crash, a full disk): removed at open.
LEFTOVERS = (f".{META_FILE}.*.tmp", f".{DB_FILE}.new", f".{DB_FILE}.new-*", f".{DB_FILE}.restore")
JUNK_IN_KEYRING = ("Your keyring holds something under this vault's name, but it is not "
                   "this vault's key.")
JUNK_HINT = "Your recovery key opens the vault and puts the right key back; nothing has changed."

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def pending_slot(vault_uuid: str) -> str:
    """Where a rotation keeps its new key until the database has been rekeyed."""
    return f"{vault_uuid}:pending"


class Vault:
    """One open vault. ``db`` is the open database; ``close()`` releases it and the lock."""

    def __init__(self, data_dir: Path, db: pw.Database, key: bytes, metadata: VaultMetadata,
                 keystore: KeyStore, lock: VaultLock, clock: Clock = _utc_now) -> None:
        self.data_dir = data_dir
        self.db = db
        self._key = key
        self.metadata = metadata
        self.keystore = keystore
        self._lock = lock
        self._clock = clock
        # Opened with the recovery key "for this session only": the keyring is not used.
        self.session_only = False
        self.pages_checked = True  # False: opened without quick_check (see ``open``)
        make_tree_private(data_dir)  # 0700 folder, 0600 files: new vaults and older ones

    # -- finding, creating, opening -------------------------------------------------

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return vault_exists(data_dir)

    @property
    def uuid(self) -> str:
        return self.metadata.uuid

    @property
    def path(self) -> Path:
        return self.data_dir / DB_FILE

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_DIR

    @classmethod
    def create(cls, data_dir: Path, keystore: KeyStore, clock: Clock = _utc_now, *,
               start_fresh: bool = False,
               until_confirmed: bool = False) -> tuple[Vault, str]:
        """A new vault and its recovery key. Refuses if one is there.

        ``until_confirmed`` (the first run and ``init``, where a person is shown the key):
        the recovery key is kept, sealed under the database key, until
        ``confirm_recovery_key``, so a start cut short shows the same key again.

        A vault.json without its database is a vault to restore, not a free folder:
        only ``start_fresh`` (the person's explicit choice) makes a new vault there,
        and the old vault.json is kept aside under a dated name, never deleted.
        """
        data_dir = Path(data_dir)
        _refuse_existing(data_dir, start_fresh=start_fresh)
        vault_uuid = str(uuid_module.uuid4())
        key = secrets.token_bytes(database.KEY_BYTES)
        # The key must be safely kept before anything is written to disk.
        try:
            store_checked(keystore, vault_uuid, key)
        except BaseException:
            with contextlib.suppress(Exception):
                keystore.delete(vault_uuid)
            raise
        try:
            make_folder_durably(data_dir)
        except OSError as exc:
            raise StorageError(f"SupportDesk cannot create the folder {data_dir} "
                               f"({exc.strerror or exc}).") from None
        lock = VaultLock.acquire(data_dir, exclusive=True, purpose="creating this vault")
        try:
            _refuse_existing(data_dir, start_fresh=start_fresh)  # again, under the lock
            if start_fresh and (data_dir / META_FILE).exists():
                _set_aside(data_dir, clock)
            recovery_key = generate_recovery_key()
            metadata = VaultMetadata(
                uuid=vault_uuid,
                schema_version=migrations.SCHEMA_VERSION,
                keyring_backend=keystore.backend_name,
                key_check=key_check(key),
                wrapped=wrap_key(key, recovery_key, vault_uuid),
                created=clock().isoformat(),
                # Kept (sealed under the database key) until the person confirms it is
                # stored: a start cut short before that shows the same key again.
                unconfirmed=(seal_key(recovery_key.encode("ascii"), key, vault_uuid)
                             if until_confirmed else None),
            )
            db = _build_database(data_dir, key, metadata)
            metadata = metadata.with_changes(database_salt=_file_salt(data_dir / DB_FILE))
            write_metadata(metadata_path(data_dir), metadata)
        except BaseException:
            lock.release()
            with contextlib.suppress(Exception):
                keystore.delete(vault_uuid)  # nobody will ask for this vault's key
            raise
        lock.share()
        return cls(data_dir, db, key, metadata, keystore, lock, clock), recovery_key

    @classmethod
    def open(cls, data_dir: Path, keystore: KeyStore, *, clock: Clock = _utc_now,
             steps: list[migrations.Migration] | None = None,
             on_wait: OnWait | None = None, check_pages: bool = True) -> Vault:
        """Open with the key in ``keystore``; the key is checked before the database is read.

        ``check_pages=False`` leaves out the pass over every page (``quick_check``, 0.3 s
        on ten years of notes) for the caller to make afterwards with ``page_problems``
        (the app does, on a worker thread, once the window shows the vault).
        """
        data_dir = Path(data_dir)
        _require_sound_file(data_dir)
        # The key is read before any lock is taken: a keyring waiting on its password
        # prompt must not hold the vault for everyone else.
        metadata = _load_metadata(data_dir)
        keys = _stored_keys(data_dir, metadata, keystore)
        lock = VaultLock.acquire(data_dir, on_wait=on_wait)
        try:
            _clean_leftovers_if_alone(lock, data_dir)
            again = _load_metadata(data_dir)
            if again != metadata:  # the key changed while we were reading it
                metadata, keys = again, _stored_keys(data_dir, again, keystore)
            db, key = _open_with(data_dir / DB_FILE, metadata, keys, check_pages=check_pages)
            vault = cls(data_dir, db, key, metadata, keystore, lock, clock)
        except BaseException:
            lock.release()
            raise
        vault.pages_checked = check_pages
        vault._settle(store_key=True, steps=steps)
        return vault

    @classmethod
    def recover(cls, data_dir: Path, recovery_key: str, keystore: KeyStore,
                store_key: bool = True, *, clock: Clock = _utc_now,
                steps: list[migrations.Migration] | None = None,
                on_wait: OnWait | None = None) -> Vault:
        """Open with the recovery key; unless ``store_key`` is False, put the key back."""
        recovery_key = parse_recovery_key(recovery_key)
        data_dir = Path(data_dir)
        _require_sound_file(data_dir)
        metadata = _load_metadata(data_dir)
        # Slow on purpose, so before the lock.
        metadata, keys, foreign = _recovered_keys(data_dir, metadata, recovery_key)
        lock = VaultLock.acquire(data_dir, on_wait=on_wait)
        try:
            _clean_leftovers_if_alone(lock, data_dir)
            again = _load_metadata(data_dir)
            if again != metadata and not foreign:
                metadata, keys, foreign = _recovered_keys(data_dir, again, recovery_key)
            db, key = _open_with(data_dir / DB_FILE, metadata, keys)
            if foreign:  # kept aside under a dated name, never deleted
                stamp = clock().strftime("%Y%m%d-%H%M%S")
                os.replace(metadata_path(data_dir),
                           data_dir / f"{META_FILE}.another-vault-{stamp}")
            vault = cls(data_dir, db, key, metadata, keystore, lock, clock)
        except BaseException:
            lock.release()
            raise
        vault.session_only = not store_key
        if store_key:
            try:
                store_checked(keystore, metadata.uuid, key)
                vault._save_metadata(vault.metadata.with_changes(
                    keyring_backend=keystore.backend_name))
            except BaseException:
                vault.close()
                raise
        vault._settle(store_key=store_key, steps=steps)
        return vault

    def _settle(self, *, store_key: bool, steps: list[migrations.Migration] | None) -> None:
        """Finish or drop an interrupted rotation, then bring the schema up to date."""
        try:
            chosen = migrations.MIGRATIONS if steps is None else steps
            if (self.metadata.pending is not None
                    or migrations.needs_migration(self.db, len(chosen))):
                with self._lock.exclusive("updating this vault"):
                    self._finish_rotation(store_key)
                    self._migrate(steps)
            self._note_salt()
            if read_metadata(metadata_path(self.data_dir)) != self.metadata:
                self._save_metadata(self.metadata)
        except BaseException:
            self.close()
            raise

    def _note_salt(self) -> None:
        """Record which database file this vault.json belongs to (see ``_belongs_elsewhere``)."""
        salt = _file_salt(self.path)
        if salt and salt != self.metadata.database_salt:
            self.metadata = self.metadata.with_changes(database_salt=salt)

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
        self._lock.release()

    # -- checking ------------------------------------------------------------------

    def page_problems(self) -> list[str]:
        """The check left out of a ``check_pages=False`` open: every page read once and its
        HMAC verified (``quick_check``), on a connection of its own (so any thread may)."""
        db = database.connect(self.path, self._key)
        try:
            return database.open_problems(db)
        finally:
            db.close()

    def restore_advice(self) -> str:
        """"Nothing has been changed", and the newest backup, named (or where to look)."""
        return _restore_advice(self.data_dir)

    def check(self) -> list[str]:
        """Plain-language problems found; an empty list means all is well."""
        problems = []
        if not key_matches(self._key, self.metadata.key_check):
            problems.append("The key in use does not match the vault's key check.")
        if not self.session_only:
            problems += self._keyring_problems()
        problems += [f"Integrity check: {text}" for text in database.integrity_problems(self.db)]
        return problems

    def _keyring_problems(self) -> list[str]:
        stored = self.keystore.get(self.uuid)
        if stored is None:
            return ["The keyring has no key for this vault (the recovery key restores it)."]
        if stored == b"":
            return [f"{JUNK_IN_KEYRING} (The recovery key puts the right one back.)"]
        if not key_matches(stored, self.metadata.key_check):
            return ["The keyring holds a different key for this vault."]
        return []

    # -- the recovery key ------------------------------------------------------------

    def unconfirmed_recovery_key(self) -> str | None:
        """The recovery key still waiting for the person to confirm it is stored, if any.

        A vault is not ready until then: every start shows this same key again.
        """
        sealed = self.metadata.unconfirmed
        if sealed is None:
            return None
        opened = open_sealed(sealed, self._key, self.uuid)
        return opened.decode("ascii") if opened is not None else None

    def confirm_recovery_key(self) -> None:
        """The person has stored the recovery key: forget the copy kept to show it again."""
        if self.metadata.unconfirmed is not None:
            self._save_metadata(self.metadata.with_changes(unconfirmed=None))

    def new_recovery_key(self) -> str:
        """A new recovery key: the database key is wrapped under it, and the old recovery
        key stops opening the vault (backups made before keep their own copy, so the old
        key still opens those). Shown until confirmed, like the first one."""
        recovery_key = generate_recovery_key()
        self._save_metadata(self.metadata.with_changes(
            wrapped=wrap_key(self._key, recovery_key, self.uuid), chain=(),
            unconfirmed=seal_key(recovery_key.encode("ascii"), self._key, self.uuid)))
        return recovery_key

    def discard_unconfirmed(self) -> None:
        """Remove a vault just made and never used (its recovery key not yet confirmed and
        nothing in it), for "Restore from a backup…" on the first run. Refuses otherwise."""
        counts = backups.table_counts(self.db)
        if self.metadata.unconfirmed is None or any(counts.values()):
            raise VaultExistsError("This vault is in use, so it was not removed.")
        self.close()
        for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", META_FILE):
            with contextlib.suppress(FileNotFoundError):
                (self.data_dir / name).unlink()
        with contextlib.suppress(Exception):
            self.keystore.delete(self.uuid)

    # -- key rotation ------------------------------------------------------------------

    def rotate_key(self, recovery_key: str | None = None) -> None:
        """Re-encrypt under a fresh key, safely across a crash at any point.

        The new key is recorded as pending (in vault.json and the keystore, read back)
        before ``PRAGMA rekey``; only then does it become current. Opening tries the
        current key, then the pending one, and finishes whatever was interrupted.
        With ``recovery_key`` the new key is wrapped under it directly; without, it is
        sealed under the current key, so the same recovery key keeps working.
        """
        new_key = secrets.token_bytes(database.KEY_BYTES)
        still_to_confirm = self.unconfirmed_recovery_key()
        if recovery_key is not None:
            recovery_key = parse_recovery_key(recovery_key)
            if self._key not in recovered_keys(self.metadata, recovery_key):
                raise WrongKeyError("This recovery key does not open this vault.")
            pending = PendingKey(key_check(new_key),
                                 wrapped=wrap_key(new_key, recovery_key, self.uuid))
        else:
            pending = PendingKey(key_check(new_key), link=seal_key(new_key, self._key, self.uuid))
        # Stored (and read back) before the lock: a slow keyring holds no one up.
        store_checked(self.keystore, pending_slot(self.uuid), new_key)
        with self._lock.exclusive("changing this vault's key"):
            self._save_metadata(self.metadata.with_changes(pending=pending))
            database.rekey(self.db, new_key)
            database.run_sql(self.db, "PRAGMA wal_checkpoint(TRUNCATE)")
            self._key = new_key
            self._finish_rotation(store_key=True)
            if still_to_confirm is not None:  # sealed anew under the key that opens it now
                self._save_metadata(self.metadata.with_changes(unconfirmed=seal_key(
                    still_to_confirm.encode("ascii"), new_key, self.uuid)))

    def _finish_rotation(self, store_key: bool) -> None:
        pending = self.metadata.pending
        if pending is None:
            return
        if key_matches(self._key, pending.key_check):
            if store_key:
                store_checked(self.keystore, self.uuid, self._key)
            if pending.wrapped is not None:
                promoted = self.metadata.with_changes(wrapped=pending.wrapped, chain=())
            else:
                assert pending.link is not None
                promoted = self.metadata.with_changes(chain=(*self.metadata.chain, pending.link))
            self._save_metadata(promoted.with_changes(key_check=pending.key_check, pending=None))
        else:
            # The database was never rekeyed: the rotation simply did not happen.
            self._save_metadata(self.metadata.with_changes(pending=None))
        if store_key:
            with contextlib.suppress(Exception):
                self.keystore.delete(pending_slot(self.uuid))

    # -- schema ------------------------------------------------------------------------

    def _migrate(self, steps: list[migrations.Migration] | None) -> None:
        database.bind(self.db)
        chosen = migrations.MIGRATIONS if steps is None else steps
        migrations.require_schema(self.db)  # an existing vault never starts from version 0
        if migrations.needs_migration(self.db, len(chosen)):
            self.backup(reason="before-update")
            migrations.upgrade(self.db, chosen)
            _new_epoch(self.db)
        if self.metadata.schema_version != migrations.schema_version(self.db):
            self._save_metadata(self.metadata.with_changes(
                schema_version=migrations.schema_version(self.db)))

    # -- backups -----------------------------------------------------------------------

    def backup(self, target: Path | None = None, *, reason: str = "",
               keep: int | None = None) -> Path:
        """An encrypted backup (into the vault's backups folder unless ``target`` says)."""
        now = self._clock()
        if target is not None:  # never over the vault's own files (its sidecar included)
            for path in (Path(target), backups.sidecar_path(Path(target))):
                refuse_own_file(path, self.data_dir)
        if target is None:
            target = self.backup_dir / backups.backup_name(now, reason)
            number = 2
            while target.exists():
                target = self.backup_dir / backups.backup_name(now, f"{reason or 'copy'}-{number}")
                number += 1
        written = backups.write_backup(self.db, self._key, self.metadata, Path(target), now)
        if keep is not None or (written.parent == self.backup_dir and reason):
            # Older backups go only for one that is known good: a backup of a vault gone
            # wrong while open must never push the good ones out.
            backups.check_written(written, self._key)
        if keep is not None:
            backups.rotate_backups(written.parent, keep, self.uuid)
        elif written.parent == self.backup_dir and reason:
            backups.rotate_backups(written.parent, KEEP_SAFETY_BACKUPS, self.uuid)
        return written

    def backup_info(self, path: Path, recovery_key: str | None = None) -> backups.BackupInfo:
        return backups.backup_info(Path(path), self._key, recovery_key)

    def restore(self, path: Path, recovery_key: str | None = None) -> Path:
        """Replace the vault with a verified backup; return the safety backup made first."""
        path = Path(path)
        key = backups.backup_key(path, self._key, recovery_key)
        source = backups.open_verified(path, key)
        try:
            migrations.refuse_newer(migrations.schema_version(source), "backup")
        finally:
            source.close()
        staged = self.data_dir / f".{DB_FILE}.restore"
        # Re-keyed to the vault's current key: a backup from before a rotation comes
        # back readable with the key the keyring holds now.
        backups.stage_copy(path, key, staged, self._key)
        try:
            with self._lock.exclusive("restoring a backup"):
                return self._put_in_place(staged)
        finally:
            staged.unlink(missing_ok=True)  # still there only if it was not put in place

    def _put_in_place(self, staged: Path) -> Path:
        """Replace the database with ``staged`` (the vault's lock held alone)."""
        try:
            safety = self.backup(reason="before-restore")
            database.run_sql(self.db, "PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.close()
            wal = self.data_dir / f"{DB_FILE}-wal"
            if wal.exists() and wal.stat().st_size > 0:
                # Another connection still has writes in the WAL: replacing the file
                # under it would mix two databases. Refuse rather than risk that.
                raise LockedError("The vault is still busy, so it was not replaced.",
                                  hint="Close other SupportDesk windows and try again.")
            for leftover in (wal, self.data_dir / f"{DB_FILE}-shm"):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            replace_durably(staged, self.path)
            self._save_metadata(self.metadata.with_changes(database_salt=_file_salt(self.path)))
        except BaseException:
            with contextlib.suppress(OSError):
                staged.unlink()
            raise
        finally:
            if self.db.is_closed():
                self.db.connect()
                database.check_pragmas(self.db)
        self._migrate(None)
        _new_epoch(self.db)  # what anyone read before is not what the file holds now
        return safety

    @classmethod
    def restore_damaged(cls, data_dir: Path, backup: Path, keystore: KeyStore,
                        recovery_key: str | None = None, *,
                        clock: Clock = _utc_now) -> Path | None:
        """Put a verified backup in place of a vault file that cannot be read, or is gone.

        For when ``open`` says the file is damaged or missing, so ``restore`` (which needs
        an open vault) cannot run; and into a folder with no vault at all (a new computer),
        where the backup's own copy of vault.json comes back with it. The key comes from
        ``keystore``, or from ``recovery_key`` when given. A copy of a damaged file is kept
        beside it, never deleted; its path is returned (None when there was no file to
        keep). Open the vault as usual afterwards.
        """
        data_dir, backup = Path(data_dir), Path(backup)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"SupportDesk cannot create the folder {data_dir} "
                               f"({exc.strerror or exc}).") from None
        plan = _RestorePlan.make(data_dir, backup, keystore, recovery_key)  # keys before the lock
        lock = VaultLock.acquire(data_dir, exclusive=True, purpose="restoring a backup")
        try:
            _clean_leftovers(data_dir)
            source = backups.open_verified(backup, plan.source_key)
            try:
                migrations.refuse_newer(migrations.schema_version(source), "backup")
            finally:
                source.close()
            if plan.fresh:
                # The key is kept before any file is written, as when a vault is made.
                with contextlib.suppress(KeyringUnavailableError):
                    store_checked(keystore, plan.metadata.uuid, plan.key)
            staged = data_dir / f".{DB_FILE}.restore"
            backups.stage_copy(backup, plan.source_key, staged, plan.key)
            stamp = clock().strftime("%Y%m%d-%H%M%S")
            db_file = data_dir / DB_FILE
            kept = data_dir / f"{DB_FILE}.damaged-{stamp}" if db_file.exists() else None
            try:
                if kept is not None:
                    try:
                        shutil.copy2(db_file, kept)
                        fsync_file(kept)
                    except BaseException:
                        with contextlib.suppress(OSError):
                            kept.unlink()  # a half copy of the damaged file helps nobody
                        raise
                # A journal of the damaged (or vanished) file must not be replayed into
                # the backup: it is set aside with the kept copy.
                aside = kept or data_dir / f"{DB_FILE}.missing-{stamp}"
                for leftover in ("-wal", "-shm"):
                    journal = data_dir / f"{DB_FILE}{leftover}"
                    if journal.exists():
                        os.replace(journal, Path(f"{aside}{leftover}"))
                if plan.needs_metadata:
                    write_metadata(metadata_path(data_dir), plan.metadata.with_changes(
                        database_salt=_file_salt(staged)))
                replace_durably(staged, db_file)
            except BaseException as exc:
                with contextlib.suppress(OSError):
                    staged.unlink()
                refusal = disk_refusal(exc, data_dir) if isinstance(exc, Exception) else None
                if refusal is not None:
                    raise refusal from None
                raise
        finally:
            lock.release()
        return kept

    @staticmethod
    def inspect_for_restore(data_dir: Path, backup: Path, keystore: KeyStore,
                            recovery_key: str | None = None) -> backups.BackupInfo:
        """What ``restore_damaged`` would put back (verified), without changing anything."""
        plan = _RestorePlan.make(Path(data_dir), Path(backup), keystore, recovery_key)
        return backups.backup_info(Path(backup), plan.source_key)

    @staticmethod
    def newest_backup(data_dir: Path) -> Path | None:
        """The newest backup of this folder's vault in its backups folder, if any."""
        metadata = read_metadata(metadata_path(Path(data_dir)))
        return backups.newest_backup(Path(data_dir) / BACKUP_DIR,
                                     metadata.uuid if metadata else "")

    # -- metadata ------------------------------------------------------------------------

    def _save_metadata(self, metadata: VaultMetadata) -> None:
        write_metadata(metadata_path(self.data_dir), metadata)
        self.metadata = metadata


def _new_epoch(db: pw.Database) -> None:
    """Move the change counts' epoch, where the file has them (steps given in tests may
    stop short of the version that adds them)."""
    tables = database.run_sql(db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "AND name = ?", [change_counts.TABLE]).fetchall()
    if tables:
        change_counts.new_epoch(db)


def _stored_keys(data_dir: Path, metadata: VaultMetadata, keystore: KeyStore) -> list[bytes]:
    """The keys the keystore holds for this vault (current, then pending); at least one."""
    candidates = [keystore.get(metadata.uuid)]
    if metadata.pending is not None:
        candidates.append(keystore.get(pending_slot(metadata.uuid)))
    keys = [k for k in candidates if k]
    if not keys:
        if _belongs_elsewhere(data_dir, metadata):
            raise _foreign_metadata(data_dir)
        if b"" in candidates:
            raise WrongKeyError(JUNK_IN_KEYRING, hint=JUNK_HINT)
        raise _key_missing(metadata, keystore)
    return keys


def _recovered_keys(data_dir: Path, metadata: VaultMetadata,
                    recovery_key: str) -> tuple[VaultMetadata, list[bytes], bool]:
    """The keys ``recovery_key`` unwraps, with the metadata they belong to, and whether
    vault.json is another vault's (then this vault's own copy, kept with each of its
    backups, is used if the recovery key fits)."""
    try:
        return metadata, recovered_keys(metadata, recovery_key), False
    except WrongKeyError:
        if not _belongs_elsewhere(data_dir, metadata):
            raise
        own = _own_metadata_from_backups(data_dir, metadata.uuid, recovery_key)
        if own is None:
            raise _foreign_metadata(data_dir) from None
        return own[0], own[1], True


def _key_missing(metadata: VaultMetadata, keystore: KeyStore) -> KeyMissingError:
    hint = "Your recovery key opens it and puts the key back; nothing has changed."
    in_use = keystore.backend_name
    if metadata.keyring_backend and metadata.keyring_backend != in_use:
        return KeyMissingError(
            f"The vault's key was kept in another keyring ({metadata.keyring_backend}); "
            f"the keyring in use now ({in_use}) does not have it.", hint=hint)
    return KeyMissingError("Your keyring has no key for this vault.", hint=hint)


def _refuse_existing(data_dir: Path, *, start_fresh: bool = False) -> None:
    if (data_dir / DB_FILE).exists():
        raise VaultExistsError(f"There is already a vault in {data_dir}; it has not been changed.",
                               hint="If it no longer opens, restore a backup instead. "
                                    + _restore_advice(data_dir))
    if (data_dir / META_FILE).exists() and not start_fresh:
        raise MissingDatabaseError(
            f"The vault file {DB_FILE} is missing from {data_dir}, but its vault.json is still "
            "there, so a new vault was not made over it.",
            hint=_restore_advice(data_dir, fresh_start=True))


def _set_aside(data_dir: Path, clock: Clock) -> Path:
    """Keep the old vault.json (and any journal of the vanished database) under a dated name."""
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    kept = data_dir / f"{META_FILE}.before-fresh-start-{stamp}"
    os.replace(data_dir / META_FILE, kept)
    for leftover in ("-wal", "-shm"):
        journal = data_dir / f"{DB_FILE}{leftover}"
        if journal.exists():  # it must never be replayed into the new database
            os.replace(journal, data_dir / f"{DB_FILE}.before-fresh-start-{stamp}{leftover}")
    return kept


def _require_sound_file(data_dir: Path) -> None:
    """Refuse, before anything is opened, locked or written, a vault whose database is
    missing, empty or cut short: once vault.json exists such a file is damaged, never new."""
    db_file = data_dir / DB_FILE
    if not vault_exists(data_dir):
        raise NoVaultError(f"There is no vault in {data_dir} yet.",
                           hint="Create one with 'supportdesk init' or by starting the app.")
    if not db_file.exists():
        raise MissingDatabaseError(
            f"The vault file {DB_FILE} is missing from {data_dir}, but its vault.json is "
            "still there: your vault was there and its database has gone.",
            hint=_restore_advice(data_dir, fresh_start=True))
    try:
        size = db_file.stat().st_size
    except OSError as exc:
        raise StorageError(f"The vault at {db_file} cannot be read "
                           f"({exc.strerror or exc}).") from None
    if size == 0:
        raise DamagedVaultError(f"The vault file {db_file} is empty (0 bytes), so your notes "
                                "cannot be read from it.", hint=_restore_advice(data_dir))
    if size < PAGE or size % PAGE:
        raise DamagedVaultError(
            f"The vault file {db_file} has been cut short ({size:,} bytes, not a whole vault "
            "file), so your notes cannot be read from it.", hint=_restore_advice(data_dir))


def _restore_advice(data_dir: Path, *, fresh_start: bool = False) -> str:
    """Nothing changed, and the way back: the newest backup, named, or where to look."""
    newest = Vault.newest_backup(data_dir)
    if newest is not None:
        made = backups.read_sidecar(newest) or {}
        try:
            when = datetime.fromisoformat(str(made.get("created"))).astimezone().strftime(
                "%d %B %Y at %H:%M")
        except ValueError:
            when = ""
        advice = (f"Nothing has been changed. Your newest backup is {newest}"
                  f"{f' (made {when})' if when else ''}: restore it with "
                  f"'supportdesk restore \"{newest}\"', or Restore a backup… in the app.")
    else:
        advice = (f"Nothing has been changed. SupportDesk found no backup in "
                  f"{data_dir / BACKUP_DIR}; if you chose another backup folder or saved "
                  "one yourself, restore the newest from there "
                  "('supportdesk restore FILE', or Restore a backup… in the app).")
    if fresh_start:
        advice += (" To start again with an empty vault instead, run 'supportdesk init "
                   "--start-fresh' (the old vault.json is kept aside).")
    return advice


def _clean_leftovers_if_alone(lock: VaultLock, data_dir: Path) -> None:
    """Tidy crash leftovers, but only when no one else has the vault open: a temporary
    file may be another process's write in progress."""
    with contextlib.suppress(LockedError), lock.exclusive("tidying up", wait=0):
        _clean_leftovers(data_dir)


def _clean_leftovers(data_dir: Path) -> None:
    """Remove what a write cut off by a crash left behind; call with the lock held.

    Each is a temporary file that only ever becomes real by being renamed: none of them
    holds anything the vault still needs.
    """
    for pattern in LEFTOVERS:
        for leftover in data_dir.glob(pattern):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _file_salt(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            salt = handle.read(SALT_BYTES)
    except OSError:
        return ""
    return salt.hex() if len(salt) == SALT_BYTES and any(salt) else ""


def _belongs_elsewhere(data_dir: Path, metadata: VaultMetadata) -> bool:
    """Whether vault.json records another database file than the one here."""
    salt = _file_salt(data_dir / DB_FILE)
    return bool(metadata.database_salt and salt and salt != metadata.database_salt)


def _own_metadata_from_backups(data_dir: Path, foreign_uuid: str, recovery_key: str
                               ) -> tuple[VaultMetadata, list[bytes]] | None:
    """The metadata kept with this folder's backups that ``recovery_key`` opens, if any."""
    tried = {foreign_uuid}
    for candidate in backups.list_backups(data_dir / BACKUP_DIR):
        kept = backups.sidecar_metadata(candidate)
        if kept is None or kept.uuid in tried:
            continue
        tried.add(kept.uuid)
        try:
            return kept, recovered_keys(kept, recovery_key)
        except WrongKeyError:
            continue
    return None


def _foreign_metadata(data_dir: Path) -> WrongKeyError:
    return WrongKeyError(
        f"The vault.json in {data_dir} belongs to another vault, not to the {DB_FILE} "
        "beside it (or that database was replaced by another file), so no key can open "
        "your vault through it.",
        hint="Nothing has been changed. Put this vault's own vault.json back if you have "
             "it; with a backup of this vault in its backups folder, 'supportdesk recover' "
             "(or the app) puts it back for you.")


@dataclass(frozen=True)
class _RestorePlan:
    """The keys for putting a backup in place of a damaged or missing database."""

    metadata: VaultMetadata
    key: bytes          # the vault's key: the restored file is re-keyed to it
    source_key: bytes   # the key that opens the backup
    fresh: bool         # no vault here before: the backup's own metadata comes with it
    needs_metadata: bool  # vault.json is missing or unreadable: write it

    @classmethod
    def make(cls, data_dir: Path, backup: Path, keystore: KeyStore,
             recovery_key: str | None) -> _RestorePlan:
        canonical = parse_recovery_key(recovery_key) if recovery_key is not None else None
        on_disk = read_metadata(metadata_path(data_dir))
        fresh = not vault_exists(data_dir)
        if fresh:
            metadata = backups.sidecar_metadata(backup)
            if metadata is None:
                backups.refuse_uncompanioned(backup)
        else:
            metadata = on_disk or _load_metadata(data_dir)
        if canonical is not None:
            candidates = recovered_keys(metadata, canonical)
        else:
            stored = keystore.get(metadata.uuid)
            if stored == b"":
                raise WrongKeyError(JUNK_IN_KEYRING, hint=JUNK_HINT)
            candidates = [stored] if stored else []
        key = next((k for k in candidates if key_matches(k, metadata.key_check)), None)
        if key is None:
            raise _key_missing(metadata, keystore)
        source_key = backups.backup_key(backup, key, canonical)
        if fresh:
            with contextlib.suppress(KeyringUnavailableError):
                metadata = metadata.with_changes(keyring_backend=keystore.backend_name)
        return cls(metadata, key, source_key, fresh, needs_metadata=on_disk is None)


def _build_database(data_dir: Path, key: bytes, metadata: VaultMetadata) -> pw.Database:
    """Write vault.json, then build the database under a temporary name and move it in.

    The database file appearing is the last step, so a failure leaves no vault behind.
    """
    meta_file = metadata_path(data_dir)
    staged = data_dir / f".{DB_FILE}.new"
    try:
        write_metadata(meta_file, metadata)
        for leftover in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{staged}{leftover}").unlink()
        db = database.connect(staged, key)
        try:
            migrations.migrate(db)
        finally:
            db.close()
        replace_durably(staged, data_dir / DB_FILE)
    except BaseException:
        for path in (meta_file, staged):
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    opened: pw.Database = database.connect(data_dir / DB_FILE, key)
    return opened


def _load_metadata(data_dir: Path) -> VaultMetadata:
    """vault.json, or the copy in the newest backup's sidecar if vault.json is gone."""
    metadata = read_metadata(metadata_path(data_dir))
    if metadata is not None:
        return metadata
    for candidate in backups.list_backups(data_dir / BACKUP_DIR):
        found = backups.sidecar_metadata(candidate)
        if found is not None:
            return found
    raise DamagedVaultError(
        "The file vault.json beside your vault is missing or damaged, so SupportDesk "
        "cannot tell which key opens the vault.",
        hint="Put vault.json back from a copy and try again; the vault itself has not been "
             "changed.",
    )


def _open_with(path: Path, metadata: VaultMetadata, keys: list[bytes], *,
               check_pages: bool = True) -> tuple[pw.Database, bytes]:
    """Open ``path`` with the first of ``keys`` that works (its pages checked, if asked).

    A key that matches the key check but does not open the file means the file is
    damaged; keys that match no check are simply the wrong keys.
    """
    checks = [metadata.key_check]
    if metadata.pending is not None:
        checks.append(metadata.pending.key_check)
    known = [k for k in keys if any(key_matches(k, check) for check in checks)]
    if not known:
        raise WrongKeyError(
            "The key in your keyring does not open this vault.",
            hint="Your recovery key opens it and puts the right key back; nothing has changed.",
        )
    no_schema = False
    for key in known:
        try:
            db = database.connect(path, key)
        except (WrongKeyError, DamagedVaultError):
            continue
        if not check_pages or not database.open_problems(db):
            if migrations.has_schema(db):
                return db, key
            no_schema = True
        db.close()
    if no_schema:
        raise DamagedVaultError(
            f"The vault file {path} opens with your key but holds none of SupportDesk's "
            "tables: it is not your vault any more.", hint=_restore_advice(path.parent))
    if _belongs_elsewhere(path.parent, metadata):
        raise DamagedVaultError(
            f"The vault file {path} does not open with the key its vault.json names: either "
            "that vault.json belongs to another vault, or the start of the file is damaged.",
            hint=_restore_advice(path.parent))
    raise DamagedVaultError(
        f"The vault file {path} is damaged, even though the key is right.",
        hint=_restore_advice(path.parent))


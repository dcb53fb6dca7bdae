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
from datetime import UTC, datetime
from pathlib import Path

import peewee as pw

from supportdesk.core.errors import (
    DamagedVaultError,
    KeyMissingError,
    LockedError,
    NoVaultError,
    StorageError,
    VaultExistsError,
    WrongKeyError,
)
from supportdesk.store import change_counts, database, migrations
from supportdesk.vault import backup as backups
from supportdesk.vault.atomic import fsync_file, replace_durably
from supportdesk.vault.files import DB_FILE, vault_exists
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
    parse_recovery_key,
    seal_key,
    wrap_key,
)

BACKUP_DIR = "backups"
KEEP_SAFETY_BACKUPS = 10

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
    def create(cls, data_dir: Path, keystore: KeyStore,
               clock: Clock = _utc_now) -> tuple[Vault, str]:
        """A new vault and its recovery key (to show once). Refuses if one is there."""
        data_dir = Path(data_dir)
        _refuse_existing(data_dir)
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
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"SupportDesk cannot create the folder {data_dir} "
                               f"({exc.strerror or exc}).") from None
        lock = VaultLock.acquire(data_dir, exclusive=True, purpose="creating this vault")
        try:
            _refuse_existing(data_dir)  # again, now that no one else can be creating it
            recovery_key = generate_recovery_key()
            metadata = VaultMetadata(
                uuid=vault_uuid,
                schema_version=migrations.SCHEMA_VERSION,
                keyring_backend=keystore.backend_name,
                key_check=key_check(key),
                wrapped=wrap_key(key, recovery_key, vault_uuid),
                created=clock().isoformat(),
            )
            db = _build_database(data_dir, key, metadata)
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
             on_wait: OnWait | None = None) -> Vault:
        """Open with the key in ``keystore``; the key is checked before the database is read."""
        data_dir = Path(data_dir)
        _require_database(data_dir)
        # The key is read before any lock is taken: a keyring waiting on its password
        # prompt must not hold the vault for everyone else.
        metadata = _load_metadata(data_dir)
        keys = _stored_keys(metadata, keystore)
        lock = VaultLock.acquire(data_dir, on_wait=on_wait)
        try:
            again = _load_metadata(data_dir)
            if again != metadata:  # the key changed while we were reading it
                metadata, keys = again, _stored_keys(again, keystore)
            db, key = _open_with(data_dir / DB_FILE, metadata, keys)
            vault = cls(data_dir, db, key, metadata, keystore, lock, clock)
        except BaseException:
            lock.release()
            raise
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
        _require_database(data_dir)
        metadata = _load_metadata(data_dir)
        keys = recovered_keys(metadata, recovery_key)  # slow on purpose: before the lock
        lock = VaultLock.acquire(data_dir, on_wait=on_wait)
        try:
            again = _load_metadata(data_dir)
            if again != metadata:
                metadata, keys = again, recovered_keys(again, recovery_key)
            db, key = _open_with(data_dir / DB_FILE, metadata, keys)
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
            if read_metadata(metadata_path(self.data_dir)) != self.metadata:
                self._save_metadata(self.metadata)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()
        self._lock.release()

    # -- checking ------------------------------------------------------------------

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
        if not key_matches(stored, self.metadata.key_check):
            return ["The keyring holds a different key for this vault."]
        return []

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
        if migrations.needs_migration(self.db, len(chosen)):
            self.backup(reason="before-update")
            migrations.migrate(self.db, chosen)
            _new_epoch(self.db)
        if self.metadata.schema_version != migrations.schema_version(self.db):
            self._save_metadata(self.metadata.with_changes(
                schema_version=migrations.schema_version(self.db)))

    # -- backups -----------------------------------------------------------------------

    def backup(self, target: Path | None = None, *, reason: str = "",
               keep: int | None = None) -> Path:
        """An encrypted backup (into the vault's backups folder unless ``target`` says)."""
        now = self._clock()
        if target is None:
            target = self.backup_dir / backups.backup_name(now, reason)
            number = 2
            while target.exists():
                target = self.backup_dir / backups.backup_name(now, f"{reason or 'copy'}-{number}")
                number += 1
        written = backups.write_backup(self.db, self._key, self.metadata, Path(target), now)
        if keep is not None:
            backups.rotate_backups(written.parent, keep)
        elif written.parent == self.backup_dir and reason:
            backups.rotate_backups(written.parent, KEEP_SAFETY_BACKUPS)
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
                        recovery_key: str | None = None, *, clock: Clock = _utc_now) -> Path:
        """Put a verified backup in place of a vault file that cannot be read.

        For when ``open`` says the file is damaged, so ``restore`` (which needs an open
        vault) cannot run. The key comes from ``keystore``, or from ``recovery_key`` when
        given. A copy of the damaged file is kept beside it, never deleted; its path is
        returned. Open the vault as usual afterwards.
        """
        data_dir, backup = Path(data_dir), Path(backup)
        _require_database(data_dir)
        metadata = _load_metadata(data_dir)
        if recovery_key is not None:
            candidates = recovered_keys(metadata, parse_recovery_key(recovery_key))
        else:
            stored = keystore.get(metadata.uuid)
            candidates = [stored] if stored else []
        key = next((k for k in candidates if key_matches(k, metadata.key_check)), None)
        if key is None:
            raise _key_missing(metadata, keystore)
        lock = VaultLock.acquire(data_dir, exclusive=True, purpose="restoring a backup")
        try:
            source_key = backups.backup_key(backup, key, recovery_key)
            source = backups.open_verified(backup, source_key)
            try:
                migrations.refuse_newer(migrations.schema_version(source), "backup")
            finally:
                source.close()
            staged = data_dir / f".{DB_FILE}.restore"
            backups.stage_copy(backup, source_key, staged, key)
            kept = data_dir / f"{DB_FILE}.damaged-{clock().strftime('%Y%m%d-%H%M%S')}"
            try:
                shutil.copy2(data_dir / DB_FILE, kept)
                fsync_file(kept)
                # A journal of the damaged file must not be replayed into the backup.
                for leftover in ("-wal", "-shm"):
                    journal = data_dir / f"{DB_FILE}{leftover}"
                    if journal.exists():
                        os.replace(journal, Path(f"{kept}{leftover}"))
                replace_durably(staged, data_dir / DB_FILE)
            except BaseException:
                with contextlib.suppress(OSError):
                    staged.unlink()
                raise
        finally:
            lock.release()
        return kept

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


def _stored_keys(metadata: VaultMetadata, keystore: KeyStore) -> list[bytes]:
    """The keys the keystore holds for this vault (current, then pending); at least one."""
    candidates = [keystore.get(metadata.uuid)]
    if metadata.pending is not None:
        candidates.append(keystore.get(pending_slot(metadata.uuid)))
    keys = [k for k in candidates if k]
    if not keys:
        raise _key_missing(metadata, keystore)
    return keys


def _key_missing(metadata: VaultMetadata, keystore: KeyStore) -> KeyMissingError:
    hint = "Your recovery key opens it and puts the key back; nothing has changed."
    in_use = keystore.backend_name
    if metadata.keyring_backend and metadata.keyring_backend != in_use:
        return KeyMissingError(
            f"The vault's key was kept in another keyring ({metadata.keyring_backend}); "
            f"the keyring in use now ({in_use}) does not have it.", hint=hint)
    return KeyMissingError("Your keyring has no key for this vault.", hint=hint)


def _refuse_existing(data_dir: Path) -> None:
    if Vault.exists(data_dir):
        raise VaultExistsError(f"There is already a vault in {data_dir}; it has not been changed.")


def _require_database(data_dir: Path) -> None:
    if not Vault.exists(data_dir):
        raise NoVaultError(f"There is no vault in {data_dir} yet.",
                           hint="Create one with 'supportdesk init' or by starting the app.")


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


def _open_with(path: Path, metadata: VaultMetadata, keys: list[bytes]) -> tuple[pw.Database, bytes]:
    """Open ``path`` with the first of ``keys`` that works.

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
    for key in known:
        try:
            db = database.connect(path, key)
        except (WrongKeyError, DamagedVaultError):
            continue
        if not database.open_problems(db):
            return db, key
        db.close()
    raise DamagedVaultError(
        "The vault file is damaged, even though the key is right.",
        hint="You can restore it from a backup; the damaged file has been left as it is.",
    )


"""Encrypted backups: made with sqlcipher_export, checked before they are trusted.

A backup is a SQLCipher file keyed like the vault, with the schema version in its
``user_version``, and a small JSON sidecar (``<name>.json``) holding the date, the
schema version and the vault's wrapped key, so the recovery key opens it too.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import peewee as pw

from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import (
    DamagedVaultError,
    NotFoundError,
    WrongKeyError,
)
from supportdesk.store import database, migrations
from supportdesk.store.models import CheckInRow, GratitudeRow, PlanItemRow, SupporterRow
from supportdesk.vault.atomic import (
    atomic_write_bytes,
    fsync_file,
    make_folder_durably,
    make_private,
    replace_durably,
)
from supportdesk.vault.metadata import VaultMetadata, key_matches, recovered_keys

SUFFIX = ".sdbackup"
SIDECAR_SUFFIX = ".json"
NAME_PATTERN = re.compile(r"^supportdesk-(\d{8}-\d{6})(?:-[a-z0-9-]+)?\.sdbackup$")
COPY_NUMBER = re.compile(r"-(\d+)\.sdbackup$")
COUNTED = {
    "supporters": SupporterRow,
    "checkins": CheckInRow,
    "gratitude": GratitudeRow,
    "plan_items": PlanItemRow,
}

DAMAGED = "This backup file is damaged or incomplete, so it cannot be restored."
DAMAGED_HINT = "Nothing has been changed. Try an older backup."
NOT_THIS_KEY = "This backup was not made with this vault's key."
NOT_THIS_KEY_HINT = "Your recovery key from when the backup was made can open it."
NOT_A_BACKUP = "This file is not a SupportDesk backup, so it cannot be restored."
NOT_A_BACKUP_HINT = ("Nothing has been changed. SupportDesk's backups are named "
                     "supportdesk-<date>.sdbackup, each with a .json file beside it.")
NO_COMPANION = ("This file could not be opened with this vault's key, and the .json file "
                "that comes with every SupportDesk backup is not beside it.")
NO_COMPANION_HINT = ("Nothing has been changed. If it is a backup, put its .json file back "
                     "beside it (same name, with .json added) and try again.")
PAGE = 4096  # SQLCipher 4's page: an encrypted file is whole pages
PLAIN_SQLITE = b"SQLite format 3\x00"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime | None
    schema_version: int
    counts: dict[str, int]
    vault_uuid: str


def backup_name(now: datetime, reason: str = "") -> str:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return f"supportdesk-{stamp}{'-' + reason if reason else ''}{SUFFIX}"


def sidecar_path(backup: Path) -> Path:
    return backup.with_name(backup.name + SIDECAR_SUFFIX)


def export_copy(db: pw.Database, target: Path, key: bytes, schema_version: int) -> None:
    """Write an encrypted copy of ``db`` to ``target`` (temp file, fsync, atomic rename)."""
    temp = target.with_name(f".{target.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    try:
        attach = f"ATTACH DATABASE ? AS backup KEY \"{database.raw_key(key)}\""
        database.run_sql(db, attach, (str(temp),))
        try:
            database.run_sql(db, "SELECT sqlcipher_export('backup')")
            database.run_sql(db, f"PRAGMA backup.user_version = {int(schema_version)}")
        finally:
            database.run_sql(db, "DETACH DATABASE backup")
        make_private(temp)
        replace_durably(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        # The copy is written at ``target``: a full disk there is the one to name.
        refusal = disk_refusal(exc, target) if isinstance(exc, Exception) else None
        if refusal is not None:
            raise refusal from None
        raise


def stage_copy(backup: Path, key: bytes, staged: Path, new_key: bytes) -> None:
    """Copy ``backup`` to ``staged`` (flushed), re-keyed to ``new_key`` if it differs.

    On any failure the partial copy is removed, so a full disk is not left fuller.
    """
    try:
        shutil.copyfile(backup, staged)
        make_private(staged)
        if new_key != key:
            db = database.connect_backup(staged, key, writable=True)
            try:
                database.run_sql(db, f"PRAGMA rekey = \"{database.raw_key(new_key)}\"")
            finally:
                db.close()
        fsync_file(staged)
    except BaseException as exc:
        for leftover in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{staged}{leftover}").unlink()
        refusal = disk_refusal(exc, staged) if isinstance(exc, Exception) else None
        if refusal is not None:
            raise refusal from None
        raise


def write_backup(db: pw.Database, key: bytes, metadata: VaultMetadata, target: Path,
                 now: datetime) -> Path:
    """A full encrypted backup of the open vault at ``target``, with its sidecar.

    The sidecar is written first: a backup cut short by a power cut is either absent
    or has the sidecar through which the recovery key opens it.
    """
    make_folder_durably(target.parent)
    version = migrations.schema_version(db)
    sidecar = {
        "format": 1,
        "created": now.isoformat(),
        "schema_version": version,
        "vault_uuid": metadata.uuid,
        "key_check": metadata.key_check,
        "vault_metadata": json.loads(
            metadata.with_changes(pending=None, unconfirmed=None).to_json()),
    }
    atomic_write_bytes(sidecar_path(target), (json.dumps(sidecar, indent=2) + "\n").encode())
    try:
        export_copy(db, target, key, version)
    except BaseException:
        with contextlib.suppress(OSError):
            sidecar_path(target).unlink()  # no backup, so no sidecar either
        raise
    remove_leftovers(target.parent, older_than=now)
    return target


def check_written(backup: Path, key: bytes) -> None:
    """A light check of a backup just written (every page's HMAC on the way, and the
    schema), before older ones are rotated away; DamagedVaultError if it falls short."""
    try:
        db = database.connect_backup(backup, key)
    except (WrongKeyError, DamagedVaultError):
        sound = False
    else:
        try:
            sound = not database.open_problems(db) and migrations.has_schema(db)
        finally:
            db.close()
    if not sound:
        raise DamagedVaultError(
            f"The backup just written to {backup} did not check out, so no older backup "
            "was removed.", hint="Your vault may be damaged: run 'supportdesk check'.")


def remove_leftovers(folder: Path, older_than: datetime) -> list[Path]:
    """Delete what backups cut short (by a power cut or a kill) left in ``folder``: temp
    copies and sidecars without their backup, only those stamped before ``older_than``
    (one being written now is never older) and only with SupportDesk's own names."""
    stamp = older_than.strftime("%Y%m%d-%H%M%S")
    removed = []
    for path in folder.iterdir():
        name = path.name
        if name.startswith(".") and name.endswith((".tmp", ".tmp-journal")):
            made = name[1:].rsplit(".tmp", 1)[0]
        elif name.endswith(SUFFIX + SIDECAR_SUFFIX):
            made = name[:-len(SIDECAR_SUFFIX)]
            if (folder / made).exists():
                continue  # a sidecar with its backup
        else:
            continue
        match = NAME_PATTERN.match(made)
        if match is None or match.group(1) >= stamp:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def read_sidecar(backup: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(sidecar_path(backup).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def sidecar_metadata(backup: Path) -> VaultMetadata | None:
    data = read_sidecar(backup)
    if not data or "vault_metadata" not in data:
        return None
    try:
        return VaultMetadata.from_json(json.dumps(data["vault_metadata"]))
    except (ValueError, KeyError, TypeError):
        return None


def backup_key(backup: Path, key: bytes | None = None, recovery_key: str | None = None) -> bytes:
    """The key that opens ``backup``: the vault's own, or one the recovery key unwraps."""
    sidecar = read_sidecar(backup) or {}
    check = str(sidecar.get("key_check", ""))
    if key is not None and (not check or key_matches(key, check)):
        return key
    metadata = sidecar_metadata(backup)
    if recovery_key is not None and metadata is not None:
        for candidate in recovered_keys(metadata, recovery_key):
            if not check or key_matches(candidate, check):
                return candidate
    raise WrongKeyError(NOT_THIS_KEY, hint=NOT_THIS_KEY_HINT)


def _looks_encrypted(backup: Path) -> bool:
    """Whole pages, not a plain SQLite file: what a SQLCipher file looks like from outside."""
    try:
        size = backup.stat().st_size
        with open(backup, "rb") as handle:
            start = handle.read(len(PLAIN_SQLITE))
    except OSError:
        return False
    return size >= PAGE and size % PAGE == 0 and start != PLAIN_SQLITE


def refuse_uncompanioned(backup: Path) -> NoReturn:
    """The error for a file without the .json every SupportDesk backup has beside it."""
    if not backup.is_file():
        raise NotFoundError(f"There is no backup file at {backup}.")
    if not _looks_encrypted(backup):
        raise DamagedVaultError(NOT_A_BACKUP, hint=NOT_A_BACKUP_HINT)
    raise WrongKeyError(NO_COMPANION, hint=NO_COMPANION_HINT)


def open_verified(backup: Path, key: bytes) -> pw.Database:
    """Open a backup read-only after both integrity checks pass.

    Each failure gets its own true words: a file that is not a SupportDesk backup, a
    backup that is damaged or incomplete (cut short), or one made with another key
    (WrongKeyError). The vault itself is never what is said to be damaged here.
    """
    if not backup.is_file():
        raise NotFoundError(f"There is no backup file at {backup}.")
    sidecar = read_sidecar(backup)
    if sidecar is None and not _looks_encrypted(backup):
        raise DamagedVaultError(NOT_A_BACKUP, hint=NOT_A_BACKUP_HINT)
    ours = sidecar is not None and key_matches(key, str(sidecar.get("key_check", "")))
    if sidecar is not None and not _looks_encrypted(backup):
        raise DamagedVaultError(DAMAGED, hint=DAMAGED_HINT)  # cut short, or not one at all
    try:
        db: pw.Database = database.connect_backup(backup, key)
    except WrongKeyError:
        if ours:
            raise DamagedVaultError(DAMAGED, hint=DAMAGED_HINT) from None
        if sidecar is None:
            raise WrongKeyError(NO_COMPANION, hint=NO_COMPANION_HINT) from None
        raise WrongKeyError(NOT_THIS_KEY, hint=NOT_THIS_KEY_HINT) from None
    except DamagedVaultError:
        raise DamagedVaultError(DAMAGED, hint=DAMAGED_HINT) from None
    if database.integrity_problems(db) or not migrations.has_schema(db):
        db.close()
        raise DamagedVaultError(DAMAGED, hint=DAMAGED_HINT)
    return db


def backup_info(backup: Path, key: bytes | None = None,
                recovery_key: str | None = None) -> BackupInfo:
    """What a backup holds: date, schema version and counts (after verifying it)."""
    db = open_verified(backup, backup_key(backup, key, recovery_key))
    try:
        version = migrations.schema_version(db)
        counts = table_counts(db)
    finally:
        db.close()
    sidecar = read_sidecar(backup) or {}
    return BackupInfo(
        path=backup,
        created=_parse_time(sidecar.get("created")),
        schema_version=version,
        counts=counts,
        vault_uuid=str(sidecar.get("vault_uuid", "")),
    )


def table_counts(db: pw.Database) -> dict[str, int]:
    """Row counts read from ``db`` itself, not from whatever the models are bound to."""
    tables = set(db.get_tables())
    counts = {}
    for label, model in COUNTED.items():
        name = model._meta.table_name
        counts[label] = (
            int(database.run_sql(db, f'SELECT count(*) FROM "{name}"').fetchone()[0])
            if name in tables else 0
        )
    return counts


def list_backups(folder: Path) -> list[Path]:
    """Backups in ``folder`` that SupportDesk made, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if NAME_PATTERN.match(p.name) and p.is_file()]
    return sorted(found, key=_made_order, reverse=True)


def _made_order(backup: Path) -> tuple[str, int, int]:
    """Time stamp, then when the file was written, then the copy number: backups made
    within one second must still be told apart (a copy's number can be used again once
    rotation has removed it), or rotation could delete the newest."""
    match = NAME_PATTERN.match(backup.name)
    assert match is not None
    copy = COPY_NUMBER.search(backup.name)
    try:
        written = backup.stat().st_mtime_ns
    except OSError:
        written = 0
    return match.group(1), written, int(copy.group(1)) if copy else 1


def backup_uuid(backup: Path) -> str:
    """The uuid of the vault a backup was made from ("" if its sidecar does not say)."""
    return str((read_sidecar(backup) or {}).get("vault_uuid", ""))


def newest_backup(folder: Path, vault_uuid: str = "") -> Path | None:
    """The newest backup in ``folder`` (of that vault, when ``vault_uuid`` is given)."""
    for candidate in list_backups(folder):
        if not vault_uuid or backup_uuid(candidate) in ("", vault_uuid):
            return candidate
    return None


def rotate_backups(folder: Path, keep: int, vault_uuid: str = "") -> list[Path]:
    """Delete all but the newest ``keep`` backups (and their sidecars); return what went.

    With ``vault_uuid``, only that vault's backups count and go: those of another vault
    (the one before a fresh start, say) are never rotated away by this one's.
    """
    found = [p for p in list_backups(folder)
             if not vault_uuid or backup_uuid(p) in ("", vault_uuid)]
    removed = found[max(keep, 1):]
    for old in removed:
        for path in (old, sidecar_path(old)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return removed


def _parse_time(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None

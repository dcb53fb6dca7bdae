"""Opening the SQLCipher database with a raw key, and checking it is sound.

The key is applied in SQLCipher's raw form (``x'<64 hex>'``) so opening needs no
slow key derivation. The pragmas DESIGN.md asks for are set and then read back.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import peewee as pw
from playhouse.sqlcipher_ext import SqlCipherDatabase
from sqlcipher3 import dbapi2 as sqlcipher_dbapi

from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import DamagedVaultError, StorageError, WrongKeyError
from supportdesk.store.models import database_proxy

# peewee logs every statement with its parameters at DEBUG: personal data and, for
# ATTACH/rekey, key material. The level keeps them out; the filter keeps them out even
# if someone later turns the peewee logger up.
_PEEWEE_LOG = logging.getLogger("peewee")
_PEEWEE_LOG.setLevel(logging.WARNING)


def _no_statements(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


if _no_statements not in _PEEWEE_LOG.filters:
    _PEEWEE_LOG.addFilter(_no_statements)

KEY_BYTES = 32
PRAGMAS = {
    "cipher_log_level": "NONE",
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "secure_delete": 1,
    "busy_timeout": 5000,
}
EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "secure_delete": 1,
            "cipher_log_level": "NONE"}
if sys.platform == "darwin":
    # macOS's fsync leaves the data in the drive's cache; only F_FULLFSYNC writes it out,
    # and SQLite asks for it only with these on (docs/VAULT.md, "Power loss").
    PRAGMAS |= {"fullfsync": 1, "checkpoint_fullfsync": 1}
    EXPECTED |= {"fullfsync": 1, "checkpoint_fullfsync": 1}


def run_sql(db: pw.Database, query: str, params: Sequence[object] = ()) -> Any:
    """``db.execute_sql`` with a typed signature; returns the cursor."""
    return db.execute_sql(query, params)  # type: ignore[no-untyped-call]


def run_many(db: pw.Database, query: str, rows: Sequence[Sequence[object]]) -> None:
    """``executemany`` on the connection, with a typed signature."""
    db.cursor().executemany(query, rows)  # type: ignore[no-untyped-call]


def raw_key(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"x'{key.hex()}'"


def _disk_refusal(exc: Exception, path: str) -> StorageError | None:
    """A StorageError for a full, read-only or failing disk; None for anything else."""
    return disk_refusal(exc, Path(path) if path else None)


class VaultDatabase(SqlCipherDatabase):  # type: ignore[misc]
    """The vault's database: a full or read-only disk becomes a StorageError to act on."""

    def connect(self, reuse_if_open: bool = False) -> bool:
        try:
            return bool(super().connect(reuse_if_open))
        except (pw.DatabaseError, OSError) as exc:
            raise (_disk_refusal(exc, self.database) or exc) from None

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        try:
            return super().execute_sql(sql, params)
        except pw.OperationalError as exc:
            raise (_disk_refusal(exc, self.database) or exc) from None

    def begin(self, lock_type: str | None = None) -> None:
        try:
            super().begin(lock_type)
        except pw.OperationalError as exc:
            raise (_disk_refusal(exc, self.database) or exc) from None

    def commit(self) -> None:
        try:
            super().commit()
        except pw.OperationalError as exc:
            raise (_disk_refusal(exc, self.database) or exc) from None

    def rollback(self) -> None:
        try:
            super().rollback()
        except pw.OperationalError as exc:
            # SQLite already rolled back on its own (a full disk does that).
            if "no transaction is active" not in str(exc):
                raise


def casefold(text: str | None) -> str:
    """SQL's ``sd_casefold(text)``: Python's casefold, for search that knows "Zoë" is "ZOË"
    (SQLite's own lower() and LIKE fold ASCII letters only)."""
    return text.casefold() if text else ""


def connect(path: Path, key: bytes) -> SqlCipherDatabase:
    """Open ``path`` with ``key``; raise WrongKeyError or DamagedVaultError if it won't read."""
    # BEGIN IMMEDIATE: a transaction that reads before it writes would otherwise fail at
    # once ("database is locked") when another process wrote in between, busy timeout
    # or not; taking the write lock first makes it wait its turn instead.
    db = VaultDatabase(None, lock_type="IMMEDIATE")
    db.init(str(path), passphrase=raw_key(key), pragmas=PRAGMAS, check_same_thread=False)
    db.register_function(casefold, "sd_casefold", 1, deterministic=True)
    _first_read(db, path)
    check_pragmas(db)
    return db


def connect_backup(path: Path, key: bytes, *, writable: bool = False) -> SqlCipherDatabase:
    """Open a backup file (or a copy being prepared) as it is: no WAL, read-only by default."""
    db = SqlCipherDatabase(None)
    uri = f"{path.resolve().as_uri()}?mode={'rw' if writable else 'ro'}"
    db.init(uri, passphrase=raw_key(key), pragmas={"cipher_log_level": "NONE"},
            uri=True, check_same_thread=False)
    _first_read(db, path)
    return db


def _first_read(db: SqlCipherDatabase, path: Path) -> None:
    """Connect and read once, turning SQLCipher's failures into errors a person can act on."""
    try:
        db.connect()
        run_sql(db, "SELECT count(*) FROM sqlite_master").fetchone()
    except (pw.DatabaseError, sqlite3.DatabaseError, sqlcipher_dbapi.DatabaseError,
            OSError) as exc:
        db.close()
        # The disk first: a full or failing disk is never a wrong key or a damaged file.
        refusal = disk_refusal(exc, path)
        if refusal is not None:
            raise refusal from None
        text = str(exc).lower()
        if "not a database" in text or "encrypted" in text:
            raise WrongKeyError(
                "This key does not open the vault.",
                hint="Your recovery key can open it again.",
            ) from None
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            raise StorageError(f"The vault at {path} cannot be opened for writing.") from None
        if isinstance(exc, OSError):
            raise StorageError(f"The vault at {path} cannot be opened: "
                               f"{type(exc).__name__}.") from None
        raise DamagedVaultError(
            "The vault file looks damaged.", hint="You can restore it from a backup."
        ) from None


def rekey(db: pw.Database, key: bytes) -> None:
    """Re-encrypt the open database under ``key`` (one transaction) and reconnect with it."""
    db.rekey(raw_key(key))  # type: ignore[attr-defined]


def check_pragmas(db: pw.Database) -> None:
    for name, expected in EXPECTED.items():
        value = run_sql(db, f"PRAGMA {name}").fetchone()[0]
        if value != expected:
            raise StorageError(
                f"The vault could not be opened safely ({name} is {value}, needs {expected})."
            )


def _raise_disk_refusal(exc: Exception, db: pw.Database) -> None:
    """A check that the disk stopped is not a finding about the file: say what the disk did."""
    name = str(db.database or "")
    if name.startswith("file:"):  # a backup opened by URI
        name = unquote(urlsplit(name).path)
    refusal = _disk_refusal(exc, name)
    if refusal is not None:
        raise refusal from None


def integrity_problems(db: pw.Database) -> list[str]:
    """Both checks: SQLCipher's page HMACs and SQLite's own structure. Empty means sound."""
    try:
        # cipher_integrity_check reads the main file, not the WAL: fold the WAL in first
        # (a no-op for files that are not in WAL mode).
        run_sql(db, "PRAGMA wal_checkpoint(TRUNCATE)")
        problems = [row[0] for row in run_sql(db, "PRAGMA cipher_integrity_check").fetchall()]
        rows = run_sql(db, "PRAGMA integrity_check").fetchall()
    except (pw.DatabaseError, sqlite3.DatabaseError, sqlcipher_dbapi.DatabaseError) as exc:
        _raise_disk_refusal(exc, db)
        return ["the file could not be read to the end (database disk image is malformed)"]
    problems += [row[0] for row in rows if row[0] != "ok"]
    return problems


def open_problems(db: pw.Database) -> list[str]:
    """The check made at every open: one pass over every page in use.

    ``quick_check`` reads each table and index page, so SQLCipher verifies each
    page's HMAC on the way; the slower cross-checks of ``integrity_problems`` run
    in ``check`` and before a restore.
    """
    try:
        rows = run_sql(db, "PRAGMA quick_check").fetchall()
    except (pw.DatabaseError, sqlite3.DatabaseError, sqlcipher_dbapi.DatabaseError) as exc:
        _raise_disk_refusal(exc, db)
        return ["the file could not be read to the end (database disk image is malformed)"]
    return [row[0] for row in rows if row[0] != "ok"]


def bind(db: pw.Database) -> None:
    database_proxy.initialize(db)


@contextmanager
def bound(db: pw.Database) -> Iterator[pw.Database]:
    bind(db)
    try:
        yield db
    finally:
        database_proxy.initialize(None)

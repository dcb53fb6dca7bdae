"""The SQLCipher database: raw key, safe pragmas checked at every open, plain errors."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path

import pytest

from supportdesk.core.errors import StorageError, WrongKeyError
from supportdesk.store import database


def test_opening_sets_and_checks_the_safe_pragmas(tmp_path: Path, db_key: bytes) -> None:
    db = database.connect(tmp_path / "a.db", db_key)
    try:
        read = {name: database.run_sql(db, f"PRAGMA {name}").fetchone()[0]
                for name in ("journal_mode", "synchronous", "foreign_keys", "secure_delete")}
        assert read == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                        "secure_delete": 1}
        database.run_sql(db, "PRAGMA secure_delete = 0")
        with pytest.raises(StorageError, match="secure_delete"):
            database.check_pragmas(db)
    finally:
        db.close()


def test_the_file_is_encrypted_and_another_key_is_told_apart(tmp_path: Path,
                                                             db_key: bytes) -> None:
    path = tmp_path / "a.db"
    db = database.connect(path, db_key)
    database.run_sql(db, "CREATE TABLE t (x TEXT)")
    database.run_sql(db, "INSERT INTO t VALUES ('a private note')")
    db.close()
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"
    assert b"a private note" not in path.read_bytes()
    other = secrets.token_bytes(32)
    with pytest.raises(WrongKeyError) as caught:
        database.connect(path, other)
    assert other.hex() not in str(caught.value) and db_key.hex() not in str(caught.value)


def test_a_key_must_be_32_bytes() -> None:
    with pytest.raises(ValueError):
        database.raw_key(b"short")


def test_backups_open_read_only(tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "a.db"
    db = database.connect(path, db_key)
    database.run_sql(db, "CREATE TABLE t (x TEXT)")
    db.close()
    before = path.read_bytes()
    backup = database.connect_backup(path, db_key)
    try:
        assert database.integrity_problems(backup) == []
        with pytest.raises(Exception, match="readonly"):
            database.run_sql(backup, "INSERT INTO t VALUES ('x')")
    finally:
        backup.close()
    assert path.read_bytes() == before


def test_peewee_never_logs_statements(tmp_path: Path, db_key: bytes,
                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="peewee")  # even when someone turns it up
    db = database.connect(tmp_path / "a.db", db_key)
    database.run_sql(db, "CREATE TABLE t (x TEXT)")
    database.run_sql(db, "INSERT INTO t VALUES (?)", ("a private note",))
    database.rekey(db, db_key)
    db.close()
    assert "a private note" not in caplog.text and db_key.hex() not in caplog.text
    assert not [r for r in caplog.records if r.name == "peewee"]

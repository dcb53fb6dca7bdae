"""Telling a full, read-only or failing disk apart, from errno and SQLite's codes."""

from __future__ import annotations

import errno
from pathlib import Path

import peewee as pw
import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from supportdesk.core import disk_errors
from supportdesk.core.disk_errors import Trouble, disk_refusal, trouble
from supportdesk.core.errors import DiskFullError, StorageError


@pytest.mark.parametrize(("number", "expected"), [
    (errno.ENOSPC, Trouble.FULL), (errno.EDQUOT, Trouble.FULL),
    (errno.EROFS, Trouble.READ_ONLY), (errno.EACCES, Trouble.NOT_ALLOWED),
    (errno.EIO, Trouble.FAILING),
])
def test_errno_decides(number: int, expected: Trouble, tmp_path: Path) -> None:
    assert trouble(OSError(number, "words do not matter"), tmp_path) is expected


def test_an_error_that_is_not_the_disk_is_left_alone(tmp_path: Path) -> None:
    assert disk_refusal(OSError(errno.ENOENT, "No such file"), tmp_path) is None
    assert disk_refusal(ValueError("full"), tmp_path) is None  # words alone never decide


def _sqlite_error(message: str) -> sqlcipher.Error:
    """A real SQLite error, with the code SQLite gave it."""
    connection = sqlcipher.connect(":memory:")
    try:
        connection.execute(message)
    except sqlcipher.Error as error:
        return error
    raise AssertionError("expected an error")


def test_sqlite_code_read_through_peewees_wrapper(tmp_path: Path) -> None:
    inner = _sqlite_error("SELECT * FROM missing_table")
    assert inner.sqlite_errorcode == disk_errors.SQLITE_ERROR  # type: ignore[attr-defined]
    try:
        try:
            raise inner
        except sqlcipher.Error as exc:
            raise pw.OperationalError(exc, *exc.args) from None
    except pw.OperationalError as wrapped:
        assert disk_refusal(wrapped, tmp_path) is None  # a bug, not the disk


def test_sqlcipher_export_passes_a_full_disk_on_as_a_generic_error(tmp_path: Path) -> None:
    """sqlcipher_export() reports SQLITE_FULL as SQLITE_ERROR with SQLite's own text."""
    generic = sqlcipher.OperationalError("database or disk is full")
    refusal = disk_refusal(generic, tmp_path / "vault" / "supportdesk.db")
    assert isinstance(refusal, DiskFullError)
    assert str(tmp_path / "vault") in str(refusal)


def test_an_io_error_on_a_nearly_full_disk_is_a_full_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    io_error = OSError(errno.EIO, "Input/output error")
    assert trouble(io_error, tmp_path) is Trouble.FAILING  # plenty of room in tmp
    monkeypatch.setattr(disk_errors, "LOW_SPACE", 1 << 62)  # every disk is "nearly full"
    assert trouble(io_error, tmp_path) is Trouble.FULL


def test_messages_name_the_folder_and_say_nothing_changed(tmp_path: Path) -> None:
    for number in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO):
        refusal = disk_refusal(OSError(number, "x"), tmp_path / "file.csv")
        assert isinstance(refusal, StorageError)
        assert str(tmp_path) in str(refusal) and "Errno" not in str(refusal)
        assert "not done" in str(refusal)


def test_permission_denied_stays_permission_denied_on_a_full_disk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(disk_errors, "LOW_SPACE", 1 << 62)
    assert trouble(OSError(errno.EACCES, "Permission denied"), tmp_path) is Trouble.NOT_ALLOWED

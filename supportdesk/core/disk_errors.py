"""What a refusal from the disk means, decided once, from error codes rather than words.

Every place that turns an ``OSError`` or a SQLite error into something a person reads
asks :func:`disk_refusal`. It looks through the exception and what it wraps (peewee
keeps SQLite's own exception as the context) for an ``errno`` (ENOSPC, EDQUOT, EROFS,
EACCES, EIO, ...) or SQLite's result code (``sqlite_errorcode``: SQLITE_FULL,
SQLITE_READONLY, SQLITE_IOERR, ...). SQLite reports a full disk as a plain I/O error
when the shared-memory file or the WAL cannot grow, so an I/O error on a disk that is
(nearly) full is called what it is: no space.

A disk problem is never a damaged vault: the file is fine, the disk said no.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import shutil
from pathlib import Path

from supportdesk.core.errors import DiskFullError, StorageError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

# Below this much free space an I/O error is taken to be the disk filling up.
LOW_SPACE = 4 * 1024 * 1024


class Trouble(enum.Enum):
    FULL = "full"
    READ_ONLY = "read-only"
    NOT_ALLOWED = "not allowed"
    FAILING = "failing"


_ERRNO = {
    errno.ENOSPC: Trouble.FULL,
    errno.EDQUOT: Trouble.FULL,
    errno.EFBIG: Trouble.FULL,
    errno.EROFS: Trouble.READ_ONLY,
    errno.EACCES: Trouble.NOT_ALLOWED,
    errno.EPERM: Trouble.NOT_ALLOWED,
    errno.EIO: Trouble.FAILING,
}
_SQLITE = {
    SQLITE_FULL: Trouble.FULL,
    SQLITE_READONLY: Trouble.READ_ONLY,
    SQLITE_PERM: Trouble.NOT_ALLOWED,
    SQLITE_IOERR: Trouble.FAILING,
    SQLITE_CANTOPEN: Trouble.NOT_ALLOWED,
}


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc``, what it wraps (peewee puts SQLite's exception first in ``args``), and
    its cause and context, each once."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if any(current is known for known in seen) or len(seen) > 8:
            continue
        seen.append(current)
        todo += [a for a in current.args if isinstance(a, BaseException)]
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
    return seen


SQLITE_ERROR = 1
# sqlite3_errstr()'s fixed text for each code. SQLCipher's sqlcipher_export() passes an
# inner failure on as a generic SQLITE_ERROR carrying the inner code's text, so for a
# generic error (or one without a code) the standard text tells the code.
_ERRSTR = {
    "database or disk is full": SQLITE_FULL,
    "disk i/o error": SQLITE_IOERR,
    "attempt to write a readonly database": SQLITE_READONLY,
    "unable to open database file": SQLITE_CANTOPEN,
    "access permission denied": SQLITE_PERM,
}


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code carried by ``exc`` or what it wraps, if any."""
    generic: int | None = None
    for link in _chain(exc):
        if isinstance(link, OSError):
            continue
        code = getattr(link, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF != SQLITE_ERROR:
            return code & 0xFF
        named = _ERRSTR.get(str(link).strip().lower())
        if named is not None:
            return named
        if isinstance(code, int):
            generic = SQLITE_ERROR
    return generic


def low_on_space(place: Path) -> bool:
    """Whether the disk holding ``place`` (or its nearest existing parent) is nearly full."""
    for folder in (place, *place.parents):
        with contextlib.suppress(OSError):
            if folder.exists():
                return shutil.disk_usage(folder).free < LOW_SPACE
    return False


def trouble(exc: BaseException, place: Path | None = None) -> Trouble | None:
    """What the disk refused, from errno or SQLite's code; None if it is not the disk's doing."""
    for link in _chain(exc):
        number = getattr(link, "errno", None) if isinstance(link, OSError) else None
        if isinstance(number, int) and number in _ERRNO:
            found = _ERRNO[number]
            if found is Trouble.FAILING and place is not None and low_on_space(place):
                return Trouble.FULL
            return found
    code = sqlite_code(exc)
    if code is None or code not in _SQLITE:
        return None
    # SQLite says "disk I/O error" or "unable to open" when the WAL or its shared-memory
    # file cannot grow: with no room left, that is a full disk.
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN) and place is not None and low_on_space(place):
        return Trouble.FULL
    return _SQLITE[code]


def _filename(exc: BaseException) -> Path | None:
    for link in _chain(exc):
        name = getattr(link, "filename", None) if isinstance(link, OSError) else None
        if name:
            return Path(os.fsdecode(name))
    return None


def disk_refusal(exc: BaseException, place: Path | None = None) -> StorageError | None:
    """A StorageError a person can act on for a full, read-only, forbidden or failing
    disk; None for anything else. ``place`` is the file or folder being used."""
    where = place or _filename(exc)
    kind = trouble(exc, where)
    if kind is None:
        return None
    folder = where if where is None or where.is_dir() else where.parent
    at = f" {folder}" if folder is not None else ""
    if kind is Trouble.FULL:
        return DiskFullError(
            f"There is not enough free space on the disk that holds{at or ' your files'}, "
            "so this was not done and nothing was changed.",
            hint="Free some space and try again; everything saved before is safe.")
    if kind is Trouble.READ_ONLY:
        return StorageError(f"The disk or folder{at} is read-only, so this was not done and "
                            "nothing was changed.",
                            hint="Check it can be written, then try again.")
    if kind is Trouble.NOT_ALLOWED:
        return StorageError(f"SupportDesk is not allowed to use{at or ' that file'}, so this "
                            "was not done and nothing was changed.",
                            hint="Check you may write there, or choose another place.")
    return StorageError(f"The disk that holds{at or ' your files'} could not read or write, "
                        "so this was not done.",
                        hint="Check it has free space and is still connected, then try "
                             "again; everything saved before is safe.")


def as_known(exc: BaseException, place: Path | None = None) -> BaseException:
    """``exc`` as its StorageError when it is the disk's doing, else ``exc`` itself."""
    return disk_refusal(exc, place) or exc

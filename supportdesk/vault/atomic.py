"""Writing a file so that it is either the old one or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import StorageError

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def keep_files_private() -> None:
    """New files and folders for this user only (umask 077), from the start of a run.

    SQLite creates the database's -wal and -shm itself, as do Qt and the log handler;
    the umask covers every file the process makes, so none is ever readable by others,
    even for a moment. (Windows: the user's own profile folder already is private.)
    """
    if os.name == "posix":
        os.umask(0o077)


def make_private(path: Path) -> None:
    """``path`` readable by its owner only (0600, or 0700 for a folder); POSIX only."""
    if os.name != "posix":
        return
    # Best effort: a disk that keeps no modes (FAT) or is read-only must not stop an open.
    with contextlib.suppress(OSError):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return
        wanted = PRIVATE_FOLDER if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE
        if stat.S_IMODE(info.st_mode) != wanted:
            path.chmod(wanted)


def make_tree_private(folder: Path) -> None:
    """``folder`` 0700 and everything in it 0600 (folders 0700): fixes older vaults too."""
    make_private(folder)
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.is_dir() and not path.is_symlink():
                make_tree_private(path)
            else:
                make_private(path)


def flush_to_disk(fd: int) -> None:
    """fsync, and on macOS F_FULLFSYNC: its fsync leaves the data in the drive's cache."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass  # some file systems (network, FAT) refuse it; fsync is then all there is
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory to flush it (see docs/VAULT.md)
    fd = os.open(folder, os.O_RDONLY)
    try:
        flush_to_disk(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        flush_to_disk(handle.fileno())


def make_folder_durably(folder: Path) -> None:
    """``mkdir -p`` whose new folders survive a power cut: each one's parent is flushed.

    A new folder is a name in its parent, lost with the parent's unflushed names;
    a file flushed inside it would be lost with it.
    """
    missing = []
    parent = folder
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    if not parent.is_dir():  # a file where a folder should be: as mkdir would say
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(parent))
    for new in reversed(missing):
        try:
            new.mkdir(mode=0o700)  # readable by this user alone, like every file in it
        except FileExistsError:
            continue  # made meanwhile by someone else, who flushes it
        fsync_dir(new.parent)
    if not folder.is_dir():
        raise FileExistsError(errno.EEXIST, "a file is in the way of a folder", str(folder))


def replace_durably(source: Path, target: Path) -> None:
    """Flush ``source``, rename it over ``target`` and flush the folder."""
    try:
        fsync_file(source)
        os.replace(source, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise _refusal(exc, target) from None


def _refusal(exc: OSError, path: Path) -> StorageError:
    return disk_refusal(exc, path) or StorageError(
        f"SupportDesk could not save {path.name} in {path.parent} ({exc.strerror or exc}).",
        hint="Check the disk has space and the folder can be written.",
    )


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over ``path``, fsync the folder."""
    try:
        fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                flush_to_disk(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        fsync_dir(path.parent)
    except OSError as exc:
        raise _refusal(exc, path) from None

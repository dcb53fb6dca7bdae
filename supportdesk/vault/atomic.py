"""Writing a file so that it is either the old one or the new one, never half."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

from supportdesk.core.errors import StorageError


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
    for new in reversed(missing):
        try:
            new.mkdir()
        except FileExistsError:
            continue  # made meanwhile by someone else, who flushes it
        fsync_dir(new.parent)
    if not folder.is_dir():
        raise FileExistsError(errno.EEXIST, "a file is in the way of a folder", str(folder))


def replace_durably(source: Path, target: Path) -> None:
    """Flush ``source``, rename it over ``target`` and flush the folder."""
    fsync_file(source)
    os.replace(source, target)
    fsync_dir(target.parent)


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
        raise StorageError(
            f"SupportDesk could not save {path.name} in {path.parent} ({exc.strerror or exc}).",
            hint="Check the disk has space and the folder can be written.",
        ) from None

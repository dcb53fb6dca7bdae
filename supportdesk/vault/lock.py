"""One writer per vault: an OS file lock beside the database.

The lock belongs to the open file, so the OS drops it when the process ends,
even after kill -9; a stale lock file on disk means nothing.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO

from supportdesk.core.errors import LockedError, StorageError

FILE_NAME = "supportdesk.lock"


class VaultLock:
    def __init__(self, handle: IO[bytes]) -> None:
        self._handle: IO[bytes] | None = handle

    @classmethod
    def acquire(cls, data_dir: Path) -> VaultLock:
        try:
            handle = open(data_dir / FILE_NAME, "a+b")  # noqa: SIM115 - held until release()
        except OSError as exc:
            raise StorageError(
                f"SupportDesk cannot use the folder {data_dir} ({exc.strerror or exc}).",
                hint="Check it exists and can be written.",
            ) from None
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise LockedError(
                "Another SupportDesk window or command is using this vault right now.",
                hint="Close it first, then try again.",
            ) from None
        return cls(handle)

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._handle)
        self._handle.close()
        self._handle = None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

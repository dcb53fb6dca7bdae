"""Many users of one vault at once, and the few things that must be done alone.

Every open vault (the app, each command) holds a *shared* OS lock on the file
``supportdesk.lock`` beside the database, so any number of them work together; SQLite's
own locking (WAL, busy timeout) keeps their reads and writes apart. What must be done
alone — changing the key, restoring a backup, updating the schema — takes the lock
*exclusively*, for as long as that takes and no longer.

Whoever meets the other kind of lock waits up to ``WAIT_SECONDS`` (telling the person
through ``on_wait``), then gives up with a LockedError that names the process in the
way. The exclusive holder writes its pid and what it is doing into the lock file, so
the one waiting can say so.

The lock belongs to the open file, so the OS drops it when the process ends, even
after kill -9; a stale lock file on disk means nothing.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from supportdesk.core.errors import LockedError, StorageError

FILE_NAME = "supportdesk.lock"
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.05

OnWait = Callable[[str], None]


class VaultLock:
    """A shared (or exclusive) lock on one vault, held until ``release()``."""

    def __init__(self, handle: IO[bytes], path: Path, *, exclusive: bool = False) -> None:
        self._handle: IO[bytes] | None = handle
        self._path = path
        self._exclusive_depth = 1 if exclusive else 0

    @classmethod
    def acquire(cls, data_dir: Path, *, exclusive: bool = False, purpose: str = "",
                wait: float = WAIT_SECONDS, on_wait: OnWait | None = None) -> VaultLock:
        """The vault's lock: shared unless ``exclusive`` (then ``purpose`` says why)."""
        path = Path(data_dir) / FILE_NAME
        try:
            handle = open(path, "a+b")  # noqa: SIM115 - held until release()
        except OSError as exc:
            raise StorageError(
                f"SupportDesk cannot use the folder {data_dir} ({exc.strerror or exc}).",
                hint="Check it exists and can be written.",
            ) from None
        try:
            _take(handle, path, exclusive=exclusive, wait=wait, on_wait=on_wait)
        except BaseException:
            handle.close()
            raise
        lock = cls(handle, path, exclusive=exclusive)
        if exclusive:
            lock._write_owner(purpose)
        return lock

    @property
    def is_exclusive(self) -> bool:
        return self._exclusive_depth > 0

    @contextlib.contextmanager
    def exclusive(self, purpose: str, *, wait: float = WAIT_SECONDS,
                  on_wait: OnWait | None = None) -> Iterator[None]:
        """Hold the lock alone for the ``with`` block, then share it again (re-entrant).

        Raises LockedError, with the shared lock still held, if others keep it longer
        than ``wait`` seconds.
        """
        handle = self._require()
        if self._exclusive_depth:
            self._exclusive_depth += 1
            try:
                yield
            finally:
                self._exclusive_depth -= 1
            return
        try:
            _take(handle, self._path, exclusive=True, wait=wait, on_wait=on_wait, held=True)
        except BaseException:
            _reshare(handle)
            raise
        self._exclusive_depth = 1
        self._write_owner(purpose)
        try:
            yield
        finally:
            self._exclusive_depth = 0
            self._write_owner(None)
            _reshare(handle)

    def share(self) -> None:
        """From holding the lock alone (as ``acquire(exclusive=True)`` gave) to sharing it."""
        if self._exclusive_depth:
            self._exclusive_depth = 0
            self._write_owner(None)
            _reshare(self._require())

    def release(self) -> None:
        if self._handle is None:
            return
        if self._exclusive_depth:
            self._write_owner(None)
        with contextlib.suppress(OSError):
            _unlock(self._handle)
        # A note of who held it that could not be written (a full disk) must not turn
        # letting go into an error: the lock itself goes with the file's closing.
        with contextlib.suppress(OSError):
            self._handle.close()
        self._handle = None
        self._exclusive_depth = 0

    def _require(self) -> IO[bytes]:
        if self._handle is None:
            raise RuntimeError("the vault's lock has been released")
        return self._handle

    def _write_owner(self, purpose: str | None) -> None:
        """Who holds the lock alone and why (``None`` clears it), for those who wait."""
        handle = self._require()
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
            if purpose is not None:
                handle.write(f"{os.getpid()} {purpose}\n".encode())
            handle.flush()


def _take(handle: IO[bytes], path: Path, *, exclusive: bool, wait: float,
          on_wait: OnWait | None, held: bool = False) -> None:
    deadline = time.monotonic() + max(wait, 0.0)
    told = False
    while True:
        try:
            _lock(handle, exclusive=exclusive, held=held)
            return
        except OSError:
            pass
        if time.monotonic() >= deadline:
            raise _locked_error(path, exclusive)
        if on_wait is not None and not told:
            told = True
            on_wait(_waiting_words(path, exclusive))
        time.sleep(POLL_SECONDS)


def _reshare(handle: IO[bytes]) -> None:
    """Back to a shared lock after trying for an exclusive one.

    Changing a lock's kind is not atomic on every OS, so the shared lock may have been
    let go on the way: take it again, waiting as long as it takes (whoever is in the way
    holds it alone only for one short operation).
    """
    while True:
        try:
            _lock(handle, exclusive=False, held=True)
            return
        except OSError:
            time.sleep(POLL_SECONDS)


def owner(path: Path) -> tuple[int, str] | None:
    """The pid and purpose written by whoever holds the lock alone, if anyone said."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    pid_text, _, purpose = text.partition(" ")
    if not pid_text.isdigit():
        return None
    return int(pid_text), purpose


def _sharing_pids(path: Path) -> list[int]:
    """On Linux, the processes that hold a lock on ``path`` (from /proc/locks)."""
    try:
        inode = os.stat(path).st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return []
    pids = []
    for line in lines:
        parts = line.split()
        # "1: FLOCK  ADVISORY  READ  1234 08:01:5678 0 EOF" (with "->" for waiters)
        if "->" in parts or len(parts) < 6 or parts[1] != "FLOCK":
            continue
        device_inode = parts[5].split(":")
        if len(device_inode) == 3 and device_inode[2] == str(inode) and parts[4].isdigit():
            pid = int(parts[4])
            if pid != os.getpid() and pid not in pids:
                pids.append(pid)
    return pids


def _waiting_words(path: Path, exclusive: bool) -> str:
    found = owner(path)
    if not exclusive and found is not None:
        return (f"Waiting for SupportDesk to finish {found[1] or 'its work'}"
                f" (process {found[0]})…")
    return "Waiting for the other SupportDesk windows and commands to let go of this vault…"


def _locked_error(path: Path, exclusive: bool) -> LockedError:
    found = owner(path)
    if not exclusive and found is not None:
        pid, purpose = found
        return LockedError(
            f"SupportDesk (process {pid}) is {purpose or 'busy with this vault'} right now.",
            hint="Try again in a moment, once it has finished.")
    pids = _sharing_pids(path)
    who = (f" (process {', '.join(str(p) for p in pids)})" if pids else "")
    return LockedError(
        f"This needs the vault to itself, but another SupportDesk window or command{who} "
        "is using it right now.",
        hint="Close SupportDesk (Quit from the tray) and let any command finish, "
             "then try again.")


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2
    # The locked byte lies far past the owner text, which others must still read.
    _OFFSET_HIGH = 0x1

    class _Overlapped(ctypes.Structure):
        _fields_ = [("Internal", ctypes.c_void_p), ("InternalHigh", ctypes.c_void_p),
                    ("Offset", wintypes.DWORD), ("OffsetHigh", wintypes.DWORD),
                    ("hEvent", wintypes.HANDLE)]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]

    def _overlapped() -> _Overlapped:
        return _Overlapped(None, None, 0, _OFFSET_HIGH, None)

    def _lock(handle: IO[bytes], *, exclusive: bool, held: bool = False) -> None:
        os_handle = msvcrt.get_osfhandle(handle.fileno())
        if held:  # Windows does not change a lock's kind: let go, then ask anew
            _unlock(handle)
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        overlapped = _overlapped()
        if not _kernel32.LockFileEx(wintypes.HANDLE(os_handle), flags, 0, 1, 0,
                                    ctypes.byref(overlapped)):
            raise OSError(ctypes.get_last_error(), "the vault's lock is taken")

    def _unlock(handle: IO[bytes]) -> None:
        os_handle = msvcrt.get_osfhandle(handle.fileno())
        overlapped = _overlapped()
        _kernel32.UnlockFileEx(wintypes.HANDLE(os_handle), 0, 1, 0, ctypes.byref(overlapped))

else:
    import fcntl

    def _lock(handle: IO[bytes], *, exclusive: bool, held: bool = False) -> None:
        kind = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        fcntl.flock(handle.fileno(), kind | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

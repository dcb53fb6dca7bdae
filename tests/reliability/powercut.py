"""Mount the power-cut file system, run writers on it, and cut the power.

    with PowerCutDisk(backing, mountpoint) as disk:
        ... start writers with their files under disk.mountpoint ...
        disk.snapshot("some", seed, dest, writers)  # a cut seen from outside; they go on
        disk.cut("some", seed, writers)   # SIGKILL the writers, then the disk forgets

After ``cut`` (or leaving the block) the mount is gone and ``backing`` holds what
the disk held. The file system itself is ``tests/reliability/powercut_fs.py``.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def fuse_problem() -> str | None:
    """Why a FUSE mount cannot work here, or None if it can."""
    if not Path("/dev/fuse").exists():
        return "/dev/fuse is missing (load the fuse module, or run with --device /dev/fuse)"
    if shutil.which("fusermount3") is None:
        return "fusermount3 is missing (Debian package fuse3)"
    try:
        import mfusepy  # noqa: F401
    except (ImportError, OSError) as exc:
        return f"the FUSE binding mfusepy does not load ({exc})"
    return None


class PowerCutDisk:
    def __init__(self, backing: Path, mountpoint: Path) -> None:
        self.backing = backing
        self.mountpoint = mountpoint
        self._daemon: subprocess.Popen[str] | None = None

    def __enter__(self) -> PowerCutDisk:
        self.mountpoint.mkdir(parents=True, exist_ok=True)
        self._daemon = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.powercut_fs", str(self.backing),
             str(self.mountpoint)],
            cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        if self._reply(30) != "mounted":
            self._stop()
            raise AssertionError(f"the power-cut file system did not mount: {self._errors()}")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop()

    def cut(self, mode: str, seed: object,
            writers: Sequence[subprocess.Popen[Any]] = ()) -> None:
        """The power goes: kill -9 every writer, then keep only what the disk held."""
        for writer in writers:
            if writer.poll() is None:
                writer.send_signal(signal.SIGKILL)
        for writer in writers:
            writer.wait()
        self.power_off(mode, seed)
        self._stop()

    def snapshot(self, mode: str, seed: object, dest: Path,
                 writers: Sequence[subprocess.Popen[Any]] = (),
                 while_stopped: Callable[[], None] | None = None) -> None:
        """A cut seen from outside: the writers are stopped (SIGSTOP) at this moment,
        ``while_stopped`` runs (to note what they had acknowledged, and copy the keys that
        live off this disk), ``dest`` gets what the disk would hold if the power went now,
        and the writers go on as if nothing happened."""
        assert self._daemon is not None and self._daemon.stdin is not None
        stopped = [w for w in writers if w.poll() is None]
        for writer in stopped:
            with contextlib.suppress(ProcessLookupError):
                writer.send_signal(signal.SIGSTOP)
        try:
            if while_stopped is not None:
                while_stopped()
            self._daemon.stdin.write(f"snap {mode} {seed} {dest}\n")
            self._daemon.stdin.flush()
            if self._reply(60) != "snapped":
                raise AssertionError(f"the snapshot was not taken: {self._errors()}")
        finally:
            for writer in stopped:
                with contextlib.suppress(ProcessLookupError):
                    writer.send_signal(signal.SIGCONT)

    def power_off(self, mode: str, seed: object) -> None:
        """Only the disk's side of a cut: from now on every operation fails, and what the
        disk held is in the backing folder. For a test whose own process was writing."""
        assert self._daemon is not None and self._daemon.stdin is not None
        self._daemon.stdin.write(f"cut {mode} {seed}\n")
        self._daemon.stdin.flush()
        if self._reply(60) != "cut":
            raise AssertionError(f"the power cut did not happen: {self._errors()}")

    def _reply(self, timeout: float) -> str:
        assert self._daemon is not None and self._daemon.stdout is not None
        ready, _, _ = select.select([self._daemon.stdout], [], [], timeout)
        return self._daemon.stdout.readline().strip() if ready else ""

    def _errors(self) -> str:
        daemon = self._daemon
        if daemon is None or daemon.stderr is None or daemon.poll() is None:
            return "(still running)"
        return daemon.stderr.read()[-2000:]

    def _stop(self) -> None:
        """Unmount (lazily, should a killed writer's file still be closing) and reap."""
        daemon, self._daemon = self._daemon, None
        if daemon is None:
            return
        if self.mounted():
            subprocess.run(["fusermount3", "-u", "-z", str(self.mountpoint)], check=False,
                           capture_output=True)
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        for stream in (daemon.stdin, daemon.stdout, daemon.stderr):
            if stream is not None:
                stream.close()
        deadline = time.monotonic() + 10
        while self.mounted() and time.monotonic() < deadline:
            time.sleep(0.01)

    def mounted(self) -> bool:
        # Not os.path.ismount: after a cut the mount answers EIO, which it reads as "no".
        target = os.fsencode(self.mountpoint.resolve())
        with open("/proc/self/mounts", "rb") as mounts:
            return any(line.split()[1] == target for line in mounts if len(line.split()) > 1)

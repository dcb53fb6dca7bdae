"""Making a folder or file really read-only, even for root (who ignores permissions)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """``path`` read-only for the duration: a read-only bind mount as root, else chmod."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    if not (_mount("--bind", str(path), str(path))
            and _mount("-o", "remount,bind,ro", str(path))):
        subprocess.run(["umount", str(path)], capture_output=True, check=False)
        if os.environ.get("CI"):
            pytest.fail("cannot make a read-only bind mount as root in CI")
        pytest.skip("running as root without permission to mount: cannot make it read-only")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], capture_output=True, check=True)


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str = "3m") -> Iterator[Path]:
    """A tiny tmpfs at ``path`` (root only), so the disk really fills up."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)):
        pytest.skip("a small tmpfs needs root and mount; the RLIMIT_FSIZE test covers this")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=True)

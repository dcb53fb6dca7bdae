"""The power-cut file system itself: it keeps what was made durable and forgets the rest.

Each test mounts it over a fresh folder, does a few file operations through the
mount, cuts the power and reads the folder underneath: what a disk would hold.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.powercut import PowerCutDisk, fuse_problem
from tests.reliability.powercut_fs import PAGE, SECTOR

pytestmark = pytest.mark.real


@pytest.fixture
def backing(tmp_path: Path) -> Path:
    problem = fuse_problem()
    if problem:
        pytest.skip(f"the power-cut tests need FUSE: {problem}")
    folder = tmp_path / "disk"
    folder.mkdir()
    (folder / "old.txt").write_bytes(b"old")
    return folder


@pytest.fixture
def disk(backing: Path, tmp_path: Path) -> Iterator[PowerCutDisk]:
    with PowerCutDisk(backing, tmp_path / "mnt") as mounted:
        yield mounted


def _write(path: Path, data: bytes, *, sync: bool) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        if sync:
            os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def test_a_write_then_fsync_survives(disk: PowerCutDisk, backing: Path) -> None:
    _write(disk.mountpoint / "old.txt", b"new and synced", sync=True)
    disk.cut("all", 1)
    assert (backing / "old.txt").read_bytes() == b"new and synced"


def test_a_write_without_fsync_is_lost(disk: PowerCutDisk, backing: Path) -> None:
    _write(disk.mountpoint / "old.txt", b"new, never synced", sync=False)
    assert (disk.mountpoint / "old.txt").read_bytes() == b"new, never synced"
    disk.cut("all", 1)
    assert (backing / "old.txt").read_bytes() == b"old"


def test_a_rename_without_a_folder_fsync_is_rolled_back(disk: PowerCutDisk,
                                                        backing: Path) -> None:
    _write(disk.mountpoint / "new.tmp", b"replacement", sync=True)
    os.replace(disk.mountpoint / "new.tmp", disk.mountpoint / "old.txt")
    disk.cut("all", 1)
    assert sorted(p.name for p in backing.iterdir()) == ["old.txt"]
    assert (backing / "old.txt").read_bytes() == b"old"


def test_a_rename_then_a_folder_fsync_survives(disk: PowerCutDisk, backing: Path) -> None:
    _write(disk.mountpoint / "new.tmp", b"replacement", sync=True)
    os.replace(disk.mountpoint / "new.tmp", disk.mountpoint / "old.txt")
    _sync_folder(disk.mountpoint)
    disk.cut("all", 1)
    assert sorted(p.name for p in backing.iterdir()) == ["old.txt"]
    assert (backing / "old.txt").read_bytes() == b"replacement"


def test_a_new_file_needs_its_folder_synced(disk: PowerCutDisk, backing: Path) -> None:
    _write(disk.mountpoint / "synced-data-only", b"data", sync=True)
    _write(disk.mountpoint / "synced-name-only", b"data", sync=False)
    _sync_folder(disk.mountpoint)
    _write(disk.mountpoint / "created-after", b"data", sync=True)
    disk.cut("all", 1)
    # Its name is on disk but its data never was: there, and empty.
    assert sorted(p.name for p in backing.iterdir()) == [
        "old.txt", "synced-data-only", "synced-name-only"]
    assert (backing / "synced-data-only").read_bytes() == b"data"
    assert (backing / "synced-name-only").read_bytes() == b""


def test_unlink_and_truncate_come_back_without_fsync(disk: PowerCutDisk, backing: Path) -> None:
    _write(disk.mountpoint / "kept", b"12345", sync=True)
    _sync_folder(disk.mountpoint)
    os.truncate(disk.mountpoint / "kept", 2)
    (disk.mountpoint / "old.txt").unlink()
    assert not (disk.mountpoint / "old.txt").exists()
    disk.cut("all", 1)
    assert (backing / "old.txt").read_bytes() == b"old"
    assert (backing / "kept").read_bytes() == b"12345"


def test_a_folder_made_without_syncing_its_parent_is_lost_whole(disk: PowerCutDisk,
                                                                 backing: Path) -> None:
    inner = disk.mountpoint / "backups"
    inner.mkdir()
    _write(inner / "copy", b"backup", sync=True)
    _sync_folder(inner)
    disk.cut("all", 1)
    assert not (backing / "backups").exists()


def test_an_open_file_unlinked_keeps_working_until_closed(disk: PowerCutDisk,
                                                          backing: Path) -> None:
    path = disk.mountpoint / "scratch"
    with open(path, "w+b") as handle:
        path.unlink()
        handle.write(b"still here")
        handle.flush()
        os.ftruncate(handle.fileno(), 5)
        os.fsync(handle.fileno())
        handle.seek(0)
        assert handle.read() == b"still"
    disk.cut("all", 1)
    assert not (backing / "scratch").exists()


def test_a_partial_cut_keeps_whole_pages_and_tears_only_the_last(backing: Path,
                                                                 tmp_path: Path) -> None:
    """Each 4 KiB page written after the fsync is old or new; the last may be torn."""
    pages = 4
    (backing / "file").write_bytes(b"a" * PAGE * pages)
    outcomes = set()
    for seed in range(12):
        with PowerCutDisk(backing, tmp_path / "mnt") as disk:
            with open(disk.mountpoint / "file", "r+b") as handle:
                for page in range(pages):
                    handle.seek(page * PAGE)
                    handle.write(b"b" * PAGE)
                    handle.flush()
            disk.cut("some", seed)
        content = (backing / "file").read_bytes()
        assert len(content) == PAGE * pages
        for page in range(pages):
            chunk = content[page * PAGE:(page + 1) * PAGE]
            new = len(chunk) - len(chunk.lstrip(b"b"))
            if page < pages - 1:
                assert new in (0, PAGE), f"seed {seed}: page {page} torn"
            else:
                assert chunk == b"b" * new + b"a" * (PAGE - new) and new % SECTOR == 0
        outcomes.add(content)
        (backing / "file").write_bytes(b"a" * PAGE * pages)
    assert len(outcomes) > 3  # the subset really is random


def test_sqlite_commits_survive_only_when_synced(disk: PowerCutDisk, backing: Path) -> None:
    """SQLite's own fsyncs are what keep a commit; synchronous=OFF loses it (the control)."""
    for name, synchronous in (("full.db", "FULL"), ("off.db", "OFF")):
        db = sqlite3.connect(disk.mountpoint / name)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={synchronous}")
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.execute("INSERT INTO t VALUES ('kept')")
        db.commit()
        db.close()
    _sync_folder(disk.mountpoint)  # both files' names are on disk; only data differs
    disk.cut("all", 1)
    for name, expected in (("full.db", [("kept",)]), ("off.db", None)):
        db = sqlite3.connect(backing / name)
        try:
            rows = db.execute("SELECT x FROM t").fetchall()
        except sqlite3.DatabaseError:
            rows = None
        finally:
            db.close()
        assert rows == expected, name


def test_a_partial_cut_lands_a_rename_whole_or_not_at_all(backing: Path,
                                                          tmp_path: Path) -> None:
    """Name changes land in order, each rename whole: the target is old or new, never gone."""
    outcomes = set()
    for seed in range(12):
        (backing / "old.txt").write_bytes(b"old")
        with PowerCutDisk(backing, tmp_path / "mnt") as disk:
            for step in range(3):
                _write(disk.mountpoint / "new.tmp", b"new %d" % step, sync=True)
                os.replace(disk.mountpoint / "new.tmp", disk.mountpoint / "old.txt")
            disk.cut("some", seed)
        names = sorted(p.name for p in backing.iterdir())
        assert "old.txt" in names, f"seed {seed}: {names}"
        content = (backing / "old.txt").read_bytes()
        assert content in (b"old", b"new 0", b"new 1", b"new 2")
        outcomes.add(content)
        for leftover in backing.iterdir():
            leftover.unlink()
    assert len(outcomes) > 1


def test_a_snapshot_holds_what_a_cut_would_and_changes_nothing(disk: PowerCutDisk,
                                                               backing: Path,
                                                               tmp_path: Path) -> None:
    """``snapshot``: what the disk holds if the power went now, while the writers go on."""
    _write(disk.mountpoint / "old.txt", b"synced", sync=True)
    _write(disk.mountpoint / "new.txt", b"never synced", sync=False)
    (disk.mountpoint / "folder").mkdir()
    seen: list[str] = []
    disk.snapshot("all", 1, tmp_path / "snap", while_stopped=lambda: seen.append("stopped"))
    assert seen == ["stopped"]
    assert sorted(p.name for p in (tmp_path / "snap").iterdir()) == ["old.txt"]
    assert (tmp_path / "snap" / "old.txt").read_bytes() == b"synced"
    # Nothing changed for the programs, nor for what a later sync makes durable.
    assert (disk.mountpoint / "new.txt").read_bytes() == b"never synced"
    _write(disk.mountpoint / "new.txt", b"synced later", sync=True)
    _sync_folder(disk.mountpoint)
    disk.cut("all", 1)
    assert sorted(p.name for p in backing.iterdir()) == ["folder", "new.txt", "old.txt"]
    assert (backing / "new.txt").read_bytes() == b"synced later"


def test_a_partial_snapshot_leaves_the_pending_renames_pending(disk: PowerCutDisk,
                                                               backing: Path,
                                                               tmp_path: Path) -> None:
    for n in range(6):
        _write(disk.mountpoint / f"f{n}", b"x", sync=True)
    for seed in range(8):
        disk.snapshot("some", seed, tmp_path / f"snap{seed}")
    landed = [sorted(p.name for p in (tmp_path / f"snap{s}").iterdir()) for s in range(8)]
    assert all(names[0] == "f0" or names == ["old.txt"] for names in landed)
    assert len({tuple(names) for names in landed}) > 1  # a random prefix each time
    disk.cut("all", 1)  # none of them was ever made durable
    assert sorted(p.name for p in backing.iterdir()) == ["old.txt"]

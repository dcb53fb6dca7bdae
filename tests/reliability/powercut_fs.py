"""A file system that forgets what was never made durable: the power-cut harness's disk.

    python -m tests.reliability.powercut_fs BACKING MOUNTPOINT

A real FUSE mount (libfuse 3 through mfusepy) over the folder BACKING. Everything
is served from memory, and memory keeps two views of each file and folder:

* what programs see now (every write, truncate, create, unlink, rename, mkdir);
* what the disk holds, which changes only when something is flushed:

  ==========  ===============================  ====================================
  operation   pending until                    if the power goes first
  ==========  ===============================  ====================================
  write       fsync/fdatasync of that file     the file's old bytes
  truncate    fsync/fdatasync of that file     the old length and bytes
  create      fsync of its folder              no such name (its data, even if
                                               flushed, is unreachable)
  unlink      fsync of its folder              the name is back, with its data
  rename      fsync of either folder: it       the old name, as it was; a rename
              lands whole, in both             lands whole or not at all
  mkdir       fsync of its parent              no such folder, nor what is in it
  rmdir       fsync of its parent              the empty folder is back
  ==========  ===============================  ====================================

  A new file's data on disk starts empty. A folder's fsync makes durable, in order,
  the pending name changes that touch it (a rename touches both its folders). A
  file's fsync does not make its name durable (POSIX does not promise it; ext4 often
  does), so the tests hold SupportDesk to the stricter rule.

On standard input the parent sends one line, ``cut all SEED`` or ``cut some SEED``:
the power goes. ``all`` drops every pending change. ``some`` is a disk that had got
part of the way: each pending 4 KiB page of file data lands or not at random, the
last one written may be torn (only its first 512-byte sectors land), and name
changes land as a random prefix of their order (a journal commits in order). Then
BACKING is rewritten to hold exactly what the disk held, ``cut`` is printed, and
every further operation fails with EIO until the parent unmounts. ``snap all|some
SEED DEST`` writes what the disk would hold after such a cut into the new folder DEST
and prints ``snapped``, changing nothing: the programs go on (a cut seen from outside,
so one run of the writers gives many cuts to check). Unmounted without
a cut (a clean shutdown), BACKING gets everything, as if all had been flushed.
When standard input closes (the parent is gone), it unmounts itself.

Chmod and times are kept at once (they do not matter to what is tested here).
Locks are left to the kernel, which keeps them locally when the file system has none.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE = 4096
SECTOR = 512


@dataclass(eq=False)
class Node:
    """A file or folder: what programs see now, and what the disk holds."""

    is_dir: bool
    mode: int
    data: bytearray = field(default_factory=bytearray)
    durable: bytes = b""
    # File changes since the last fsync, in order: (offset, bytes) writes, (size, None) truncates.
    pending: list[tuple[int, bytes | None]] = field(default_factory=list)
    entries: dict[str, Node] = field(default_factory=dict)
    durable_entries: dict[str, Node] = field(default_factory=dict)
    mtime: float = field(default_factory=time.time)


Step = tuple[Node, str, Node, bool]  # (folder, name, node, appears): one name added or removed


@dataclass(eq=False)
class NameChange:
    """One pending operation on names (a rename is one change: it lands whole or not at all)."""

    steps: list[Step]

    def touches(self, folder: Node) -> bool:
        return any(step[0] is folder for step in self.steps)

    def apply(self) -> None:
        for folder, name, node, appears in self.steps:
            if appears:
                folder.durable_entries[name] = node
            elif folder.durable_entries.get(name) is node:
                del folder.durable_entries[name]


def apply_file_change(data: bytearray, offset: int, chunk: bytes | None) -> None:
    if chunk is None:
        del data[offset:]
        data.extend(bytes(max(0, offset - len(data))))
        return
    if offset > len(data):
        data.extend(bytes(offset - len(data)))
    data[offset:offset + len(chunk)] = chunk


def pages(offset: int, chunk: bytes) -> Iterator[tuple[int, bytes]]:
    """``chunk`` written at ``offset``, split at 4 KiB page boundaries."""
    position = 0
    while position < len(chunk):
        start = offset + position
        size = min(PAGE - start % PAGE, len(chunk) - position)
        yield start, chunk[position:position + size]
        position += size


def landed(node: Node, rng: random.Random | None) -> bytes:
    """What the disk holds of a file after the cut: durable data, plus what landed."""
    data = bytearray(node.durable)
    if rng is None or not node.pending:
        return bytes(data)
    pieces: list[tuple[int, bytes | None]] = []
    for offset, chunk in node.pending:
        pieces.extend([(offset, None)] if chunk is None else pages(offset, chunk))
    last = len(pieces) - 1
    for index, (offset, chunk) in enumerate(pieces):
        if rng.random() < 0.5:
            continue
        if index == last and chunk is not None and rng.random() < 0.5:
            chunk = chunk[:SECTOR * rng.randrange(0, (len(chunk) + SECTOR - 1) // SECTOR)]
        apply_file_change(data, offset, chunk)
    return bytes(data)


class PowerCutFS:
    """The mfusepy operations: one lock, so each operation happens whole."""

    use_ns = True

    def __init__(self, backing: Path) -> None:
        self.backing = backing
        self._mutex = threading.Lock()
        self.root = self._load(backing)
        self.root.durable_entries = dict(self.root.entries)
        self.name_changes: list[NameChange] = []
        self.handles: dict[int, Node] = {}
        self.next_handle = 1
        self.is_cut = False

    # -- loading and writing the backing folder ----------------------------------------

    def _load(self, path: Path) -> Node:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            node = Node(True, info.st_mode)
            for child in path.iterdir():
                node.entries[child.name] = self._load(child)
            node.durable_entries = dict(node.entries)
        else:
            content = path.read_bytes()
            node = Node(False, info.st_mode, bytearray(content), content)
        node.mtime = info.st_mtime
        return node

    def _write_out(self, folder: Node, path: Path, rng: random.Random | None,
                   durable_only: bool) -> None:
        entries = folder.durable_entries if durable_only else folder.entries
        for name, node in entries.items():
            target = path / name
            if node.is_dir:
                target.mkdir()
                self._write_out(node, target, rng, durable_only)
            else:
                target.write_bytes(landed(node, rng) if durable_only else bytes(node.data))
            os.chmod(target, stat.S_IMODE(node.mode))
        for name, node in entries.items():  # after the folder's own entries are written
            os.utime(path / name, (node.mtime, node.mtime))

    def _replace_backing(self, rng: random.Random | None, durable_only: bool) -> None:
        for child in self.backing.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        self._write_out(self.root, self.backing, rng, durable_only)

    def power_cut(self, mode: str, seed: str) -> None:
        """The power goes: keep only what the disk held (see the module's docstring)."""
        with self._mutex:
            self.is_cut = True
            rng = random.Random(seed) if mode == "some" else None
            if rng is not None:
                for change in self.name_changes[:rng.randrange(len(self.name_changes) + 1)]:
                    change.apply()
            self.name_changes.clear()
            self._replace_backing(rng, durable_only=True)

    def snapshot(self, mode: str, seed: str, dest: Path) -> None:
        """What the disk would hold if the power went now, written into ``dest`` (a new
        folder), while programs go on as if nothing happened: a cut seen from outside.
        The same rules as ``power_cut``; nothing here changes."""
        with self._mutex:
            rng = random.Random(seed) if mode == "some" else None
            saved: dict[int, tuple[Node, dict[str, Node]]] = {}
            if rng is not None:
                for change in self.name_changes[:rng.randrange(len(self.name_changes) + 1)]:
                    for folder, _name, _node, _appears in change.steps:
                        saved.setdefault(id(folder), (folder, dict(folder.durable_entries)))
                    change.apply()
            try:
                dest.mkdir(parents=True)
                self._write_out(self.root, dest, rng, durable_only=True)
            finally:
                for folder, entries in saved.values():
                    folder.durable_entries = entries

    def destroy(self, path: str) -> None:
        with self._mutex:
            if not self.is_cut:
                self._replace_backing(None, durable_only=False)

    # -- finding things ------------------------------------------------------------------

    @contextmanager
    def _op(self) -> Iterator[None]:
        with self._mutex:
            if self.is_cut:
                raise OSError(errno.EIO, "the power is off")
            yield

    def _node(self, path: str | None, fh: int | None = None) -> Node:
        if fh:
            return self.handles[fh]
        if path is None:
            raise OSError(errno.ENOENT, "no path")
        node = self.root
        for part in [p for p in path.split("/") if p]:
            if not node.is_dir:
                raise OSError(errno.ENOTDIR, path)
            found = node.entries.get(part)
            if found is None:
                raise OSError(errno.ENOENT, path)
            node = found
        return node

    def _parent(self, path: str) -> tuple[Node, str]:
        head, _, name = path.rstrip("/").rpartition("/")
        folder = self._node(head or "/")
        if not folder.is_dir:
            raise OSError(errno.ENOTDIR, path)
        return folder, name

    def _change_names(self, *moves: tuple[Node, str, Node | None]) -> None:
        """Put each node at (folder, name), None removing it; pending until that folder's fsync."""
        steps: list[Step] = []
        for folder, name, node in moves:
            old = folder.entries.pop(name, None)
            if old is not None:
                steps.append((folder, name, old, False))
            if node is not None:
                folder.entries[name] = node
                steps.append((folder, name, node, True))
            folder.mtime = time.time()
        self.name_changes.append(NameChange(steps))

    def _handle(self, node: Node) -> int:
        handle = self.next_handle
        self.next_handle += 1
        self.handles[handle] = node
        return handle

    # -- operations ------------------------------------------------------------------------

    def getattr(self, path: str | None, fh: int | None = None) -> dict[str, Any]:
        with self._op():
            node = self._node(path, fh)
            ns = int(node.mtime * 1e9)
            return {
                "st_mode": node.mode, "st_nlink": 2 if node.is_dir else 1,
                "st_size": 4096 if node.is_dir else len(node.data),
                "st_uid": os.getuid(), "st_gid": os.getgid(),
                "st_atime": ns, "st_mtime": ns, "st_ctime": ns,
                "st_blocks": (len(node.data) + 511) // 512,
            }

    def access(self, path: str, amode: int) -> int:
        with self._op():
            self._node(path)
            return 0

    def readdir(self, path: str, fh: int) -> list[str]:
        with self._op():
            return [".", "..", *self._node(path).entries]

    def opendir(self, path: str) -> int:
        with self._op():
            if not self._node(path).is_dir:
                raise OSError(errno.ENOTDIR, path)
            return 0

    def releasedir(self, path: str | None, fh: int) -> int:
        return 0

    def fsyncdir(self, path: str | None, datasync: int, fh: int) -> int:
        with self._op():
            folder = self._node(path)
            for change in [c for c in self.name_changes if c.touches(folder)]:
                change.apply()
                self.name_changes.remove(change)
            return 0

    def mkdir(self, path: str, mode: int) -> int:
        with self._op():
            folder, name = self._parent(path)
            if name in folder.entries:
                raise OSError(errno.EEXIST, path)
            self._change_names((folder, name, Node(True, stat.S_IFDIR | mode)))
            return 0

    def rmdir(self, path: str) -> int:
        with self._op():
            folder, name = self._parent(path)
            node = self._node(path)
            if not node.is_dir:
                raise OSError(errno.ENOTDIR, path)
            if node.entries:
                raise OSError(errno.ENOTEMPTY, path)
            self._change_names((folder, name, None))
            return 0

    def create(self, path: str, mode: int, flags: int = 0) -> int:
        with self._op():
            folder, name = self._parent(path)
            node = folder.entries.get(name)
            if node is None:
                node = Node(False, stat.S_IFREG | stat.S_IMODE(mode))
                self._change_names((folder, name, node))
            elif flags & os.O_EXCL:
                raise OSError(errno.EEXIST, path)
            return self._handle(node)

    def open(self, path: str, flags: int) -> int:
        with self._op():
            node = self._node(path)
            if flags & os.O_TRUNC and node.data:
                self._truncate(node, 0)
            return self._handle(node)

    def release(self, path: str | None, fh: int) -> int:
        with self._mutex:
            self.handles.pop(fh, None)
            return 0

    def flush(self, path: str | None, fh: int) -> int:
        return 0

    def read(self, path: str | None, size: int, offset: int, fh: int) -> bytes:
        with self._op():
            return bytes(self._node(path, fh).data[offset:offset + size])

    def write(self, path: str | None, data: bytes, offset: int, fh: int) -> int:
        with self._op():
            node = self._node(path, fh)
            apply_file_change(node.data, offset, data)
            node.pending.append((offset, bytes(data)))
            node.mtime = time.time()
            return len(data)

    def _truncate(self, node: Node, length: int) -> None:
        apply_file_change(node.data, length, None)
        node.pending.append((length, None))
        node.mtime = time.time()

    def truncate(self, path: str | None, length: int, fh: int | None = None) -> int:
        with self._op():
            node = self._node(path, fh)
            if node.is_dir:
                raise OSError(errno.EISDIR, path)
            self._truncate(node, length)
            return 0

    def fsync(self, path: str | None, datasync: int, fh: int) -> int:
        with self._op():
            node = self._node(path, fh)
            node.durable = bytes(node.data)
            node.pending.clear()
            return 0

    def unlink(self, path: str) -> int:
        with self._op():
            folder, name = self._parent(path)
            if self._node(path).is_dir:
                raise OSError(errno.EISDIR, path)
            self._change_names((folder, name, None))
            return 0

    def rename(self, old: str, new: str, flags: int = 0) -> int:
        with self._op():
            if flags & ~1:  # RENAME_EXCHANGE and RENAME_WHITEOUT: not needed here
                raise OSError(errno.EINVAL, old)
            source, old_name = self._parent(old)
            target, new_name = self._parent(new)
            node = self._node(old)
            existing = target.entries.get(new_name)
            if existing is not None and flags & 1:  # RENAME_NOREPLACE
                raise OSError(errno.EEXIST, new)
            if existing is not None and existing.is_dir and existing.entries:
                raise OSError(errno.ENOTEMPTY, new)
            if existing is node:
                return 0
            self._change_names((source, old_name, None), (target, new_name, node))
            return 0

    def chmod(self, path: str | None, mode: int) -> int:
        with self._op():
            node = self._node(path)
            node.mode = stat.S_IFMT(node.mode) | stat.S_IMODE(mode)
            return 0

    def chown(self, path: str | None, uid: int, gid: int) -> int:
        with self._op():
            self._node(path)
            return 0

    def utimens(self, path: str | None, times: tuple[int, int] | None = None) -> int:
        with self._op():
            node = self._node(path)
            node.mtime = times[1] / 1e9 if times else time.time()
            return 0

    def statfs(self, path: str) -> dict[str, int]:
        return {"f_bsize": PAGE, "f_frsize": PAGE, "f_blocks": 1 << 20, "f_bfree": 1 << 19,
                "f_bavail": 1 << 19, "f_files": 1 << 16, "f_ffree": 1 << 15, "f_namemax": 255}


def _fuse_class() -> Callable[..., Any]:
    import mfusepy

    class FUSE(mfusepy.FUSE):  # type: ignore[misc]
        # mfusepy passes no file handle to an ftruncate on libfuse 3; an unlinked file
        # open for writing has no path, so its handle is what names it.
        def truncate_fuse_3(self, path: bytes | None, length: int, fip: Any) -> int:
            fh = fip.contents.fh if fip else None
            decoded = None if path is None else path.decode(self.encoding, self.errors)
            result: int = self.operations.truncate(decoded, length, fh)
            return result

        # mfusepy drops rename's flags on libfuse 3; RENAME_NOREPLACE must not replace.
        def rename_fuse_3(self, old: bytes, new: bytes, flags: int) -> int:
            result: int = self.operations.rename(old.decode(self.encoding, self.errors),
                                                 new.decode(self.encoding, self.errors), flags)
            return result

    return FUSE


def _listen(fs: PowerCutFS, mountpoint: str) -> None:
    for line in sys.stdin:
        words = line.split()
        if len(words) == 3 and words[0] == "cut" and words[1] in ("all", "some"):
            fs.power_cut(words[1], words[2])
            print("cut", flush=True)
        elif len(words) == 4 and words[0] == "snap" and words[1] in ("all", "some"):
            fs.snapshot(words[1], words[2], Path(words[3]))
            print("snapped", flush=True)
    # The parent has gone (or is done): never leave a mount behind.
    subprocess.run(["fusermount3", "-u", "-z", mountpoint], check=False, capture_output=True)


def main(argv: list[str]) -> None:
    backing, mountpoint = Path(argv[0]), argv[1]
    fs = PowerCutFS(backing)

    def init(path: str) -> None:
        print("mounted", flush=True)
        threading.Thread(target=_listen, args=(fs, mountpoint), daemon=True).start()

    fs.init = init  # type: ignore[attr-defined]
    # hard_remove: an unlinked file stays open under its handle (no .fuse_hidden names).
    _fuse_class()(fs, mountpoint, foreground=True, hard_remove=True,
                  fsname="powercut", subtype="powercut")


if __name__ == "__main__":
    main(sys.argv[1:])

"""One SupportDesk per data folder: a second launch asks the first to show itself.

The server name is a hash of the data folder, so two different vaults can still be open
side by side, and no path (which may hold a user name) is visible to other programs.

Only the same user's SupportDesk is believed. On POSIX the socket lives in a folder only
this user can write to (``$XDG_RUNTIME_DIR/supportdesk``, else ``/tmp/supportdesk-<uid>``,
each checked to be a real folder owned by this user and put to 0700), never in the shared
``/tmp`` where anyone could listen first. Before a listener is trusted, its socket file
must belong to this user and, where the system says who is at the other end
(SO_PEERCRED on Linux), so must the process behind it. A listener that fails either
check, or a socket file with nobody behind it, is removed and this launch goes on to
start: someone else's socket can never make SupportDesk exit.

Signals:
    show_requested(): another launch asked this one to come to the front.
"""

from __future__ import annotations

import contextlib
import os
import stat
import struct
import tempfile
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

SHOW_MESSAGE = b"show\n"
CONNECT_TIMEOUT_MS = 800
RUNTIME_ENV = "XDG_RUNTIME_DIR"


def _name(data_dir: Path) -> str:
    folder = os.path.normcase(str(Path(data_dir).expanduser().resolve())).encode("utf-8")
    # Two checksums make a 64-bit name per folder; zlib is already loaded, where hashlib
    # would load OpenSSL before the window's first paint.
    return f"supportdesk-{zlib.crc32(folder):08x}{zlib.adler32(folder):08x}"


def _own_private_folder(folder: Path, *, create: bool) -> bool:
    """Whether ``folder`` is a real folder of this user's, 0700 (made so if it is ours)."""
    if create:
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700)
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False  # a symlink, a file, or someone else's folder
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            folder.chmod(0o700)
        except OSError:
            return False
    return True


def runtime_folder() -> Path | None:
    """This user's private folder for the socket (POSIX), or None if none can be trusted."""
    runtime = os.environ.get(RUNTIME_ENV)
    candidates = []
    if runtime and Path(runtime).is_absolute():
        candidates.append((Path(runtime), Path(runtime) / "supportdesk"))
    shared = Path(tempfile.gettempdir())
    candidates.append((shared, shared / f"supportdesk-{os.getuid()}"))
    for parent, folder in candidates:
        if parent != shared and not _own_private_folder(parent, create=False):
            continue  # an XDG_RUNTIME_DIR that is not really this user's
        if _own_private_folder(folder, create=True):
            return folder
    return None


def server_name(data_dir: Path) -> str:
    """What the server listens on: a path in this user's own folder (POSIX), or a name
    that Windows keeps per user."""
    if os.name != "posix":
        return _name(data_dir)
    folder = runtime_folder()
    return str(folder / _name(data_dir)) if folder is not None else ""


def _peer_uid(descriptor: int) -> int | None:
    """The user id of the process at the other end of a connected Unix socket, if known."""
    import socket as pysocket  # only once someone is there: not before the first paint

    if not hasattr(pysocket, "SO_PEERCRED"):
        return None
    try:
        probe = pysocket.socket(fileno=os.dup(descriptor))  # closing it closes the copy
    except OSError:
        return None
    try:
        creds = probe.getsockopt(pysocket.SOL_SOCKET, pysocket.SO_PEERCRED,
                                 struct.calcsize("3i"))
    except OSError:
        return None
    finally:
        probe.close()
    _pid, uid, _gid = struct.unpack("3i", creds)
    return int(uid)


def _trusted_path(name: str) -> bool:
    """The socket file belongs to this user (POSIX); Windows names need no file check."""
    if os.name != "posix":
        return True
    try:
        info = os.lstat(name)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def ask_running_instance_to_show(data_dir: Path) -> bool:
    """True when this user's SupportDesk already runs for ``data_dir`` and got the message.

    A listener that is not this user's is never believed (see the module's doc).
    """
    name = server_name(data_dir)
    if not name or not _trusted_path(name):
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    if os.name == "posix":
        uid = _peer_uid(int(socket.socketDescriptor()))
        if uid is not None and uid != os.getuid():
            socket.abort()
            return False
    socket.write(SHOW_MESSAGE)
    if socket.bytesToWrite():
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    delivered = socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return delivered


class SingleInstance(QObject):
    """Listens for later launches of the same data folder."""

    show_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_server_new_connection)

    def listen(self) -> bool:
        """Start listening; a socket left by a crashed run (or not this user's) goes first.

        The caller has asked first, and nobody of this user's answered, so whatever is
        at the name now is stale or a stranger's.
        """
        if not self.name:
            return False  # no private folder for the socket: run without the guard
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        if os.name == "posix":
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _on_server_new_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                continue
            # The other launch writes right after connecting, so the wait is short.
            if not socket.bytesAvailable():
                socket.waitForReadyRead(CONNECT_TIMEOUT_MS)
            asked = SHOW_MESSAGE.strip() in bytes(socket.readAll().data())
            socket.abort()
            socket.deleteLater()
            if asked:
                self.show_requested.emit()

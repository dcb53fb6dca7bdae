"""One SupportDesk per data folder: a second launch asks the first to show itself.

The server name is a hash of the data folder, so two different vaults can still be open
side by side, and no path (which may hold a user name) is visible to other programs.

Signals:
    show_requested(): another launch asked this one to come to the front.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

SHOW_MESSAGE = b"show\n"
CONNECT_TIMEOUT_MS = 800


def server_name(data_dir: Path) -> str:
    folder = os.path.normcase(str(Path(data_dir).expanduser().resolve())).encode("utf-8")
    # Two checksums make a 64-bit name per folder; zlib is already loaded, where hashlib
    # would load OpenSSL before the window's first paint.
    return f"supportdesk-{zlib.crc32(folder):08x}{zlib.adler32(folder):08x}"


def ask_running_instance_to_show(data_dir: Path) -> bool:
    """True when a SupportDesk already runs for ``data_dir`` and got the message."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
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
        """Start listening; a socket left by a crashed run is cleared first."""
        if self.server.listen(self.name):
            return True
        # Nobody answered (checked by the caller), so what is there is stale.
        QLocalServer.removeServer(self.name)
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

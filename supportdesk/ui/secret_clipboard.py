"""Copying a secret (the recovery key): off the clipboard again after a minute.

The key is taken off only if the clipboard still holds it, so whatever the person
copied since is left alone. It is also marked for clipboard managers as a secret
(``x-kde-passwordManagerHint``), so those that honour it keep no history of it, and it
is cleared when SupportDesk quits.

Signals (``SecretClipboard``):
    cleared(): the secret was taken off the clipboard.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 60_000
SECRET_HINT = "x-kde-passwordManagerHint"


class SecretClipboard(QObject):
    """Owns one secret on the clipboard at a time and its clearing timer."""

    cleared = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._secret = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)

    def copy(self, secret: str, clear_after_ms: int | None = None) -> None:
        data = QMimeData()
        data.setText(secret)
        data.setData(SECRET_HINT, b"secret")
        QGuiApplication.clipboard().setMimeData(data)
        self._secret = secret
        self.timer.start(CLEAR_AFTER_MS if clear_after_ms is None else clear_after_ms)

    @property
    def holding(self) -> bool:
        """Whether a secret copied here may still be on the clipboard."""
        return bool(self._secret)

    def clear_now(self) -> None:
        """Take the secret off the clipboard if it is still there (and stop the timer)."""
        self.timer.stop()
        if not self._secret:
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self._secret:
            clipboard.clear()
        self._secret = ""
        self.cleared.emit()

    def _on_timer_timeout(self) -> None:
        self.clear_now()


_shared: SecretClipboard | None = None


def _clear_at_exit() -> None:
    """Also when the app ends without quitting its event loop (a test run, a crash
    handler's exit): the key leaves no trace, and the clipboard gives back the data
    made here while Python still can (PySide6 crashes at exit if Qt frees it later)."""
    if _shared is not None and QCoreApplication.instance() is not None:
        _shared.clear_now()


atexit.register(_clear_at_exit)


def secret_clipboard() -> SecretClipboard:
    """The app's one SecretClipboard: it lives as long as the application, so closing the
    dialog that copied the key does not stop the clearing, and quitting clears it."""
    global _shared
    app = QCoreApplication.instance()
    if _shared is None or _shared.parent() is not app:
        _shared = SecretClipboard(app)
        if app is not None:
            app.aboutToQuit.connect(_shared.clear_now)
    return _shared


def copy_secret(secret: str, clear_after_ms: int | None = None) -> SecretClipboard:
    """Put ``secret`` on the clipboard, to be taken off after ``clear_after_ms``."""
    shared = secret_clipboard()
    shared.copy(secret, clear_after_ms)
    return shared

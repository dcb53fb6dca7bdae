"""The one place unexpected errors (bugs) end up: logged safely, told calmly, input kept.

``install(app)`` routes uncaught exceptions from the GUI thread and from other
threads here. The report holds the exception's type and the traceback's frames
(file, line, function) only: no message text and no local values, because either can
hold a name, a note or a key. Known errors (``KnownError``) are not bugs and are
shown by the code that caught them; one reaching here is shown with its own message.
Open dialogs and windows are left as they are, so a person's typing stays where it is.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk import __version__
from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import KnownError
from supportdesk.services.logging_setup import safe_traceback
from supportdesk.ui.plain import plain_label

log = logging.getLogger("supportdesk.crash")

TITLE = "Something went wrong"
CALM_TEXT = (
    "SupportDesk ran into a problem it did not expect. Nothing you have saved is lost, "
    "and anything you were typing is still where you left it.\n\n"
    "You can carry on. If it keeps happening, \u201cCopy details\u201d copies a short "
    "technical note (no names, notes or contact details) that you can send to us."
)


def safe_report(
    exc_type: type[BaseException], tb: TracebackType | None
) -> str:
    """The crash as text that holds no personal data: versions, type, frames."""
    versions = (f"SupportDesk {__version__}, Python {platform.python_version()}, "
                f"PySide6 {pyside_version}, {platform.system()} {platform.machine()}")
    return "\n".join([versions, *safe_traceback(exc_type, tb)])


class CrashDialog(QDialog):
    """Says calmly that something went wrong, with "Copy details"; closing it carries on."""

    def __init__(self, details: str, message: str = CALM_TEXT,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.details = details
        self.message = plain_label(message)
        self.message.setWordWrap(True)
        self.details_view = QPlainTextEdit(details)
        self.details_view.setReadOnly(True)
        self.details_view.setVisible(False)
        self.details_view.setAccessibleName("Technical details")
        self.copy_button = QPushButton("Copy details")
        self.show_button = QPushButton("Show details")
        self.show_button.setCheckable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details_view)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.show_button.toggled.connect(self.details_view.setVisible)
        buttons.rejected.connect(self.close)
        self.resize(480, 220)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


class CrashHandler(QObject):
    """Receives uncaught exceptions and shows them on the GUI thread.

    Signals:
        crashed(str): a bug was caught; the argument is the safe report.
    """

    crashed = Signal(str)
    _reported = Signal(str, str)  # report, message: hops from any thread to the GUI thread

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.dialog: CrashDialog | None = None
        self.count = 0
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._reported.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)

    def handle(self, exc_type: type[BaseException], exc: BaseException | None,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc or exc_type(), tb)
            return
        self.count += 1
        report = safe_report(exc_type, tb)
        log.error("Unexpected error\n%s", report)
        message = CALM_TEXT
        if exc is not None and not isinstance(exc, KnownError):
            exc = disk_refusal(exc) or exc  # a full disk is not a bug: say so plainly
        if isinstance(exc, KnownError):
            message = str(exc)  # written for people, without personal data
        self._reported.emit(report, message)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _on_reported(self, report: str, message: str) -> None:
        self.crashed.emit(report)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.details = f"{self.dialog.details}\n\n{report}"
            self.dialog.details_view.setPlainText(self.dialog.details)
            return
        self.dialog = CrashDialog(report, message, QApplication.activeWindow())
        self.dialog.show()

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook


def install(app: QApplication) -> CrashHandler:
    """Send every uncaught exception to one CrashHandler for ``app``; return it."""
    handler = CrashHandler(app)
    sys.excepthook = handler.handle
    threading.excepthook = handler._thread_hook
    return handler

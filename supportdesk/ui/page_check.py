"""The check of every page, made once the window shows the vault (``services.page_check``).

The vault was opened without it (``open_session(check_pages=False)``): Today is painted
first, then a worker thread reads every page on a connection of its own. Nothing is
said when all is well; damage is told in the window's calm banner, naming the newest
backup, with Restore from backup… beside it.

Signals:
    checked(object): the check ended; its message (str) or None when all was sound.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from supportdesk.services.page_check import damage_found
from supportdesk.ui.context import AppContext

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.vault.vault import Vault

LOG = logging.getLogger(__name__)
# After Today's first paint, out of the way of the frames that follow it.
START_AFTER_MS = 300


class PageCheck(QObject):
    checked = Signal(object)

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self._thread: threading.Thread | None = None
        self.checked.connect(self._on_self_checked)

    def start(self) -> None:
        vault = self.ctx.app.vault
        if vault is None or vault.pages_checked or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._check, args=(vault,),
                                        name="supportdesk-page-check", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def _check(self, vault: Vault) -> None:
        message: str | None
        try:
            message = damage_found(vault)
        except Exception:  # a bug: logged (type and frames, no text), never a crash here
            LOG.exception("the page check stopped")
            message = None
        self.checked.emit(message)

    def _on_self_checked(self, message: object) -> None:
        vault = self.ctx.app.vault
        if vault is not None:
            vault.pages_checked = True
        if isinstance(message, str):
            self.window.show_banner(message, [("Restore from backup…", self._restore)])

    def _restore(self) -> None:
        actions = self.window.extensions.get("data_actions")
        restore = getattr(actions, "restore", None)
        if callable(restore):
            restore()


def install(window: MainWindow, ctx: AppContext) -> PageCheck:
    check = PageCheck(window, ctx)
    QTimer.singleShot(START_AFTER_MS, check.start)
    return check

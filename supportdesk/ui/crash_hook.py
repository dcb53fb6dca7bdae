"""The crash handler's front door: light enough to stand before the first window.

The handler itself (ui/crash.py) loads the log scrubber, the plain-text widgets and
Qt's enums, some 80 ms: more than the first paint may wait for. So until the window
has painted, an uncaught exception comes here, which loads the handler and hands the
exception on; after the first paint the start installs the handler itself.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


class EarlyHook:
    """``sys.excepthook`` until the crash handler is loaded."""

    def __init__(self, app: QApplication) -> None:
        self.app = app

    def __call__(self, exc_type: type[BaseException], exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        from supportdesk.ui import crash

        sys.excepthook = sys.__excepthook__  # the handler keeps the default as its fallback
        crash.install(self.app).handle(exc_type, exc, tb)


def install_early(app: QApplication) -> None:
    """An uncaught exception from now on reaches the crash handler, loaded when needed."""
    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = EarlyHook(app)

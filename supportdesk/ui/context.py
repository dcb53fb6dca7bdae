"""What every page and dialog is given: the open session, the signal hub, the undo stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the session's modules load after the window's first paint
    from PySide6.QtGui import QUndoStack

    from supportdesk.services.session import Session
    from supportdesk.ui.events import Events


@dataclass
class AppContext:
    session: Session
    events: Events
    undo: QUndoStack

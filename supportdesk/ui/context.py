"""What every page and dialog is given: the open session, the signal hub, the undo stack."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from supportdesk.services.session import Session
from supportdesk.ui.events import Events


@dataclass
class AppContext:
    session: Session
    events: Events
    undo: QUndoStack

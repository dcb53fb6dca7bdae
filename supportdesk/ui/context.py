"""What every page and dialog is given: the open session, the signal hub, the undo stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

from supportdesk.services.session import Session
from supportdesk.ui.events import Events

if TYPE_CHECKING:
    from supportdesk.vault.vault import Vault


@dataclass
class AppContext:
    session: Session
    events: Events
    undo: QUndoStack
    vault: Vault | None = None  # the open vault, for backups and restore (None in some tests)

"""What every page and dialog is given: the application, the change bus, the signal hub
for navigation, the undo stack.

``ctx.app`` is the application object (services/application.py): read through its
services, change through its use cases. ``ctx.bus`` says which topics changed.
``ctx.session`` is the open session the application was made over; ui/ uses it only
to hand it on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the session's modules load after the window's first paint
    from PySide6.QtGui import QUndoStack

    from supportdesk.services.application import Application
    from supportdesk.services.session import Session
    from supportdesk.ui.bus import ChangeBus
    from supportdesk.ui.events import Events


@dataclass
class AppContext:
    session: Session
    events: Events
    undo: QUndoStack
    app: Application = field(init=False)
    bus: ChangeBus = field(init=False)

    def __post_init__(self) -> None:
        from supportdesk.services.application import Application
        from supportdesk.ui.bus import ChangeBus

        self.app = Application(self.session)
        self.bus = ChangeBus(self.app.feed)

    def close(self) -> None:
        """Stop following changes, then close the vault."""
        self.bus.stop()
        self.app.close()

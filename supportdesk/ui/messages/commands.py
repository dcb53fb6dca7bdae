"""Undoable changes to the person's own lists of words."""

from __future__ import annotations

from collections.abc import Sequence

from supportdesk.core.messages import MessageTemplate
from supportdesk.ui.context import AppContext
from supportdesk.ui.undo_commands import NetworkCommand


class SaveTemplates(NetworkCommand):
    """Saving the message templates; undo puts the list back as it was."""

    def __init__(self, ctx: AppContext, before: Sequence[MessageTemplate],
                 after: Sequence[MessageTemplate], text: str = "Change my messages") -> None:
        super().__init__(ctx, text)
        self.before = list(before)
        self.after = list(after)

    def apply(self) -> None:
        self.after = self.app.save_message_templates(self.after)

    def revert(self) -> None:
        self.app.save_message_templates(self.before)

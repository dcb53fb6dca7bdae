"""Undoable ring changes (closeness), on ``ctx.undo`` like every other network change."""

from __future__ import annotations

from supportdesk.core.kinds import Ring
from supportdesk.core.model import Supporter
from supportdesk.services.application import Edit
from supportdesk.ui.context import AppContext
from supportdesk.ui.undo_commands import NetworkCommand


class ChangeRing(NetworkCommand):
    """Move a supporter to another ring; undo moves them back (the ring alone)."""

    def __init__(self, ctx: AppContext, supporter_id: int, before: Ring, after: Ring,
                 name: str) -> None:
        word = "closer" if after.order < before.order else "further out"
        super().__init__(ctx, f"Move {name} {word}")
        self.supporter_id = supporter_id
        self.before = before
        self.after = after
        self.edit: Edit[Supporter] | None = None

    def apply(self) -> None:
        if self.edit is None:
            self.edit = self.app.change_ring(self.supporter_id, self.after)
        else:
            self.app.redo_supporter_edit(self.edit)

    def revert(self) -> None:
        assert self.edit is not None
        self.app.undo_supporter_edit(self.edit)

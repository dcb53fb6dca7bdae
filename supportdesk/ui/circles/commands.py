"""Undoable ring changes (closeness), on ``ctx.undo`` like every other network change."""

from __future__ import annotations

from dataclasses import replace

from supportdesk.core.kinds import Ring
from supportdesk.ui.context import AppContext
from supportdesk.ui.undo_commands import NetworkCommand


class ChangeRing(NetworkCommand):
    """Move a supporter to another ring; undo moves them back."""

    def __init__(self, ctx: AppContext, supporter_id: int, before: Ring, after: Ring,
                 name: str) -> None:
        word = "closer" if after.order < before.order else "further out"
        super().__init__(ctx, f"Move {name} {word}")
        self.supporter_id = supporter_id
        self.before = before
        self.after = after

    def _set(self, ring: Ring) -> None:
        supporter = self.network.supporter(self.supporter_id)
        self.network.save_supporter(replace(supporter, ring=ring))

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)

    def announce(self) -> None:
        self.ctx.events.supporters_changed.emit()

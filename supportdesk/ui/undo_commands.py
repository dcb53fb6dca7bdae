"""Undoable changes to the network, pushed on ``ctx.undo``.

Use ``perform(ctx, command)``: it makes the change once *before* pushing, so a
refused change (a ``KnownError``) reaches the caller, which keeps the person's
input and shows the message, and nothing half-done lands on the undo stack.
Undo and redo then replay through the same services and announce the change on
``ctx.events``. If a replay is refused (something changed underneath), the
command is marked obsolete and the stack drops it, rather than raising inside Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from supportdesk.core.errors import KnownError
from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.services.network import NetworkService
from supportdesk.store.repository import SupporterSnapshot
from supportdesk.ui.context import AppContext

log = logging.getLogger(__name__)


class NetworkCommand(QUndoCommand):
    """A change made through ``NetworkService`` with its exact inverse."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._applied_once = False
        self.failure = ""

    @property
    def network(self) -> NetworkService:
        return self.ctx.session.network

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def announce(self) -> None:
        raise NotImplementedError

    def first_apply(self) -> None:
        self.apply()
        self._applied_once = True
        self.announce()

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False  # perform() already made the change
            return
        self._replay(self.apply)

    def undo(self) -> None:
        self._replay(self.revert)

    def _replay(self, step: Callable[[], None]) -> None:
        try:
            step()
        except KnownError as error:
            log.warning("Could not replay %s: %s", type(self).__name__, type(error).__name__)
            self.failure = error.message
            self.setObsolete(True)
        self.announce()


def perform(ctx: AppContext, command: NetworkCommand) -> None:
    """Make the change now (raising ``KnownError`` if refused), then make it undoable."""
    command.first_apply()
    ctx.undo.push(command)


def _announce_people(ctx: AppContext) -> None:
    ctx.events.supporters_changed.emit()
    ctx.events.checkins_changed.emit()
    ctx.events.gratitude_changed.emit()


class AddSupporter(NetworkCommand):
    def __init__(self, ctx: AppContext, supporter: Supporter) -> None:
        super().__init__(ctx, f"Add {supporter.name.strip() or 'someone'}")
        self.supporter = supporter
        self.supporter_id: int | None = None
        self._snapshot: SupporterSnapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            saved = self.network.save_supporter(self.supporter)
        else:
            saved = self.network.restore_supporter(self._snapshot)
        self.supporter_id = saved.id

    def revert(self) -> None:
        assert self.supporter_id is not None
        self._snapshot = self.network.delete_supporter(self.supporter_id)

    def announce(self) -> None:
        _announce_people(self.ctx)


class EditSupporter(NetworkCommand):
    def __init__(self, ctx: AppContext, before: Supporter, after: Supporter) -> None:
        super().__init__(ctx, f"Edit {before.name}")
        self.before = before
        self.after = after

    def apply(self) -> None:
        self.network.save_supporter(self.after)

    def revert(self) -> None:
        self.network.save_supporter(self.before)

    def announce(self) -> None:
        self.ctx.events.supporters_changed.emit()


class DeleteSupporter(NetworkCommand):
    def __init__(self, ctx: AppContext, supporter: Supporter) -> None:
        super().__init__(ctx, f"Remove {supporter.name}")
        assert supporter.id is not None
        self.supporter_id = supporter.id
        self._snapshot: SupporterSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = self.network.delete_supporter(self.supporter_id)

    def revert(self) -> None:
        assert self._snapshot is not None
        self.network.restore_supporter(self._snapshot)

    def announce(self) -> None:
        _announce_people(self.ctx)


class LogCheckin(NetworkCommand):
    def __init__(self, ctx: AppContext, checkin: CheckIn, who: str = "") -> None:
        super().__init__(ctx, f"Log check-in with {who}" if who else "Log check-in")
        self.checkin = checkin

    def apply(self) -> None:
        self.checkin = self.network.log_checkin(self.checkin)

    def revert(self) -> None:
        assert self.checkin.id is not None
        self.network.delete_checkin(self.checkin.id)

    def announce(self) -> None:
        self.ctx.events.checkins_changed.emit()
        self.ctx.events.supporters_changed.emit()  # last contact and next due moved


class EditCheckin(NetworkCommand):
    def __init__(self, ctx: AppContext, before: CheckIn, after: CheckIn) -> None:
        super().__init__(ctx, "Edit check-in")
        self.before = before
        self.after = replace(after, id=before.id)

    def apply(self) -> None:
        self.network.log_checkin(self.after)

    def revert(self) -> None:
        self.network.log_checkin(self.before)

    def announce(self) -> None:
        self.ctx.events.checkins_changed.emit()
        self.ctx.events.supporters_changed.emit()


class DeleteCheckin(NetworkCommand):
    def __init__(self, ctx: AppContext, checkin: CheckIn) -> None:
        super().__init__(ctx, "Delete check-in")
        assert checkin.id is not None
        self.checkin = checkin

    def apply(self) -> None:
        assert self.checkin.id is not None
        self.checkin = self.network.delete_checkin(self.checkin.id)

    def revert(self) -> None:
        self.network.restore_checkin(self.checkin)

    def announce(self) -> None:
        self.ctx.events.checkins_changed.emit()
        self.ctx.events.supporters_changed.emit()


class AddGratitude(NetworkCommand):
    def __init__(self, ctx: AppContext, entry: Gratitude) -> None:
        super().__init__(ctx, "Add gratitude")
        self.entry = entry

    def apply(self) -> None:
        self.entry = self.network.save_gratitude(self.entry)  # keeps its id on redo

    def revert(self) -> None:
        assert self.entry.id is not None
        self.network.delete_gratitude(self.entry.id)

    def announce(self) -> None:
        self.ctx.events.gratitude_changed.emit()


class EditGratitude(NetworkCommand):
    """Any change to an entry, including ticking "thanked"."""

    def __init__(self, ctx: AppContext, before: Gratitude, after: Gratitude,
                 text: str = "Edit gratitude") -> None:
        super().__init__(ctx, text)
        self.before = before
        self.after = replace(after, id=before.id)

    def apply(self) -> None:
        self.network.save_gratitude(self.after)

    def revert(self) -> None:
        self.network.save_gratitude(self.before)

    def announce(self) -> None:
        self.ctx.events.gratitude_changed.emit()


class DeleteGratitude(NetworkCommand):
    def __init__(self, ctx: AppContext, entry: Gratitude) -> None:
        super().__init__(ctx, "Delete gratitude")
        self.entry = entry

    def apply(self) -> None:
        assert self.entry.id is not None
        self.entry = self.network.delete_gratitude(self.entry.id)

    def revert(self) -> None:
        self.network.save_gratitude(self.entry)  # re-inserts with the same id

    def announce(self) -> None:
        self.ctx.events.gratitude_changed.emit()


def mark_thanked(ctx: AppContext, entry_id: int, thanked: bool) -> None:
    """Tick or clear "thanked" on a gratitude entry, undoably."""
    entry = ctx.session.network.gratitude_entry(entry_id)
    perform(ctx, EditGratitude(ctx, entry, replace(entry, thanked=thanked),
                               "Mark thanked" if thanked else "Mark not thanked"))

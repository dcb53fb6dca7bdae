"""Undoable changes to the network, pushed on ``ctx.undo``.

Use ``perform(ctx, command)``: it makes the change once *before* pushing, so a
refused change (a ``KnownError``) reaches the caller, which keeps the person's
input and shows the message, and nothing half-done lands on the undo stack.
Undo and redo then replay through the application's use cases, which publish what
changed to the change feed; an edit is taken back field by field, so a snooze or a
pause made since survives. If a replay is refused (something changed underneath), the
command is marked obsolete and the stack drops it, rather than raising inside Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from supportdesk.core.errors import KnownError
from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.services.application import Application, Edit, SupporterSnapshot
from supportdesk.ui.context import AppContext

log = logging.getLogger(__name__)


class NetworkCommand(QUndoCommand):
    """A change made through the application's use cases, with its exact inverse."""

    def __init__(self, ctx: AppContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._applied_once = False
        self.failure = ""

    @property
    def app(self) -> Application:
        return self.ctx.app

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def first_apply(self) -> None:
        self.apply()
        self._applied_once = True

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


def perform(ctx: AppContext, command: NetworkCommand) -> None:
    """Make the change now (raising ``KnownError`` if refused), then make it undoable."""
    command.first_apply()
    ctx.undo.push(command)


P = TypeVar("P")  # what an import's preview holds
R = TypeVar("R")  # what it brought in


class ImportCommand(NetworkCommand, Generic[P, R]):
    """A whole import as one undo step: undo takes out exactly what it brought in."""

    def __init__(self, ctx: AppContext, text: str, preview: P,
                 bring_in: Callable[[Application, P], R],
                 take_out: Callable[[Application, R], None]) -> None:
        super().__init__(ctx, text)
        self.preview = preview
        self.outcome: R | None = None
        self._bring_in = bring_in
        self._take_out = take_out

    def apply(self) -> None:
        self.outcome = self._bring_in(self.app, self.preview)

    def revert(self) -> None:
        assert self.outcome is not None
        self._take_out(self.app, self.outcome)


class AddSupporter(NetworkCommand):
    def __init__(self, ctx: AppContext, supporter: Supporter) -> None:
        super().__init__(ctx, f"Add {supporter.name.strip() or 'someone'}")
        self.supporter = supporter
        self.supporter_id: int | None = None
        self._snapshot: SupporterSnapshot | None = None

    def apply(self) -> None:
        if self._snapshot is None:
            saved = self.app.add_supporter(self.supporter)
        else:
            saved = self.app.restore_supporter(self._snapshot)
        self.supporter_id = saved.id

    def revert(self) -> None:
        assert self.supporter_id is not None
        self._snapshot = self.app.delete_supporter(self.supporter_id)


class EditSupporter(NetworkCommand):
    """An edit of a supporter; undo puts back only the fields this edit changed."""

    def __init__(self, ctx: AppContext, before: Supporter, after: Supporter) -> None:
        super().__init__(ctx, f"Edit {before.name}")
        self.before = before
        self.after = after
        self.edit: Edit[Supporter] | None = None

    def apply(self) -> None:
        if self.edit is None:
            self.edit = self.app.edit_supporter(self.before, self.after)
        else:
            self.app.redo_supporter_edit(self.edit)

    def revert(self) -> None:
        assert self.edit is not None
        self.app.undo_supporter_edit(self.edit)


class DeleteSupporter(NetworkCommand):
    def __init__(self, ctx: AppContext, supporter: Supporter) -> None:
        super().__init__(ctx, f"Remove {supporter.name}")
        assert supporter.id is not None
        self.supporter_id = supporter.id
        self._snapshot: SupporterSnapshot | None = None

    def apply(self) -> None:
        self._snapshot = self.app.delete_supporter(self.supporter_id)

    def revert(self) -> None:
        assert self._snapshot is not None
        self.app.restore_supporter(self._snapshot)


class LogCheckin(NetworkCommand):
    def __init__(self, ctx: AppContext, checkin: CheckIn, who: str = "") -> None:
        super().__init__(ctx, f"Log check-in with {who}" if who else "Log check-in")
        self.checkin = checkin

    def apply(self) -> None:
        if self.checkin.id is None:
            self.checkin = self.app.log_checkin(self.checkin)
        else:
            self.checkin = self.app.restore_checkin(self.checkin)  # redo: the same id

    def revert(self) -> None:
        assert self.checkin.id is not None
        self.app.delete_checkin(self.checkin.id)


class EditCheckin(NetworkCommand):
    def __init__(self, ctx: AppContext, before: CheckIn, after: CheckIn) -> None:
        super().__init__(ctx, "Edit check-in")
        self.before = before
        self.after = replace(after, id=before.id)
        self.edit: Edit[CheckIn] | None = None

    def apply(self) -> None:
        if self.edit is None:
            self.edit = self.app.edit_checkin(self.before, self.after)
        else:
            self.app.redo_checkin_edit(self.edit)

    def revert(self) -> None:
        assert self.edit is not None
        self.app.undo_checkin_edit(self.edit)


class DeleteCheckin(NetworkCommand):
    def __init__(self, ctx: AppContext, checkin: CheckIn) -> None:
        super().__init__(ctx, "Delete check-in")
        assert checkin.id is not None
        self.checkin = checkin

    def apply(self) -> None:
        assert self.checkin.id is not None
        self.checkin = self.app.delete_checkin(self.checkin.id)

    def revert(self) -> None:
        self.app.restore_checkin(self.checkin)


class AddGratitude(NetworkCommand):
    def __init__(self, ctx: AppContext, entry: Gratitude) -> None:
        super().__init__(ctx, "Add gratitude")
        self.entry = entry

    def apply(self) -> None:
        self.entry = self.app.add_gratitude(self.entry)  # keeps its id on redo

    def revert(self) -> None:
        assert self.entry.id is not None
        self.app.delete_gratitude(self.entry.id)


class EditGratitude(NetworkCommand):
    """Any change to an entry, including ticking "thanked"; undo takes back only that."""

    def __init__(self, ctx: AppContext, before: Gratitude, after: Gratitude,
                 text: str = "Edit gratitude") -> None:
        super().__init__(ctx, text)
        self.before = before
        self.after = replace(after, id=before.id)
        self.edit: Edit[Gratitude] | None = None

    def apply(self) -> None:
        if self.edit is None:
            self.edit = self.app.edit_gratitude(self.before, self.after)
        else:
            self.app.redo_gratitude_edit(self.edit)

    def revert(self) -> None:
        assert self.edit is not None
        self.app.undo_gratitude_edit(self.edit)


class DeleteGratitude(NetworkCommand):
    def __init__(self, ctx: AppContext, entry: Gratitude) -> None:
        super().__init__(ctx, "Delete gratitude")
        self.entry = entry

    def apply(self) -> None:
        assert self.entry.id is not None
        self.entry = self.app.delete_gratitude(self.entry.id)

    def revert(self) -> None:
        self.app.add_gratitude(self.entry)  # re-inserts with the same id


def mark_thanked(ctx: AppContext, entry_id: int, thanked: bool) -> None:
    """Tick or clear "thanked" on a gratitude entry, undoably."""
    entry = ctx.app.network.gratitude_entry(entry_id)
    perform(ctx, EditGratitude(ctx, entry, replace(entry, thanked=thanked),
                               "Mark thanked" if thanked else "Mark not thanked"))


class AddMoodEntry(NetworkCommand):
    """A mood noted on its own; undo takes it away, redo puts it back with its id."""

    def __init__(self, ctx: AppContext, entry: MoodEntry) -> None:
        super().__init__(ctx, "Note how you are")
        self.entry = entry

    def apply(self) -> None:
        if self.entry.id is None:
            self.entry = self.app.add_mood_entry(self.entry)
        else:
            self.entry = self.app.restore_mood_entry(self.entry)

    def revert(self) -> None:
        assert self.entry.id is not None
        self.app.delete_mood_entry(self.entry.id)


class EditMoodEntry(NetworkCommand):
    def __init__(self, ctx: AppContext, before: MoodEntry, after: MoodEntry) -> None:
        super().__init__(ctx, "Change how you were")
        self.before = before
        self.after = replace(after, id=before.id)
        self.edit: Edit[MoodEntry] | None = None

    def apply(self) -> None:
        if self.edit is None:
            self.edit = self.app.edit_mood_entry(self.before, self.after)
        else:
            self.app.redo_mood_entry_edit(self.edit)

    def revert(self) -> None:
        assert self.edit is not None
        self.app.undo_mood_entry_edit(self.edit)


class DeleteMoodEntry(NetworkCommand):
    def __init__(self, ctx: AppContext, entry: MoodEntry) -> None:
        super().__init__(ctx, "Delete mood entry")
        assert entry.id is not None
        self.entry = entry

    def apply(self) -> None:
        assert self.entry.id is not None
        self.entry = self.app.delete_mood_entry(self.entry.id)

    def revert(self) -> None:
        self.app.restore_mood_entry(self.entry)

"""Undoable changes to the safety plan and the person's own crisis lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from supportdesk.core.kinds import PlanStep
from supportdesk.core.model import CrisisLine, PlanItem
from supportdesk.services.safety_plan import Plan
from supportdesk.ui.context import AppContext
from supportdesk.ui.undo_commands import NetworkCommand, perform

PlanLike = Mapping[PlanStep, Sequence[PlanItem]]


class SavePlan(NetworkCommand):
    """Saving the plan; undo puts the previous plan back."""

    def __init__(self, ctx: AppContext, before: PlanLike, after: PlanLike,
                 text: str = "Edit safety plan") -> None:
        super().__init__(ctx, text)
        self.before = {step: list(items) for step, items in before.items()}
        self.after = {step: list(items) for step, items in after.items()}
        self.saved: Plan | None = None

    def apply(self) -> None:
        self.saved = self.app.save_plan(self.after)

    def revert(self) -> None:
        self.app.save_plan(self.before)


def save_plan(ctx: AppContext, before: PlanLike, after: PlanLike,
              text: str = "Edit safety plan") -> Plan:
    """Save now (a ``KnownError`` if refused, nothing pushed) and make it undoable."""
    command = SavePlan(ctx, before, after, text)
    perform(ctx, command)
    assert command.saved is not None
    return command.saved


class RemoveCrisisLine(NetworkCommand):
    """Removing a service the person added; undo adds it back."""

    def __init__(self, ctx: AppContext, line: CrisisLine) -> None:
        super().__init__(ctx, f"Remove {line.name}")
        self.line = line

    def apply(self) -> None:
        assert self.line.id is not None
        self.line = self.app.remove_crisis_line(self.line.id)

    def revert(self) -> None:
        self.line = self.app.restore_crisis_line(self.line)

"""Undoable changes to the safety plan and the person's own crisis lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from supportdesk.core.kinds import PlanStep
from supportdesk.core.model import CrisisLine, PlanItem
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.safety_plan import Plan, SafetyPlanService
from supportdesk.ui.context import AppContext
from supportdesk.ui.undo_commands import NetworkCommand, perform

PlanLike = Mapping[PlanStep, Sequence[PlanItem]]


class SavePlan(NetworkCommand):
    """Saving the plan; undo puts the previous plan back. Announces ``plan_changed``."""

    def __init__(self, ctx: AppContext, before: PlanLike, after: PlanLike,
                 text: str = "Edit safety plan") -> None:
        super().__init__(ctx, text)
        self.service = SafetyPlanService(ctx.session.repo)
        self.before = {step: list(items) for step, items in before.items()}
        self.after = {step: list(items) for step, items in after.items()}
        self.saved: Plan | None = None

    def apply(self) -> None:
        self.saved = self.service.save(self.after)

    def revert(self) -> None:
        self.service.save(self.before)

    def announce(self) -> None:
        self.ctx.events.plan_changed.emit()


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
        self.service = CrisisLinesService(ctx.session.repo)
        self.line = line

    def apply(self) -> None:
        assert self.line.id is not None
        self.line = self.service.remove_line(self.line.id)

    def revert(self) -> None:
        self.line = self.service.restore_line(self.line)

    def announce(self) -> None:
        self.ctx.events.plan_changed.emit()

"""The undoable safety-plan change: the whole plan before and after."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from supportdesk.core.kinds import PlanStep
from supportdesk.core.model import PlanItem
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

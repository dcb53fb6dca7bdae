"""The undoable safety-plan change: the whole plan before and after."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QUndoCommand

from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import PlanStep
from supportdesk.core.model import PlanItem
from supportdesk.services.safety_plan import Plan, SafetyPlanService
from supportdesk.ui.context import AppContext

PlanLike = Mapping[PlanStep, Sequence[PlanItem]]


class SavePlan(QUndoCommand):
    """Saving the plan; undo puts the previous plan back. Announces ``plan_changed``."""

    def __init__(self, ctx: AppContext, before: PlanLike, after: PlanLike,
                 text: str = "Edit safety plan") -> None:
        super().__init__(text)
        self.ctx = ctx
        self.service = SafetyPlanService(ctx.session.repo)
        self.before = {step: list(items) for step, items in before.items()}
        self.after = {step: list(items) for step, items in after.items()}
        self.saved: Plan | None = None
        self._first = True

    def save_now(self) -> Plan:
        """Save ``after`` (raising ``KnownError`` if refused) before the command is pushed."""
        self.saved = self.service.save(self.after)
        return self.saved

    def redo(self) -> None:
        if self._first:
            self._first = False  # save_now() already made the change
            return
        self._replay(self.after)

    def undo(self) -> None:
        self._replay(self.before)

    def _replay(self, plan: PlanLike) -> None:
        try:
            self.service.save(plan)
        except KnownError:
            self.setObsolete(True)
        self.ctx.events.plan_changed.emit()


def save_plan(ctx: AppContext, before: PlanLike, after: PlanLike,
              text: str = "Edit safety plan") -> Plan:
    """Save now and make it undoable; returns the plan as saved."""
    command = SavePlan(ctx, before, after, text)
    saved = command.save_now()
    ctx.undo.push(command)
    ctx.events.plan_changed.emit()
    return saved

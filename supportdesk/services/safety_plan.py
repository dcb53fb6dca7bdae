"""The safety plan: Stanley–Brown steps, each a short ordered list of items.

Items on the people steps may link a supporter from the network; the link follows
the person (their current name and contact details), and the item's own text is
an optional note ("for a walk", "after 6pm"). The whole plan is saved at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import PlanStep
from supportdesk.core.model import PlanItem
from supportdesk.core.validation import LONG_TEXT_LIMIT, check_length, clean_text
from supportdesk.store.repository import Repository

Plan = dict[PlanStep, list[PlanItem]]


def empty_plan() -> Plan:
    return {step: [] for step in PlanStep}


def plan_from_items(items: Sequence[PlanItem]) -> Plan:
    plan = empty_plan()
    for item in sorted(items, key=lambda i: (list(PlanStep).index(i.step), i.position)):
        plan[item.step].append(item)
    return plan


def plan_is_empty(plan: Mapping[PlanStep, Sequence[PlanItem]]) -> bool:
    return not any(plan.values())


class SafetyPlanService:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    def plan(self) -> Plan:
        """Every step, in order, with its items (empty lists for steps not filled in)."""
        return plan_from_items(self.repo.plan_items())

    def save(self, plan: Mapping[PlanStep, Sequence[PlanItem]]) -> Plan:
        """Replace the plan with ``plan``; blank items are dropped, links are checked."""
        known = {s.id for s in self.repo.supporters()}
        items: list[PlanItem] = []
        for step in PlanStep:
            for position, item in enumerate(i for i in plan.get(step, ()) if _kept(i)):
                text = clean_text(item.text)
                problem = check_length(text, LONG_TEXT_LIMIT)
                if problem:
                    raise ValidationError(problem, field=step.value)
                linked = item.supporter_id if step.links_people else None
                if linked is not None and linked not in known:
                    linked = None  # the person was removed meanwhile: keep the words
                if not text and linked is None:
                    continue
                items.append(replace(item, step=step, text=text, supporter_id=linked,
                                     position=position, id=None))
        return plan_from_items(self.repo.replace_plan(items))


def _kept(item: PlanItem) -> bool:
    return bool(item.text.strip()) or item.supporter_id is not None

"""Saving the safety plan: order kept, blanks dropped, links only where people belong."""

from __future__ import annotations

import pytest

from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import PlanItem, Supporter
from supportdesk.services.safety_plan import SafetyPlanService, empty_plan, plan_is_empty
from supportdesk.services.session import Session


def test_a_new_plan_has_every_step_in_order_and_is_empty(session: Session) -> None:
    plan = SafetyPlanService(session.repo).plan()
    assert list(plan) == list(PlanStep)
    assert plan_is_empty(plan)


def test_items_keep_their_order_and_blank_ones_are_dropped(session: Session) -> None:
    service = SafetyPlanService(session.repo)
    plan = empty_plan()
    plan[PlanStep.REASONS] = [PlanItem(PlanStep.REASONS, "My cat, Miso"),
                              PlanItem(PlanStep.REASONS, "   "),
                              PlanItem(PlanStep.REASONS, "Seeing the sea again\x07")]
    plan[PlanStep.WARNING_SIGNS] = [PlanItem(PlanStep.WARNING_SIGNS, "Not sleeping")]
    saved = service.save(plan)
    assert [i.text for i in saved[PlanStep.REASONS]] == ["My cat, Miso", "Seeing the sea again"]
    assert service.plan() == saved
    saved[PlanStep.REASONS].reverse()
    assert [i.text for i in service.save(saved)[PlanStep.REASONS]] == [
        "Seeing the sea again", "My cat, Miso"]


def test_people_steps_link_supporters_and_other_steps_do_not(session: Session) -> None:
    ana = session.repo.add_supporter(Supporter(name="Ana", kind=Kind.FRIEND))
    service = SafetyPlanService(session.repo)
    plan = empty_plan()
    plan[PlanStep.ASK_FOR_HELP] = [PlanItem(PlanStep.ASK_FOR_HELP, "", supporter_id=ana.id)]
    plan[PlanStep.COPING] = [PlanItem(PlanStep.COPING, "Music", supporter_id=ana.id)]
    saved = service.save(plan)
    assert saved[PlanStep.ASK_FOR_HELP][0].supporter_id == ana.id
    assert saved[PlanStep.COPING][0].supporter_id is None


def test_a_link_to_someone_removed_keeps_the_words(session: Session) -> None:
    service = SafetyPlanService(session.repo)
    plan = empty_plan()
    plan[PlanStep.DISTRACTION] = [PlanItem(PlanStep.DISTRACTION, "Walk with them", 999),
                                  PlanItem(PlanStep.DISTRACTION, "", 998)]
    saved = service.save(plan)[PlanStep.DISTRACTION]
    assert [(i.text, i.supporter_id) for i in saved] == [("Walk with them", None)]


def test_too_long_an_item_is_refused_and_nothing_changes(session: Session) -> None:
    service = SafetyPlanService(session.repo)
    plan = empty_plan()
    plan[PlanStep.REASONS] = [PlanItem(PlanStep.REASONS, "Family")]
    service.save(plan)
    plan[PlanStep.COPING] = [PlanItem(PlanStep.COPING, "x" * 100_000)]
    with pytest.raises(ValidationError) as raised:
        service.save(plan)
    assert raised.value.field == "coping"
    assert [i.text for i in service.plan()[PlanStep.REASONS]] == ["Family"]

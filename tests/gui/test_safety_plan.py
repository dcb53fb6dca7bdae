"""The safety plan editor: add, edit, link a person, reorder, remove, all saved and undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import PlanStep
from supportdesk.services.safety_plan import SafetyPlanService
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.safety_plan import SafetyPlanPage
from tests.conftest import FIXED_NOW
from tests.gui.conftest import follow
from tests.gui.views_seed import seed_network


def page_for(ctx: AppContext, qtbot: QtBot) -> SafetyPlanPage:
    page = follow(ctx, SafetyPlanPage(ctx, opener=lambda url: True))
    qtbot.addWidget(page)
    page.resize(900, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def saved_texts(ctx: AppContext, step: PlanStep) -> list[str]:
    return [i.text for i in SafetyPlanService(ctx.session.repo).plan()[step]]


def test_every_step_is_there_with_its_prompt(ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    assert list(page.cards) == list(PlanStep)
    for step, card in page.cards.items():
        assert card.title is not None and step.label in card.title.text()
        assert card.add_button.accessibleName() == f"Add to {step.label}"


def test_typing_an_item_saves_it_and_undo_takes_it_back(ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    card = page.cards[PlanStep.REASONS]
    row = card.add_item()
    qtbot.keyClicks(row.text, "My niece's wedding in June")
    qtbot.keyClick(row.text, Qt.Key.Key_Return)
    assert saved_texts(ctx, PlanStep.REASONS) == ["My niece's wedding in June"]
    assert ctx.undo.undoText() == "Edit my reasons for living"
    ctx.undo.undo()
    assert saved_texts(ctx, PlanStep.REASONS) == []
    assert [r.item().text for r in page.cards[PlanStep.REASONS].rows] == []
    ctx.undo.redo()
    assert [r.item().text for r in page.cards[PlanStep.REASONS].rows] == [
        "My niece's wedding in June"]


def test_remove_and_reorder_are_saved_and_undoable(ctx: AppContext, qtbot: QtBot) -> None:
    seed_network(ctx.session, FIXED_NOW)
    page = page_for(ctx, qtbot)
    card = page.cards[PlanStep.WARNING_SIGNS]
    assert saved_texts(ctx, PlanStep.WARNING_SIGNS) == ["Not sleeping, skipping meals",
                                                         "Cancelling plans"]
    card.move_row(card.rows[1], -1)
    assert saved_texts(ctx, PlanStep.WARNING_SIGNS) == ["Cancelling plans",
                                                         "Not sleeping, skipping meals"]
    card.remove_row(card.rows[0])
    assert saved_texts(ctx, PlanStep.WARNING_SIGNS) == ["Not sleeping, skipping meals"]
    ctx.undo.undo()
    assert saved_texts(ctx, PlanStep.WARNING_SIGNS) == ["Cancelling plans",
                                                         "Not sleeping, skipping meals"]
    ctx.undo.undo()
    assert [r.item().text for r in page.cards[PlanStep.WARNING_SIGNS].rows] == [
        "Not sleeping, skipping meals", "Cancelling plans"]


def test_people_steps_link_a_supporter_and_show_their_contacts(
        ctx: AppContext, qtbot: QtBot) -> None:
    people = seed_network(ctx.session, FIXED_NOW)
    page = page_for(ctx, qtbot)
    card = page.cards[PlanStep.DISTRACTION]
    row = card.add_item()
    assert row.person is not None and row.contacts is None  # no one linked yet
    row.person.setCurrentIndex(row.person.findData(people["Priya"].id))
    row.person.activated.emit(row.person.currentIndex())
    assert row.contacts is not None
    assert [b.accessibleName() for b in row.contacts.buttons] == ["Call Priya", "Text Priya"]
    plan = SafetyPlanService(ctx.session.repo).plan()
    assert [(i.supporter_id, i.text) for i in plan[PlanStep.DISTRACTION]] == [
        (people["Priya"].id, "")]


def test_a_blank_new_item_is_not_saved(ctx: AppContext, qtbot: QtBot) -> None:
    page = page_for(ctx, qtbot)
    row = page.cards[PlanStep.COPING].add_item()
    row.text.editingFinished.emit()
    assert saved_texts(ctx, PlanStep.COPING) == []
    assert ctx.undo.count() == 0

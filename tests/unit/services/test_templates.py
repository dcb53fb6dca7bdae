"""Message templates and kinds of help in the vault, through the application's use cases."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from supportdesk.core.errors import ValidationError
from supportdesk.core.help_kinds import DEFAULT_HELP_KINDS
from supportdesk.core.kinds import ContactType, Kind, PlanStep
from supportdesk.core.messages import DEFAULT_TEMPLATES, MessageTemplate
from supportdesk.core.model import ContactMethod, PlanItem, Supporter
from supportdesk.services.application import Application
from supportdesk.services.safety_plan import empty_plan
from supportdesk.services.session import Session
from supportdesk.services.templates import people_to_message
from supportdesk.store import change_counts, database, migrations
from tests.conftest import FIXED_NOW


@pytest.fixture
def app(session: Session) -> Application:
    return Application(session)


def test_a_new_vault_has_the_warm_defaults(app: Application) -> None:
    texts = [t.text for t in app.templates.templates()]
    assert texts == [t.text for t in DEFAULT_TEMPLATES]
    assert app.templates.hard_time().text.startswith("I'm having a hard time.")


def test_templates_are_added_edited_reordered_and_removed_as_one_list(
        app: Application) -> None:
    topics: list[frozenset[str]] = []
    app.feed.subscribe(topics.append)
    first, second, third = app.templates.templates()
    saved = app.save_message_templates(
        [third, MessageTemplate("  Are you free for a walk?\x07 ", " Walk? "),
         MessageTemplate(first.text + " Please.", first.subject, True, first.id)])
    assert [t.text for t in saved] == ["Thank you for …", "Are you free for a walk?",
                                       first.text + " Please."]
    assert saved[1].subject == "Walk?"
    assert app.templates.hard_time().id == first.id
    assert "templates" in topics[-1] and "people" not in topics[-1]
    assert second.id not in {t.id for t in app.templates.templates()}


def test_a_blank_or_overlong_template_is_refused_and_nothing_changes(
        app: Application) -> None:
    before = app.templates.templates()
    with pytest.raises(ValidationError) as blank:
        app.save_message_templates([*before, MessageTemplate("   ")])
    assert blank.value.field == "templates.3"
    with pytest.raises(ValidationError):
        app.save_message_templates([MessageTemplate("x" * 5000)])
    assert app.templates.templates() == before


def test_only_one_template_is_for_hard_times(app: Application) -> None:
    saved = app.save_message_templates([MessageTemplate("a", hard_time=True),
                                        MessageTemplate("b", hard_time=True)])
    assert [t.hard_time for t in saved] == [True, False]


def test_markup_and_controls_in_template_text_are_kept_as_words(app: Application) -> None:
    saved = app.save_message_templates([MessageTemplate("<b>Call</b> me & \u202eplease\x00")])
    assert saved[0].text == "<b>Call</b> me & please"


def test_help_kinds_start_with_the_defaults_and_can_be_changed(app: Application) -> None:
    assert app.templates.help_kinds() == DEFAULT_HELP_KINDS
    topics: list[frozenset[str]] = []
    app.feed.subscribe(topics.append)
    assert app.set_help_kinds(["listening", " Dog walking ", "LISTENING"]) == (
        "listening", "Dog walking")
    assert topics[-1] == {"settings"}
    app.add_supporter(Supporter("Sam", Kind.FRIEND, help_with=("a lift", " a  lift ")))
    assert app.templates.help_kinds() == ("listening", "Dog walking", "a lift")
    assert app.templates.listed_help_kinds() == ("listening", "Dog walking")


def test_a_supporter_keeps_their_kinds_of_help_and_undo_takes_them_back(
        app: Application) -> None:
    sam = app.add_supporter(Supporter("Sam", Kind.FRIEND, help_with=("listening",)))
    assert app.network.supporter(sam.id or 0).help_with == ("listening",)
    assert app.network.supporter_heads()[0].help_with == ("listening",)
    edit = app.edit_supporter(sam, replace(sam, help_with=("listening", "a lift")))
    assert edit.fields == (("help_with",),)
    assert app.network.supporter(sam.id or 0).help_with == ("listening", "a lift")
    app.undo_supporter_edit(edit)
    assert app.network.supporter(sam.id or 0).help_with == ("listening",)


def test_who_can_help_reads_the_whole_network(app: Application) -> None:
    app.add_supporter(Supporter("Sam", Kind.FRIEND, help_with=("Childcare",)))
    app.add_supporter(Supporter("Al", Kind.FRIEND))
    found = app.templates.who_can_help("childcare", FIXED_NOW, FIXED_NOW.tzinfo)  # type: ignore[arg-type]
    assert [(s.name, free) for s, free in found] == [("Sam", False)]


def test_send_to_my_people_is_the_plans_helpers_with_a_way_to_message(
        app: Application) -> None:
    sms = ContactMethod(ContactType.SMS, "07700 900123")
    ana = app.add_supporter(Supporter("Ana", Kind.FRIEND, contacts=[sms]))
    bo = app.add_supporter(Supporter("Bo", Kind.FAMILY, contacts=[
        ContactMethod(ContactType.WEB, "example.org")]))
    cy = app.add_supporter(Supporter("Cy", Kind.FRIEND, contacts=[
        ContactMethod(ContactType.EMAIL, "cy@example.org")]))
    dee = app.add_supporter(Supporter("Dee", Kind.FRIEND, contacts=[sms]))
    plan = empty_plan()
    plan[PlanStep.ASK_FOR_HELP] = [PlanItem(PlanStep.ASK_FOR_HELP, "", cy.id),
                                   PlanItem(PlanStep.ASK_FOR_HELP, "", bo.id),
                                   PlanItem(PlanStep.ASK_FOR_HELP, "", ana.id),
                                   PlanItem(PlanStep.ASK_FOR_HELP, "again", cy.id)]
    plan[PlanStep.DISTRACTION] = [PlanItem(PlanStep.DISTRACTION, "", dee.id)]
    saved = app.save_plan(plan)
    found = people_to_message(saved, app.network.supporters())
    assert [(s.name, way.value) for s, way in found] == [("Cy", "cy@example.org"),
                                                         ("Ana", "07700 900123")]


def test_a_version_4_vault_gains_templates_and_kinds_of_help(
        tmp_path: Path, db_key: bytes) -> None:
    path = tmp_path / "old.db"
    db = database.connect(path, db_key)
    migrations.migrate(db, migrations.MIGRATIONS[:4])
    assert "message_template" not in db.get_tables()
    database.run_sql(db, "INSERT INTO supporter (name, kind, role, ring, tie, stressful, "
                         "direction, timezone, meeting_schedule, meeting_place, "
                         "boundaries_mine, boundaries_theirs, help_warning_signs, "
                         "help_what_helps, help_what_does_not, help_in_a_crisis, notes, "
                         "paused, created) VALUES ('Robin', 'friend', '', 'inner', 'normal', "
                         "0, 'mutual', '', '', '', '', '', '', '', '', '', '', 0, "
                         "'2026-01-01 00:00:00')")
    db.close()
    db = database.connect(path, db_key)
    try:
        assert migrations.upgrade(db) == migrations.SCHEMA_VERSION
        session = Session(db, clock=lambda: FIXED_NOW)
        (robin,) = session.repo.supporters()
        assert robin.name == "Robin" and robin.help_with == ()
        app = Application(session)
        assert len(app.templates.templates()) == len(DEFAULT_TEMPLATES)
        before = change_counts.read(db)
        app.save_message_templates(app.templates.templates()[:1])
        assert change_counts.changed_topics(before, change_counts.read(db)) == {"templates"}
    finally:
        db.close()

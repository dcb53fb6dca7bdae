"""The fast read paths: supporter heads, reused supporter values, covering indexes."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

from supportdesk.core.insights import EscalationRule
from supportdesk.core.kinds import ContactType, Kind, SupportType
from supportdesk.core.model import AvailabilityWindow, CheckIn, ContactMethod, Supporter
from supportdesk.services.dashboard import DashboardService
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.store.database import run_sql
from supportdesk.store.insights_queries import InsightsQueries
from tests.conftest import FIXED_NOW

PHONE = ContactMethod(ContactType.PHONE, "+44 7700 900123")
EVENINGS = AvailabilityWindow(frozenset({0, 1, 2}), time(18), time(21))


def _add(session: Session, name: str, kind: Kind = Kind.FRIEND) -> Supporter:
    return session.repo.add_supporter(
        Supporter(name, kind, contacts=[PHONE], availability=[EVENINGS], notes="Long notes"),
        now=FIXED_NOW - timedelta(days=30))


def test_heads_carry_schedules_and_availability_but_no_contacts_or_notes(
        session: Session) -> None:
    _add(session, "Ana")
    (head,) = session.repo.supporter_heads()
    (whole,) = session.repo.supporters()
    assert (head.id, head.name, head.kind, head.ring, head.cadence, head.created) == (
        whole.id, whole.name, whole.kind, whole.ring, whole.cadence, whole.created)
    assert head.availability == whole.availability == [EVENINGS]
    assert head.contacts == [] and head.notes == ""
    assert whole.contacts == [PHONE] and whole.notes == "Long notes"


def test_an_unchanged_supporter_is_the_same_value_next_time_and_a_change_is_seen(
        session: Session) -> None:
    ana, ben = _add(session, "Ana"), _add(session, "Ben")
    first = {s.name: s for s in session.repo.supporters()}
    session.repo.update_supporter(Supporter(**{**ben.__dict__, "notes": "Moved to Leeds"}))
    second = {s.name: s for s in session.repo.supporters()}
    assert second["Ana"] is first["Ana"]  # reused: nothing about Ana changed
    assert second["Ben"] is not first["Ben"] and second["Ben"].notes == "Moved to Leeds"
    session.repo.update_supporter(Supporter(**{**ana.__dict__, "contacts": []}))
    assert {s.name: s for s in session.repo.supporters()}["Ana"].contacts == []


def test_a_suggested_professional_comes_with_their_contact_buttons(session: Session) -> None:
    gp = _add(session, "Dr Okafor", Kind.PROFESSIONAL)
    assert gp.id is not None
    for days in (3, 2, 1):
        session.repo.add_checkin(CheckIn(gp.id, FIXED_NOW - timedelta(days=days),
                                         mood_before=1))
    dashboard = DashboardService(session)
    dashboard.set_escalation_rule(EscalationRule(enabled=True, threshold=2, count=3))
    escalation = dashboard.today(FIXED_NOW).escalation
    assert escalation is not None
    assert [p.contacts for p in escalation.professionals] == [[PHONE]]


def test_the_give_and_take_count_reads_the_covering_index(session: Session) -> None:
    plan = run_sql(session.db,
                   "EXPLAIN QUERY PLAN " + _sql_of_support_counts(session)).fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "COVERING INDEX check_in_at_id_supporter_id_support_given_support_received" in details
    indexes = _indexes(session.db)
    assert "check_in_at" not in indexes  # the covering index serves ranges of ``at``
    assert "gratitude_supporter_id_thanked_on" in indexes
    assert migrations.schema_version(session.db) == migrations.SCHEMA_VERSION


def test_a_version_1_vault_gains_the_covering_indexes(tmp_path: Path, db_key: bytes) -> None:
    db = database.connect(tmp_path / "old.db", db_key)
    try:
        migrations.migrate(db, migrations.MIGRATIONS[:1])
        # version 1 as it was first shipped (store/schema_v1.py): an index on ``at``
        # alone, no covering ones
        assert "check_in_at" in _indexes(db)
        assert "gratitude_supporter_id_thanked_on" not in _indexes(db)
        assert migrations.migrate(db) == migrations.SCHEMA_VERSION
        after = _indexes(db)
        assert "check_in_at" not in after
        assert {"check_in_at_id_supporter_id_support_given_support_received",
                "gratitude_supporter_id_thanked_on"} <= after
    finally:
        db.close()


def _indexes(db: object) -> set[str]:
    rows = run_sql(db, "SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {row[0] for row in rows}


def _sql_of_support_counts(session: Session) -> str:
    statements: list[str] = []
    connection = session.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        InsightsQueries().support_counts(FIXED_NOW - timedelta(days=90))
    finally:
        connection.set_trace_callback(None)
    return statements[-1]


def test_kept_reads_are_dropped_after_any_write_by_any_path_or_connection(
        session: Session, tmp_path: Path, db_key: bytes) -> None:
    from supportdesk.store.models import SupporterRow

    ana = _add(session, "Ana")
    dashboard = DashboardService(session)
    assert [s.name for s in dashboard.today(FIXED_NOW).supporters.values()] == ["Ana"]
    # a write that bypasses the repository, on this connection
    SupporterRow.update(name="Ana Maria").where(SupporterRow.id == ana.id).execute()
    assert [s.name for s in dashboard.today(FIXED_NOW).supporters.values()] == ["Ana Maria"]
    # a write by another connection (the command line while the app is open, say)
    other = database.connect(tmp_path / "supportdesk.db", db_key)
    try:
        database.run_sql(other, "UPDATE supporter SET name = 'Ana B' WHERE id = ?", [ana.id])
    finally:
        other.close()
    database.bind(session.db)
    assert [s.name for s in dashboard.today(FIXED_NOW).supporters.values()] == ["Ana B"]
    assert [s.name for s in session.repo.supporter_heads()] == ["Ana B"]


def test_a_change_to_one_kind_of_data_rereads_only_that_kind(session: Session) -> None:
    ana = _add(session, "Ana")
    assert ana.id is not None
    session.repo.add_checkin(CheckIn(ana.id, FIXED_NOW - timedelta(days=1), mood_before=2,
                                     support_received=frozenset({SupportType.EMOTIONAL})))
    dashboard = DashboardService(session)
    dashboard.today(FIXED_NOW)
    statements: list[str] = []
    connection = session.db.connection()
    connection.set_trace_callback(statements.append)
    try:
        session.repo.update_supporter(Supporter(**{**ana.__dict__, "notes": "New notes"}))
        statements.clear()
        dashboard.today(FIXED_NOW)
        after_person = list(statements)
        session.repo.add_checkin(CheckIn(ana.id, FIXED_NOW, mood_before=4,
                                         support_given=frozenset({SupportType.EMOTIONAL})))
        statements.clear()
        today = dashboard.today(FIXED_NOW)
    finally:
        connection.set_trace_callback(None)
    assert any('FROM "supporter"' in q for q in after_person)
    assert not any('FROM "check_in"' in q or 'FROM "gratitude"' in q for q in after_person)
    assert any('FROM "check_in"' in q for q in statements)  # a check-in: read again
    assert today.reciprocity.gave == 1 and today.reciprocity.received == 1


def test_what_was_read_inside_a_rolled_back_transaction_is_never_served_later(
        session: Session) -> None:
    from supportdesk.store.models import SupporterRow

    ana, ben = _add(session, "Ana"), _add(session, "Ben")
    dashboard = DashboardService(session)
    dashboard.today(FIXED_NOW)
    with session.db.atomic() as transaction:
        SupporterRow.update(name="Ana (not saved)").where(SupporterRow.id == ana.id).execute()
        assert "Ana (not saved)" in dashboard.today(FIXED_NOW).names((ana.id or 0,))
        transaction.rollback()
    # The next change brings the people count round to what it was inside that transaction.
    SupporterRow.update(name="Ben B").where(SupporterRow.id == ben.id).execute()
    today = dashboard.today(FIXED_NOW)
    assert sorted(s.name for s in today.supporters.values()) == ["Ana", "Ben B"]
    assert sorted(s.name for s in session.repo.supporter_heads()) == ["Ana", "Ben B"]

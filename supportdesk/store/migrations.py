"""Versioned schema migrations, each in one transaction.

The version lives in ``PRAGMA user_version``. A backup is the caller's job (the
vault makes one before ``upgrade`` runs on an existing database).

Version 0 is only ever a database being created (``migrate``). An existing vault
already has its schema: ``upgrade`` refuses one without it as damaged, so an emptied
or cut-off file is never rebuilt into a new, empty vault.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee as pw

from supportdesk.core.errors import DamagedVaultError, NewerVaultError
from supportdesk.store import change_counts
from supportdesk.store.database import run_sql
from supportdesk.store.models import (
    CheckInRow,
    GratitudeRow,
    SupporterRow,
    database_proxy,
)
from supportdesk.store.schema_v1 import V1_STATEMENTS

Migration = Callable[[pw.Database], None]


def _create_v1(db: pw.Database) -> None:
    """The first schema, as shipped (schema_v1.py): later models never change it."""
    for statement in V1_STATEMENTS:
        run_sql(db, statement)


def _fast_reads_v2(db: pw.Database) -> None:
    """Indexes that let Today's aggregates read indexes alone (see models.py), and the
    change counts that let reads be kept until their data changes (change_counts.py)."""
    run_sql(db, "DROP INDEX IF EXISTS check_in_at")  # the covering index starts with at
    db.create_tables([CheckInRow, GratitudeRow], safe=True)  # the tables are there: indexes
    change_counts.install(db)


def _change_topics_v3(db: pw.Database) -> None:
    """Change counts for the safety plan and the reminders' bookkeeping (kept out of the
    settings count), and the epoch that a restore or an update moves (change_counts.py)."""
    change_counts.install(db)


MOOD_ENTRY_SQL = (
    "CREATE TABLE mood_entry ("
    " id INTEGER NOT NULL PRIMARY KEY,"
    " at DATETIME NOT NULL,"
    " mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),"
    " feelings TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '')",
    # newest first, paged and ranged by time, like check_in's (at, id)
    "CREATE INDEX mood_entry_at_id ON mood_entry (at, id)",
)


def _mood_entries_v4(db: pw.Database) -> None:
    """Moods noted on their own ("How are you?"), counted under "checkins"."""
    for statement in MOOD_ENTRY_SQL:
        run_sql(db, statement)
    change_counts.install(db)


APPOINTMENTS_AND_ASKS_SQL = (
    "CREATE TABLE appointment ("
    " id INTEGER NOT NULL PRIMARY KEY,"
    " supporter_id INTEGER NOT NULL REFERENCES supporter (id) ON DELETE CASCADE,"
    " at DATETIME NOT NULL,"
    " place TEXT NOT NULL DEFAULT '',"
    " remind_minutes INTEGER,"
    " note TEXT NOT NULL DEFAULT '',"
    " reminded INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX appointment_supporter_id ON appointment (supporter_id)",
    "CREATE INDEX appointment_at ON appointment (at)",
    "CREATE TABLE ask ("
    " id INTEGER NOT NULL PRIMARY KEY,"
    " supporter_id INTEGER NOT NULL REFERENCES supporter (id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL DEFAULT 'next_time',"
    " text TEXT NOT NULL,"
    " created DATETIME NOT NULL,"
    " done INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX ask_supporter_id ON ask (supporter_id)",
)


def _appointments_and_asks_v7(db: pw.Database) -> None:
    """Appointments with professionals, and each person's short lists (things to ask
    about next time, questions to bring), counted under "people"."""
    for statement in APPOINTMENTS_AND_ASKS_SQL:
        run_sql(db, statement)
    change_counts.install(db)


MIGRATIONS: list[Migration] = [_create_v1, _fast_reads_v2, _change_topics_v3,
                               _mood_entries_v4, _appointments_and_asks_v7]
SCHEMA_VERSION = len(MIGRATIONS)
# Tables every version since 1 has: a database without them holds no vault.
CORE_TABLES = (SupporterRow, CheckInRow)


def schema_version(db: pw.Database) -> int:
    return int(run_sql(db, "PRAGMA user_version").fetchone()[0])


def refuse_newer(version: int, what: str = "vault", latest: int = SCHEMA_VERSION) -> None:
    """NewerVaultError if ``version`` is beyond what this SupportDesk understands."""
    if version > latest:
        raise NewerVaultError(
            f"This {what} was saved by a newer version of SupportDesk.",
            hint="Please update SupportDesk to open it; nothing has been changed.",
        )


def has_schema(db: pw.Database) -> bool:
    """Whether ``db`` holds a SupportDesk schema (a version, and the core tables)."""
    if schema_version(db) < 1:
        return False
    names = {str(row[0]) for row in run_sql(
        db, "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    return all(model._meta.table_name in names for model in CORE_TABLES)


def require_schema(db: pw.Database, what: str = "vault") -> None:
    """DamagedVaultError unless ``db`` already holds the schema (an existing vault must)."""
    if not has_schema(db):
        raise DamagedVaultError(
            f"This {what} file holds none of SupportDesk's tables, so it is not a "
            f"SupportDesk {what} any more.",
            hint="Nothing has been changed; a backup can be restored.")


def needs_migration(db: pw.Database, latest: int = SCHEMA_VERSION) -> bool:
    version = schema_version(db)
    refuse_newer(version, latest=latest)
    return version < latest


def upgrade(db: pw.Database, migrations: list[Migration] | None = None) -> int:
    """Bring an existing vault's schema up to date; refuses one that has no schema."""
    require_schema(db)
    return migrate(db, migrations)


def migrate(db: pw.Database, migrations: list[Migration] | None = None) -> int:
    """Build (from version 0) or bring the schema up to date; return the version reached.

    For a database being created. An existing vault goes through ``upgrade``.
    """
    database_proxy.initialize(db)
    steps = MIGRATIONS if migrations is None else migrations
    needs_migration(db, len(steps))
    version = schema_version(db)
    for number, step in enumerate(steps[version:], start=version + 1):
        with db.atomic():
            step(db)
            run_sql(db, f"PRAGMA user_version = {number}")
    return schema_version(db)

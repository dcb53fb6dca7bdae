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
from supportdesk.core.messages import DEFAULT_TEMPLATES
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


def _run(db: pw.Database, statements: tuple[str, ...], new_tables: bool = True) -> None:
    """A version's statements in order; with new tables, their change counts too."""
    for statement in statements:
        run_sql(db, statement)
    if new_tables:
        change_counts.install(db)


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
    _run(db, MOOD_ENTRY_SQL)


TEMPLATES_AND_HELP_SQL = (
    "ALTER TABLE supporter ADD COLUMN help_with TEXT NOT NULL DEFAULT ''",
    "CREATE TABLE message_template ("
    " id INTEGER NOT NULL PRIMARY KEY,"
    " position INTEGER NOT NULL DEFAULT 0,"
    " text TEXT NOT NULL,"
    " subject TEXT NOT NULL DEFAULT '',"
    " hard_time INTEGER NOT NULL DEFAULT 0)",
)


def _templates_and_help_v5(db: pw.Database) -> None:
    """Message templates (with the warm defaults, under the "templates" topic) and the
    kinds of help each supporter offers (a column of the supporter's, under "people")."""
    _run(db, TEMPLATES_AND_HELP_SQL, new_tables=False)
    for position, template in enumerate(DEFAULT_TEMPLATES):
        run_sql(db, "INSERT INTO message_template (position, text, subject, hard_time) "
                    "VALUES (?, ?, ?, ?)",
                [position, template.text, template.subject, int(template.hard_time)])
    change_counts.install(db)


MEETINGS_AND_DATES_SQL = (
    "CREATE TABLE meeting ("
    " id INTEGER NOT NULL PRIMARY KEY,"
    " supporter_id INTEGER NOT NULL REFERENCES supporter (id) ON DELETE CASCADE,"
    " weekday INTEGER NOT NULL,"
    " ordinals TEXT NOT NULL DEFAULT '',"
    " start_minute INTEGER NOT NULL,"
    " timezone TEXT NOT NULL DEFAULT '',"
    " minutes INTEGER NOT NULL DEFAULT 90,"
    " place TEXT NOT NULL DEFAULT '',"
    " skipped TEXT NOT NULL DEFAULT '',"
    " remind_minutes INTEGER,"
    " position INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX meeting_supporter_id ON meeting (supporter_id)",
    "CREATE TABLE important_date ("
    " id INTEGER NOT NULL PRIMARY KEY,"
    " supporter_id INTEGER REFERENCES supporter (id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL,"
    " month INTEGER NOT NULL,"
    " day INTEGER NOT NULL,"
    " year INTEGER,"
    " label TEXT NOT NULL DEFAULT '',"
    " remind_days INTEGER,"
    " ask_company INTEGER NOT NULL DEFAULT 0,"
    " position INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX important_date_supporter_id ON important_date (supporter_id)",
)


def _meetings_and_dates_v6(db: pw.Database) -> None:
    """Meetings as a schedule and dates that matter, counted under "people"."""
    _run(db, MEETINGS_AND_DATES_SQL)


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
    _run(db, APPOINTMENTS_AND_ASKS_SQL)


MOOD_READS_SQL = (
    # Covers every mood read by time: the mood picture's year and what your people do for
    # your mood read the index alone (the table's pages stay unread).
    # (IF NOT EXISTS: version 2 builds the check-in indexes the models describe.)
    "CREATE INDEX IF NOT EXISTS check_in_at_supporter_id_mood_before_mood_after"
    " ON check_in (at, supporter_id, mood_before, mood_after)",
)


def _mood_reads_v8(db: pw.Database) -> None:
    """An index that holds the moods of every check-in by time."""
    _run(db, MOOD_READS_SQL, new_tables=False)


MIGRATIONS: list[Migration] = [_create_v1, _fast_reads_v2, _change_topics_v3,
                               _mood_entries_v4, _templates_and_help_v5,
                               _meetings_and_dates_v6, _appointments_and_asks_v7,
                               _mood_reads_v8]
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

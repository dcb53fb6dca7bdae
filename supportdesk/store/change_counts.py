"""A count per kind of data that SQLite triggers raise on every write, whoever writes.

Reads can then be kept until what they read has changed: the People count moves when a
supporter, a contact method or an availability window is written, the check-ins count
when a check-in is, and so on. Triggers live in the file, so writes by any connection
or process (the command line while the app is open) count too.
"""

from __future__ import annotations

import peewee as pw

from supportdesk.store.database import run_sql

TABLE = "change_count"
GROUPS: dict[str, tuple[str, ...]] = {
    "people": ("supporter", "contact_method", "availability_window"),
    "checkins": ("check_in",),
    "gratitude": ("gratitude",),
    "settings": ("setting",),
}
EVENTS = ("INSERT", "UPDATE", "DELETE")


def install(db: pw.Database) -> None:
    """The table and its triggers (a migration step; safe to run again)."""
    run_sql(db, f"CREATE TABLE IF NOT EXISTS {TABLE} "
                "(name TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL DEFAULT 0)")
    for group, tables in GROUPS.items():
        run_sql(db, f"INSERT OR IGNORE INTO {TABLE} (name, n) VALUES (?, 0)", [group])
        for table in tables:
            for event in EVENTS:
                run_sql(db, f"CREATE TRIGGER IF NOT EXISTS count_{table}_{event.lower()} "
                            f"AFTER {event} ON {table} BEGIN "
                            f"UPDATE {TABLE} SET n = n + 1 WHERE name = '{group}'; END")


def read(db: pw.Database) -> dict[str, int]:
    """Each group's count now (one small query)."""
    rows = run_sql(db, f"SELECT name, n FROM {TABLE}").fetchall()
    return {str(name): int(n) for name, n in rows}

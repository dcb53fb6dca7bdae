"""A count per topic of data that SQLite triggers raise on every write, whoever writes.

Reads can then be kept until what they read has changed, and every view can learn what
changed: the People count moves when a supporter, a contact method or an availability
window is written, the check-ins count when a check-in or a mood entry is (a mood
noted on its own is a check-in with oneself: it shows where check-ins do), and so on.
Triggers live in the file, so writes by any connection or process (the command line while the app is
open) count too.

The reminder engine's own bookkeeping (when it last looked, what it has shown) lives in
the setting table but counts under "reminders", not "settings": a look at the
reminders must not make everything that depends on the settings read them again.

The *epoch* is a random number that moves when the whole file may have changed at once
(a restore, a schema update): counts from before it mean nothing after it, even if
they happen to be equal.
"""

from __future__ import annotations

import secrets

import peewee as pw

from supportdesk.store.database import run_sql

TABLE = "change_count"
EPOCH = "epoch"
GROUPS: dict[str, tuple[str, ...]] = {
    "people": ("supporter", "contact_method", "availability_window", "meeting",
               "important_date", "appointment", "ask"),
    "checkins": ("check_in", "mood_entry"),
    "gratitude": ("gratitude",),
    "plan": ("plan_item", "crisis_line"),
    "settings": (),  # the setting table, but for the keys below (see _SETTING_TRIGGERS)
    "reminders": ("notification_log",),
    "templates": ("message_template",),
}
TOPICS = frozenset(GROUPS)
# The reminder engine's bookkeeping (services/settings.py names them).
BOOKKEEPING_KEYS = ("reminders.last_check", "reminders.notified",
                    "reminders.occasions_notified")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def install(db: pw.Database) -> None:
    """The table and its triggers as they are now (a migration step; safe to run again).

    Triggers go on the tables the schema has so far: a table a later step adds (the
    mood entries of version 4) gains its triggers when that step runs this again."""
    run_sql(db, f"CREATE TABLE IF NOT EXISTS {TABLE} "
                "(name TEXT PRIMARY KEY NOT NULL, n INTEGER NOT NULL DEFAULT 0)")
    present = {str(row[0]) for row in run_sql(
        db, "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
    for group, tables in GROUPS.items():
        run_sql(db, f"INSERT OR IGNORE INTO {TABLE} (name, n) VALUES (?, 0)", [group])
        for table in (t for t in tables if t in present):
            for event in EVENTS:
                run_sql(db, f"CREATE TRIGGER IF NOT EXISTS count_{table}_{event.lower()} "
                            f"AFTER {event} ON {table} BEGIN "
                            f"UPDATE {TABLE} SET n = n + 1 WHERE name = '{group}'; END")
    keys = ", ".join(f"'{key}'" for key in BOOKKEEPING_KEYS)
    for event in EVENTS:
        row = "OLD" if event == "DELETE" else "NEW"
        run_sql(db, f"DROP TRIGGER IF EXISTS count_setting_{event.lower()}")  # before topics
        for group, test in (("settings", "NOT IN"), ("reminders", "IN")):
            run_sql(db, f"CREATE TRIGGER IF NOT EXISTS count_setting_{event.lower()}_{group} "
                        f"AFTER {event} ON setting WHEN {row}.key {test} ({keys}) BEGIN "
                        f"UPDATE {TABLE} SET n = n + 1 WHERE name = '{group}'; END")
    run_sql(db, f"INSERT OR IGNORE INTO {TABLE} (name, n) VALUES (?, ?)",
            [EPOCH, _new_epoch_value()])


def new_epoch(db: pw.Database) -> None:
    """Move the epoch: after a restore or a schema update, nothing read before is current."""
    run_sql(db, f"INSERT OR REPLACE INTO {TABLE} (name, n) VALUES (?, ?)",
            [EPOCH, _new_epoch_value()])


def _new_epoch_value() -> int:
    return secrets.randbits(62)


def read(db: pw.Database) -> dict[str, int]:
    """Each topic's count now, and the epoch (one small query)."""
    rows = run_sql(db, f"SELECT name, n FROM {TABLE}").fetchall()
    return {str(name): int(n) for name, n in rows}


def changed_topics(before: dict[str, int] | None, after: dict[str, int]) -> frozenset[str]:
    """The topics whose count moved between two reads; all of them if the epoch moved."""
    if before is None or before.get(EPOCH) != after.get(EPOCH):
        return TOPICS
    return frozenset(name for name in TOPICS if before.get(name) != after.get(name))

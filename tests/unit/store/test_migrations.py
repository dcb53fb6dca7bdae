"""Schema migrations: each step in one transaction; a newer schema is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import peewee as pw
import pytest

from supportdesk.core.errors import NewerVaultError
from supportdesk.store import database, migrations


def _v2(db: pw.Database) -> None:
    database.run_sql(db, "ALTER TABLE supporter ADD COLUMN nickname TEXT DEFAULT ''")


def _broken_v3(db: pw.Database) -> None:
    database.run_sql(db, "CREATE TABLE half_made (id INTEGER)")
    raise RuntimeError("this step fails half way")


@pytest.fixture
def db(tmp_path: Path, db_key: bytes) -> Iterator[pw.Database]:
    opened = database.connect(tmp_path / "a.db", db_key)
    yield opened
    opened.close()


def test_a_new_database_gets_the_whole_schema(db: pw.Database) -> None:
    assert migrations.migrate(db) == migrations.SCHEMA_VERSION
    assert {"supporter", "check_in", "gratitude", "plan_item"} <= set(db.get_tables())
    assert not migrations.needs_migration(db)


def test_each_step_runs_once_in_order(db: pw.Database) -> None:
    migrations.migrate(db)
    steps = [*migrations.MIGRATIONS, _v2]
    assert migrations.needs_migration(db, len(steps))
    assert migrations.migrate(db, steps) == len(steps)
    columns = [c.name for c in db.get_columns("supporter")]
    assert "nickname" in columns
    assert migrations.migrate(db, steps) == len(steps)  # nothing left to do


def test_a_failing_step_leaves_nothing_half_done(db: pw.Database) -> None:
    migrations.migrate(db)
    steps = [*migrations.MIGRATIONS, _v2, _broken_v3]
    with pytest.raises(RuntimeError):
        migrations.migrate(db, steps)
    assert migrations.schema_version(db) == len(steps) - 1
    assert "half_made" not in db.get_tables()


def test_a_newer_schema_is_refused(db: pw.Database) -> None:
    migrations.migrate(db)
    database.run_sql(db, f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    with pytest.raises(NewerVaultError, match="newer version of SupportDesk"):
        migrations.migrate(db)
    assert migrations.schema_version(db) == migrations.SCHEMA_VERSION + 1


def _shape(db: pw.Database) -> dict[str, object]:
    """Every table's columns (name, type, not null, key) and every index's columns."""
    shape: dict[str, object] = {}
    for (table,) in database.run_sql(
            db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'change_count'").fetchall():
        columns = database.run_sql(db, f'PRAGMA table_info("{table}")').fetchall()
        shape[table] = sorted((c[1], c[2].upper(), c[3], c[5]) for c in columns)
    for (index, table) in database.run_sql(
            db, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                "AND sql IS NOT NULL").fetchall():
        columns = database.run_sql(db, f'PRAGMA index_info("{index}")').fetchall()
        shape[f"index {index}"] = (table, [c[2] for c in columns])
    return shape


def test_the_migrations_build_what_the_models_describe(tmp_path: Path, db_key: bytes) -> None:
    """Schema 1 is written out (store/schema_v1.py) and each later step changes it: the
    result must be the schema the models read and write, column for column."""
    from supportdesk.store.models import ALL_MODELS, database_proxy

    migrated = database.connect(tmp_path / "migrated.db", db_key)
    described = database.connect(tmp_path / "described.db", db_key)
    try:
        migrations.migrate(migrated)
        database_proxy.initialize(described)
        described.create_tables(ALL_MODELS)
        assert _shape(migrated) == _shape(described)
    finally:
        migrated.close()
        described.close()


def test_schema_one_is_what_it_always_was(tmp_path: Path, db_key: bytes) -> None:
    """A vault made by the first SupportDesk had this schema; later models must not
    change what version 1 builds (an old vault is upgraded from exactly this)."""
    db = database.connect(tmp_path / "v1.db", db_key)
    try:
        migrations.migrate(db, migrations.MIGRATIONS[:1])
        tables = sorted(name for name in db.get_tables())
        assert tables == ["availability_window", "check_in", "contact_method", "crisis_line",
                          "gratitude", "notification_log", "plan_item", "setting",
                          "supporter"]
        check_in = _shape(db)["check_in"]
        assert [c[0] for c in check_in] == sorted(  # type: ignore[attr-defined]
            ["id", "supporter_id", "at", "mode", "initiator", "mood_before", "mood_after",
             "support_given", "support_received", "note"])
        assert "index check_in_at" in _shape(db)  # v2 replaces it with a covering index
    finally:
        db.close()

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

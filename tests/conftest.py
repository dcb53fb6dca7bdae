"""Shared fixtures: a throwaway encrypted database and a session over it."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite reads its words in English whatever the machine's language; a test of
# another language (or SUPPORTDESK_LANGUAGE=pseudo for the whole run) says so itself.
os.environ.setdefault("SUPPORTDESK_LANGUAGE", "en")

from supportdesk.services.session import Session
from supportdesk.store import database, migrations

FIXED_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def db_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def session(tmp_path: Path, db_key: bytes) -> Iterator[Session]:
    """An encrypted, migrated database in tmp_path, without the keyring."""
    db = database.connect(tmp_path / "supportdesk.db", db_key)
    migrations.migrate(db)
    s = Session(db, clock=lambda: FIXED_NOW)
    yield s
    s.close()

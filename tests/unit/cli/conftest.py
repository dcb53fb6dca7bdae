"""``vault``: a real encrypted vault file in tmp_path that every ``supportdesk`` run in a
test opens afresh (as separate runs would), through ``vault_commands.open_session``.
A test module that defines its own ``vault`` fixture keeps it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from supportdesk.cli import vault_commands
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from tests.conftest import FIXED_NOW


@pytest.fixture
def vault(tmp_path: Path, db_key: bytes, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "supportdesk.db"

    def open_session(args: argparse.Namespace) -> Session:
        db = database.connect(path, db_key)
        migrations.migrate(db)
        return Session(db, clock=lambda: FIXED_NOW)

    monkeypatch.setattr(vault_commands, "open_session", open_session, raising=False)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    return path

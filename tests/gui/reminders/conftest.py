"""What the reminder tests share: no session bus (so no real notification service), a
config folder of their own, a hand-moved clock from Monday 1 June 2026, 10:00 UTC, and a
vault that uses it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from supportdesk.services.clock import ManualClock
from supportdesk.services.session import Session
from supportdesk.store import database, migrations
from supportdesk.ui.context import AppContext
from supportdesk.ui.events import Events

START = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def ctx(tmp_path: Path, db_key: bytes, clock: ManualClock) -> Iterator[AppContext]:
    db = database.connect(tmp_path / "supportdesk.db", db_key)
    migrations.migrate(db)
    made = AppContext(Session(db, clock=clock), Events(), QUndoStack())
    yield made
    made.close()

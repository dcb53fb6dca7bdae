"""Running ``supportdesk`` in a test, and reading the vault afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supportdesk.cli import run
from supportdesk.services.application import Application
from supportdesk.services.session import Session
from supportdesk.store import database
from tests.conftest import FIXED_NOW


def cli(*argv: str) -> int:
    return run(list(argv))


@contextmanager
def opened(path: Path, key: bytes) -> Iterator[Application]:
    """The vault as the app would see it after the command."""
    app = Application(Session(database.connect(path, key), clock=lambda: FIXED_NOW))
    try:
        yield app
    finally:
        app.close()

"""kill -9 during key rotation, migration, backup and restore: the vault always opens.

Each run starts a child that repeats the operation, kills it at a random moment
inside the work, then opens the vault as the next start would: with the key the
keystore holds (old or new, never neither), both integrity checks clean, and every
supporter still there.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.store import database, migrations
from supportdesk.store.repository import Repository
from supportdesk.vault.backup import backup_info, list_backups
from supportdesk.vault.vault import Vault
from tests.reliability.conftest import runs
from tests.reliability.figures import Figures
from tests.reliability.file_keystore import FileKeyStore
from tests.reliability.vault_worker import EXTRA_COLUMN, MIGRATE_STEPS

REPO = Path(__file__).resolve().parents[2]
SUPPORTERS = 150
# Upper bound of the random delay after "ready", per operation (seconds): about the
# time one round of the work takes here, so kills land all through it.
KILL_WITHIN = {"rotate": 0.25, "migrate": 0.6, "backup": 0.3, "restore": 0.4}


@dataclass
class Prepared:
    data_dir: Path
    keys: FileKeyStore
    backup: Path


def _prepare(root: Path) -> Prepared:
    data_dir = root / "vault"
    keys = FileKeyStore(root / "keys.json")
    vault, _recovery = Vault.create(data_dir, keys)
    try:
        database.bind(vault.db)
        Repository().add_supporters(
            [Supporter(f"Supporter {n}", list(Kind)[n % len(Kind)]) for n in range(SUPPORTERS)]
        )
        backup = vault.backup(root / "source.sdbackup")
    finally:
        vault.close()
    return Prepared(data_dir, keys, backup)


def _kill_during(prepared: Prepared, operation: str, rng: random.Random) -> None:
    env = dict(os.environ, SUPPORTDESK_NO_NETWORK="1")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.vault_worker", str(prepared.data_dir),
         str(prepared.keys.path), operation, str(prepared.backup)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        ready, _, _ = select.select([child.stdout], [], [], 60)
        line = child.stdout.readline() if ready else b""
        if line.strip() != b"ready":
            child.kill()
            child.wait()
            raise AssertionError(f"worker did not start: {child.stderr.read().decode()[-2000:]}")
        time.sleep(rng.uniform(0, KILL_WITHIN[operation]))
        if child.poll() is not None:
            error = child.stderr.read().decode()[-2000:]
            raise AssertionError(f"worker stopped by itself: {error}")
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        child.stdout.close()
        child.stderr.close()


def _open_and_check(prepared: Prepared, operation: str) -> tuple[int, int]:
    """(integrity problems, supporters lost) after the kill; raises if it won't open."""
    steps = MIGRATE_STEPS if operation == "migrate" else None
    vault = Vault.open(prepared.data_dir, prepared.keys, steps=steps)
    try:
        problems = vault.check()
        database.bind(vault.db)
        lost = SUPPORTERS - Repository().counts()["supporters"]
        if operation == "migrate":
            columns = [c.name for c in vault.db.get_columns("supporter")]
            assert EXTRA_COLUMN in columns
            assert migrations.schema_version(vault.db) == len(MIGRATE_STEPS)
        if operation == "backup":
            for made in list_backups(vault.backup_dir):
                # A finished backup is whole; an unfinished one never got its name.
                assert backup_info(made, vault._key).counts["supporters"] == SUPPORTERS
    finally:
        vault.close()
    return len(problems), lost


@pytest.mark.parametrize("operation", ["rotate", "migrate", "backup", "restore"])
def test_kill_during_vault_operation(operation: str, tmp_path: Path, figures: Figures) -> None:
    rng = random.Random(f"{operation}-{os.getpid()}")
    count = runs(5, 100)
    failures: list[str] = []
    integrity = lost_total = not_opened = 0
    prepared = _prepare(tmp_path)
    for run in range(count):
        _kill_during(prepared, operation, rng)
        try:
            problems, lost = _open_and_check(prepared, operation)
        except Exception as exc:  # counted and reported below with the run number
            not_opened += 1
            failures.append(f"run {run}: {type(exc).__name__}: {exc}")
            continue
        integrity += problems
        lost_total += lost
        if problems or lost:
            failures.append(f"run {run}: {problems} integrity problems, {lost} lost")
    figures.record(f"kill -9 during {operation}", runs=count,
                   did_not_open=not_opened,
                   integrity_failures=integrity, lost=lost_total)
    assert failures == []

"""A child process that repeats one vault operation until it is killed.

    python -m tests.reliability.vault_worker DATA_DIR KEYS_FILE OPERATION [BACKUP]

OPERATION is ``rotate``, ``migrate``, ``backup`` or ``restore``. It prints ``ready``
once the vault is open, so the parent can time its kill -9 inside the work.
"""

from __future__ import annotations

import sys
from pathlib import Path

import peewee as pw

from supportdesk.store import migrations
from supportdesk.vault.vault import Vault
from tests.reliability.file_keystore import FileKeyStore

EXTRA_COLUMN = "reliability_marker"


def _slow_migration(db: pw.Database) -> None:
    """A real schema change that rewrites every row: long enough to be killed inside."""
    db.execute_sql(f"ALTER TABLE supporter ADD COLUMN {EXTRA_COLUMN} TEXT DEFAULT ''")
    for _ in range(20):
        db.execute_sql(f"UPDATE supporter SET {EXTRA_COLUMN} = name || random()")


def _drop_extra_column(db: pw.Database) -> None:
    db.execute_sql(f"ALTER TABLE supporter DROP COLUMN {EXTRA_COLUMN}")


MIGRATE_STEPS: list[migrations.Migration] = [*migrations.MIGRATIONS, _slow_migration]


def main(argv: list[str]) -> None:
    data_dir, keys = Path(argv[0]), FileKeyStore(Path(argv[1]))
    operation = argv[2]
    if operation == "migrate":
        # Each round: migrate up (slow), then reset the version so the next round
        # migrates again. The kill lands somewhere inside one of these.
        while True:
            vault = Vault.open(data_dir, keys, steps=MIGRATE_STEPS)
            print("ready", flush=True)
            with vault.db.atomic():  # undone together, so a kill here leaves a sound vault
                _drop_extra_column(vault.db)
                vault.db.execute_sql(f"PRAGMA user_version = {len(migrations.MIGRATIONS)}")
            vault.close()
    vault = Vault.open(data_dir, keys)
    print("ready", flush=True)
    while True:
        if operation == "rotate":
            vault.rotate_key()
        elif operation == "backup":
            vault.backup(reason="reliability", keep=3)
        elif operation == "restore":
            vault.restore(Path(argv[3]))
        else:
            raise SystemExit(f"unknown operation {operation}")


if __name__ == "__main__":
    main(sys.argv[1:])

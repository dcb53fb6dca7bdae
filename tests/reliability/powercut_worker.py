"""A child process that repeats one vault operation until the power is cut.

    python -m tests.reliability.powercut_worker DATA_DIR KEYS_FILE OPERATION [ARG...]

OPERATION is ``backup`` (rotating, keep 3), ``rotate``, ``rewrap`` (rotation under
the recovery key, which arrives as one line on standard input), ``restore`` (ARGs are
backup files, restored in turn) or ``migrate``. It prints ``ready`` once the vault is
open, ``start X`` before and ``ack X`` after each operation has returned: what the
person would have been told is done.
"""

from __future__ import annotations

import sys
from pathlib import Path

from supportdesk.store import migrations
from supportdesk.vault.vault import Vault
from tests.reliability.file_keystore import FileKeyStore
from tests.reliability.vault_worker import MIGRATE_STEPS, _drop_extra_column


def _migrate_forever(data_dir: Path, keys: FileKeyStore) -> None:
    """Open (which migrates, with a backup first), then step the version back, again."""
    round_number = 0
    print("ready", flush=True)
    while True:
        round_number += 1
        print(f"start m{round_number}", flush=True)
        vault = Vault.open(data_dir, keys, steps=MIGRATE_STEPS)
        print(f"ack m{round_number}", flush=True)
        with vault.db.atomic():
            _drop_extra_column(vault.db)
            vault.db.execute_sql(f"PRAGMA user_version = {len(migrations.MIGRATIONS)}")
        vault.close()


def main(argv: list[str]) -> None:
    data_dir, keys, operation = Path(argv[0]), FileKeyStore(Path(argv[1])), argv[2]
    if operation == "migrate":
        _migrate_forever(data_dir, keys)
    recovery_key = sys.stdin.readline().strip() if operation == "rewrap" else None
    vault = Vault.open(data_dir, keys)
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        if operation == "backup":
            print(f"start {number}", flush=True)
            made = vault.backup(reason="power-cut", keep=3)
            print(f"ack {made.name}", flush=True)
        elif operation in ("rotate", "rewrap"):
            print(f"start {number}", flush=True)
            vault.rotate_key(recovery_key)
            print(f"ack {number}", flush=True)
        elif operation == "restore":
            source = Path(argv[3 + number % (len(argv) - 3)])
            print(f"start {source.name}", flush=True)
            vault.restore(source)
            print(f"ack {source.name}", flush=True)
        else:
            raise SystemExit(f"unknown operation {operation}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""A child process that repeats one vault operation until the power is cut.

    python -m tests.reliability.powercut_worker DATA_DIR KEYS_FILE OPERATION [ARG...]

OPERATION is ``backup`` (rotating, keep 3), ``rotate``, ``rewrap`` (rotation under
the recovery key, which arrives as one line on standard input), ``restore`` (ARGs are
backup files, restored in turn), ``migrate``, ``edit`` (every person edited, as the
editor does, once a round) or ``settings`` (the reminder settings changed once a
round). It prints ``ready`` once the vault is open, ``start X`` before and ``ack X``
after each operation has returned: what the person would have been told is done.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import time
from pathlib import Path

from supportdesk.core.kinds import ContactType, Ring
from supportdesk.core.model import ContactMethod
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.services.application import Application
from supportdesk.services.session import Session
from supportdesk.store import migrations
from supportdesk.vault.vault import Vault
from tests.reliability.file_keystore import FileKeyStore
from tests.reliability.progress import say
from tests.reliability.vault_worker import MIGRATE_STEPS, _drop_extra_column


def _migrate_forever(data_dir: Path, keys: FileKeyStore) -> None:
    """Open (which migrates, with a backup first), then step the version back, again."""
    round_number = 0
    say("ready")
    while True:
        round_number += 1
        say(f"start m{round_number}")
        vault = Vault.open(data_dir, keys, steps=MIGRATE_STEPS)
        say(f"ack m{round_number}")
        with vault.db.atomic():
            _drop_extra_column(vault.db)
            vault.db.execute_sql(f"PRAGMA user_version = {len(migrations.MIGRATIONS)}")
        vault.close()


def _edit_once(app: Application, number: int) -> None:
    """Edit every person, as the editor does: a note and a phone number of round N."""
    say(f"start {number}")
    for before in app.network.supporters():
        after = replace(before, notes=f"e{number}", contacts=[
            ContactMethod(ContactType.PHONE, f"+44 20 7946 {number % 10000:04d}")])
        app.edit_supporter(before, after)
    say(f"ack {number}")


def main(argv: list[str]) -> None:
    data_dir, keys, operation = Path(argv[0]), FileKeyStore(Path(argv[1])), argv[2]
    if operation == "migrate":
        _migrate_forever(data_dir, keys)
    recovery_key = sys.stdin.readline().strip() if operation == "rewrap" else None
    vault = Vault.open(data_dir, keys)
    say("ready")
    # Rounds of edit and settings count on from ARG, so they are told apart across runs.
    number = int(argv[3]) if operation in ("edit", "settings") and len(argv) > 3 else 0
    while True:
        number += 1
        if operation == "backup":
            say(f"start {number}")
            made = vault.backup(reason="power-cut", keep=3)
            say(f"ack {made.name}")
        elif operation in ("rotate", "rewrap"):
            say(f"start {number}")
            vault.rotate_key(recovery_key)
            say(f"ack {number}")
        elif operation == "restore":
            source = Path(argv[3 + number % (len(argv) - 3)])
            say(f"start {source.name}")
            vault.restore(source)
            say(f"ack {source.name}")
        elif operation == "edit":
            _edit_once(Application(Session(vault.db, vault=vault)), number)
        elif operation == "settings":
            say(f"start {number}")
            app = Application(Session(vault.db, vault=vault))
            app.set_cadence_default(Ring.MIDDLE, 1 + number % 365)
            app.set_quiet_hours(QuietHours(time(number % 24, 30), time(8), number % 2 == 0))
            say(f"ack {number}")
        else:
            raise SystemExit(f"unknown operation {operation}")


if __name__ == "__main__":
    main(sys.argv[1:])

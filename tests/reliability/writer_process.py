"""A child process that logs check-ins until it is killed, acknowledging each commit.

    python -m tests.reliability.writer_process DATA_DIR RUN_LABEL

The database key arrives as one hex line on standard input (a pipe the parent
holds), never on the command line or in the environment. After every check-in is
committed it prints ``ack <label>-<n>``; the parent may kill -9 it at any moment.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from supportdesk.core.kinds import Mode
from supportdesk.core.model import CheckIn
from supportdesk.services.session import Session
from supportdesk.vault.keystore import MemoryKeyStore
from supportdesk.vault.metadata import metadata_path, read_metadata
from supportdesk.vault.vault import Vault
from tests.reliability.progress import say


def main(argv: list[str]) -> None:
    data_dir, label = Path(argv[0]), argv[1]
    metadata = read_metadata(metadata_path(data_dir))
    assert metadata is not None
    keystore = MemoryKeyStore()
    keystore.set(metadata.uuid, bytes.fromhex(sys.stdin.readline().strip()))
    vault = Vault.open(data_dir, keystore)
    session = Session(vault.db, vault=vault)
    person = session.network.supporters()[0]
    assert person.id is not None
    say("ready")
    number = 0
    while True:
        number += 1
        note = f"{label}-{number}"
        session.network.log_checkin(
            CheckIn(person.id, datetime.now(UTC), mode=Mode.TEXT, mood_before=3, note=note))
        say(f"ack {note}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""A child that fills its disk allowance (RLIMIT_FSIZE) while saving supporters.

    python -m tests.reliability.disk_full_worker DATA_DIR KEYS_FILE

Prints one JSON line: how many saves went through before the refusal, and the
refusal's type and message. Works without root and on any Linux file system.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.session import Session
from supportdesk.vault.vault import Vault
from tests.reliability.file_keystore import FileKeyStore

ALLOWANCE = 256 * 1024  # bytes any one file may grow beyond what is there now


def main(data_dir: Path, keys: FileKeyStore) -> None:
    vault = Vault.open(data_dir, keys)
    session = Session(vault.db)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    largest = max(p.stat().st_size for p in data_dir.iterdir() if p.is_file())
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + ALLOWANCE, resource.RLIM_INFINITY))
    saved = 0
    result: dict[str, object] = {}
    try:
        while saved < 10_000:
            session.network.save_supporter(
                Supporter(f"Filler {saved}", Kind.FRIEND, notes="a long note " * 400))
            saved += 1
    except KnownError as error:
        result = {"type": type(error).__name__, "message": str(error)}
    except Exception as error:  # what a person must never see: reported to the parent
        result = {"type": type(error).__name__, "message": str(error), "unexpected": True}
    result["saved"] = saved
    print(json.dumps(result), flush=True)
    vault.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), FileKeyStore(Path(sys.argv[2])))

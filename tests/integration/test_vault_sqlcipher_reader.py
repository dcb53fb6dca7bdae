"""An independent SQLCipher 4 reader opens the vault with the key from the keyring.

The reader is the ``sqlcipher`` shell when a 4.x one is installed (Debian
bookworm-backports); otherwise a separate Python process using the ``sqlcipher3``
module directly with ``PRAGMA key`` -- no peewee, no SupportDesk code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.services.session import create_session
from supportdesk.vault.keystore import KeyringKeyStore
from supportdesk.vault.vault import DB_FILE

pytestmark = [pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Secret Service")]

READER = """
import sys
from sqlcipher3 import dbapi2 as sqlcipher
path, key_hex = sys.argv[1], sys.stdin.readline().strip()
conn = sqlcipher.connect(f"file:{path}?mode=ro", uri=True)
conn.execute(f"PRAGMA key = \\"x'{key_hex}'\\"")
print(conn.execute("PRAGMA cipher_version").fetchone()[0])
for (name,) in conn.execute("SELECT name FROM supporter ORDER BY name"):
    print(name)
"""


def sqlcipher_shell_v4() -> str | None:
    shell = shutil.which("sqlcipher")
    if shell is None:
        return None
    probe = subprocess.run([shell, ":memory:", "PRAGMA cipher_version;"],
                           capture_output=True, text=True, timeout=20, check=False)
    return shell if re.match(r"4\.", probe.stdout.strip()) else None


def read_names(db_path: Path, key_hex: str) -> tuple[str, list[str]]:
    shell = sqlcipher_shell_v4()
    if shell is not None:
        script = (f"PRAGMA key = \"x'{key_hex}'\";\nPRAGMA cipher_version;\n"
                  "SELECT name FROM supporter ORDER BY name;\n")
        out = subprocess.run([shell, "-readonly", str(db_path)], input=script,
                             capture_output=True, text=True, timeout=30, check=True).stdout
    else:
        out = subprocess.run([sys.executable, "-I", "-c", READER, str(db_path)],
                             input=key_hex + "\n", capture_output=True, text=True,
                             timeout=30, check=True).stdout
    lines = [line for line in out.splitlines() if line.strip() and line.strip() != "ok"]
    return lines[0], lines[1:]


def test_an_independent_reader_opens_it_with_the_keyring_key(real_keyring: Any,
                                                             tmp_path: Path) -> None:
    session, _ = create_session(tmp_path / "data")
    assert session.vault is not None
    for name in ("Ruth", "Sam"):
        session.network.save_supporter(Supporter(name, Kind.FRIEND))
    vault_uuid = session.vault.uuid
    session.close()
    key = KeyringKeyStore().get(vault_uuid)
    assert key is not None
    db_path = tmp_path / "data" / DB_FILE
    version, names = read_names(db_path, key.hex())
    assert version.startswith("4.")
    assert names == ["Ruth", "Sam"]


def test_the_independent_reader_sees_nothing_with_another_key(real_keyring: Any,
                                                              tmp_path: Path) -> None:
    session, _ = create_session(tmp_path / "data")
    session.close()
    with pytest.raises(subprocess.CalledProcessError) as caught:
        read_names(tmp_path / "data" / DB_FILE, "ab" * 32)
    assert "not a database" in (caught.value.stderr or caught.value.stdout)

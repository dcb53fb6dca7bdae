"""The vault against the real Secret Service (gnome-keyring on a private D-Bus)."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from supportdesk.core.errors import KeyMissingError, WrongKeyError
from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.session import create_session, open_session, recover_session
from supportdesk.vault.keystore import KeyringKeyStore
from supportdesk.vault.vault import DB_FILE

pytestmark = [pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Secret Service")]

REPO = Path(__file__).resolve().parents[2]


def secret_tool(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("secret-tool") is None:
        pytest.fail("secret-tool is missing (apt-get install libsecret-tools)")
    return subprocess.run(["secret-tool", *args], capture_output=True, text=True,
                          timeout=20, check=False)


def lookup(vault_uuid: str) -> str:
    return secret_tool("lookup", "service", "supportdesk", "username",
                       f"vault:{vault_uuid}").stdout.strip()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_ruth(session: Any) -> None:
    ruth = session.network.save_supporter(Supporter("Ruth Marker-7Q", Kind.FRIEND))
    session.network.log_checkin(CheckIn(ruth.id, session.clock(), note="walk by the canal"))


def test_create_close_reopen_and_secret_tool_sees_the_same_key(
        real_keyring: Any, tmp_path: Path) -> None:
    session, _ = create_session(tmp_path / "data")
    assert session.vault is not None
    vault_uuid = session.vault.uuid
    add_ruth(session)
    session.close()
    key_hex = lookup(vault_uuid)
    assert len(key_hex) == 64
    again = open_session(tmp_path / "data")
    try:
        assert [p.name for p in again.network.supporters()] == ["Ruth Marker-7Q"]
        assert again.vault is not None and again.vault.check() == []
        assert KeyringKeyStore().get(vault_uuid) == bytes.fromhex(key_hex)
        assert "SecretService" in again.vault.metadata.keyring_backend
    finally:
        again.close()


def test_deleted_entry_is_recovered_with_the_recovery_key(real_keyring: Any,
                                                          tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    session, recovery_key = create_session(data_dir)
    assert session.vault is not None
    vault_uuid = session.vault.uuid
    add_ruth(session)
    session.close()
    key_hex = lookup(vault_uuid)
    assert secret_tool("clear", "service", "supportdesk", "username",
                       f"vault:{vault_uuid}").returncode == 0
    before = digest(data_dir / DB_FILE)
    with pytest.raises(KeyMissingError):
        open_session(data_dir)
    assert digest(data_dir / DB_FILE) == before
    recovered = recover_session(data_dir, recovery_key)
    try:
        assert [p.name for p in recovered.network.supporters()] == ["Ruth Marker-7Q"]
    finally:
        recovered.close()
    assert lookup(vault_uuid) == key_hex
    open_session(data_dir).close()


def test_wrong_entry_changes_nothing_until_recovery(real_keyring: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    session, recovery_key = create_session(data_dir)
    assert session.vault is not None
    vault_uuid = session.vault.uuid
    session.close()
    key_hex = lookup(vault_uuid)
    stored = subprocess.run(
        ["secret-tool", "store", "--label=wrong", "service", "supportdesk", "username",
         f"vault:{vault_uuid}"], input=secrets.token_hex(32), text=True, timeout=20, check=False)
    assert stored.returncode == 0
    before = digest(data_dir / DB_FILE)
    with pytest.raises(WrongKeyError):
        open_session(data_dir)
    assert digest(data_dir / DB_FILE) == before
    recover_session(data_dir, recovery_key).close()
    assert lookup(vault_uuid) == key_hex


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    from supportdesk.services.logging_setup import setup_logging

    root = logging.getLogger()
    level = root.level
    path = setup_logging(tmp_path / "logs-home", level=logging.DEBUG)
    yield path
    for handler in [h for h in root.handlers if h.get_name() == "supportdesk"]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_markers_and_key_appear_nowhere_on_disk_or_in_logs(
        real_keyring: Any, tmp_path: Path, debug_log: Path) -> None:
    data_dir = tmp_path / "data"
    session, recovery_key = create_session(data_dir)
    assert session.vault is not None
    add_ruth(session)
    session.vault.backup()
    session.vault.rotate_key()
    add_ruth(session)
    logging.getLogger("supportdesk").debug("a debug line so the log is not empty")
    # Look while the vault is still open, so the -wal file is there too.
    files = [p for p in data_dir.rglob("*") if p.is_file()] + [debug_log]
    assert any(p.name.endswith("-wal") for p in files)
    key_hex = lookup(session.vault.uuid)
    assert (data_dir / DB_FILE).read_bytes()[:16] != b"SQLite format 3\x00"
    for path in files:
        content = path.read_bytes()
        for secret in (b"Ruth Marker-7Q", b"Marker-7Q", b"walk by the canal",
                       key_hex.encode(), key_hex.upper().encode(),
                       recovery_key.encode(), recovery_key.replace("-", "").encode()):
            assert secret not in content, f"{secret!r} found in {path.name}"
    session.close()


def test_no_dbus_at_all_gives_a_clear_message_and_no_vault(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DBUS_", "GNOME_KEYRING", "PYTHON_KEYRING"))}
    env.update(HOME=str(tmp_path / "home"), XDG_RUNTIME_DIR=str(tmp_path / "run"),
               DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}")
    (tmp_path / "run").mkdir(mode=0o700)
    data_dir = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from supportdesk.cli import run; "
         "sys.exit(run(sys.argv[1:]))", "--data-dir", str(data_dir), "init"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert "No keyring is available" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (data_dir / DB_FILE).exists()
    assert "recovery key" not in result.stdout


def test_our_secret_service_and_keyrings_read_each_others_entries(
        real_keyring: Any, tmp_path: Path) -> None:
    """The app reaches the Secret Service without keyring (vault/secret_service.py): a
    vault made before, through keyring's backend, opens as it did, and keyring (or
    anything using its entries) reads what the app writes now."""
    from supportdesk.vault.secret_service import SecretServiceKeyring

    ours = SecretServiceKeyring()
    real_keyring.set_password("supportdesk-test", "written-by-keyring", "k1")
    assert ours.get_password("supportdesk-test", "written-by-keyring") == "k1"
    ours.set_password("supportdesk-test", "written-by-us", "k2")
    assert real_keyring.get_password("supportdesk-test", "written-by-us") == "k2"
    again = secret_tool("search", "service", "supportdesk-test", "username", "written-by-us")
    assert "Password for 'written-by-us' on 'supportdesk-test'" in again.stdout + again.stderr
    assert "application = Python keyring library" in again.stdout + again.stderr
    ours.set_password("supportdesk-test", "written-by-us", "k3")  # replaced, not added
    assert real_keyring.get_password("supportdesk-test", "written-by-us") == "k3"
    ours.delete_password("supportdesk-test", "written-by-us")
    ours.delete_password("supportdesk-test", "written-by-us")  # nothing left: no error
    assert real_keyring.get_password("supportdesk-test", "written-by-us") is None
    assert ours.get_password("supportdesk-test", "never-written") is None
    real_keyring.delete_password("supportdesk-test", "written-by-keyring")


def test_a_vault_made_through_keyrings_backend_opens_without_keyring(
        real_keyring: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    session, _ = create_session(data_dir, KeyringKeyStore(real_keyring))
    assert session.vault is not None
    recorded = session.vault.metadata.keyring_backend
    session.close()
    assert recorded == "keyring.backends.SecretService.Keyring"
    code = ("import sys; from supportdesk.services.session import open_session; "
            "s = open_session(__import__('pathlib').Path(sys.argv[1])); "
            "print('keyring' in sys.modules, s.vault.metadata.keyring_backend); s.close()")
    env = {key: value for key, value in os.environ.items() if key != "PYTHON_KEYRING_BACKEND"}
    result = subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=REPO,
                            env={**env, "PYTHONPATH": str(REPO)}, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.stdout.split() == ["False", recorded], result.stderr

"""Two SupportDesks on one vault: the second hands over to the first, no "database is locked".

Both are the real app (``python -m supportdesk``), offscreen, with the vault's key in
a file-backed keyring chosen through ``PYTHON_KEYRING_BACKEND``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

if not Path("/proc/locks").exists():
    pytest.skip("needs Linux's /proc/locks to see the first instance open",
                allow_module_level=True)

from supportdesk.core.errors import LockedError
from supportdesk.vault.keystore import KeyringKeyStore
from supportdesk.vault.lock import VaultLock
from supportdesk.vault.vault import Vault
from tests.reliability.conftest import runs
from tests.reliability.figures import Figures
from tests.reliability.file_keyring import BACKEND, ENV_FILE, FileKeyring

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND=BACKEND,
               SUPPORTDESK_NO_NETWORK="1", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local"),
               PYTHONPATH=str(REPO))
    env[ENV_FILE] = str(tmp_path / "keyring.json")
    return env


def _holds_a_lock(pid: int) -> bool:
    """Looks without touching: asking for the lock ourselves could race the app's own open."""
    locks = Path("/proc/locks").read_text()
    return any(line.split()[4] == str(pid) for line in locks.splitlines()
               if len(line.split()) > 4 and "FLOCK" in line)


def _wait_until_open(first: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert first.poll() is None, "the first SupportDesk stopped by itself"
        if _holds_a_lock(first.pid):
            time.sleep(1.0)  # the window is being built; the handover works either way
            return
        time.sleep(0.2)
    raise AssertionError("the first SupportDesk did not open its vault")


def test_second_launch_hands_over_to_the_first(tmp_path: Path, figures: Figures) -> None:
    env = _env(tmp_path)
    data_dir = tmp_path / "vault"
    vault, _recovery = Vault.create(data_dir, KeyringKeyStore(FileKeyring(Path(env[ENV_FILE]))))
    vault.close()
    # The real app, with internet sockets forbidden from its first line.
    command = [sys.executable, "-c", "import tests.reliability.no_network; "
               "from supportdesk.app import main; raise SystemExit(main())",
               "--data-dir", str(data_dir)]
    first = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    count = runs(2, 20)
    try:
        _wait_until_open(first)
        for _ in range(count):
            second = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                                    timeout=60, check=False)
            output = second.stdout + second.stderr
            assert second.returncode == 0, output
            assert "already open" in second.stdout
            assert "database is locked" not in output.lower()
            assert "Traceback" not in output
            assert first.poll() is None, "the first one must keep running"
    finally:
        first.terminate()
        try:
            out, err = first.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            first.kill()
            out, err = first.communicate()
    assert "database is locked" not in (out + err).lower()
    assert "Traceback" not in err
    figures.record("two instances at once", runs=count, handed_over=count, locked_shown=0)


def test_a_second_opener_shares_the_vault_but_a_second_creator_gets_a_plain_message(
    tmp_path: Path
) -> None:
    keys = KeyringKeyStore(FileKeyring(tmp_path / "keyring.json"))
    data_dir = tmp_path / "vault"
    vault, _recovery = Vault.create(data_dir, keys)
    try:
        Vault.open(data_dir, keys).close()  # the command line while the app is open
        with pytest.raises(LockedError) as raised:
            VaultLock.acquire(data_dir, exclusive=True, purpose="creating this vault", wait=0.2)
        assert "another SupportDesk" in str(raised.value)
        assert "database is locked" not in str(raised.value)
    finally:
        vault.close()

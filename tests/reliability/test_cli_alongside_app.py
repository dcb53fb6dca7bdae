"""The command line while the app is open: every command works, parallel writers lose nothing.

The "app" is a session held open in this test process for the whole test, as the
GUI holds one all day from the tray; the commands are real ``python -m supportdesk``
processes with the vault's key in a file-backed keyring.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from supportdesk.core.kinds import Kind, Mode
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.services.session import Session, create_session
from supportdesk.vault.keystore import KeyringKeyStore
from tests.reliability.conftest import runs
from tests.reliability.figures import Figures
from tests.reliability.file_keyring import BACKEND, ENV_FILE, FileKeyring

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    found = dict(os.environ, PYTHON_KEYRING_BACKEND=BACKEND, SUPPORTDESK_NO_NETWORK="1",
                 HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                 XDG_DATA_HOME=str(home / ".local"), PYTHONPATH=str(REPO))
    found[ENV_FILE] = str(tmp_path / "keyring.json")
    return found


@pytest.fixture
def app_session(tmp_path: Path, env: dict[str, str]) -> Iterator[Session]:
    keys = KeyringKeyStore(FileKeyring(Path(env[ENV_FILE])))
    session, _recovery = create_session(tmp_path / "vault", keys)
    session.network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    yield session
    session.close()


def _cli(env: dict[str, str], data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "supportdesk", "--data-dir", str(data_dir),
                           *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_every_everyday_command_works_while_the_app_is_open(
        app_session: Session, env: dict[str, str], tmp_path: Path) -> None:
    assert app_session.vault is not None
    data_dir = app_session.vault.data_dir
    for args in (["log", "Ruth", "--note", "from the terminal"], ["list"], ["due"],
                 ["show", "Ruth"], ["add", "Sam", "--kind", "friend"],
                 ["backup", str(tmp_path / "copy.sdbackup")]):
        done = _cli(env, data_dir, *args)
        assert done.returncode == 0, (args, done.stdout + done.stderr)
        assert "using this vault" not in done.stderr
    # What the commands wrote is what the open app reads.
    assert {p.name for p in app_session.network.supporters()} == {"Ruth", "Sam"}
    ruth = app_session.network.find_one("Ruth")
    assert ruth.id is not None
    assert [c.note for c in app_session.network.checkins(ruth.id)] == ["from the terminal"]
    assert (tmp_path / "copy.sdbackup").exists()


def test_three_command_line_writers_at_once_lose_and_refuse_nothing(
        app_session: Session, env: dict[str, str], figures: Figures) -> None:
    assert app_session.vault is not None
    data_dir = app_session.vault.data_dir
    per_writer = runs(15, 15)
    writers = [subprocess.Popen([sys.executable, "-m", "tests.reliability.cli_writer",
                                 str(data_dir), f"w{n}", str(per_writer)],
                                cwd=REPO, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for n in range(3)]
    ruth = app_session.network.find_one("Ruth")
    assert ruth.id is not None
    # The app keeps writing too, as a person logging in the window would.
    for number in range(5):
        app_session.network.log_checkin(CheckIn(ruth.id, datetime.now(UTC), mode=Mode.CALL,
                                                note=f"app-{number}"))
    lines: list[str] = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert "Traceback" not in err
        lines += out.splitlines()
    refused = [line for line in lines if line.startswith("refused")]
    acked = {line.split()[1] for line in lines if line.startswith("ok")}
    notes = {c.note for c in app_session.network.checkins(ruth.id)}
    lost = acked - notes
    figures.record("3 command-line writers with the app open", writes=3 * per_writer,
                   refused=len(refused), lost=len(lost))
    assert refused == []
    assert len(acked) == 3 * per_writer
    assert lost == set()
    assert {f"app-{n}" for n in range(5)} <= notes


def test_the_command_line_works_beside_the_real_app_in_the_tray(
        tmp_path: Path, env: dict[str, str]) -> None:
    """The real ``python -m supportdesk`` (offscreen), open all along; then every everyday
    command from another process, as a person's terminal or script would run them."""
    from tests.reliability.test_two_instances import _wait_until_open

    keys = KeyringKeyStore(FileKeyring(Path(env[ENV_FILE])))
    data_dir = tmp_path / "vault"
    session, _recovery = create_session(data_dir, keys)
    session.network.save_supporter(Supporter("Ruth", Kind.FRIEND))
    session.close()
    gui_env = dict(env, QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen([sys.executable, "-m", "supportdesk", "--data-dir", str(data_dir)],
                           cwd=REPO, env=gui_env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    try:
        _wait_until_open(app)
        for args in (["log", "Ruth", "--note", "beside the app"], ["list"], ["due"],
                     ["show", "Ruth"], ["add", "Sam", "--kind", "friend"],
                     ["backup", str(tmp_path / "copy.sdbackup")]):
            done = _cli(env, data_dir, *args)
            assert done.returncode == 0, (args, done.stdout + done.stderr)
        assert "beside the app" in _cli(env, data_dir, "show", "Ruth").stdout
        assert app.poll() is None, "the app keeps running"
    finally:
        app.terminate()
        try:
            _out, err = app.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            app.kill()
            _out, err = app.communicate()
    assert "Traceback" not in err

"""Nobody else can stop SupportDesk from starting (issue 13, item 11).

The single-instance socket used to have a predictable name in the shared /tmp, and any
listener there was believed ("already open", exit 0). Now it lives in this user's own
0700 folder, and a listener is believed only when its socket file and (on Linux) the
process behind it are this user's. The stranger here is a real process running as
another user (``nobody``), so these tests need root to make one.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from supportdesk.ui import single_instance
from supportdesk.ui.single_instance import (
    SingleInstance,
    ask_running_instance_to_show,
    runtime_folder,
    server_name,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix sockets and user ids")
NOBODY = 65534
STRANGER = """
import os, socket, sys
os.setgid(%(uid)d); os.setuid(%(uid)d)
server = socket.socket(socket.AF_UNIX)
server.bind(sys.argv[1]); server.listen(5)
print("ready", flush=True)
while True:
    client, _ = server.accept(); client.recv(100); client.close()
"""


@pytest.fixture
def shared_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A /tmp of our own that everyone may write to, as the real one."""
    folder = Path(tempfile.mkdtemp(prefix="sd-shared-"))
    folder.chmod(0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))  # where Qt put bare names before
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def stranger() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        process.kill()
        process.communicate()  # and closes its pipes


def listen_as_stranger(started: list[subprocess.Popen[str]], path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to run a listener as another user")
    process = subprocess.Popen([sys.executable, "-c", STRANGER % {"uid": NOBODY}, str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started.append(process)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    assert os.lstat(path).st_uid == NOBODY


def test_the_socket_is_in_a_private_folder_of_this_users(shared_tmp: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    folder = runtime_folder()
    assert folder == shared_tmp / f"supportdesk-{os.getuid()}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert Path(server_name(tmp_path / "vault")).parent == runtime / "supportdesk"
    assert str(tmp_path / "vault") not in server_name(tmp_path / "vault")


def test_a_folder_someone_else_made_first_is_not_used(shared_tmp: Path, tmp_path: Path,
                                                      qtbot: QtBot) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to make a folder owned by another user")
    planted = shared_tmp / f"supportdesk-{os.getuid()}"
    planted.mkdir(mode=0o777)
    os.chown(planted, NOBODY, NOBODY)
    assert runtime_folder() is None
    assert not ask_running_instance_to_show(tmp_path / "vault")
    assert not SingleInstance(tmp_path / "vault").listen()  # runs unguarded, never exits


def test_a_strangers_listener_in_the_shared_tmp_is_not_believed(
        shared_tmp: Path, tmp_path: Path, stranger: list[subprocess.Popen[str]],
        qtbot: QtBot) -> None:
    data = tmp_path / "vault"
    listen_as_stranger(stranger, shared_tmp / single_instance._name(data))
    assert not ask_running_instance_to_show(data)
    instance = SingleInstance(data)
    try:
        assert instance.listen()
    finally:
        instance.close()


def _stranger_in_our_folder(stranger: list[subprocess.Popen[str]], data: Path) -> Path:
    path = Path(server_name(data))
    path.parent.chmod(0o777)  # only so the stranger can be put there for the test
    try:
        listen_as_stranger(stranger, path)
    finally:
        path.parent.chmod(0o700)
    return path


def test_a_strangers_socket_in_our_folder_is_refused_and_replaced(
        shared_tmp: Path, tmp_path: Path, stranger: list[subprocess.Popen[str]],
        qtbot: QtBot) -> None:
    data = tmp_path / "vault"
    _stranger_in_our_folder(stranger, data)
    assert not ask_running_instance_to_show(data)
    instance = SingleInstance(data)
    try:
        assert instance.listen()
        with qtbot.waitSignal(instance.show_requested, timeout=5000):
            assert ask_running_instance_to_show(data)  # and now our own one is believed
    finally:
        instance.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_PEERCRED is Linux's")
def test_the_process_behind_the_socket_must_be_this_user(
        shared_tmp: Path, tmp_path: Path, stranger: list[subprocess.Popen[str]],
        qtbot: QtBot) -> None:
    data = tmp_path / "vault"
    path = _stranger_in_our_folder(stranger, data)
    os.chown(path, os.getuid(), os.getgid(), follow_symlinks=False)  # the file looks ours
    assert not ask_running_instance_to_show(data)


def test_the_app_starts_although_a_stranger_listens(
        shared_tmp: Path, tmp_path: Path, stranger: list[subprocess.Popen[str]]) -> None:
    """The whole program: a second user's listener does not make it say "already open"."""
    data = tmp_path / "vault"
    listen_as_stranger(stranger, shared_tmp / single_instance._name(data))
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(repo),
           "TMPDIR": str(shared_tmp)}
    env.pop("XDG_RUNTIME_DIR", None)
    child = subprocess.Popen([sys.executable, "-c",
                              "import sys; from supportdesk.ui.single_instance import "
                              "ask_running_instance_to_show as ask; from pathlib import Path;"
                              "from PySide6.QtCore import QCoreApplication as A; a = A([]);"
                              "print('already open' if ask(Path(sys.argv[1])) else 'starting')",
                              str(data)], env=env, stdout=subprocess.PIPE, text=True)
    out, _ = child.communicate(timeout=60)
    assert out.strip() == "starting"

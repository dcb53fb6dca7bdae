"""One SupportDesk per data folder: a second launch hands over to the first and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from supportdesk.ui.single_instance import (
    SingleInstance,
    ask_running_instance_to_show,
    server_name,
)

pytestmark = pytest.mark.real
REPO = Path(__file__).resolve().parents[2]


def test_nobody_answers_when_no_supportdesk_runs(qtbot: QtBot, tmp_path: Path) -> None:
    assert not ask_running_instance_to_show(tmp_path / "vault")


def test_each_data_folder_has_its_own_instance(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "x" / ".." / "a")
    assert str(tmp_path) not in server_name(tmp_path / "a")


def test_a_second_launch_asks_the_first_to_show(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "vault")
    assert first.listen()
    try:
        with qtbot.waitSignal(first.show_requested, timeout=5000):
            assert ask_running_instance_to_show(tmp_path / "vault")
    finally:
        first.close()


def test_a_socket_left_by_a_crash_does_not_block_the_next_start(qtbot: QtBot,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    crashed = QLocalServer()
    crashed.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    assert crashed.listen(server_name(folder))
    leftover = Path(crashed.fullServerName())
    # A crashed run leaves its socket file behind with nobody listening on it.
    leftover.rename(tmp_path / "kept")
    crashed.close()
    (tmp_path / "kept").rename(leftover)
    assert not ask_running_instance_to_show(folder)
    instance = SingleInstance(folder)
    try:
        assert instance.listen()
    finally:
        instance.close()


def test_real_second_process_hands_over_and_exits_cleanly(qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    first = SingleInstance(folder)
    assert first.listen()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    try:
        with qtbot.waitSignal(first.show_requested, timeout=20000):
            second = subprocess.Popen(
                [sys.executable, "-m", "supportdesk", "--data-dir", str(folder)],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = second.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            second.kill()
            second.communicate()
            raise
    finally:
        first.close()
    assert second.returncode == 0, err
    assert "already open" in out
    assert not folder.exists(), "the second launch must not create a vault"

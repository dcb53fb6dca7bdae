"""supportdesk.app: subcommands never load Qt; --demo opens a sample network and cleans up."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from supportdesk import app as app_module
from supportdesk.ui import theme
from supportdesk.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def test_a_subcommand_runs_the_cli_without_qt(tmp_path: Path) -> None:
    code = ("import sys; from supportdesk.app import main; rc = main(['--data-dir', sys.argv[1],"
            " 'due']); print('qt' if any(m.startswith('PySide6') for m in sys.modules) "
            "else 'no qt', rc)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "none")],
                            env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.stdout.split()[:2] == ["no", "qt"], result.stderr
    assert result.stdout.split()[2] != "0"  # there is no vault there: a clear error


@pytest.fixture
def restored_app(qtbot: QtBot) -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = (app.palette(), app.styleSheet(), app.style().name(), sys.excepthook,
             app.quitOnLastWindowClosed())
    yield app
    theme._forced_dark = None
    QGuiApplication.styleHints().unsetColorScheme()
    app.setStyle(saved[2])
    app.setPalette(saved[0])
    app.setStyleSheet(saved[1])
    sys.excepthook = saved[3]
    app.setQuitOnLastWindowClosed(saved[4])


def test_demo_opens_the_sample_network_and_leaves_nothing_behind(
        restored_app: QApplication) -> None:
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("supportdesk-demo-*"))
    seen: dict[str, object] = {}

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(100, look_and_quit)
            return
        window = windows[-1]
        seen["title"] = window.windowTitle()
        seen["people"] = len(window.ctx.session.repo.supporters())
        seen["folders"] = set(temp.glob("supportdesk-demo-*")) - before
        window.keep_running_on_close = False
        window.close()

    QTimer.singleShot(100, look_and_quit)
    assert app_module.main(["--demo"]) == 0
    assert "sample" in str(seen["title"])
    assert isinstance(seen["people"], int) and seen["people"] >= 15
    assert seen["folders"], "the demo vault lives in a temporary folder"
    assert not (set(temp.glob("supportdesk-demo-*")) - before), "and it is removed on exit"

"""supportdesk.app: subcommands never load Qt; --demo opens a sample network and cleans up;
the window paints before the vault opens."""

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
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from supportdesk import app as app_module
from supportdesk.ui import theme
from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.vault.keystore import KeyringKeyStore
from supportdesk.vault.vault import Vault
from tests.reliability.file_keyring import BACKEND, ENV_FILE, FileKeyring

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
    assert seen["title"] == "Sample network — SupportDesk"  # Qt adds no second name
    assert isinstance(seen["people"], int) and seen["people"] >= 15
    assert seen["folders"], "the demo vault lives in a temporary folder"
    assert not (set(temp.glob("supportdesk-demo-*")) - before), "and it is removed on exit"


def test_the_window_shows_before_the_vault_opens_and_keeps_the_page_chosen(
        qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.centralWidget().objectName() == "Opening"
    note = window.centralWidget().findChild(QLabel)
    assert note is not None and "Opening your notes" in note.text()
    assert not hasattr(window, "sidebar")  # the sidebar and menus come with the vault
    assert not window.is_ready
    with pytest.raises(RuntimeError):
        _ = window.ctx
    window.show_page("people")  # chosen in the moment before the vault is open
    with qtbot.waitSignal(window.ready, timeout=5000):
        window.attach(ctx.session)
    assert window.is_ready and window.settings_action.isEnabled()
    assert window.centralWidget().objectName() != "Opening"
    assert window.current_key == "people"
    assert window.stack.currentWidget() is window.page("people")


def test_the_database_and_keyring_load_only_after_the_first_paint(tmp_path: Path) -> None:
    """A person in a hard moment sees the window first; the vault's modules come after."""
    folder = tmp_path / "vault"
    Vault.create(folder, KeyringKeyStore(FileKeyring(tmp_path / "keyring.json")))[0].close()
    code = """if True:
        import gc
        import sys
        from PySide6.QtCore import QEvent, QObject, QTimer
        from PySide6.QtWidgets import QApplication
        from supportdesk import app
        HEAVY = ("peewee", "sqlcipher3", "keyring", "supportdesk.services.session",
                 "supportdesk.store.repository", "supportdesk.cli.vault_commands",
                 "supportdesk.ui.crash", "socket", "html", "babel")
        seen = []
        class FirstPaint(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and not seen:
                    seen.append([name for name in HEAVY if name in sys.modules])
                    # PySide6 builds the Qt namespace's 93 enums when it is first named
                    if "Qt" in vars(sys.modules["PySide6.QtCore"]):
                        seen[0].append("the Qt namespace")
                    print("loaded at first paint:", seen[0], flush=True)
                if event.type() == QEvent.Type.Paint and "ready" not in seen:
                    window = watched.window() if hasattr(watched, "window") else None
                    if getattr(window, "is_ready", False):
                        seen.append("ready")
                        # D-Bus notifications load with the first one sent, not before;
                        # keyring itself, the file formats and what only they need
                        # (imports, exports) never before Today
                        later = [name for name in sys.modules if name in (
                            "keyring", "vobject", "icalendar", "urllib.request",
                            "email.message") or name.startswith("supportdesk.formats")]
                        print("then ready", "jeepney" in sys.modules, later, flush=True)
                        # the crash handler, menus' actions, tray and reminders come
                        # just after Today has painted (the app lock before it when
                        # one is set: none here)
                        # (and the cyclic collector, held over the start, resumes)
                        print("extensions at Today:", sorted(window.extensions),
                              "supportdesk.ui.crash" in sys.modules, gc.isenabled(),
                              flush=True)
                        QTimer.singleShot(300, lambda: finish(window))
                return False
        def finish(window):
            hook = type(getattr(sys.excepthook, "__self__", None)).__name__
            print("then installed:", len(window.extensions), hook, gc.isenabled(),
                  flush=True)
            window.keep_running_on_close = False
            window.close()
        qapp = QApplication(sys.argv[:1])
        spy = FirstPaint()
        qapp.installEventFilter(spy)
        sys.exit(app.main(["--data-dir", sys.argv[1]]))
    """
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHON_KEYRING_BACKEND": BACKEND,
           ENV_FILE: str(tmp_path / "keyring.json"), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen",
           "SUPPORTDESK_NO_NETWORK": "1"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no tray: closing the window quits
    result = subprocess.run([sys.executable, "-c", code, str(folder)], env=env,
                            capture_output=True, text=True, timeout=90, check=False)
    assert "loaded at first paint: []" in result.stdout, result.stdout + result.stderr
    assert "then ready False []" in result.stdout, result.stdout + result.stderr
    assert "extensions at Today: [] False False" in result.stdout, result.stdout
    assert "then installed: 12 CrashHandler True" in result.stdout, result.stdout
    assert result.returncode == 0, result.stderr


def test_the_crash_handler_is_there_before_the_first_window(
        restored_app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug while the window opens reaches the crash handler, which loads only then
    (ui/crash_hook.py: its 80 ms of imports must not hold up the first paint)."""
    from supportdesk.ui import crash
    from supportdesk.vault.keystore import MemoryKeyStore

    folder = tmp_path / "vault"
    Vault.create(folder, MemoryKeyStore())[0].close()
    handled: list[str] = []
    monkeypatch.setattr(crash.CrashHandler, "handle",
                        lambda self, kind, exc, tb: handled.append(str(exc)))
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)

    class Stop(Exception):
        pass

    def first_window(*_args: object, **_kwargs: object) -> None:
        try:
            raise RuntimeError("a bug while the window opens")
        except RuntimeError as bug:
            sys.excepthook(type(bug), bug, bug.__traceback__)  # as Qt does for a slot
        raise Stop

    monkeypatch.setattr(app_module, "_start_window", first_window)
    with pytest.raises(Stop):
        app_module.main(["--data-dir", str(folder)])
    assert handled == ["a bug while the window opens"]
    assert isinstance(getattr(sys.excepthook, "__self__", None), crash.CrashHandler)


@pytest.mark.parametrize(("trouble", "code"), [("quit", 0), ("problem", 1)])
def test_quitting_by_choice_is_no_error(restored_app: QApplication, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, trouble: str,
                                        code: int) -> None:
    """No keyring on a first run and Quit chosen: the app exits 0 (``make run`` says no
    "Error 1"); a start that fails on a problem, told in a message, exits 1."""
    from supportdesk.core.errors import KeyringUnavailableError, KnownError
    from supportdesk.ui.startup import open_vault, problems

    def no_vault(*_args: object, **_kwargs: object) -> object:
        if trouble == "quit":
            raise KeyringUnavailableError("No keyring is available.")
        raise KnownError("The folder cannot be written.")

    told: list[str] = []
    monkeypatch.setattr(open_vault, "create_session", no_vault)
    monkeypatch.setattr(problems, "ask_keyring_choice", lambda *_a, **_k: False)
    monkeypatch.setattr(problems, "show_problem", lambda title, *_a: told.append(title))
    assert app_module.main(["--data-dir", str(tmp_path / "vault")]) == code
    assert told == ([] if trouble == "quit" else ["SupportDesk can't start"])

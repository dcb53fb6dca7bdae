"""Start-up: arguments, the command line, one instance per vault, the vault, the window.

Subcommands run the CLI without loading Qt at all; everything else starts the GUI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from supportdesk import cli

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from supportdesk.services.session import Session
    from supportdesk.ui.main_window import MainWindow

SMOKE_OK = "smoke-test ok"
BENCH_FIRST_PAINT = "SUPPORTDESK_BENCH_FIRST_PAINT"  # benchmarks/run.py: report, then quit


def build_parser() -> argparse.ArgumentParser:
    parser = cli.build_parser()
    parser.add_argument("--minimized", action="store_true",
                        help="start hidden in the system tray (used when starting at login)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the vault, show the window, send one notification and "
                             "exit (checks an installed build)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(args_list)
    if args.command:
        return cli.run(args_list)
    return _run_gui(args)


def _make_app() -> QApplication:
    from PySide6.QtWidgets import QApplication

    from supportdesk.ui import icons

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("SupportDesk")
    app.setOrganizationName("SupportDesk")
    app.setApplicationDisplayName("SupportDesk")
    app.setDesktopFileName("supportdesk")
    app.setWindowIcon(icons.app_icon())
    app.setQuitOnLastWindowClosed(False)
    return app


def _install_crash_handler(app: QApplication) -> None:
    from supportdesk.ui import crash

    crash.install(app)


def _run_gui(args: argparse.Namespace) -> int:
    from supportdesk.core.errors import KnownError
    from supportdesk.services import paths
    from supportdesk.services.logging_setup import setup_logging
    from supportdesk.ui.single_instance import SingleInstance, ask_running_instance_to_show
    from supportdesk.ui.startup.open_vault import VaultOpener
    from supportdesk.ui.theme import Theme

    app = _make_app()
    if args.demo:
        return _run_demo(app, args)
    data_dir = paths.data_dir(args.data_dir)
    if ask_running_instance_to_show(data_dir):
        print("SupportDesk is already open; it has been brought to the front.")
        return 0
    instance = SingleInstance(data_dir)
    instance.listen()
    try:
        setup_logging(data_dir)
    except KnownError as error:
        print(f"supportdesk: {error}", file=sys.stderr)
    _install_crash_handler(app)
    Theme(app)
    if args.smoke_test:
        return _smoke_test(app, data_dir)
    session = VaultOpener(data_dir).run()
    if session is None:
        return 1
    window = _open_window(app, session, minimized=args.minimized)
    instance.show_requested.connect(lambda: _bring_to_front(window))
    try:
        return app.exec()
    finally:
        instance.close()
        session.close()


def _open_window(app: QApplication, session: Session, *, minimized: bool) -> MainWindow:
    from PySide6.QtGui import QUndoStack

    from supportdesk.ui.context import AppContext
    from supportdesk.ui.events import Events
    from supportdesk.ui.extensions import install_all
    from supportdesk.ui.main_window import MainWindow

    ctx = AppContext(session=session, events=Events(), undo=QUndoStack())
    window = MainWindow(ctx)
    if os.environ.get(BENCH_FIRST_PAINT) == "1":
        _report_first_paint(app, window)
    window.extensions = install_all(window, ctx)
    window.closed.connect(app.quit)
    # Hidden in the tray only when there is a tray to come back from.
    if not (minimized and window.keep_running_on_close):
        window.show()
    return window


def _report_first_paint(app: QApplication, window: MainWindow) -> None:
    """Print ``first-paint`` when the window first paints, then quit (for the benchmarks)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                print("first-paint", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    window.installEventFilter(FirstPaint(window))


def _bring_to_front(window: MainWindow) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def _run_demo(app: QApplication, args: argparse.Namespace) -> int:
    """A throwaway vault in a temporary folder, filled with the sample network."""
    from datetime import UTC, datetime

    from supportdesk.services.demo import fill_demo
    from supportdesk.services.session import create_session
    from supportdesk.ui.theme import Theme
    from supportdesk.vault.keystore import MemoryKeyStore

    folder = Path(tempfile.mkdtemp(prefix="supportdesk-demo-"))
    try:
        _install_crash_handler(app)
        Theme(app)
        session, _recovery_key = create_session(folder, MemoryKeyStore())
        try:
            fill_demo(session, datetime.now(UTC))
            window = _open_window(app, session, minimized=args.minimized)
            window.setWindowTitle("SupportDesk — sample network")
            window.status_message("This is a sample network; it disappears when you quit.",
                                  0)
            return app.exec()
        finally:
            session.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _smoke_test(app: QApplication, data_dir: Path) -> int:
    """For the frozen-app test: the real keyring, the window, one notification."""
    from PySide6.QtCore import QTimer

    from supportdesk.core.errors import KnownError
    from supportdesk.services.session import create_session, open_session
    from supportdesk.ui.reminders.notifier import send_test_notification
    from supportdesk.vault.vault import Vault

    try:
        if Vault.exists(data_dir):
            session = open_session(data_dir)
        else:
            session, _recovery_key = create_session(data_dir)
    except KnownError as error:
        print(f"smoke-test failed: the vault did not open: {error}", file=sys.stderr)
        return 1
    outcome: list[int] = []
    try:
        window = _open_window(app, session, minimized=False)

        def finish() -> None:
            result = send_test_notification()
            if not window.isVisible():
                print("smoke-test failed: the main window is not visible", file=sys.stderr)
                outcome.append(1)
            elif not result.ok:
                print("smoke-test failed: no notification could be shown: "
                      + "; ".join(result.failures), file=sys.stderr)
                outcome.append(1)
            else:
                print(f"{SMOKE_OK} (notification via {result.channel})")
                outcome.append(0)
            window.keep_running_on_close = False
            app.quit()

        # Long enough for a watcher (xdotool in the frozen-app test) to see the window.
        QTimer.singleShot(1500, finish)
        app.exec()
    finally:
        session.close()
    return outcome[0] if outcome else 1

"""Start-up: arguments, the command line, one instance per vault, the vault, the window.

Subcommands run the CLI without loading Qt at all; everything else starts the GUI.
The GUI starts in two steps, so the window is there as fast as a bare Qt window:
the window is shown first ("Opening your notes…"), and once it has painted, the vault
opens (asking for the recovery key if it must) and the sidebar, menus and first page are
built (with the app lock, when one is set); once that page has painted, the crash handler
and the other extensions (tray, reminders, menus' actions) are installed.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from supportdesk import cli

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from supportdesk.services.session import Session
    from supportdesk.ui.main_window import MainWindow

SMOKE_OK = "smoke-test ok"
BENCH_FIRST_PAINT = "SUPPORTDESK_BENCH_FIRST_PAINT"  # benchmarks/run.py: report, then quit


def build_parser(*, commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    parser = cli.build_parser(commands=commands, only=only)
    parser.add_argument("--minimized", action="store_true",
                        help="start hidden in the system tray (used when starting at login)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the vault, show the window, send one notification and "
                             "exit (checks an installed build)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up makes the objects of some 300 modules and the first page, none of them
    # garbage: the cyclic collector going over them again and again cost about 20 ms
    # before Today. It resumes once Today is shown (or a command is read, a dialog
    # comes first, a few seconds pass), and whatever happens, when this returns.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    from supportdesk.vault.atomic import keep_files_private

    keep_files_private()  # before Qt, SQLite or the log make any file
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == [cli.PDF_COMMAND]:  # the command line's PDF export, in a child
        from supportdesk.ui.pdf.__main__ import main as render_pdf

        gc.enable()
        return render_pdf(args_list[1:])
    # The subcommands' parsers import most of the app: only build them when asked for,
    # and only the one named when it is named.
    parser = build_parser(commands=_wants_cli(args_list), only=cli.command_module(args_list))
    args = parser.parse_args(args_list)
    if args.command:
        gc.enable()  # the command's own work collects as usual
        if args.minimized or args.smoke_test:  # the command line's parser refuses these
            return cli.run(args_list)
        return cli.run_parsed(parser, args)  # read as cli.run would: the same options
    return _run_gui(args)


def _wants_cli(args: list[str]) -> bool:
    """A subcommand, --help or --version (or a mistake the full parser should explain)."""
    skip_value = False
    for arg in args:
        if skip_value:
            skip_value = False
        elif arg == "--data-dir":
            skip_value = True
        elif arg in ("-h", "--help", "--version") or not arg.startswith("-"):
            return True
    return False


def _make_app() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("SupportDesk")
    app.setOrganizationName("SupportDesk")
    app.setApplicationDisplayName("SupportDesk")
    app.setDesktopFileName("supportdesk")
    app.setQuitOnLastWindowClosed(False)
    from supportdesk.ui import translations

    translations.install(app)  # before the first window: every word in the chosen language
    return app


def _install_crash_handler(app: QApplication) -> None:
    """Once per app, after the first paint (ui/crash_hook.py stands in before it)."""
    from supportdesk.ui import crash, crash_hook

    if isinstance(getattr(sys.excepthook, "__self__", None), crash.CrashHandler):
        return
    if isinstance(sys.excepthook, crash_hook.EarlyHook):
        sys.excepthook = sys.__excepthook__  # the handler keeps the default as its fallback
    crash.install(app)


def _set_app_icon(app: QApplication) -> None:
    from supportdesk.ui import icons

    app.setWindowIcon(icons.app_icon())


def _prepare(app: QApplication, data_dir: Path, *, crash_handler: bool = True) -> None:
    """The log, the crash handler, the icon and the look: before any dialog, and with an
    existing vault just after the window's first paint (none of it shows before). That
    start installs the crash handler once Today has painted (``crash_handler=False``):
    until then the early hook (ui/crash_hook.py) loads it for an exception."""
    from supportdesk.core.errors import KnownError
    from supportdesk.services.logging_setup import setup_logging
    from supportdesk.ui.theme import Theme

    try:
        setup_logging(data_dir)
    except KnownError as error:
        print(f"supportdesk: {error}", file=sys.stderr)
    if crash_handler:
        _install_crash_handler(app)
    _set_app_icon(app)
    Theme(app)
    from supportdesk.ui.views_actions import catch_reach_out_early

    catch_reach_out_early(app)  # crisis help is one key away from the first dialog on


def _run_gui(args: argparse.Namespace) -> int:
    from supportdesk.services import paths
    from supportdesk.ui.single_instance import SingleInstance, ask_running_instance_to_show
    from supportdesk.vault.files import vault_exists

    app = _make_app()
    if args.demo:
        return _run_demo(app, args)
    data_dir = paths.data_dir(args.data_dir)
    if ask_running_instance_to_show(data_dir):
        print("SupportDesk is already open; it has been brought to the front.")
        return 0
    instance = SingleInstance(data_dir)
    instance.listen()
    from supportdesk.ui.crash_hook import install_early

    install_early(app)  # a bug while the window opens reaches the crash handler too
    # --smoke-test takes the very path a person's start takes; it only adds a check.
    minimized = args.minimized and not args.smoke_test
    if vault_exists(data_dir):
        window = _start_window(app, data_dir, minimized=minimized)
    else:  # first run: the welcome and the recovery key come before the window
        from supportdesk.ui.startup.open_vault import VaultOpener

        gc.enable()
        _prepare(app, data_dir)
        opener = VaultOpener(data_dir, welcome_shown=_close_at_once if args.smoke_test
                             else None)
        session = opener.run()
        if session is None:  # Quit is no error; a problem (told in a message) is
            instance.close()
            return 1 if opener.failed else 0
        window = _open_window(app, session, minimized=minimized)
    outcome: list[int] = []
    if args.smoke_test:
        _check_when_ready(app, window, outcome)
    instance.show_requested.connect(lambda: _bring_to_front(window))
    try:
        code = app.exec()
    finally:
        instance.close()
        if window.is_ready:
            window.ctx.close()
    if args.smoke_test:
        return outcome[0] if outcome else 1
    return code


def _start_window(app: QApplication, data_dir: Path, *, minimized: bool) -> MainWindow:
    """Show the window now; open the vault once it has painted (see the module's doc)."""
    from PySide6.QtCore import QTimer

    window = _new_window(app)

    def open_vault() -> None:
        from supportdesk.ui.startup.open_vault import VaultOpener

        _prepare(app, data_dir, crash_handler=False)  # _finish_window installs it
        opener = VaultOpener(data_dir, parent=window if window.isVisible() else None)
        session = opener.run()
        if session is None:  # they chose Quit (no error), or it cannot open (told)
            window.keep_running_on_close = False
            window.hide()
            app.exit(1 if opener.failed else 0)
            return
        try:
            _finish_window(window, session, minimized=minimized)
        except Exception:
            if not _told_of_damage(session, window):
                raise
            window.keep_running_on_close = False
            window.hide()
            app.exit(1)

    # A dialog that waits for the person (the recovery key, say) must not hold it.
    QTimer.singleShot(3000, gc.enable)
    if minimized:
        QTimer.singleShot(0, open_vault)
    else:
        _after_first_paint(window, open_vault)
        window.show()
    return window


def _told_of_damage(session: Session, window: MainWindow) -> bool:
    """The vault opened without its page check (ui/page_check.py makes it after Today
    shows), but building the window met a page it cannot read: make the check now and,
    if it finds damage, close the vault and say so as a damaged vault at start is told."""
    from supportdesk.services.page_check import damage_found
    from supportdesk.ui.startup import problems

    vault = session.vault
    if vault is None or vault.pages_checked:
        return False
    message = damage_found(vault)
    if message is None:
        return False
    session.close()
    problems.show_problem("SupportDesk can't start", message, window)
    return True


def _after_first_paint(window: MainWindow, work: Callable[[], None]) -> None:
    """Run ``work`` once, in the event loop turn after the window (next) paints."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    done: list[bool] = []

    def run() -> None:
        if not done:
            done.append(True)
            work()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, run)
            return False

    window.installEventFilter(FirstPaint(window))
    QTimer.singleShot(1000, run)  # a window manager that never exposes it must not stall


def _open_window(app: QApplication, session: Session, *, minimized: bool) -> MainWindow:
    """A window for an already open session (first run, the demo, the smoke test)."""
    window = _new_window(app)
    _finish_window(window, session, minimized=minimized)
    return window


def _new_window(app: QApplication) -> MainWindow:
    """The main window before the vault is attached; closing it really quits."""
    from supportdesk.ui.main_window import MainWindow

    window = MainWindow()
    window.closed.connect(app.quit)
    if os.environ.get(BENCH_FIRST_PAINT):
        _report_first_paint(app, window)
    return window


def _finish_window(window: MainWindow, session: Session, *, minimized: bool) -> None:
    """Build the first page and install the app lock (if one is set) before anything
    personal paints; the crash handler and the other extensions (menus' actions, tray,
    reminders) once that page has painted (about 50 ms sooner to Today). A start hidden
    in the tray installs them all at once: whether it may stay hidden depends on it."""
    from PySide6.QtWidgets import QApplication

    from supportdesk.ui import extensions

    ctx = window.attach(session)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if minimized:
        gc.enable()
        _install_crash_handler(app)
        window.extensions = extensions.install_all(window, ctx)
        # Hidden in the tray only when there is a tray to come back from.
        if not window.keep_running_on_close:
            window.show()
        return
    first = extensions.install_first(window, ctx)
    window.extensions = dict(first)

    def install_rest() -> None:
        gc.enable()  # held since main() began: Today is shown
        _install_crash_handler(app)
        try:
            window.extensions.update(extensions.install_rest(window, ctx, first))
        except Exception:  # as if it had failed while the window was built (open_vault)
            if not _told_of_damage(session, window):
                raise
            window.keep_running_on_close = False
            window.hide()
            app.exit(1)

    # The window paints with its new page in one pass: after it, Today is on the screen.
    _after_first_paint(window, install_rest)
    window.show()


def _report_first_paint(app: QApplication, window: MainWindow) -> None:
    """For the benchmarks: print ``first-paint`` when the window first paints, and
    ``ready`` when its page first paints with the vault open; then quit. Each line
    carries the peak memory so far. The filters sit on the window, then on the page,
    as the yardstick's does on its window (a filter on the whole application would make
    PySide6 wrap every object that gets an event, which costs as much as a window)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    class Reporter(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.watched: list[QWidget] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            if watched is window:
                window.removeEventFilter(self)
                print(f"first-paint {_peak_kib()}", flush=True)
            elif watched.property("bench_page"):
                for widget in self.watched:
                    widget.removeEventFilter(self)
                self.watched = []
                print(f"ready {_peak_kib()}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

        def on_ready(self) -> None:
            page = window.stack.currentWidget()
            self.watched = [page, *page.findChildren(QWidget)] if page is not None else []
            for widget in self.watched:
                widget.setProperty("bench_page", True)
                widget.installEventFilter(self)

    reporter = Reporter()
    window.installEventFilter(reporter)
    window.ready.connect(reporter.on_ready)


def _peak_kib() -> int:
    """This process's own peak memory so far, in KiB (0 where it cannot be read).

    On Linux ``VmHWM``: ``ru_maxrss`` would also count the parent's size when it forked
    this process (the kernel carries it across exec), so a benchmark runner that had
    grown would seem to be every child's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


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

    gc.enable()
    folder = Path(tempfile.mkdtemp(prefix="supportdesk-demo-"))
    try:
        _install_crash_handler(app)
        _set_app_icon(app)
        Theme(app)
        session, _recovery_key = create_session(folder, MemoryKeyStore())
        window: MainWindow | None = None
        try:
            fill_demo(session, datetime.now(UTC))
            window = _open_window(app, session, minimized=args.minimized)
            # Ends with the display name, which Qt would otherwise add again.
            window.setWindowTitle("Sample network — SupportDesk")
            window.status_message("This is a sample network; it disappears when you quit.",
                                  0)
            return app.exec()
        finally:
            if window is not None and window.is_ready:
                window.ctx.close()
            else:
                session.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _close_at_once(dialog: QWidget) -> None:
    """For --smoke-test: nobody is there to read the recovery key."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, dialog.accept)  # type: ignore[attr-defined]


def _check_when_ready(app: QApplication, window: MainWindow, outcome: list[int]) -> None:
    """For --smoke-test: once the vault is open and the window shown, send one
    notification, say how it went, and quit."""
    from PySide6.QtCore import QTimer

    from supportdesk.ui.reminders.notifier import send_test_notification

    def finish() -> None:
        if not window.is_ready:
            print("smoke-test failed: the vault did not open", file=sys.stderr)
            outcome.append(1)
        elif not window.isVisible():
            print("smoke-test failed: the main window is not visible", file=sys.stderr)
            outcome.append(1)
        else:
            result = send_test_notification()
            if not result.ok:
                print("smoke-test failed: no notification could be shown: "
                      + "; ".join(result.failures), file=sys.stderr)
                outcome.append(1)
            else:
                print(f"{SMOKE_OK} (notification via {result.channel})")
                outcome.append(0)
        window.keep_running_on_close = False
        app.quit()

    def soon() -> None:
        # Long enough for a watcher (xdotool in the frozen-app test) to see the window.
        QTimer.singleShot(1500, finish)

    if window.is_ready:
        soon()
    else:
        window.ready.connect(soon)
        QTimer.singleShot(60_000, finish)  # a vault that never opens must not hang CI

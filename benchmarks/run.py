"""SupportDesk's benchmarks in one run: ``make bench`` (or ``python benchmarks/run.py``).

Every figure is the median of several runs, set against a bare PySide6 QMainWindow
hello-world measured the same way (start-up and memory) or against its own target
(interaction times). Prints a table with the machine and date; exits 1 when any
figure misses its target. Options: ``--runs N`` (default 5), ``--quick`` (3 runs,
fewer keystrokes), ``--markdown`` (the table as Markdown, for docs/PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks import generate  # noqa: E402
from tests.reliability.file_keyring import BACKEND, ENV_FILE, FileKeyring  # noqa: E402

START_TIMEOUT = 120


@dataclass
class Row:
    name: str
    value: float
    unit: str
    baseline: float | None  # hello-world figure; None when the target is absolute
    target: float  # a ratio when baseline is set, else in ``unit``
    note: str = ""
    failed: bool = False  # it crashed or could not run: always a miss
    # The median of ratios taken pair by pair (each run beside its yardstick's), where
    # the row has one: steadier than the ratio of the two medians when the load drifts.
    paired_ratio: float | None = None

    @property
    def measured(self) -> bool:
        return self.value == self.value  # NaN means "not measured"

    @property
    def ratio(self) -> float | None:
        if self.baseline is None:
            return None
        return self.paired_ratio if self.paired_ratio is not None else (
            self.value / self.baseline)

    @property
    def ok(self) -> bool:
        if self.failed:
            return False
        if not self.measured:
            return True
        figure = self.ratio if self.ratio is not None else self.value
        return figure <= self.target


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _timed(work: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return _median(samples)


# -- start-up, in child processes ------------------------------------------------------

def _start_once(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawn to each line the child prints ("first-paint", and "ready" for
    the app: first paint with the vault open and its page built), with the peak memory
    the child reports on each line and its peak until its last line ("peak"), in KiB."""
    # Bytecode as an installed app has it: a shell that sets PYTHONDONTWRITEBYTECODE
    # would otherwise make every start compile every module of the app from source.
    env = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    seen: dict[str, float] = {}
    # A child stuck on a dialog (a keyring it cannot reach, say) prints nothing more.
    watchdog = threading.Timer(START_TIMEOUT, child.kill)
    watchdog.start()
    try:
        for line in child.stdout:
            words = line.split()
            if words and words[0] in ("first-paint", "ready"):
                seen[words[0]] = time.perf_counter() - started
                if len(words) > 1:
                    seen[f"{words[0]}-kib"] = float(words[1])
    finally:
        watchdog.cancel()
    child.stdout.close()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if "first-paint" not in seen:
        raise RuntimeError(f"{command} never painted its window (exit {child.returncode})")
    # The child's own figure (VmHWM) where it printed one: ru_maxrss also counts this
    # runner's size when it forked the child, and this process grows (the scale vault).
    printed = seen.get("ready-kib", seen.get("first-paint-kib"))
    seen["peak"] = printed if printed else (
        usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024)
    return seen


Program = tuple[list[str], dict[str, str]]  # a command and its environment


def _interleaved(programs: list[Program], runs: int) -> list[dict[str, float]]:
    """The median of each figure of ``_start_once`` for every program, over ``runs``
    rounds that start each program in turn (after a warm-up round): a shared machine's
    load drifts, and taking turns lets the drift hit every program alike."""
    for command, env in programs:
        _start_once(command, env)  # warm the page cache the same way for every program
    rounds = [[_start_once(command, env) for command, env in programs] for _ in range(runs)]
    medians = []
    for index in range(len(programs)):
        samples = [taken[index] for taken in rounds]
        medians.append({key: _median([s[key] for s in samples if key in s])
                        for key in samples[0]})
    return medians


def _app_env(home: Path, keyring_path: Path) -> dict[str, str]:
    env = dict(os.environ, SUPPORTDESK_BENCH_FIRST_PAINT="1", PYTHON_KEYRING_BACKEND=BACKEND,
               HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local"), PYTHONPATH=str(REPO))
    env[ENV_FILE] = str(keyring_path)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no notifications or tray from a benchmark
    return env


def startup_rows(work: Path, runs: int) -> list[Row]:
    from supportdesk.vault.keystore import KeyringKeyStore
    from supportdesk.vault.vault import Vault

    home = work / "home"
    home.mkdir()
    empty = work / "empty-vault"
    Vault.create(empty, KeyringKeyStore(FileKeyring(work / "keyring.json")))[0].close()
    scale = generate.ensure()
    python = sys.executable
    app = [python, "-m", "supportdesk", "--data-dir"]
    hello, empty_run, scale_run = _interleaved([
        ([python, str(REPO / "benchmarks" / "hello.py")], dict(os.environ)),
        ([*app, str(empty)], _app_env(home, work / "keyring.json")),
        ([*app, str(scale)], _app_env(home, generate.keyring_file())),
    ], runs)
    hello_ms, hello_mib = hello["first-paint"] * 1000, hello["peak"] / 1024
    painted = "Today painted with the vault open"
    return [
        Row("cold start to first paint, empty vault", empty_run["first-paint"] * 1000, "ms",
            hello_ms, 1.3),
        Row("cold start to first paint, scale vault", scale_run["first-paint"] * 1000, "ms",
            hello_ms, 1.6),
        Row("cold start until Today is shown, empty vault", empty_run["ready"] * 1000, "ms",
            hello_ms, 1.8, painted),
        Row("cold start until Today is shown, scale vault", scale_run["ready"] * 1000, "ms",
            hello_ms, 2.5, painted),
        Row("peak memory at start (until Today is shown), empty vault",
            empty_run["peak"] / 1024, "MiB", hello_mib, 1.5),
        Row("peak memory at first paint, empty vault", empty_run["first-paint-kib"] / 1024,
            "MiB", hello_mib, 1.5),
        Row("peak memory at start (until Today is shown), scale vault",
            scale_run["peak"] / 1024, "MiB", hello_mib, float("inf"),
            "shown, no target: the target is for the empty vault"),
    ]


DESKTOP_NAMES = ("CLI 'due', empty vault, real Secret Service",
                 "CLI 'list', empty vault, real Secret Service",
                 "launch to Today painted, empty vault, X screen, real Secret Service")


def desktop_rows(runs: int) -> list[Row]:
    """The real-keyring rows (benchmarks/desktop.py), on a private desktop of their own."""
    import json

    script = REPO / "scripts" / "test-env.sh"
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(REPO)
    try:
        child = subprocess.run([str(script), sys.executable, str(REPO / "benchmarks" /
                                                                 "desktop.py"),
                                "--runs", str(runs)], cwd=REPO, env=env, capture_output=True,
                               text=True, timeout=900, check=False)
        lines = child.stdout.strip().splitlines()
        if child.returncode == 0 and lines:
            return [Row(**row) for row in json.loads(lines[-1])]
        reason = (child.stderr.strip().splitlines() or ["no output"])[-1][:90]
    except (OSError, subprocess.TimeoutExpired) as error:
        reason = type(error).__name__
    targets = (1.5, 1.5, 1.8)
    return [Row(name, float("nan"), "ms", float("nan"), target,
                f"not measured: {reason}") for name, target in zip(DESKTOP_NAMES, targets,
                                                                   strict=True)]


# -- interactions, in this process -------------------------------------------------------

def _open_scale() -> object:
    from supportdesk.services.session import Session
    from supportdesk.vault.keystore import KeyringKeyStore
    from supportdesk.vault.vault import Vault

    vault = Vault.open(generate.ensure(), KeyringKeyStore(FileKeyring(generate.keyring_file())))
    return Session(vault.db, vault=vault)


def search_row(session: object, quick: bool) -> Row:
    from PySide6.QtWidgets import QApplication

    from supportdesk.ui.models.supporter_filter import SupporterFilterProxy
    from supportdesk.ui.models.supporter_table import SupporterTableModel

    QApplication.instance() or QApplication([])
    model = SupporterTableModel()
    model.set_people(session.network.people(), datetime.now(UTC))  # type: ignore[attr-defined]
    proxy = SupporterFilterProxy(model)
    typed = "Priya Patel 1" if quick else "Priya Patel 12  Sam Okafor walking group"
    samples = []
    for rounds in range(3):
        for end in range(1, len(typed) + 1):
            started = time.perf_counter()
            proxy.set_search(typed[:end])
            proxy.rowCount()
            proxy.index(0, 0).data() if proxy.rowCount() else None
            samples.append(time.perf_counter() - started)
        proxy.set_search("")
        del rounds
    return Row("search-as-you-type in People (2,000)", _median(samples) * 1000, "ms", None, 16,
               f"{len(samples)} keystrokes")


def today_rows(session: object, runs: int) -> list[Row]:
    from supportdesk.services.dashboard import DashboardService
    from supportdesk.store.models import SupporterRow

    service = DashboardService(session)  # type: ignore[arg-type]
    started = time.perf_counter()
    service.today()  # every supporter converted, every due moment worked out
    first = time.perf_counter() - started

    def after_a_change() -> float:
        """Today again after one person's cadence changed, as the app meets it: the change
        committed (and put back afterwards, outside the timing)."""
        row = SupporterRow.select().order_by(SupporterRow.id).first()
        before = row.cadence_days
        SupporterRow.update(cadence_days=(before or 7) + 1).where(
            SupporterRow.id == row.id).execute()
        began = time.perf_counter()
        service.today()
        took = time.perf_counter() - began
        SupporterRow.update(cadence_days=before).where(SupporterRow.id == row.id).execute()
        service.today()  # back to the state the next round starts from
        return took

    changed = _median([after_a_change() for _ in range(runs)])
    return [
        Row("Today dashboard (scale vault)", _timed(service.today, runs) * 1000, "ms", None,
            50, "shown again, nothing changed: reads kept, one change check"),
        Row("Today dashboard after one person changed", changed * 1000, "ms", None, 50),
        Row("Today dashboard, first build after opening", first * 1000, "ms", None,
            float("inf"), "shown, no target"),
    ]


def checkins_rows(session: object, runs: int) -> list[Row]:
    """The Check-ins list on ten years: its first page, the next, and a search."""
    network = session.network  # type: ignore[attr-defined]
    first = network.checkins_page()
    own = "our own target, not the issue's"
    return [
        Row("Check-ins list: first page (200 of 200,000)",
            _timed(network.checkins_page, runs) * 1000, "ms", None, 50, own),
        Row("Check-ins list: next page as it scrolls",
            _timed(lambda: network.checkins_page(after=first[-1]), runs) * 1000, "ms", None,
            50, own),
        Row("Check-ins list: search for a word in no note",
            _timed(lambda: network.checkins_page(words=("zebrafinch",)), runs) * 1000, "ms",
            None, 300, own),
    ]


PAGES_WITH_TARGETS = ("People", "Circles", "Check-ins", "Gratitude")  # issue 18: 100 ms


def mood_rows(session: object, runs: int) -> list[Row]:
    """Issue 16: what your people do for your mood, worked out for everyone from nothing
    kept; and a mood noted from the tray's "How are you?" (Save pressed) until Today,
    showing, says it (the entry is taken back with Undo after each round, untimed)."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from supportdesk.ui.context import AppContext
    from supportdesk.ui.editors.mood_dialog import MoodDialog
    from supportdesk.ui.events import Events
    from supportdesk.ui.pages.today import TodayPage

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(session=session, events=Events(), undo=QUndoStack())  # type: ignore[arg-type]
    effects = ctx.app.mood_effect
    effects.everyone()  # the people themselves are read once, as Today has
    people = len(session.repo.supporter_heads())  # type: ignore[attr-defined]

    def everyone_afresh() -> None:
        effects._kept = None  # nothing kept: the query and the words, for everyone
        effects.everyone()

    everyone = _timed(everyone_afresh, runs)
    page = TodayPage(ctx)
    page.resize(1000, 700)
    page.show()
    ctx.bus.changed.connect(lambda topics: page.refresh() if topics & page.topics else None)
    app.processEvents()

    def noted_from_the_tray() -> float:
        dialog = MoodDialog(ctx, 4)  # as the tray's "How are you?" opens it, Good chosen
        began = time.perf_counter()
        assert dialog.save()
        app.processEvents()  # the bus's turn: Today, showing, refreshes
        took = time.perf_counter() - began
        latest = ctx.app.mood.latest()
        assert latest is not None and latest.id == dialog.saved.id  # type: ignore[union-attr]
        ctx.undo.undo()
        app.processEvents()
        dialog.deleteLater()
        return took

    noted = _median([noted_from_the_tray() for _ in range(runs)])
    rows = [
        Row(f"Mood effect for everyone ({people:,} people, 200,000 check-ins)",
            everyone * 1000, "ms", None, 100, "nothing kept"),
        Row("Mood noted from the tray, written and shown on Today", noted * 1000, "ms", None,
            50),
    ]
    page.close()
    ctx.bus.stop()  # the session stays open for the rows after these
    return rows


def page_rows(session: object, runs: int) -> list[Row]:
    """Each sidebar page on the scale vault, shown again (a refresh), as a person
    switching pages meets it: 100 ms for the four issue 18 names, the rest shown."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication, QWidget

    from supportdesk.ui.context import AppContext
    from supportdesk.ui.events import Events
    from supportdesk.ui.pages import PAGES, build_page

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(session=session, events=Events(), undo=QUndoStack())  # type: ignore[arg-type]
    rows = []
    for spec in PAGES:
        page: QWidget = build_page(spec, ctx)
        page.resize(1000, 700)
        page.show()
        app.processEvents()

        def again(page: QWidget = page) -> None:
            page.refresh()  # type: ignore[attr-defined]
            app.processEvents()

        targeted = spec.title in PAGES_WITH_TARGETS
        rows.append(Row(f"page shown again: {spec.title}", _timed(again, runs) * 1000, "ms",
                        None, 100 if targeted else float("inf"),
                        "" if targeted else "shown, no target"))
        page.close()
        page.deleteLater()
    return rows


def circles_rows(session: object, runs: int) -> list[Row]:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QFont, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QApplication

    from supportdesk.ui.circles.scene import CirclesScene

    QApplication.instance() or QApplication([])
    supporters = session.network.supporters()[:500]  # type: ignore[attr-defined]
    image = QImage(1000, 700, QImage.Format.Format_ARGB32_Premultiplied)

    def render(scene: CirclesScene) -> None:
        painter = QPainter(image)
        scene.render(painter)
        painter.end()

    def first_render() -> None:
        scene = CirclesScene(QPalette(), QFont())
        scene.build(supporters)
        render(scene)

    first = _timed(first_render, runs)
    scene = CirclesScene(QPalette(), QFont())
    scene.build(supporters)
    render(scene)
    node = next(iter(scene.nodes.values()))
    start = node.pos()
    frames = []
    for step in range(60):
        started = time.perf_counter()
        node.setPos(start + QPointF(step * 2.0, step * 1.0))
        render(scene)
        frames.append(time.perf_counter() - started)
    return [
        Row("circles map, 500 supporters: first render", first * 1000, "ms", None, 100),
        Row("circles map: drag frame", _median(frames) * 1000, "ms", None, 16.7,
            "60 frames, whole scene repainted each frame"),
    ]


def circles_in_child(runs: int) -> list[Row]:
    """The circles map in its own process: a crash there is reported, not fatal here."""
    import json

    child = subprocess.run([sys.executable, str(Path(__file__)), "--circles-only",
                            "--runs", str(runs)], cwd=REPO, capture_output=True, text=True,
                           timeout=600, check=False)
    names = ["circles map, 500 supporters: first render", "circles map: drag frame"]
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["no output"])
        reason = next((line for line in last if "Fatal Python error" in line), last[-1])
        return [Row(name, float("nan"), "ms", None, target, f"crashed: {reason[:90]}",
                    failed=True) for name, target in zip(names, (100, 16.7), strict=True)]
    return [Row(**row) for row in json.loads(child.stdout.strip().splitlines()[-1])]


def vcard_row(work: Path, session: object, runs: int) -> Row:
    from supportdesk.formats.vcard import write_vcards
    from supportdesk.services.importing import ImportService
    from supportdesk.services.session import create_session
    from supportdesk.vault.keystore import MemoryKeyStore

    cards = write_vcards(session.network.supporters()[:2000]).encode()  # type: ignore[attr-defined]
    samples = []
    for run in range(max(3, runs // 2)):
        target, _recovery = create_session(work / f"import-{run}", MemoryKeyStore())
        try:
            service = ImportService(target)
            started = time.perf_counter()
            service.apply(service.preview(cards))
            samples.append(time.perf_counter() - started)
        finally:
            target.close()
    return Row("vCard import of 2,000 contacts", _median(samples), "s", None, 2.0)


def cipher_row(work: Path, session: object, runs: int) -> Row:
    import peewee as pw

    from supportdesk.services.dashboard import DashboardService
    from supportdesk.services.session import Session
    from supportdesk.store import database

    plain_path = work / "plain.db"
    db = session.db  # type: ignore[attr-defined]
    database.run_sql(db, f"ATTACH DATABASE '{plain_path}' AS plaintext KEY ''")
    database.run_sql(db, "SELECT sqlcipher_export('plaintext')")
    database.run_sql(db, "DETACH DATABASE plaintext")
    # The same engine (sqlcipher3's SQLite) without a key, so encryption is the only
    # difference: the standard library's older SQLite plans and runs some queries slower.
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    plain_db = SqlCipherDatabase(str(plain_path), passphrase="", pragmas=database.PRAGMAS)
    plain_db.connect()

    def workload(s: Session) -> Callable[[], None]:
        def run() -> None:
            people = s.network.people()
            DashboardService(s).today()
            for person in people[:20]:
                s.network.checkins(person.supporter.id)
        return run

    cipher_work = workload(Session(db))
    plain_work = workload(Session(plain_db))

    def once(work: Callable[[], None], bound_to: pw.Database) -> float:
        import gc

        database.bind(bound_to)
        gc.collect()  # neither pays for the other's garbage
        started = time.perf_counter()
        work()
        return time.perf_counter() - started

    def pair(index: int) -> tuple[float, float]:
        """One of each, in turn A B, then B A: neither always goes first."""
        if index % 2:
            plain_first = once(plain_work, plain_db)
            return once(cipher_work, db), plain_first
        return once(cipher_work, db), once(plain_work, plain_db)

    once(cipher_work, db), once(plain_work, plain_db)  # warm both caches alike
    # Taking turns, in rounds, until two halves of the rounds agree within 10%: a ratio
    # from one block of each read 0.93x one day and 1.86x another as the load drifted.
    def ratio_of(taken: list[tuple[float, float]]) -> float:
        return _median([c / p for c, p in taken])

    pairs: list[tuple[float, float]] = []
    while True:
        for _ in range(max(runs, 5) if pairs else max(4 * runs, 20)):
            pairs.append(pair(len(pairs)))
        half = len(pairs) // 2
        first, second = ratio_of(pairs[:half]), ratio_of(pairs[half:])
        overall = ratio_of(pairs)
        if max(abs(first - overall), abs(second - overall)) <= 0.1 * overall \
                or len(pairs) >= 200:
            break
    ratios = [c / p for c, p in pairs]
    plain_db.close()
    database.bind(db)
    cipher = _median([c for c, _ in pairs])
    plain = _median([p for _, p in pairs])
    ratios.sort()
    quartiles = (ratios[len(ratios) // 4], ratios[(3 * len(ratios)) // 4])
    return Row("SQLCipher vs plain SQLite, same queries", cipher * 1000, "ms", plain * 1000, 1.3,
               paired_ratio=_median(ratios), note=(
               f"people list, Today, 20 person pages; {len(pairs)} interleaved pairs; pair by "
               f"pair middle half {quartiles[0]:.2f}-{quartiles[1]:.2f}x; first and second "
               f"half of the pairs {first:.2f}x and {second:.2f}x"))


FROZEN_NAMES = ("frozen app start to first paint vs frozen hello-world",
                "frozen app start until Today is shown vs frozen hello-world",
                "frozen app size vs frozen hello-world")


def disk_usage(folder: Path) -> int:
    """Bytes the folder takes on disk, as ``du -s`` counts them (hard links once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in [folder, *folder.rglob("*")]:
        info = path.lstat()
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += info.st_blocks * 512
    return total


def _frozen_env(home: Path, keyring_path: Path) -> dict[str, str]:
    """The app's benchmark environment for the frozen app. It cannot import the file
    keyring (a test module, rightly not bundled) by PYTHON_KEYRING_BACKEND; keyring's
    own config file can add this checkout to its path and name the backend there."""
    env = _app_env(home, keyring_path)
    env.pop("PYTHON_KEYRING_BACKEND")
    config = home / ".config" / "python_keyring"
    config.mkdir(parents=True, exist_ok=True)
    (config / "keyringrc.cfg").write_text(
        f"[backend]\ndefault-keyring = {BACKEND}\nkeyring-path = {REPO}\n", encoding="utf-8")
    return env


def frozen_rows(runs: int) -> list[Row]:
    """The PyInstaller app against a PyInstaller hello-world (benchmarks/hello.spec)."""
    app = REPO / "dist" / "supportdesk" / "supportdesk"
    hello = REPO / "dist" / "hello" / "hello"
    if not (app.exists() and hello.exists()):
        note = "make bench-frozen builds dist/supportdesk and dist/hello"
        return [Row(name, float("nan"), unit, float("nan"), 1.3, note)
                for name, unit in zip(FROZEN_NAMES, ("ms", "ms", "MiB"), strict=True)]
    from supportdesk.vault.keystore import KeyringKeyStore
    from supportdesk.vault.vault import Vault

    with tempfile.TemporaryDirectory(prefix="bench-frozen-") as folder:
        work = Path(folder)
        Vault.create(work / "v", KeyringKeyStore(FileKeyring(work / "k.json")))[0].close()
        started, frozen_hello = _interleaved([
            ([str(app), "--data-dir", str(work / "v")],
             _frozen_env(work / "home", work / "k.json")),
            ([str(hello)], dict(os.environ)),
        ], runs)
    hello_ms = frozen_hello["first-paint"] * 1000
    mib = 1024 * 1024
    return [
        Row(FROZEN_NAMES[0], started["first-paint"] * 1000, "ms", hello_ms, 1.3, "empty vault"),
        Row(FROZEN_NAMES[1], started["ready"] * 1000, "ms", hello_ms, 1.3,
            "empty vault; Today painted with the vault open"),
        Row(FROZEN_NAMES[2], disk_usage(app.parent) / mib, "MiB",
            disk_usage(hello.parent) / mib, 1.3, "onedir folder on disk"),
    ]


# -- the table ----------------------------------------------------------------------------

def _format(rows: list[Row], markdown: bool) -> str:
    header = ["measure", "SupportDesk", "hello-world", "ratio", "target", "result"]
    lines = []
    for row in rows:
        value = f"{row.value:.1f} {row.unit}" if row.measured else "not measured"
        known = row.baseline is not None and row.baseline == row.baseline  # not NaN
        base = f"{row.baseline:.1f} {row.unit}" if known else ""
        ratio = "" if row.ratio is None or not row.measured else f"{row.ratio:.2f}x"
        target = f"<= {row.target}x" if row.baseline is not None else (
            f"<= {row.target} {row.unit}")
        result = ("ok" if row.ok else "MISSED") if row.measured else (
            "FAILED" if row.failed else "—")
        if row.target == float("inf"):  # shown for context, no target of its own
            target, result = "(shown)", "—"
        if row.note:
            value = f"{value} ({row.note})"
        lines.append([row.name, value, base, ratio, target, result])
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=False)]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=False))
                     for line in [header, *lines])


def machine() -> str:
    cpus = os.cpu_count() or 0
    return (f"{platform.node() or 'this machine'}: {platform.system()} {platform.release()}, "
            f"{platform.machine()}, {cpus} CPUs, Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SupportDesk benchmarks")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--circles-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mood-grid-only", action="store_true",
                        help="only the year grid on ten years of moods and check-ins")
    parser.add_argument("--frozen-only", action="store_true",
                        help="only the frozen app against the frozen hello-world")
    parser.add_argument("--only", choices=["mood"],
                        help="only one group of rows (mood: issue 16's mood rows)")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    if args.only == "mood":
        session = _open_scale()
        try:
            return _report(mood_rows(session, runs), runs, args.markdown)
        finally:
            session.close()  # type: ignore[attr-defined]
    if args.circles_only:
        import json
        from dataclasses import asdict

        session = _open_scale()
        try:
            print(json.dumps([asdict(row) for row in circles_rows(session, runs)]))
        finally:
            session.close()  # type: ignore[attr-defined]
        return 0
    if args.frozen_only:
        return _report(frozen_rows(runs), runs, args.markdown)
    from benchmarks.mood_grid import mood_grid_rows

    if args.mood_grid_only:
        with tempfile.TemporaryDirectory(prefix="supportdesk-bench-") as folder:
            return _report(mood_grid_rows(Path(folder), runs), runs, args.markdown)
    with tempfile.TemporaryDirectory(prefix="supportdesk-bench-") as folder:
        work = Path(folder)
        rows = startup_rows(work, runs)
        rows += desktop_rows(runs)
        circles = circles_in_child(runs)  # before this process holds the vault open
        moods = mood_grid_rows(work, runs)  # on a copy of the scale vault, with 3,650 moods
        session = _open_scale()
        try:
            rows.append(search_row(session, args.quick))
            rows += today_rows(session, runs)
            rows += mood_rows(session, runs)
            rows += checkins_rows(session, runs)
            rows += page_rows(session, runs)
            rows += circles
            rows += moods
            rows.append(vcard_row(work, session, runs))
            rows.append(cipher_row(work, session, runs))
        finally:
            session.close()  # type: ignore[attr-defined]
        rows += frozen_rows(runs)
    return _report(rows, runs, args.markdown)


def _report(rows: list[Row], runs: int, markdown: bool) -> int:
    print(f"SupportDesk benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, medians of {runs} "
          f"runs\n{machine()}\n")
    print(_format(rows, markdown))
    missed = [row.name for row in rows if not row.ok]
    if missed:
        print(f"\nMissed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

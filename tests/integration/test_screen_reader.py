"""What a screen reader meets in the real app, read through AT-SPI (issue 17).

The real app runs on the private desktop with the accessibility bus up (at-spi2-core's
``at-spi-bus-launcher``) and ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``, as it would for a
person using Orca, over a throwaway vault with the sample network and a PIN, so it
starts locked. A walker in the system Python (``atspi_walker.py``: pyatspi, Debian's
python3-pyatspi) visits, by keyboard only, the lock screen and its crisis help, every
page, a person's page and the main dialogs tab by tab, and reads what a screen reader
reads. On each of them:

- every control that takes focus has a role and a name, and so has every button and
  image (an icon-only button included);
- every table names its columns;
- Tab, read back from the focus events, goes the way a reader does (the rule of
  ``tests/gui/focus_walk.py``), and never gets stuck.

The count of unnamed controls is printed with the run's figures and must be 0.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import REPO, PrivateDesktop, missing

pytestmark = [pytest.mark.real,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="AT-SPI is Linux")]

SYSTEM_PYTHON = "/usr/bin/python3"  # where Debian's python3-pyatspi is importable
WALKER = Path(__file__).with_name("atspi_walker.py")
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
A11Y_BUS = "org.a11y.Bus"
PIN = "2468"
LOCKED = ["label", "SupportDesk is locked"]


def page(view: str, key: str, name: str | None = None) -> dict[str, Any]:
    return {"view": view, "keys": [key], "ready": ["filler", name or view]}


def dialog(view: str, key: str, *, tabs: bool = False) -> dict[str, Any]:
    return {"view": view, "keys": [key], "window": "dialog", "tabs": tabs,
            "leave": ["Escape"]}


# By keyboard alone, as a person using a screen reader goes round.
TOUR: list[dict[str, Any]] = [
    {"view": "Lock screen", "ready": LOCKED},
    {"view": "Crisis help while locked", "keys": ["focus:Reach out now", "space"],
     "window": "dialog", "leave": ["Escape"]},
    {"view": "Unlocking", "ready": LOCKED, "walk": False,
     "leave": ["focus:PIN", f"type:{PIN}", "Return"], "gone": LOCKED},
    page("Today", "ctrl+1"),
    page("People", "ctrl+2"),
    {"view": "A person's page", "keys": ["ctrl+f", "Return"], "ready": ["filler", "Person"]},
    page("Circles", "ctrl+3"),
    page("Check-ins", "ctrl+4"),
    page("Gratitude", "ctrl+5"),
    page("Safety plan", "ctrl+6"),
    page("Reach out now", "ctrl+7"),
    dialog("Add someone", "ctrl+n", tabs=True),
    dialog("Log a check-in", "ctrl+l"),
    dialog("How are you?", "ctrl+m"),
    dialog("Add gratitude", "ctrl+shift+g"),
    dialog("Settings", "ctrl+comma", tabs=True),
]


MAKE_VAULT = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from supportdesk.services.application import Application
    from supportdesk.services.demo import fill_demo
    from supportdesk.services.session import create_session

    session, _recovery_key = create_session(Path(sys.argv[1]))
    try:
        fill_demo(session, datetime.now(UTC))
        app = Application(session)
        app.app_lock.set_pin(sys.argv[2])
        app.app_lock.set_enabled(True)
    finally:
        session.close()
""")


def _launcher() -> str:
    for path in BUS_LAUNCHERS:
        if Path(path).exists():
            return path
    missing("at-spi-bus-launcher is not installed (apt-get install at-spi2-core)")
    raise AssertionError  # missing() does not return


def _system_pyatspi() -> None:
    if shutil.which("xdotool") is None:
        missing("xdotool is not installed (apt-get install xdotool)")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True,
                           text=True, timeout=30, check=False) if Path(SYSTEM_PYTHON).exists(
    ) else None
    if probe is None or probe.returncode != 0:
        missing("the AT-SPI client library pyatspi is not there for the system Python "
                "(apt-get install python3-pyatspi)")


@pytest.fixture(scope="module")
def accessibility_bus(private_desktop: PrivateDesktop) -> Iterator[dict[str, str]]:
    """The private desktop with the accessibility bus running, for the app and walker."""
    env = private_desktop.child_env()
    if not env.get("DISPLAY") or not private_desktop.has_name("org.freedesktop.DBus"):
        missing("no private desktop (Xvfb and a session D-Bus)")
    _system_pyatspi()
    launcher = subprocess.Popen([_launcher(), "--launch-immediately"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if private_desktop.has_name(A11Y_BUS):
                break
            assert launcher.poll() is None, "at-spi-bus-launcher stopped at once"
            time.sleep(0.1)
        else:
            missing(f"at-spi-bus-launcher did not take {A11Y_BUS} on the session bus")
        yield {**env, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}
    finally:
        launcher.terminate()
        try:
            launcher.wait(timeout=10)
        except subprocess.TimeoutExpired:
            launcher.kill()
            launcher.wait()


@pytest.fixture(scope="module")
def tour(accessibility_bus: dict[str, str], _secret_service_works: str,
         tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The walker's reading of every view of the real app."""
    if _secret_service_works:
        missing(_secret_service_works)
    env = accessibility_bus
    root = tmp_path_factory.mktemp("screen-reader")
    vault = root / "vault"
    made = subprocess.run([sys.executable, "-c", MAKE_VAULT, str(vault), PIN], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    plan = root / "plan.json"
    plan.write_text(json.dumps(TOUR), encoding="utf-8")
    app = subprocess.Popen([sys.executable, "-m", "supportdesk", "--data-dir", str(vault)],
                           cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    try:
        walked = subprocess.run([SYSTEM_PYTHON, str(WALKER), str(app.pid), str(plan)],
                                cwd=REPO, env=env, capture_output=True, text=True,
                                timeout=240, check=False)
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        assert app.stderr is not None
        app_errors = app.stderr.read()
        app.stderr.close()
    assert walked.returncode == 0, f"{walked.stderr[-3000:]}\nthe app said: {app_errors[-2000:]}"
    (root / "tour.json").write_text(walked.stdout, encoding="utf-8")  # to read on failure
    return dict(json.loads(walked.stdout))


def out_of_order(view: dict[str, Any]) -> list[str]:
    """Each Tab step that goes back to something a reader met earlier, but one: the
    walk starts wherever focus was, so going round once has one step back to the top."""
    from PySide6.QtCore import QRect

    from tests.gui.focus_walk import comes_before

    back = [f"{step['from']['name']!r} -> {step['to']['name']!r}" for step in view["steps"]
            if comes_before(QRect(*step["to"]["rect"]), QRect(*step["from"]["rect"]))]
    return back if len(back) > 1 else []


def test_the_tour_reaches_the_lock_screen_every_page_and_the_main_dialogs(
        tour: dict[str, Any]) -> None:
    names = [view["view"] for view in tour["views"]]
    for expected in ("Lock screen", "Crisis help while locked", "Today", "People",
                     "A person's page", "Circles", "Check-ins", "Gratitude", "Safety plan",
                     "Reach out now", "Log a check-in", "How are you?", "Add gratitude"):
        assert expected in names
    assert any(name.startswith("Add someone: ") for name in names)
    assert sum(name.startswith("Settings: ") for name in names) >= 3
    for view in tour["views"]:
        assert view["controls"] > 0, view["view"]


def test_every_control_a_screen_reader_meets_has_a_role_and_a_name(
        tour: dict[str, Any], integration_figures: list[str]) -> None:
    views = tour["views"]
    unnamed = [f"{view['view']}: {what}" for view in views for what in view["unnamed"]]
    integration_figures.append(
        f"AT-SPI controls  views={len(views)}, nodes={sum(v['nodes'] for v in views)}, "
        f"controls={sum(v['controls'] for v in views)}, unnamed={len(unnamed)}")
    assert unnamed == []


def test_every_table_names_its_columns(tour: dict[str, Any],
                                       integration_figures: list[str]) -> None:
    tables = [(view["view"], table) for view in tour["views"] for table in view["tables"]]
    unheaded = [f"{where}: {table['name']!r} column {index + 1}" for where, table in tables
                for index, header in enumerate(table["headers"]) if not header]
    integration_figures.append(
        f"AT-SPI tables  tables={len(tables)}, "
        f"columns={sum(t['columns'] for _, t in tables)}, unheaded={len(unheaded)}")
    assert len(tables) >= 4  # People, Check-ins, Gratitude, a person's check-ins
    assert all(table["columns"] > 0 for _, table in tables)
    assert unheaded == []


def test_tab_goes_round_in_reading_order_without_getting_stuck(
        tour: dict[str, Any], integration_figures: list[str]) -> None:
    walked = [view for view in tour["views"] if view["steps"]]
    wrong = {view["view"]: out_of_order(view) for view in walked}
    wrong = {where: steps for where, steps in wrong.items() if steps}
    stuck = {view["view"]: view["stuck"] for view in tour["views"] if view["stuck"]}
    integration_figures.append(
        f"AT-SPI Tab order  views={len(walked)}, "
        f"stops={sum(len(v['stops']) for v in walked)}, out_of_order={len(wrong)}, "
        f"stuck={len(stuck)}")
    assert stuck == {}
    assert wrong == {}
    for view in walked:  # round once, back where it began (no loop inside)
        assert view["steps"][-1]["to"]["path"] == view["stops"][0]["path"], view["view"]


def test_while_locked_a_screen_reader_reaches_only_the_lock_screen(
        tour: dict[str, Any]) -> None:
    """Nothing of the window under the cover is shown to AT-SPI or reached by Tab."""
    lock = next(view for view in tour["views"] if view["view"] == "Lock screen")
    names = {stop["name"] for stop in lock["stops"]}
    assert {"PIN", "Unlock", "Reach out now"} <= names
    assert not names & {"Sections", "Log a check-in", "Dismiss", "Today page"}
    assert all(name in {"PIN", "Unlock", "Reach out now"} or name.startswith(
        ("Emergency: ", "Call ", "Text ", "Chat with ")) for name in names), names
    assert lock["nodes"] < 40  # the lock screen alone; with Today beneath it was over 100

"""A screen reader's view of the running app, read through AT-SPI with pyatspi.

Run with the *system* Python: pyatspi is Debian's python3-pyatspi (GObject
introspection over libatspi), not a PyPI package, so it cannot be imported in the
project's venv. ``tests/integration/test_screen_reader.py`` starts it as

    /usr/bin/python3 tests/integration/atspi_walker.py PID PLAN.json

PLAN is a list of steps, each a view to look at (a page, a dialog, the lock screen)::

    {"view": "People", "keys": ["ctrl+2"], "window": "main",
     "ready": ["filler", "People"], "tabs": false, "leave": [], "gone": null}

``keys`` are pressed first (xdotool names, or "type:TEXT"); ``window`` is "main" (the
app's first window) or "dialog" (a window that was not there before); ``ready`` is a
role and name that must be showing in it before it is read; ``tabs`` reads each tab of
a tab widget on its own (``walk``: false reads nothing); ``leave`` is pressed after, and
the walker then waits until ``gone`` (a role and name) is no longer showing, or a dialog
has closed.

For each view it prints what a screen reader would meet: every control that takes
focus with its role and name, buttons and images without a name, each table's column
headers, and the Tab order as read from focus events, each step with where both ends
are on screen at that moment (the order itself is judged by the test, with the same
rule as ``tests/gui/focus_walk.py``). The result is one JSON object on stdout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import pyatspi
from gi.repository import GLib

# Views whose children are the data they show (rows, cells, items): they are read through
# their own interfaces (Table), not walked cell by cell.
ITEM_VIEWS = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TREE,
              pyatspi.ROLE_LIST}
ITEMS = {pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_TREE_ITEM,
         pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_COLUMN_HEADER, pyatspi.ROLE_ROW_HEADER}
NO_ROLE = {pyatspi.ROLE_INVALID, pyatspi.ROLE_UNKNOWN}
MUST_BE_NAMED = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_IMAGE,
                 pyatspi.ROLE_ICON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON}
WINDOWS = {pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_WINDOW, pyatspi.ROLE_ALERT}
MAX_TAB_STOPS = 150
FOCUS_WAIT = 5.0  # seconds for a key to do anything at all (a busy machine is slow)
SETTLE = 0.25  # after something moved inside a control, how long a focus event may take
MAX_MOVES_INSIDE = 60  # Tab presses that stay inside one control (a date's parts, a map)
# What Tab does inside a control that keeps it (the next part of a date, the next person
# on the map): the caret, the selection or the description moves, focus does not.
MOVED_INSIDE = ("object:text-caret-moved", "object:state-changed:selected",
                "object:property-change:accessible-description")
PAUSE = 0.01


def say(message: str) -> None:
    print(f"atspi-walker: {message}", file=sys.stderr, flush=True)


class Walker:
    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.focus_events: list[Any] = []
        self.moved_inside_at = 0.0
        pyatspi.Registry.registerEventListener(self._on_focus, "object:state-changed:focused")
        pyatspi.Registry.registerEventListener(self._on_moved_inside, *MOVED_INSIDE)
        self.app = self._until(self._find_app, 30, "the app in the AT-SPI registry")
        self.main = self._until(lambda: self._windows()[0] if self._windows() else None, 30,
                                "the main window")

    # -- waiting ---------------------------------------------------------------
    def _on_focus(self, event: Any) -> None:
        if event.detail1:
            self.focus_events.append(event.source)

    def _on_moved_inside(self, _event: Any) -> None:
        self.moved_inside_at = self.moved_inside_at or time.monotonic()

    def pump(self, seconds: float = 0.0) -> None:
        """Let focus events in (the listener runs on GLib's main context)."""
        context = GLib.MainContext.default()
        end = time.monotonic() + seconds
        while True:
            while context.iteration(False):
                pass
            if time.monotonic() >= end:
                return
            time.sleep(PAUSE)

    def _until(self, probe: Any, timeout: float, what: str) -> Any:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump()
            try:
                found = probe()
            except GLib.Error:  # an object went away while we looked
                found = None
            if found:
                return found
            time.sleep(0.05)
        raise SystemExit(f"atspi-walker: gave up waiting for {what}")

    # -- the app and its windows -------------------------------------------------
    def _find_app(self) -> Any:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            child = desktop.getChildAtIndex(index)
            if child is not None and child.get_process_id() == self.pid:
                return child
        return None

    def _windows(self) -> list[Any]:
        found = []
        for index in range(self.app.childCount):
            child = self.app.getChildAtIndex(index)
            if (child is not None and child.getRole() in WINDOWS
                    and child.getState().contains(pyatspi.STATE_SHOWING)):
                found.append(child)
        return found

    def activate(self, window: Any) -> None:
        """Give the window the keyboard, as clicking on it would (there is no window
        manager on the private desktop to do it)."""
        if window.getState().contains(pyatspi.STATE_ACTIVE):
            return
        ids = run(["xdotool", "search", "--onlyvisible", "--pid", str(self.pid)]).split()
        for window_id in ids:
            if run(["xdotool", "getwindowname", window_id]).strip() == window.name:
                run(["xdotool", "windowfocus", "--sync", window_id])
                break
        self._until(lambda: window.getState().contains(pyatspi.STATE_ACTIVE), 10,
                    f"the window {window.name!r} to take the keyboard")

    def press(self, keys: list[str], window: Any = None) -> None:
        """xdotool key names; "type:TEXT" types TEXT; "focus:NAME" moves the focus to
        the control named NAME in ``window``, as a screen reader's own commands can."""
        for key in keys:
            if key.startswith("type:"):
                run(["xdotool", "type", "--delay", "20", key[5:]])
            elif key.startswith("focus:"):
                target = self.find(window, key[6:])
                if target is None:
                    raise SystemExit(f"atspi-walker: nothing named {key[6:]!r} to focus")
                target.queryComponent().grabFocus()
                self.pump(0.2)
            else:
                run(["xdotool", "key", "--clearmodifiers", key])

    # -- reading a window --------------------------------------------------------
    def read(self, window: Any) -> dict[str, Any]:
        """Every showing node: focusable controls and their names, unnamed buttons and
        images, and the column headers of each table."""
        out: dict[str, Any] = {"nodes": 0, "controls": 0, "unnamed": [], "tables": []}

        def visit(node: Any, trail: str) -> None:
            state = node.getState()
            if not state.contains(pyatspi.STATE_SHOWING):
                return
            out["nodes"] += 1
            role, name = node.getRole(), (node.name or "").strip()
            where = f"{trail} > {node.getRoleName()}"
            if state.contains(pyatspi.STATE_FOCUSABLE) and role not in ITEMS:
                out["controls"] += 1
                if not name or role in NO_ROLE:
                    out["unnamed"].append(f"{where} {name!r} (takes focus)")
            elif role in MUST_BE_NAMED and not name:
                out["unnamed"].append(f"{where} (a button or image)")
            if role in (pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE):
                out["tables"].append(self._table(node, name))
            if role in ITEM_VIEWS:
                return
            label = name[:40] if name else node.getRoleName()
            for index in range(node.childCount):
                child = node.getChildAtIndex(index)
                if child is not None:
                    visit(child, f"{trail} > {label}" if trail else label)

        visit(window, "")
        return out

    def _table(self, node: Any, name: str) -> dict[str, Any]:
        table = node.queryTable()
        headers = []
        for column in range(table.nColumns):
            header = table.getColumnHeader(column)
            words = (header.name if header is not None else "") or table.getColumnDescription(
                column)
            headers.append((words or "").strip())
        return {"name": name, "columns": table.nColumns, "headers": headers}

    # -- Tab order ---------------------------------------------------------------
    def _stop(self, accessible: Any) -> Any:
        """The control a focus event is about: a view, not the item inside it."""
        while accessible is not None and accessible.getRole() in ITEMS:
            accessible = accessible.parent
        return accessible

    def _tab(self) -> tuple[Any, int]:
        """Press Tab until focus moves: the control it moved to (None if Tab did nothing
        at all) and how many presses moved only inside the control that had it."""
        inside = 0
        while inside <= MAX_MOVES_INSIDE:
            self.focus_events.clear()
            self.moved_inside_at = 0.0
            self.press(["Tab"])
            end = time.monotonic() + FOCUS_WAIT
            while time.monotonic() < end and not self.focus_events:
                if self.moved_inside_at and time.monotonic() > self.moved_inside_at + SETTLE:
                    break
                self.pump()
                time.sleep(PAUSE)
            if self.focus_events:
                time.sleep(0.03)  # an item inside the view may follow its view
                self.pump()
                return self._stop(self.focus_events[-1]), inside
            if not self.moved_inside_at:
                return None, inside
            inside += 1
        return None, inside

    def tab_order(self, window: Any) -> dict[str, Any]:
        """Press Tab until focus comes back round; each step with both ends' places on
        screen read after the key (a scrolled view has moved)."""
        current, _inside = self._tab()  # begins in the Tab chain, wherever the focus was
        if current is None:
            return {"stops": [], "steps": [], "stuck": "the window (nothing takes focus)"}
        stops, steps, seen = [describe(current)], [], {current.path}
        stuck = None
        for _ in range(MAX_TAB_STOPS):
            following, inside = self._tab()
            if following is None:
                stuck = stops[-1]["name"]  # Tab does not move on from it: a keyboard trap
                break
            steps.append({"from": describe(current), "to": describe(following),
                          "inside": inside})
            if following.path in seen:
                break
            seen.add(following.path)
            stops.append(describe(following))
            current = following
        return {"stops": stops, "steps": steps, "stuck": stuck}

    # -- a tour --------------------------------------------------------------
    def find(self, window: Any, name: str, role: str | None = None) -> Any:
        """The first showing node in ``window`` with this name (and role)."""

        def visit(node: Any) -> Any:
            if not node.getState().contains(pyatspi.STATE_SHOWING):
                return None
            if (node.name or "") == name and role in (None, node.getRoleName()):
                return node
            if node.getRole() in ITEM_VIEWS:
                return None
            for child in children(node):
                found = visit(child)
                if found is not None:
                    return found
            return None

        return visit(window)

    def showing(self, window: Any, role_and_name: list[str]) -> bool:
        role, name = role_and_name
        return self.find(window, name, role) is not None

    def look(self, step: dict[str, Any]) -> list[dict[str, Any]]:
        view = step["view"]
        before = {w.path for w in self._windows()}
        self.activate(self._windows()[-1])
        self.press(step.get("keys", []), self._windows()[-1])
        if step.get("window", "main") == "main":
            window = self.main
        else:
            window = self._until(
                lambda: next((w for w in self._windows() if w.path not in before), None),
                15, f"a window for {view}")
            self.activate(window)
        if step.get("ready"):
            self._until(lambda: self.showing(window, step["ready"]), 15,
                        f"{step['ready']} in {view}")
        self.pump(0.3)  # the layout settles
        views = []
        count = len(self._tabs(window)[1]) if step.get("tabs") else 0
        for index in range(count or 1 if step.get("walk", True) else 0):
            name = view
            if count:
                tab_list, tabs = self._tabs(window)
                name = f"{view}: {tabs[index].name}"  # the tab list takes the current's
                tab_list.querySelection().selectChild(index)
                self.pump(0.3)
            views.append({"view": name, **self.read(window), **self.tab_order(window)})
            say(f"read {name}")
        self.press(step.get("leave", []), window)
        if step.get("window", "main") != "main":
            self._until(lambda: window.path not in {w.path for w in self._windows()}, 15,
                        f"{view} to close")
        elif step.get("gone"):
            self._until(lambda: not self.showing(window, step["gone"]), 15,
                        f"{step['gone']} to go")
        return views

    def _tabs(self, window: Any) -> tuple[Any, list[Any]]:
        """The first tab bar in the window and its tabs."""
        window.clear_cache()  # Qt makes the tabs' nodes anew on each switch
        found: list[Any] = []

        def visit(node: Any) -> None:
            if not node.getState().contains(pyatspi.STATE_SHOWING):
                return
            if node.getRole() == pyatspi.ROLE_PAGE_TAB_LIST:
                found.append((node, [tab for tab in children(node)
                                     if tab.getRole() == pyatspi.ROLE_PAGE_TAB]))
                return
            if node.getRole() in ITEM_VIEWS:
                return
            for child in children(node):
                visit(child)

        visit(window)
        return found[0] if found else (None, [])


def children(node: Any) -> list[Any]:
    return [child for index in range(node.childCount)
            if (child := node.getChildAtIndex(index)) is not None]


def describe(accessible: Any) -> dict[str, Any]:
    extents = accessible.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return {"name": accessible.name or "", "role": accessible.getRoleName(),
            "path": accessible.path,
            "rect": [extents.x, extents.y, extents.width, extents.height]}


def run(argv: list[str]) -> str:
    return subprocess.run(argv, capture_output=True, text=True, timeout=15,
                          check=False).stdout


def main() -> int:
    pid, plan_path = int(sys.argv[1]), sys.argv[2]
    with open(plan_path, encoding="utf-8") as plan_file:
        plan = json.load(plan_file)
    walker = Walker(pid)
    views = []
    for step in plan:
        views += walker.look(step)
    print(json.dumps({"views": views}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Hears the desktop lock its screen (Linux, over D-Bus with jeepney), where it can.

Two sources are watched: ``org.freedesktop.ScreenSaver.ActiveChanged(true)`` on the
session bus (GNOME, KDE, Xfce, Cinnamon, MATE screen savers) and logind's
``org.freedesktop.login1.Session.Lock`` on the system bus. Each listens in its own
daemon thread; a bus that is not there is simply not watched. Elsewhere nothing is
detected and the idle timer alone locks the app.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

log = logging.getLogger(__name__)

WATCHES = (
    ("SESSION", "org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("SYSTEM", "org.freedesktop.login1.Session", "Lock"),
)
POLL_SECONDS = 1.0


class ScreenLockWatcher(QObject):
    """Signals:
        screen_locked(): the desktop says its screen has just locked.
    """

    screen_locked = Signal()
    _heard = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.listening: list[str] = []
        self._heard.connect(self.screen_locked, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        if not sys.platform.startswith("linux"):
            return
        for bus, interface, member in WATCHES:
            connection = _open(bus)
            if connection is None:
                continue
            try:
                queue_rule = _subscribe(connection, interface, member)
            except Exception as exc:  # a bus that refuses the match: nothing to hear there
                log.info("Screen lock not watched on %s bus (%s)", bus, type(exc).__name__)
                connection.close()
                continue
            self.listening.append(f"{interface}.{member}")
            thread = threading.Thread(target=self._listen, args=(connection, queue_rule),
                                      name=f"screen-lock-{bus.lower()}", daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=POLL_SECONDS * 2)
        self._threads.clear()

    def _listen(self, connection: Any, rule: Any) -> None:
        try:
            with connection.filter(rule) as queue:
                while not self._stop.is_set():
                    try:
                        message = connection.recv_until_filtered(queue, timeout=POLL_SECONDS)
                    except TimeoutError:
                        continue
                    if _means_locked(message):
                        self._heard.emit()
        except Exception as exc:  # the bus went away: stop listening, the idle timer remains
            log.info("Screen lock watch ended (%s)", type(exc).__name__)
        finally:
            connection.close()


def _open(bus: str) -> Any | None:
    try:
        from jeepney.io.blocking import open_dbus_connection

        return open_dbus_connection(bus=bus)
    except Exception as exc:  # no such bus here
        log.info("No %s D-Bus for screen lock (%s)", bus.lower(), type(exc).__name__)
        return None


def _subscribe(connection: Any, interface: str, member: str) -> Any:
    from jeepney import MatchRule
    from jeepney.bus_messages import message_bus

    rule = MatchRule(type="signal", interface=interface, member=member)
    connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=POLL_SECONDS * 2)
    return rule


def _means_locked(message: Any) -> bool:
    member = message.header.fields.get(_member_field())
    if member == "Lock":
        return True
    return bool(message.body) and message.body[0] is True


def _member_field() -> Any:
    from jeepney.low_level import HeaderFields

    return HeaderFields.member

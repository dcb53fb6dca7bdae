"""Notices when the person has not touched SupportDesk for a while."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})
CHECK_EVERY_MS = 5_000


class IdleWatcher(QObject):
    """Counts seconds since the last key, click, move or scroll in any SupportDesk window.

    Signals:
        idle_for(float): sent every few seconds with the seconds since the last input.
    """

    idle_for = Signal(float)

    def __init__(self, app: QApplication, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.last_input = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input = self.clock()
        return False

    def seconds_idle(self) -> float:
        return self.clock() - self.last_input

    def reset(self) -> None:
        self.last_input = self.clock()

    def _on_timer_timeout(self) -> None:
        self.idle_for.emit(self.seconds_idle())

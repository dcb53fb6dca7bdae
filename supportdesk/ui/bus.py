"""The GUI's end of the change feed: one signal per event-loop turn, whatever changed in it.

Signals:
    changed(frozenset[str]): these topics changed since the last signal ("people",
        "checkins", "gratitude", "plan", "settings", "reminders" from the feed, and
        "due" from the reminder engine when someone came due as time passed).

Use cases publish to the feed as they commit; ``poll_now()`` (on a timer, and when the
window is shown or activated) brings in what other processes changed. However many
topics arrive in one turn, ``changed`` is emitted once, in the next turn.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from supportdesk.services.feed import ChangeFeed

POLL_MS = 1000  # a change from the command line shows within about a second


class ChangeBus(QObject):
    changed = Signal(object)

    def __init__(self, feed: ChangeFeed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._feed = feed
        self._pending: set[str] = set()
        self._scheduled = False
        self._stopped = False
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self._on_poll_timer_timeout)
        feed.subscribe(self.notify)

    def notify(self, topics: Iterable[str]) -> None:
        """These topics changed: say so once, in the next turn of the event loop."""
        self._pending.update(topics)
        if self._pending and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self.flush)

    def flush(self) -> None:
        """Emit what is pending now (nothing if nothing is)."""
        self._scheduled = False
        if not self._pending or self._stopped or self._feed.closed:
            self._pending.clear()
            return
        topics = frozenset(self._pending)
        self._pending.clear()
        self.changed.emit(topics)

    def poll_now(self) -> None:
        """Read the change counts now and emit at once what moved (or was pending)."""
        if self._stopped:
            return
        self._feed.poll()
        self.flush()

    def start_polling(self) -> None:
        self.poll_timer.start()

    def stop(self) -> None:
        """For good (the vault is closing): nothing more is read or said."""
        self._stopped = True
        self._pending.clear()
        self.poll_timer.stop()
        self._feed.unsubscribe(self.notify)

    def _on_poll_timer_timeout(self) -> None:
        if self._feed.closed:
            self.poll_timer.stop()
            return
        self._feed.poll()

"""The change feed: which topics of data changed, whoever changed them.

Topics: "people", "checkins", "gratitude", "plan", "settings", "reminders" (the
reminder engine's bookkeeping). They come from the database's change counts
(store/change_counts.py), so a write by this process, the command line, another
process, a restore or a schema update all reach the feed the same way: ``poll()``
reads the counts (one small query), compares them with the last read and tells every
listener which topics moved. A moved epoch (a restore, an update) means every topic.

Use cases poll right after they commit; the GUI also polls on a timer and when the
window is shown, for changes made elsewhere. A listener may be given a topic it has
already seen; it must simply look again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import peewee as pw

from supportdesk.core.errors import KnownError
from supportdesk.store.change_counts import TOPICS, changed_topics

Listener = Callable[[frozenset[str]], None]

log = logging.getLogger(__name__)

ALL_TOPICS = TOPICS


class ChangeFeed:
    """Tells listeners which topics changed since the last look."""

    def __init__(self, read_counts: Callable[[], dict[str, int]]) -> None:
        self._read_counts = read_counts
        self._listeners: list[Listener] = []
        self.closed = False
        self._seen: dict[str, int] | None = self._read()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def close(self) -> None:
        """The vault is closing: nothing more is read, and no one is told anything."""
        self.closed = True
        self._listeners.clear()

    def seen(self) -> dict[str, int]:
        """The change counts as last looked at (topic -> count)."""
        return dict(self._seen or {})

    def poll(self) -> frozenset[str]:
        """Look at the change counts now; tell the listeners what moved (and return it)."""
        if self.closed:
            return frozenset()
        counts = self._read()
        if counts is None:  # the vault is closed or busy: look again next time
            return frozenset()
        topics = changed_topics(self._seen, counts)
        self._seen = counts
        if topics:
            for listener in list(self._listeners):
                listener(topics)
        return topics

    def _read(self) -> dict[str, int] | None:
        try:
            return self._read_counts()
        except (pw.PeeweeException, KnownError) as error:  # closed or busy: look later
            log.info("Change counts not read: %s", type(error).__name__)
            return None

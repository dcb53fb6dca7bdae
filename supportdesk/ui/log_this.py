""""Log this?" after reaching out: a small bar under the banner, never a dialog.

After a Call, Text, Email or Open button of a person's is used anywhere in the app
(``ctx.events.reached_out``; crisis lines never say it), a quiet bar offers to log a
check-in with them with the way already filled in: when the person comes back to the
window (it is activated again), or after a few minutes if it never lost focus.
"Not now" forgets it; so does logging them some other way meanwhile. It waits while
Reach out now shows (no chores above help) and while the app lock is on (it names
someone), and shows once that is over.

``install(window, ctx)`` adds it to the main window (``window.add_strip``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from supportdesk.core.errors import NotFoundError
from supportdesk.core.kinds import ContactType, Mode
from supportdesk.services import app_lock
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.plain import plain_label

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow

PROMPT_AFTER_MS = 3 * 60 * 1000  # when the window never lost focus: a call takes a while

MODES = {ContactType.PHONE: Mode.CALL, ContactType.SMS: Mode.TEXT,
         ContactType.EMAIL: Mode.ONLINE, ContactType.WEB: Mode.ONLINE}
WHAT_YOU_DID = {ContactType.PHONE: "You called {name}.",
                ContactType.SMS: "You texted {name}.",
                ContactType.EMAIL: "You emailed {name}.",
                ContactType.WEB: "You reached out to {name} online."}
QUESTION = "Would you like to log it as a check-in?"


@dataclass(frozen=True)
class Reached:
    """Who was reached, how, and their last contact then (a newer one means logged)."""

    supporter_id: int
    name: str
    contact_type: ContactType
    last_contact: datetime | None

    @property
    def words(self) -> str:
        return f"{WHAT_YOU_DID[self.contact_type].format(name=self.name)} {QUESTION}"


class LogThisBar(QFrame):
    """The bar's words and its two buttons.

    Signals:
        log_requested(): "Log it…" was pressed.
        dismissed(): "Not now" was pressed.
    """

    log_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LogThis")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Log this?")
        self.text = plain_label("", self)
        self.text.setWordWrap(True)
        self.log_button = QPushButton("Log it…", self)
        self.log_button.setAccessibleName("Log it as a check-in")
        self.not_now_button = QPushButton("Not now", self)
        self.not_now_button.setAccessibleName("Not now")
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.log_button)
        layout.addWidget(self.not_now_button)
        self.log_button.clicked.connect(self.log_requested)
        self.not_now_button.clicked.connect(self.dismissed)

    def show_words(self, words: str) -> None:
        self.text.setText(words)
        self.setAccessibleDescription(words)
        self.log_button.setAccessibleDescription(words)
        self.show()


class LogThisPrompt(QObject):
    """Keeps the one reach-out not yet logged and decides when its bar shows."""

    def __init__(self, window: MainWindow, ctx: AppContext,
                 delay_ms: int = PROMPT_AFTER_MS) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.pending: Reached | None = None
        self._moment_came = False  # they came back, or the wait was over
        self.bar = LogThisBar()
        self.bar.hide()
        window.add_strip(self.bar)
        # right after the sections, before the page: one Tab away when it shows
        QWidget.setTabOrder(window.sidebar, self.bar.log_button)
        QWidget.setTabOrder(self.bar.log_button, self.bar.not_now_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self._connect_signals()
        window.installEventFilter(self)

    def _connect_signals(self) -> None:
        self.ctx.events.reached_out.connect(self._on_events_reached_out)
        self.ctx.events.lock_changed.connect(self._on_events_lock_changed)
        self.ctx.bus.changed.connect(self._on_bus_changed)
        self.window.page_shown.connect(self._on_window_page_shown)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.bar.log_requested.connect(self._on_bar_log_requested)
        self.bar.dismissed.connect(self.forget)

    def offer(self) -> None:
        """Show the bar if its moment came and nothing holds it back; when something
        does (Reach out now, the lock, a hidden window), it shows once that is over."""
        if self.pending is None or not self._moment_came or app_lock.is_locked():
            return
        if self.window.current_key == "reach_out" or not self.window.isVisible():
            return
        self.timer.stop()
        self.bar.show_words(self.pending.words)

    def forget(self) -> None:
        self.pending = None
        self._moment_came = False
        self.timer.stop()
        self.bar.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.window and event.type() == QEvent.Type.WindowActivate
                and self.pending is not None and self.bar.isHidden()):
            self._moment_came = True  # back from the phone or mail program
            self.offer()
        return False

    # -- slots -------------------------------------------------------------------

    def _on_events_reached_out(self, supporter_id: int, contact_type: str) -> None:
        try:
            supporter = self.ctx.app.network.supporter(supporter_id)
        except NotFoundError:
            return
        self.bar.hide()  # the newest reach-out is the one offered
        self.pending = Reached(supporter_id, supporter.name, ContactType(contact_type),
                               supporter.last_contact)
        self._moment_came = False
        self.timer.start()

    def _on_timer_timeout(self) -> None:
        self._moment_came = True
        self.offer()

    def _on_bar_log_requested(self) -> None:
        reached = self.pending
        self.forget()
        if reached is None:
            return
        CheckinDialog(self.ctx, reached.supporter_id, parent=self.window,
                      mode=MODES[reached.contact_type]).exec()

    def _on_bus_changed(self, topics: frozenset[str]) -> None:
        if self.pending is None or not topics & {"checkins", "people"}:
            return
        try:
            supporter = self.ctx.app.network.supporter(self.pending.supporter_id)
        except NotFoundError:
            self.forget()  # they were removed
            return
        if supporter.last_contact != self.pending.last_contact:
            self.forget()  # logged some other way meanwhile

    def _on_events_lock_changed(self, locked: bool) -> None:
        if locked:
            self.bar.hide()  # it names someone; it comes back once unlocked
        else:
            self.offer()

    def _on_window_page_shown(self, key: str) -> None:
        if key == "reach_out":
            self.bar.hide()  # no chores above help; it comes back on the next page
        else:
            self.offer()


def install(window: MainWindow, ctx: AppContext) -> LogThisPrompt:
    return LogThisPrompt(window, ctx)

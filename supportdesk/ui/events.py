"""The app-wide navigation hub: pages ask here to show a person, a page or a dialog.

What *changed* is not said here: use cases publish topics to the change feed, and
``ctx.bus`` (ui/bus.py) turns them into one signal per event-loop turn.

Signals (``*_requested`` for intents):
    supporter_open_requested(int): show this supporter's page.
    checkin_log_requested(int): open the log dialog (0 means "choose who").
    mood_entry_requested(int): open "How are you?" with this mood chosen (0: none yet).
    gratitude_requested(int): open "Note a thank-you" for this supporter (0: choose who).
    reach_out_requested(): show Reach out now.
    page_requested(str): show the page with this key ("today", "people", ...).
    lock_changed(bool): the app lock covered (True) or uncovered (False) the windows.
    reached_out(int, str): a Call/Text/Email/Open button of this supporter's was used,
        or a message was sent to them (ui/messages/; "sms" or "email") — the contact
        type's value; "Log this?" offers to log it (ui/log_this.py).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Events(QObject):
    supporter_open_requested = Signal(int)
    checkin_log_requested = Signal(int)
    mood_entry_requested = Signal(int)
    gratitude_requested = Signal(int)
    reach_out_requested = Signal()
    page_requested = Signal(str)
    lock_changed = Signal(bool)
    reached_out = Signal(int, str)

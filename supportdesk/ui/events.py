"""The app-wide signal hub: pages announce what happened and ask for navigation here.

Signals (past tense for what happened, ``*_requested`` for intents):
    supporters_changed(): a supporter was added, edited, removed or moved ring.
    checkins_changed(): a check-in was logged, edited or removed.
    gratitude_changed(): a gratitude entry changed.
    plan_changed(): the safety plan or crisis lines changed.
    settings_changed(): a setting changed.
    supporter_open_requested(int): show this supporter's page.
    checkin_log_requested(int): open the log dialog (0 means "choose who").
    reach_out_requested(): show Reach out now.
    page_requested(str): show the page with this key ("today", "people", ...).
    lock_changed(bool): the app lock covered (True) or uncovered (False) the windows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Events(QObject):
    supporters_changed = Signal()
    checkins_changed = Signal()
    gratitude_changed = Signal()
    plan_changed = Signal()
    settings_changed = Signal()
    supporter_open_requested = Signal(int)
    checkin_log_requested = Signal(int)
    reach_out_requested = Signal()
    page_requested = Signal(str)
    lock_changed = Signal(bool)

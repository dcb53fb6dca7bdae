"""The Reminders tab's "How are you?" box: a daily reminder, off until chosen, and when.

Each change is saved at once through a use case (``set_mood_reminder``), which
publishes "settings", so the reminder engine re-aims.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QTimeEdit, QVBoxLayout, QWidget

from supportdesk.core.mood_reminder import MoodReminderRule
from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label


class MoodReminderBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("How are you?", parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.enabled = QCheckBox("Ask me how I am once a day, at")
        self.enabled.setAccessibleName("Ask me how I am once a day")
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName("What time to ask how I am")
        row.addWidget(self.enabled)
        row.addWidget(self.at)
        row.addStretch(1)
        layout.addLayout(row)
        explain = plain_label("Not on a day you've already noted how you are. It waits for "
                              "quiet hours to end, and says nothing about moods when "
                              "notifications are discreet.")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        rule = ctx.app.mood_reminder.rule()
        self.enabled.setChecked(rule.enabled)
        self.at.setTime(QTime(rule.at.hour, rule.at.minute))
        self.at.setEnabled(rule.enabled)
        self.enabled.toggled.connect(self._on_changed)
        self.at.timeChanged.connect(self._on_changed)

    def _on_changed(self) -> None:
        self.at.setEnabled(self.enabled.isChecked())
        chosen = self.at.time()
        self.ctx.app.set_mood_reminder(MoodReminderRule(
            self.enabled.isChecked(), time(chosen.hour(), chosen.minute())))

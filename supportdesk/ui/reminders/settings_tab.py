"""The Settings tab "Reminders": cadence per ring, discreet text, quiet hours, the daily
"How are you?", login, pause.

Each change is saved at once through a use case, which publishes "settings", so the
reminder engine re-aims. A failure to change start-at-login is shown in the tab
and the box goes back to what is really set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import Ring
from supportdesk.core.quiet_hours import QuietHours
from supportdesk.services import autostart
from supportdesk.services import settings as keys
from supportdesk.services.settings import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS
from supportdesk.ui.context import AppContext
from supportdesk.ui.plain import plain_label
from supportdesk.ui.reminders.mood_reminder_box import MoodReminderBox
from supportdesk.ui.reminders.notifier import DeliveryResult


class RemindersTab(QWidget):
    def __init__(self, ctx: AppContext, send_test: Callable[[], DeliveryResult] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.app.settings
        self._send_test = send_test
        self._build()
        self._load()
        self._connect_signals()

    def _build(self) -> None:
        layout = QVBoxLayout(self)

        self.reminders_on = QCheckBox("Remind me when it's time to check in with someone")
        self.reminders_on.setAccessibleName(self.reminders_on.text())
        layout.addWidget(self.reminders_on)

        cadence_box = QGroupBox("How often, unless set for a person")
        cadence_form = QFormLayout(cadence_box)
        self.cadence: dict[Ring, QSpinBox] = {}
        for ring in Ring:
            spin = QSpinBox()
            spin.setRange(MIN_CADENCE_DAYS, MAX_CADENCE_DAYS)
            spin.setSuffix(" days")
            spin.setMaximumWidth(140)
            spin.setAccessibleName(f"{ring.label}: every how many days")
            self.cadence[ring] = spin
            cadence_form.addRow(f"{ring.label}: every", spin)
        layout.addWidget(cadence_box)

        notify_box = QGroupBox("Notifications")
        notify_layout = QVBoxLayout(notify_box)
        self.discreet = QCheckBox("Discreet: no names in notifications")
        self.discreet.setAccessibleName(self.discreet.text())
        self.discreet.setToolTip('Notifications then say only "Time to reach out".')
        notify_layout.addWidget(self.discreet)
        quiet_row = QHBoxLayout()
        self.quiet = QCheckBox("Quiet hours from")
        self.quiet.setAccessibleName("Quiet hours")
        self.quiet_start = QTimeEdit()
        self.quiet_start.setDisplayFormat("HH:mm")
        self.quiet_start.setAccessibleName("Quiet hours start")
        self.quiet_end = QTimeEdit()
        self.quiet_end.setDisplayFormat("HH:mm")
        self.quiet_end.setAccessibleName("Quiet hours end")
        quiet_row.addWidget(self.quiet)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(plain_label("to"))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        notify_layout.addLayout(quiet_row)
        notify_layout.addWidget(
            plain_label("Reminders that fall in quiet hours wait until they end."))
        self.test_button = QPushButton("Send a test notification")
        self.test_button.setAccessibleName(self.test_button.text())
        self.test_result = plain_label()
        self.test_result.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        notify_layout.addLayout(test_row)
        self.test_button.setVisible(self._send_test is not None)
        layout.addWidget(notify_box)
        self.mood_reminder = MoodReminderBox(self.ctx)
        layout.addWidget(self.mood_reminder)

        self.at_login = QCheckBox("Start SupportDesk when I log in (it waits quietly in the tray)")
        self.at_login.setAccessibleName("Start SupportDesk when I log in")
        layout.addWidget(self.at_login)
        self.login_error = plain_label()
        self.login_error.setWordWrap(True)
        self.login_error.hide()
        layout.addWidget(self.login_error)
        layout.addStretch(1)

    def _load(self) -> None:
        self.reminders_on.setChecked(not self.settings.get(keys.REMINDERS_PAUSED))
        defaults = self.settings.cadence_defaults()
        for ring, spin in self.cadence.items():
            spin.setValue(defaults[ring].days)
        self.discreet.setChecked(self.settings.get(keys.DISCREET))
        quiet = self.settings.quiet_hours()
        self.quiet.setChecked(quiet.enabled)
        self.quiet_start.setTime(QTime(quiet.start.hour, quiet.start.minute))
        self.quiet_end.setTime(QTime(quiet.end.hour, quiet.end.minute))
        self._enable_quiet_times()
        self.at_login.setChecked(autostart.is_enabled())

    def _connect_signals(self) -> None:
        self.reminders_on.toggled.connect(self._on_reminders_on_toggled)
        for ring, spin in self.cadence.items():
            spin.valueChanged.connect(lambda days, r=ring: self._on_cadence_changed(r, days))
        self.discreet.toggled.connect(self._on_discreet_toggled)
        self.quiet.toggled.connect(self._on_quiet_changed)
        self.quiet_start.timeChanged.connect(self._on_quiet_changed)
        self.quiet_end.timeChanged.connect(self._on_quiet_changed)
        self.at_login.toggled.connect(self._on_at_login_toggled)
        self.test_button.clicked.connect(self._on_test_clicked)

    def _saved(self) -> None:
        """Each setting is saved by a use case, which publishes "settings" itself."""

    def _on_reminders_on_toggled(self, on: bool) -> None:
        self.ctx.app.set_setting(keys.REMINDERS_PAUSED, not on)
        self._saved()

    def _on_cadence_changed(self, ring: Ring, days: int) -> None:
        self.ctx.app.set_cadence_default(ring, days)
        self._saved()

    def _on_discreet_toggled(self, on: bool) -> None:
        self.ctx.app.set_setting(keys.DISCREET, on)
        self._saved()

    def _enable_quiet_times(self) -> None:
        self.quiet_start.setEnabled(self.quiet.isChecked())
        self.quiet_end.setEnabled(self.quiet.isChecked())

    def _on_quiet_changed(self) -> None:
        self._enable_quiet_times()
        start, end = self.quiet_start.time(), self.quiet_end.time()
        self.ctx.app.set_quiet_hours(QuietHours(time(start.hour(), start.minute()),
                                                 time(end.hour(), end.minute()),
                                                 self.quiet.isChecked()))
        self._saved()

    def _on_at_login_toggled(self, on: bool) -> None:
        try:
            autostart.set_enabled(on)
        except KnownError as error:
            self.login_error.setText(str(error))
            self.login_error.show()
            self.at_login.blockSignals(True)
            self.at_login.setChecked(autostart.is_enabled())
            self.at_login.blockSignals(False)
            return
        self.login_error.hide()
        self.ctx.app.set_setting(keys.START_AT_LOGIN, on)
        self._saved()

    def _on_test_clicked(self) -> None:
        if self._send_test is None:
            return
        result = self._send_test()
        if result.ok:
            where = {"dbus": "as a desktop notification", "plyer": "as a desktop notification",
                     "tray": "from the tray icon"}.get(result.channel, "")
            self.test_result.setText(f"Sent {where}. If you didn't see it, check your "
                                     "system's notification settings.")
        else:
            self.test_result.setText("This computer didn't accept the notification. Reminders "
                                     "will still show in the window and the tray.")

"""The Settings tab "Privacy": the app lock, its idle time, screen lock, the PIN, and
(security) making a new recovery key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import ValidationError
from supportdesk.services.app_lock import IDLE_CHOICES, AppLock
from supportdesk.ui.plain import plain_label

NO_PIN_NOTE = ("Without a PIN, your keyring unlocks SupportDesk. If your computer is "
               "already unlocked, that hides your network from passing eyes but does not "
               "stop someone sitting at it. A PIN does.")
PIN_NOTE = ("A PIN is set. SupportDesk starts locked, and you will need it to unlock "
            "SupportDesk and for commands that show or change your network.")
RECOVERY_NOTE = ("Your recovery key opens your notes if this computer's keyring is lost. "
                 "If you have lost it, or think someone else has seen it, make a new one: "
                 "the old one then stops opening your notes.")


class PrivacyTab(QWidget):
    """Signals:
        lock_settings_changed(): the lock was turned on or off or its options changed.
        new_recovery_key_requested(): "Make a new recovery key…" was pressed.
    """

    lock_settings_changed = Signal()
    new_recovery_key_requested = Signal()

    def __init__(self, lock: AppLock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lock = lock
        self.enabled = QCheckBox("Lock SupportDesk when I step away")
        self.enabled.setAccessibleName(self.enabled.text())
        self.idle = QComboBox()
        for minutes in IDLE_CHOICES:
            self.idle.addItem(f"{minutes} minute{'s' if minutes != 1 else ''}", minutes)
        self.idle.setAccessibleName("Lock after")
        self.with_screen = QCheckBox("Also lock when my computer's screen locks")
        self.with_screen.setAccessibleName(self.with_screen.text())
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for box, label in ((self.pin, "New PIN"), (self.pin_again, "New PIN again")):
            box.setEchoMode(QLineEdit.EchoMode.Password)
            box.setMaxLength(12)
            box.setAccessibleName(label)
            box.setPlaceholderText("4 to 12 digits")
        self.save_pin = QPushButton("Set PIN")
        self.remove_pin = QPushButton("Remove PIN")
        self.save_pin.setAccessibleName("Set PIN")
        self.remove_pin.setAccessibleName("Remove PIN")
        self.pin_note = plain_label()
        self.pin_note.setWordWrap(True)
        self.pin_message = plain_label()
        self.pin_message.setWordWrap(True)
        self.new_recovery_key = QPushButton("Make a new recovery key…")
        self.new_recovery_key.setAccessibleName("Make a new recovery key")
        self._build()
        self._load()
        self._connect_signals()

    def _build(self) -> None:
        lock_box = QGroupBox("App lock")
        form = QFormLayout(lock_box)
        form.addRow(self.enabled)
        form.addRow("Lock after", self.idle)
        form.addRow(self.with_screen)
        pin_box = QGroupBox("PIN")
        pin_form = QFormLayout(pin_box)
        pin_form.addRow("New PIN", self.pin)
        pin_form.addRow("Again", self.pin_again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_pin)
        buttons.addWidget(self.remove_pin)
        buttons.addStretch(1)
        pin_form.addRow(buttons)
        pin_form.addRow(self.pin_message)
        pin_form.addRow(self.pin_note)
        key_box = QGroupBox("Security: recovery key")
        key_layout = QVBoxLayout(key_box)
        note = plain_label(RECOVERY_NOTE)
        note.setWordWrap(True)
        key_layout.addWidget(note)
        key_row = QHBoxLayout()
        key_row.addWidget(self.new_recovery_key)
        key_row.addStretch(1)
        key_layout.addLayout(key_row)
        layout = QVBoxLayout(self)
        layout.addWidget(lock_box)
        layout.addWidget(pin_box)
        layout.addWidget(key_box)
        layout.addStretch(1)

    def _load(self) -> None:
        policy = self.lock.policy()
        self.enabled.setChecked(policy.enabled)
        self.idle.setCurrentIndex(self.idle.findData(policy.idle_seconds // 60))
        self.with_screen.setChecked(policy.with_screen)
        self._show_pin_state(policy.has_pin)
        self._enable_options(policy.enabled)

    def _connect_signals(self) -> None:
        self.enabled.toggled.connect(self._on_enabled_toggled)
        self.idle.currentIndexChanged.connect(self._on_idle_changed)
        self.with_screen.toggled.connect(self._on_with_screen_toggled)
        self.save_pin.clicked.connect(self._on_save_pin_clicked)
        self.remove_pin.clicked.connect(self._on_remove_pin_clicked)
        self.new_recovery_key.clicked.connect(self.new_recovery_key_requested)

    def _enable_options(self, on: bool) -> None:
        self.idle.setEnabled(on)
        self.with_screen.setEnabled(on)

    def _show_pin_state(self, has_pin: bool) -> None:
        self.pin_note.setText(PIN_NOTE if has_pin else NO_PIN_NOTE)
        self.remove_pin.setEnabled(has_pin)
        self.save_pin.setText("Change PIN" if has_pin else "Set PIN")

    def _on_enabled_toggled(self, on: bool) -> None:
        self.lock.set_enabled(on)
        self._enable_options(on)
        self.lock_settings_changed.emit()

    def _on_idle_changed(self, _index: int) -> None:
        self.lock.set_idle_minutes(int(self.idle.currentData()))
        self.lock_settings_changed.emit()

    def _on_with_screen_toggled(self, on: bool) -> None:
        self.lock.set_lock_with_screen(on)
        self.lock_settings_changed.emit()

    def _on_save_pin_clicked(self) -> None:
        if self.pin.text() != self.pin_again.text():
            self.pin_message.setText("The two PINs are not the same. Please type them again.")
            return
        try:
            self.lock.set_pin(self.pin.text())
        except ValidationError as error:
            self.pin_message.setText(error.message)
            return
        self.pin.clear()
        self.pin_again.clear()
        self.pin_message.setText("Your PIN is saved.")
        self._show_pin_state(True)
        self.lock_settings_changed.emit()

    def _on_remove_pin_clicked(self) -> None:
        self.lock.clear_pin()
        self.pin_message.setText("The PIN is removed.")
        self._show_pin_state(False)
        self.lock_settings_changed.emit()

"""The calm cover shown over the window while SupportDesk is locked.

Locked is private, not cut off: below the PIN it shows the emergency number and the
country's crisis lines (nothing from the person's own notes), and "Reach out now"
opens the crisis-only view without unlocking anything else.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.services.crisis_lines import CrisisNow
from supportdesk.ui.crisis.strip import CrisisStrip, line_detail
from supportdesk.ui.focus_order import place_after
from supportdesk.ui.pages.page_header import title_label
from supportdesk.ui.plain import plain_label


class LockScreen(QFrame):
    """Covers the whole window; asks for the PIN or a keyring check.

    Signals:
        pin_entered(str): the person asked to unlock with this PIN.
        keyring_unlock_requested(): the person asked to unlock through their keyring.
        reach_out_requested(): the person asked for the crisis-only view.
    """

    pin_entered = Signal(str)
    keyring_unlock_requested = Signal()
    reach_out_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = title_label("SupportDesk is locked")
        self.title.setWordWrap(False)  # centred as one line (an aligned item keeps its hint)
        self.note = plain_label("Your network is safe and hidden. Take your time.")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("Your PIN")
        self.pin.setAccessibleName("PIN")
        self.pin.setMaxLength(12)
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setFixedWidth(200)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.setMinimumWidth(200)
        self.message = plain_label("")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setFixedWidth(380)  # wraps a long keyring message instead of cutting it
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 3)
        self.crisis = CrisisStrip(self, can_add=False)
        self.crisis.setFixedWidth(560)
        self.crisis.hide()  # until show_crisis() says what to show
        self.other_lines = plain_label("")
        self.other_lines.setTextFormat(Qt.TextFormat.PlainText)
        self.other_lines.setWordWrap(True)
        self.other_lines.setFixedWidth(560)
        self.other_lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reach_out_button = QPushButton("&Reach out now (Ctrl+Shift+H)")
        self.reach_out_button.setAccessibleName("Reach out now")
        self.reach_out_button.setAccessibleDescription(
            "Crisis lines, the emergency number and the people you chose to show while "
            "locked. Nothing else is unlocked.")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.note, self.pin, self.unlock_button, self.message):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        wrapping: tuple[QWidget, ...] = (self.crisis, self.other_lines)
        for grows in wrapping:  # wrapping text: centred by stretches
            row = QHBoxLayout()  # (an aligned item would not grow to fit its wrapped lines)
            row.addStretch(1)
            row.addWidget(grows)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.reach_out_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        # Tab as it reads: the PIN, Unlock, the crisis help, Reach out now (the strip was
        # made first, so it would come before the PIN)
        place_after(self.unlock_button, [self.crisis, self.reach_out_button])
        self.pin.returnPressed.connect(self._on_unlock_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.reach_out_button.clicked.connect(self.reach_out_requested)

    def prepare(self, has_pin: bool) -> None:
        """Reset the form for a fresh lock; PIN box only when a PIN is set."""
        self.pin.clear()
        self.pin.setVisible(has_pin)
        self.message.clear()
        self.unlock_button.setText("Unlock" if has_pin else "Unlock with my keyring")
        (self.pin if has_pin else self.unlock_button).setFocus()

    def show_crisis(self, now: CrisisNow) -> None:
        """The emergency number and the country's lines: shown while locked."""
        self.crisis.show_now(now)
        self.crisis.show()
        others = [line for line in now.lines if line is not now.main and not line.user_added]
        self.other_lines.setText("\n".join(
            f"{line.name}: {line.channel.label.lower()} {line.contact} ({line_detail(line)})"
            for line in others[:4]))
        self.other_lines.setVisible(bool(others))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.pin.clear()
        self.pin.setFocus()

    def _on_unlock_clicked(self) -> None:
        if self.pin.isVisible():
            self.pin_entered.emit(self.pin.text())
        else:
            self.keyring_unlock_requested.emit()

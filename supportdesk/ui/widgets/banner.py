"""A calm strip above the page: "while you were away", and the like, with its buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from supportdesk.ui.focus_order import keep_in_place, layout_widgets
from supportdesk.ui.plain import plain_label

BannerAction = tuple[str, Callable[[], None]]


class Banner(QFrame):
    """A calm strip above the page with a message, its buttons and a Dismiss button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Message")
        self.text = plain_label()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(6)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(self._buttons)

    def show_message(self, text: str, actions: list[BannerAction]) -> None:
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.text.setText(text)
        self.setAccessibleDescription(text)
        for label, callback in [*actions, ("Dismiss", self.hide)]:
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", ""))
            button.clicked.connect(lambda _checked=False, run=callback: run())
            if label != "Dismiss":
                button.clicked.connect(self.hide)
            self._buttons.addWidget(button)
        keep_in_place(self, layout_widgets(self._buttons))  # where the banner is, not last
        self.show()

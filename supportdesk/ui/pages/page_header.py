"""The one page header every page starts with (docs/UI.md): a title, a plain line under
it, and the page's own buttons.

The buttons sit to the right of the title while there is room for both on one line, and
move to a row of their own under the line when there is not, so a narrow window never
squeezes the title into a column of single words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QGridLayout, QHBoxLayout, QLabel, QWidget

from supportdesk.ui.pages.view_parts import body, heading

TITLE_SCALE = 1.6
HEADER_NAME = "PageHeader"


def title_label(text: str, parent: QWidget | None = None) -> QLabel:
    """The page title as a label of its own, for a screen that is not a page but opens
    like one (the lock screen, the welcome)."""
    label = heading(text, TITLE_SCALE, parent)
    label.setObjectName("PageTitle")
    return label


class PageHeader(QWidget):
    """``title`` (objectName "PageTitle"), ``subtitle`` (hidden while empty) and the
    buttons given to ``add_button``."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(HEADER_NAME)
        self.title = title_label(title, self)
        self.subtitle = body(subtitle, self)
        self.subtitle.setObjectName("PageSubtitle")
        self.subtitle.setVisible(bool(subtitle))
        self.buttons: list[QAbstractButton] = []
        self._actions = QWidget(self)
        self._actions.setObjectName("PageActions")
        self._action_row = QHBoxLayout(self._actions)
        self._action_row.setContentsMargins(0, 0, 0, 0)
        self._actions.hide()
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(0, 1)
        self._grid.addWidget(self.title, 0, 0)
        self._grid.addWidget(self.subtitle, 1, 0, 1, 2)
        self._beside = True
        self._grid.addWidget(self._actions, 0, 1, Qt.AlignmentFlag.AlignTop)

    def set_title(self, text: str) -> None:
        self.title.setText(text)
        self._place_actions()

    def set_subtitle(self, text: str) -> None:
        self.subtitle.setText(text)
        self.subtitle.setVisible(bool(text))

    def add_button(self, button: QAbstractButton) -> QAbstractButton:
        """One of the page's own buttons (a standard push button), in reading order."""
        button.setParent(self._actions)
        self._action_row.addWidget(button)
        self.buttons.append(button)
        self._actions.show()
        return button

    @property
    def buttons_beside_title(self) -> bool:
        return self._beside

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_actions()

    def _place_actions(self) -> None:
        if not self.buttons or not self.isVisible():
            return  # placed when shown: the first resize comes with the real width
        title_width = self.title.fontMetrics().horizontalAdvance(self.title.text())
        needed = title_width + self._grid.horizontalSpacing() + self._actions.sizeHint().width()
        beside = needed <= self.width()
        if beside == self._beside:
            return
        self._beside = beside
        self._grid.removeWidget(self._actions)
        if beside:
            self._grid.addWidget(self._actions, 0, 1, Qt.AlignmentFlag.AlignTop)
        else:
            self._grid.addWidget(self._actions, 2, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)

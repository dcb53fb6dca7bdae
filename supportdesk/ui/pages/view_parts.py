"""Small building blocks shared by the Today, Reach out now and Safety plan pages.

Cards take their colours from the palette, so they follow light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.kinds import Channel, ContactType
from supportdesk.core.model import ContactMethod, CrisisLine
from supportdesk.ui.focus_order import layout_widgets, place_after
from supportdesk.ui.plain import plain_label
from supportdesk.ui.widgets.contact_buttons import ContactButtons, UrlOpener, open_url

CONTENT_WIDTH = 820
MAX_BUTTON_TEXT = 300



def name_scroll_area(area: QAbstractScrollArea, page: str) -> None:
    """A page's scroll area is a Tab stop (so the arrow keys scroll it): it says whose
    it is and what it does, for a screen reader."""
    area.setAccessibleName(f"{page} page")
    area.setAccessibleDescription("Scroll with the arrow keys, or Page Up and Page Down.")


def heading(text: str, scale: float = 1.6, parent: QWidget | None = None) -> QLabel:
    """A large, bold line of text; wraps when the window is narrow."""
    label = plain_label(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(max(9.0, font.pointSizeF() * scale))
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def body(text: str, parent: QWidget | None = None, *, muted: bool = False,
         scale: float = 1.0) -> QLabel:
    """Readable, wrapping body text (``muted`` for secondary lines)."""
    label = plain_label(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0:
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    if muted:
        palette = label.palette()
        colour = palette.color(QPalette.ColorRole.WindowText)
        colour.setAlphaF(0.72)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)
    return label


class Card(QFrame):
    """A rounded panel with a title and a vertical body (``card.content``).

    Painted from the palette (base fill, mid border; highlight when ``warm``), so it
    follows light and dark themes without a style sheet.
    """

    def __init__(self, title: str, parent: QWidget | None = None, *, warm: bool = False) -> None:
        super().__init__(parent)
        self.warm = warm
        self.content = QVBoxLayout(self)
        self.content.setContentsMargins(18, 14, 18, 16)
        self.content.setSpacing(8)
        self.title = heading(title, 1.2, self) if title else None
        if self.title is not None:
            self.title.setAccessibleName(title)
            self.content.addWidget(self.title)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        border = palette.color(QPalette.ColorRole.Highlight if self.warm
                               else QPalette.ColorRole.Mid)
        painter.setPen(QPen(border, 2.0 if self.warm else 1.0))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 10, 10)


class ScrollingPage(QWidget):
    """A page whose content column (``self.column``) scrolls and stays a readable width."""

    def __init__(self, parent: QWidget | None = None, *, text_scale: float = 1.0) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # the column wraps its text to the width there is; it never scrolls sideways
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area)
        self.holder = holder = QWidget()
        if text_scale != 1.0:
            font = QFont(holder.font())
            font.setPointSizeF(font.pointSizeF() * text_scale)
            holder.setFont(font)
        self.column = QVBoxLayout(holder)
        self.column.setSpacing(14)
        self.scroll_area.setWidget(holder)
        self.scroll_area.viewport().installEventFilter(self)
        self._centre_column()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._centre_column()
        return super().eventFilter(watched, event)

    def _centre_column(self) -> None:
        """Side margins that keep the column at most ``CONTENT_WIDTH`` wide, centred."""
        side = max(24, (self.scroll_area.viewport().width() - CONTENT_WIDTH) // 2)
        self.column.setContentsMargins(side, 20, side, 24)

    def name_page(self, name: str) -> None:
        """The page's accessible name, which its scroll area says too."""
        self.setAccessibleName(name)
        name_scroll_area(self.scroll_area, name)

    def keep_tab_order(self) -> None:
        """Tab from the page's scroll area through the column as it reads, top to bottom
        (cards built again later would otherwise come last)."""
        place_after(self.scroll_area, layout_widgets(self.column))

    def clear_column(self) -> None:
        """Remove everything from the content column (before building it again)."""
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()


class ContactGrid(QWidget):
    """The shared contact buttons, at most ``per_row`` to a row so long numbers and
    addresses wrap onto the next line instead of widening the page.

    Signals:
        reached_out(int, str): as ContactButtons says it, for ``supporter_id``'s
            buttons (never for a grid without one, such as a crisis line's).
    """

    reached_out = Signal(int, str)

    def __init__(self, contacts: list[ContactMethod], person: str,
                 parent: QWidget | None = None, opener: UrlOpener = open_url,
                 per_row: int = 2, supporter_id: int = 0) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        ordered = sorted(contacts, key=lambda c: not c.preferred)
        chunks = [ordered[i:i + per_row] for i in range(0, len(ordered), per_row)] or [[]]
        self.rows: list[ContactButtons] = []
        for chunk in chunks:
            row = ContactButtons(self, opener=opener)
            row.set_contacts(chunk, person, supporter_id)
            row.reached_out.connect(self.reached_out)
            layout.addWidget(row)
            self.rows.append(row)
        self.buttons: list[QPushButton] = [b for row in self.rows for b in row.buttons]
        for button in self.buttons:  # a very long address is shortened; the tooltip has it all
            metrics = button.fontMetrics()
            if metrics.horizontalAdvance(button.text()) > MAX_BUTTON_TEXT:
                button.setText(metrics.elidedText(button.text(), Qt.TextElideMode.ElideMiddle,
                                                  MAX_BUTTON_TEXT))


def crisis_contact(line: CrisisLine) -> ContactMethod:
    """A crisis line as a contact the shared contact buttons can open."""
    kind = {Channel.CALL: ContactType.PHONE, Channel.TEXT: ContactType.SMS,
            Channel.CHAT: ContactType.WEB}[line.channel]
    return ContactMethod(kind, line.contact, preferred=True)

"""The map's legend: shapes for kinds, line styles for ties, arrows for direction."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QGridLayout, QWidget

from supportdesk.core.kinds import TieStrength
from supportdesk.ui.circles.shapes import (
    LEGEND_KINDS,
    arrow_head,
    paint_kind,
    tie_path,
    tie_pen,
)
from supportdesk.ui.pages.view_parts import Card
from supportdesk.ui.plain import plain_label

ICON = QSize(44, 24)


def _canvas(widget: QWidget) -> tuple[QPixmap, QPainter]:
    ratio = widget.devicePixelRatioF()
    pixmap = QPixmap(ICON * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


class Legend(Card):
    """A compact key; each row is an icon and words, readable by screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Key", parent)
        self.setAccessibleName("Map key")
        grid = QGridLayout()
        self.content.addLayout(grid)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(1)  # the key must fit beside the map at 800x600
        line = self.palette().color(QPalette.ColorRole.Text)
        self.rows: list[str] = []
        entries: list[tuple[QPixmap, str]] = []
        for kind, words in LEGEND_KINDS:
            pixmap, painter = _canvas(self)
            paint_kind(painter, kind, QPointF(ICON.width() / 2, ICON.height() / 2), 18)
            painter.end()
            entries.append((pixmap, words))
        for strength, stressful, words in (
                (TieStrength.STRONG, False, "Strong tie"),
                (TieStrength.NORMAL, False, "Tie"),
                (TieStrength.WEAK, False, "Weak tie (dotted)"),
                (TieStrength.NORMAL, True, "Can be stressful (amber zig-zag)")):
            pixmap, painter = _canvas(self)
            painter.setPen(tie_pen(strength, line, stressful))
            painter.drawPath(tie_path(QPointF(3, 12), QPointF(41, 12), stressful))
            painter.end()
            entries.append((pixmap, words))
        pixmap, painter = _canvas(self)
        painter.setPen(tie_pen(TieStrength.NORMAL, line, False))
        painter.drawLine(QPointF(4, 12), QPointF(38, 12))
        painter.setBrush(QColor(line))
        painter.drawPolygon(arrow_head(QPointF(40, 12), QPointF(4, 12)))
        painter.end()
        entries.append((pixmap, "Arrow: the way support flows (towards me, towards them)"))
        for row, (pixmap, words) in enumerate(entries):
            icon = plain_label(parent=self)
            icon.setPixmap(pixmap)
            icon.setAccessibleName(words)
            text = plain_label(words, self)
            text.setWordWrap(True)
            grid.addWidget(icon, row, 0)
            grid.addWidget(text, row, 1)
            self.rows.append(words)

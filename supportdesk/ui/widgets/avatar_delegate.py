"""The People list's name cell: a small avatar before the name, as on the circles map.

The avatar is the map's own look for the kind (``circles.shapes``: circles for people,
rounded squares for professionals, hexagons for groups, diamonds for online communities,
triangles for crisis services, each in its fill), with the person's initials in white.
Shape carries the kind, never colour alone; the cell's accessible text names the kind.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from supportdesk.core.kinds import Kind
from supportdesk.ui.circles.shapes import initials, paint_kind
from supportdesk.ui.models.roles import KIND_ROLE

AVATAR_SIZE = 24
ROW_PADDING = 8  # above and below the avatar, so rows do not crowd
_ROOMY = (Kind.PROFESSIONAL, Kind.GROUP)  # shapes with room for two letters, besides circles


class AvatarDelegate(QStyledItemDelegate):
    """Draws the kind's shape with initials in the decoration space of each cell."""

    def __init__(self, parent: QWidget | None = None, size: int = AVATAR_SIZE) -> None:
        super().__init__(parent)
        self.size = size
        self._white = QColor("white")
        self._fonts: dict[tuple[str, str], QFont] = {}

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.data(KIND_ROLE) is not None:  # room kept where the avatar is drawn
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.decorationSize = QSize(self.size, self.size)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        kind = index.data(KIND_ROLE)
        if kind is None:
            return
        kind = Kind(kind)
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        style = shown.widget.style() if shown.widget is not None else QApplication.style()
        box = QRectF(style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, shown,
                                          shown.widget))
        letters = initials(str(index.data() or ""),
                           2 if kind.is_person or kind in _ROOMY else 1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_kind(painter, kind, box.center(), self.size)
        painter.setFont(self._letter_font(shown.font, letters))
        painter.setPen(self._white)
        if kind is Kind.CRISIS:  # a triangle's middle sits low
            box.translate(0, self.size * 0.12)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, letters)
        painter.restore()

    def _letter_font(self, base: QFont, letters: str) -> QFont:
        """Bold, as large as fits the shape's middle (worked out once per font and text)."""
        key = (base.key(), letters)
        if key in self._fonts:
            return self._fonts[key]
        font = QFont(base)
        font.setBold(True)
        font.setPixelSize(max(7, round(self.size * 0.42)))
        room = self.size * 0.7
        while font.pixelSize() > 7 and QFontMetricsF(font).horizontalAdvance(letters) > room:
            font.setPixelSize(font.pixelSize() - 1)
        self._fonts[key] = font
        return font

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return hint.expandedTo(QSize(hint.width(), self.size + ROW_PADDING))

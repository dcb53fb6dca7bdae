"""A small line of recent moods (1 to 5), drawn with QPainter in the palette's colours."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from supportdesk.core.model import MOOD_LABELS


class Sparkline(QWidget):
    """Moods oldest to newest; a faint band marks the low range (1–2)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.moods: tuple[int, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Mood trend")

    def set_moods(self, moods: Sequence[int]) -> None:
        self.moods = tuple(moods)
        if self.moods:
            self.setAccessibleDescription(
                f"{len(self.moods)} recent moods, from {MOOD_LABELS[self.moods[0]]} "
                f"to {MOOD_LABELS[self.moods[-1]]}")
        else:
            self.setAccessibleDescription("No moods noted yet")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 64)

    def points(self) -> list[QPointF]:
        area = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        if not self.moods:
            return []
        step = area.width() / max(1, len(self.moods) - 1)
        return [QPointF(area.left() + i * step if len(self.moods) > 1 else area.center().x(),
                        area.bottom() - (mood - 1) / 4 * area.height())
                for i, mood in enumerate(self.moods)]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        area = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        low = palette.color(QPalette.ColorRole.Mid)
        low.setAlphaF(0.18)
        low_top = area.bottom() - area.height() / 4  # mood 2
        painter.fillRect(QRectF(area.left(), low_top, area.width(), area.bottom() - low_top), low)
        points = self.points()
        if not points:
            return
        line = palette.color(QPalette.ColorRole.Highlight)
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setPen(QPen(line, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(path)
        painter.setBrush(line)
        painter.drawEllipse(points[-1], 3.5, 3.5)

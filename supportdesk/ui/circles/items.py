"""The map's graphics items: the rings, "me", a node per supporter, and the ties.

Nodes, rings and the layer of ties cache their painting (``DeviceCoordinateCache``),
so dragging one node among hundreds repaints only it and its own tie; nothing here
touches the database.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from supportdesk.core.kinds import Direction, Ring
from supportdesk.core.model import Supporter
from supportdesk.ui.circles.shapes import NODE_SIZE, arrow_head, paint_kind, tie_path, tie_pen

if TYPE_CHECKING:
    from supportdesk.ui.circles.scene import CirclesScene

LABEL_WIDTH = 104.0
ME_FILL = QColor("#56636e")
DRAG_THRESHOLD = 4.0


def describe(supporter: Supporter) -> str:
    """What a screen reader or tooltip says about a node."""
    parts = [supporter.name, supporter.kind_label, supporter.ring.label,
             f"{supporter.tie.label.lower()} tie", supporter.direction.label.lower()]
    if supporter.stressful:
        parts.append("can be stressful")
    return ", ".join(parts)


class RingsItem(QGraphicsItem):
    """The three ring bands, faintly shaded, with their names."""

    def __init__(self, boundaries: dict[Ring, float], palette: QPalette) -> None:
        super().__init__()
        self.boundaries = boundaries
        self.palette = palette
        self.setZValue(-10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        r = self.boundaries[Ring.OUTER] + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.palette.color(QPalette.ColorRole.Base)
        shade = self.palette.color(QPalette.ColorRole.AlternateBase)
        line = self.palette.color(QPalette.ColorRole.Mid)
        text = self.palette.color(QPalette.ColorRole.PlaceholderText)
        for index, ring in enumerate(reversed(list(Ring))):
            radius = self.boundaries[ring]
            painter.setBrush(shade if index % 2 == 0 else base)
            painter.setPen(QPen(line, 1.0, Qt.PenStyle.DashLine))
            painter.drawEllipse(QPointF(0, 0), radius, radius)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text)
        for ring in Ring:
            # at the top of each band, where the layout leaves a gap between nodes
            top = -self.boundaries[ring] + 4
            painter.drawText(QRectF(-70, top, 140, 20), Qt.AlignmentFlag.AlignCenter,
                             ring.label)


class MeItem(QGraphicsItem):
    def __init__(self, palette: QPalette) -> None:
        super().__init__()
        self.palette = palette
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return QRectF(-38, -38, 76, 76)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(ME_FILL)  # neutral, so "me" is never mistaken for a kind
        painter.setPen(QPen(ME_FILL.darker(140), 2))
        painter.drawEllipse(QPointF(0, 0), 34, 34)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPointSizeF(max(9.0, font.pointSizeF() * 1.3))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(-34, -34, 68, 68), Qt.AlignmentFlag.AlignCenter, "Me")


ME_EDGE = 36.0
NODE_EDGE = NODE_SIZE / 2 + 4
Tie = tuple[QPainterPath, list[tuple[QPointF, QPointF]]]  # the line, and arrows (tip, tail)


def tie_shape(supporter: Supporter, end: QPointF) -> Tie:
    """The tie from me to a node at ``end``: the line, and arrows for the way support flows."""
    length = math.hypot(end.x(), end.y()) or 1.0
    ux, uy = end.x() / length, end.y() / length
    start = QPointF(ux * ME_EDGE, uy * ME_EDGE)
    stop = QPointF(end.x() - ux * NODE_EDGE, end.y() - uy * NODE_EDGE)
    arrows = []
    if supporter.direction in (Direction.RECEIVE, Direction.MUTUAL):
        arrows.append((start, stop))  # support flows to me
    if supporter.direction in (Direction.GIVE, Direction.MUTUAL):
        arrows.append((stop, start))  # support flows to them
    return tie_path(start, stop, supporter.stressful), arrows


def draw_tie(painter: QPainter, supporter: Supporter, tie: Tie, colour: QColor) -> None:
    """Width by strength, dotted when weak, amber zig-zag when stressful, arrow heads."""
    path, arrows = tie
    pen = tie_pen(supporter.tie, colour, supporter.stressful)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(pen.color())
    for tip, tail in arrows:
        painter.drawPolygon(arrow_head(tip, tail))


class TiesLayer(QGraphicsItem):
    """Every tie at rest, painted once into a cache: hundreds of ties cost one blit.

    The tie of a node being dragged is left out here and drawn by a ``TieItem``.
    """

    def __init__(self, nodes: list[SupporterNode], colour: QColor, radius: float) -> None:
        super().__init__()
        self.colour = colour
        self.radius = radius
        self.moving: SupporterNode | None = None
        self.ties = [(node, tie_shape(node.supporter, node.home)) for node in nodes]
        self.setZValue(-1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_moving(self, node: SupporterNode | None) -> None:
        self.moving = node
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-self.radius, -self.radius, 2 * self.radius, 2 * self.radius)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for node, tie in self.ties:
            if node is not self.moving:
                draw_tie(painter, node.supporter, tie, self.colour)


class TieItem(QGraphicsItem):
    """The tie of the node being dragged, following it."""

    def __init__(self, node: SupporterNode, colour: QColor) -> None:
        super().__init__()
        self.node = node
        self.colour = colour
        self.setZValue(-1)
        self.tie: Tie = (QPainterPath(), [])
        self.update_geometry()

    def update_geometry(self) -> None:
        self.prepareGeometryChange()
        self.tie = tie_shape(self.node.supporter, self.node.pos())

    def boundingRect(self) -> QRectF:
        return self.tie[0].boundingRect().adjusted(-12, -12, 12, 12)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_tie(painter, self.node.supporter, self.tie, self.colour)


class SupporterNode(QGraphicsItem):
    """One supporter: shape by kind, initial inside, elided name below. Drag to change ring."""

    def __init__(self, supporter: Supporter, home: QPointF, palette: QPalette,
                 font: QFont) -> None:
        super().__init__()
        assert supporter.id is not None
        self.supporter = supporter
        self.supporter_id = supporter.id
        self.home = home
        self.palette = palette
        self.font = font
        self.label = QFontMetricsF(font).elidedText(supporter.name, Qt.TextElideMode.ElideRight,
                                                    LABEL_WIDTH)
        self.tie: TieItem | None = None
        self._press: QPointF | None = None
        self.setPos(home)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setToolTip(describe(supporter))
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        half = NODE_SIZE / 2 + 5
        return QRectF(-LABEL_WIDTH / 2 - 4, -half, LABEL_WIDTH + 8, half * 2 + 20)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isSelected() or self.hasFocus():
            painter.setPen(QPen(self.palette.color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), NODE_SIZE / 2 + 5, NODE_SIZE / 2 + 5)
        paint_kind(painter, self.supporter.kind, QPointF(0, 0))
        font = QFont(self.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        initial = self.supporter.name.strip()[:1].upper()
        painter.drawText(QRectF(-NODE_SIZE / 2, -NODE_SIZE / 2, NODE_SIZE, NODE_SIZE),
                         Qt.AlignmentFlag.AlignCenter, initial)
        painter.setFont(self.font)
        metrics = QFontMetricsF(self.font)
        width = metrics.horizontalAdvance(self.label) + 8
        label_box = QRectF(-width / 2, NODE_SIZE / 2 + 3, width, metrics.height() + 2)
        backing = self.palette.color(QPalette.ColorRole.Base)
        backing.setAlphaF(0.85)  # keeps the name readable over ties
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(backing)
        painter.drawRoundedRect(label_box, 4, 4)
        painter.setPen(self.palette.color(QPalette.ColorRole.Text))
        painter.drawText(label_box, Qt.AlignmentFlag.AlignCenter, self.label)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if (change is QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
                and self.tie is not None):
            self.tie.update_geometry()
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press = event.scenePos()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        scene = self.circles_scene()
        if scene is not None:
            scene.begin_drag(self)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        pressed, self._press = self._press, None
        scene = self.circles_scene()
        if scene is None:
            return
        scene.end_drag(self)
        if pressed is None:
            return
        moved = event.scenePos() - pressed
        if math.hypot(moved.x(), moved.y()) < DRAG_THRESHOLD:
            self.setPos(self.home)
            scene.open_requested.emit(self.supporter_id)
        else:
            scene.node_dropped(self)

    def circles_scene(self) -> CirclesScene | None:
        from supportdesk.ui.circles.scene import CirclesScene

        scene = self.scene()
        return scene if isinstance(scene, CirclesScene) else None

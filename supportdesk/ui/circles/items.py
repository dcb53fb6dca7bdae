"""The map's graphics items: the rings, "me", a node per supporter, and the ties.

Nodes, rings and the layer of ties cache their painting (``DeviceCoordinateCache``),
so dragging one node among hundreds repaints only it and its own tie. What every node
shares (fonts, metrics, colours, pens) is worked out once per scene in a ``NodeLook``,
not once per node or per paint. Nothing here touches the database.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from supportdesk.core.kinds import Direction, Ring, TieStrength
from supportdesk.core.model import Supporter
from supportdesk.ui.circles.shapes import NODE_SIZE, arrow_head, kind_look, tie_path, tie_pen
from supportdesk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from supportdesk.ui.circles.scene import CirclesScene

LABEL_WIDTH = 104.0
ME_FILL = QColor("#56636e")
DRAG_THRESHOLD = 4.0
# Looked up once: on Python 3.11 each enum member access costs a descriptor call,
# and a paint of the map makes thousands of them.
_ANTIALIASING = QPainter.RenderHint.Antialiasing
_CENTRED = Qt.AlignmentFlag.AlignCenter
_NO_PEN = Qt.PenStyle.NoPen
_NO_BRUSH = Qt.BrushStyle.NoBrush
_NODE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsMovable
               | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
               | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_ORIGIN = QPointF(0, 0)
_NODE_HALF = NODE_SIZE / 2
_INITIAL_BOX = QRectF(-_NODE_HALF, -_NODE_HALF, NODE_SIZE, NODE_SIZE)
_NODE_BOUNDS = QRectF(-LABEL_WIDTH / 2 - 4, -_NODE_HALF - 5, LABEL_WIDTH + 8,
                      (_NODE_HALF + 5) * 2 + 20)


def describe(supporter: Supporter) -> str:
    """What a screen reader or tooltip says about a node."""
    return f"{supporter.name}, " + _described(supporter.kind_label, supporter.ring,
                                              supporter.tie, supporter.direction,
                                              supporter.stressful)


@cache
def _described(kind_label: str, ring: Ring, tie: TieStrength, direction: Direction,
               stressful: bool) -> str:
    # A few dozen combinations among hundreds of nodes: worded once each.
    parts = [kind_label, ring.label, f"{tie.label.lower()} tie", direction.label.lower()]
    if stressful:
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
Tie = tuple[QPainterPath, list[QPolygonF]]  # the line, and arrow heads
_TO_ME = (Direction.RECEIVE, Direction.MUTUAL)
_TO_THEM = (Direction.GIVE, Direction.MUTUAL)


def tie_shape(supporter: Supporter, end: QPointF) -> Tie:
    """The tie from me to a node at ``end``: the line, and arrows for the way support flows."""
    length = math.hypot(end.x(), end.y()) or 1.0
    ux, uy = end.x() / length, end.y() / length
    start = QPointF(ux * ME_EDGE, uy * ME_EDGE)
    stop = QPointF(end.x() - ux * NODE_EDGE, end.y() - uy * NODE_EDGE)
    arrows = []
    if supporter.direction in _TO_ME:
        arrows.append(arrow_head(start, stop))  # support flows to me
    if supporter.direction in _TO_THEM:
        arrows.append(arrow_head(stop, start))  # support flows to them
    return tie_path(start, stop, supporter.stressful), arrows


class TiePens:
    """The pen for each kind of tie in one colour, made once and shared by every tie."""

    def __init__(self, colour: QColor) -> None:
        self.colour = colour
        self._pens: dict[tuple[TieStrength, bool], QPen] = {}

    def pen(self, supporter: Supporter) -> QPen:
        key = (supporter.tie, supporter.stressful)
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = tie_pen(supporter.tie, self.colour, supporter.stressful)
        return pen


def draw_tie(painter: QPainter, tie: Tie, pen: QPen) -> None:
    """Width by strength, dotted when weak, amber zig-zag when stressful, arrow heads."""
    path, arrows = tie
    painter.setPen(pen)
    painter.setBrush(_NO_BRUSH)
    painter.drawPath(path)
    if arrows:
        painter.setPen(_NO_PEN)
        painter.setBrush(pen.color())
        for arrow in arrows:
            painter.drawPolygon(arrow)


class TiesLayer(QGraphicsItem):
    """Every tie at rest, painted once into a cache: hundreds of ties cost one blit.

    The tie of a node being dragged is left out here and drawn by a ``TieItem``.
    """

    def __init__(self, nodes: list[SupporterNode], colour: QColor, radius: float) -> None:
        super().__init__()
        self.colour = colour
        self.radius = radius
        self.moving: SupporterNode | None = None
        pens = TiePens(colour)
        self.ties = [(node, tie_shape(node.supporter, node.home), pens.pen(node.supporter))
                     for node in nodes]
        self.setZValue(-1)
        self.setCacheMode(_DEVICE_CACHE)

    def set_moving(self, node: SupporterNode | None) -> None:
        self.moving = node
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-self.radius, -self.radius, 2 * self.radius, 2 * self.radius)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(_ANTIALIASING)
        # Clipped, Qt strokes hundreds of thin lines about three times faster, and a
        # cache fill comes with no clip of its own; nothing is drawn outside anyway.
        painter.setClipRect(self.boundingRect(), Qt.ClipOperation.IntersectClip)
        moving = self.moving
        for node, tie, pen in self.ties:
            if node is not moving:
                draw_tie(painter, tie, pen)


class TieItem(QGraphicsItem):
    """The tie of the node being dragged, following it."""

    def __init__(self, node: SupporterNode, colour: QColor) -> None:
        super().__init__()
        self.node = node
        self.colour = colour
        self.pen = TiePens(colour).pen(node.supporter)
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
        painter.setRenderHint(_ANTIALIASING)
        draw_tie(painter, self.tie, self.pen)


class NodeLook:
    """What every node on one map shares, worked out once: fonts, metrics and colours.

    Build a new one when the palette or font changes; nodes keep the look they were
    made with (the scene lays everything out again).

    Text is drawn at a baseline worked out here, where ``drawText`` in a centred box
    would put it, so a paint skips laying the text out in a box (the dearest part of
    painting a node). Text with a character from a fallback font gets no baseline
    (that font's line height could move it) and is centred in its box as before.
    """

    def __init__(self, palette: QPalette, font: QFont) -> None:
        self.palette = palette
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.metrics = QFontMetricsF(self.font)
        self.bold_metrics = QFontMetricsF(self.bold)
        self.label_height = self.metrics.height() + 2
        self.highlight = QPen(palette.color(QPalette.ColorRole.Highlight), 3)
        self.backing = palette.color(QPalette.ColorRole.Base)
        self.backing.setAlphaF(0.85)  # keeps the name readable over ties
        self.text = QPen(palette.color(QPalette.ColorRole.Text))
        self.initial = QPen(QColor("white"))
        self._cursor: QCursor | None = None
        self._initials: dict[str, QPointF | None] = {}
        self._label_baseline = _centred_baseline(_NODE_HALF + 3, self.label_height,
                                                 self.metrics)

    def label(self, name: str) -> tuple[str, QRectF, QPointF | None]:
        """The name elided to fit, its backing box, and where its baseline starts."""
        label, advance = name, self.metrics.horizontalAdvance(name)
        if advance > LABEL_WIDTH:  # the test elidedText makes first
            label = self.metrics.elidedText(name, Qt.TextElideMode.ElideRight, LABEL_WIDTH)
            advance = self.metrics.horizontalAdvance(label)
        left, width = -(advance + 8) / 2, advance + 8
        box = QRectF(left, _NODE_HALF + 3, width, self.label_height)
        if not _has_glyphs(label, self.metrics):
            return label, box, None
        return label, box, QPointF(left + (width - advance) / 2, self._label_baseline)

    def initial_at(self, initial: str) -> QPointF | None:
        """Where an initial's baseline starts, centred in the node (shared by all nodes)."""
        if initial not in self._initials:
            at = None
            if _has_glyphs(initial, self.bold_metrics):
                box = _INITIAL_BOX
                advance = self.bold_metrics.horizontalAdvance(initial)
                at = QPointF(box.x() + (box.width() - advance) / 2,
                             _centred_baseline(box.y(), box.height(), self.bold_metrics))
            self._initials[initial] = at
        return self._initials[initial]

    def cursor(self) -> QCursor:
        if self._cursor is None:  # needs the application, so not made at import
            self._cursor = QCursor(Qt.CursorShape.OpenHandCursor)
        return self._cursor


def _centred_baseline(top: float, height: float, metrics: QFontMetricsF) -> float:
    ascent = metrics.ascent()
    return top + (height - (ascent + metrics.descent())) / 2 + ascent


def _has_glyphs(text: str, metrics: QFontMetricsF) -> bool:
    return text.isascii() or all(metrics.inFontUcs4(ord(ch)) for ch in text
                                 if not ch.isascii())


class SupporterNode(QGraphicsItem):
    """One supporter: shape by kind, initial inside, elided name below. Drag to change ring."""

    def __init__(self, supporter: Supporter, home: QPointF, look: NodeLook) -> None:
        super().__init__()
        assert supporter.id is not None
        self.supporter = supporter
        self.supporter_id = supporter.id
        self.home = home
        self.look = look
        self.label, self.label_box, self.label_at = look.label(supporter.name)
        self.initial = supporter.name.strip()[:1].upper()
        self.initial_at = look.initial_at(self.initial)
        self.kind_path, self.kind_fill, self.kind_pen = kind_look(supporter.kind)
        self.tie: TieItem | None = None
        self._press: QPointF | None = None
        self.setPos(home)
        self.setFlags(_NODE_FLAGS)
        self.setCacheMode(_DEVICE_CACHE)
        self.setCursor(look.cursor())
        self.setToolTip(plain_tooltip(describe(supporter)))
        self.setZValue(1)

    def boundingRect(self) -> QRectF:
        return _NODE_BOUNDS

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = self.look
        painter.setRenderHint(_ANTIALIASING)
        if self.isSelected() or self.hasFocus():
            painter.setPen(look.highlight)
            painter.setBrush(_NO_BRUSH)
            painter.drawEllipse(_ORIGIN, _NODE_HALF + 5, _NODE_HALF + 5)
        painter.setBrush(self.kind_fill)  # the node sits at the origin: no translation
        painter.setPen(self.kind_pen)
        painter.drawPath(self.kind_path)
        painter.setFont(look.bold)
        painter.setPen(look.initial)
        if self.initial_at is None:
            painter.drawText(_INITIAL_BOX, _CENTRED, self.initial)
        else:
            painter.drawText(self.initial_at, self.initial)
        painter.setFont(look.font)
        painter.setPen(_NO_PEN)
        painter.setBrush(look.backing)
        painter.drawRoundedRect(self.label_box, 4, 4)
        painter.setPen(look.text)
        if self.label_at is None:
            painter.drawText(self.label_box, _CENTRED, self.label)
        else:
            painter.drawText(self.label_at, self.label)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        # Only a dragged node has a tie of its own to carry along. (Not itemChange:
        # a Python itemChange is called a dozen times per node while the map is built.)
        if self.tie is not None:
            self.tie.update_geometry()

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

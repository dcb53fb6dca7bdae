"""The map's graphics items: the rings and their names, "me", a node per supporter
with its name, and the ties.

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
    QFocusEvent,
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
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from supportdesk.core.kinds import Direction, Ring, TieStrength
from supportdesk.core.model import Supporter
from supportdesk.ui.circles.labels import GAP, Placed, Variant
from supportdesk.ui.circles.shapes import (
    NODE_SIZE,
    arrow_head,
    initials,
    kind_look,
    tie_path,
    tie_pen,
)
from supportdesk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from supportdesk.ui.circles.scene import CirclesScene

LABEL_WIDTH = 104.0  # a name cut short is cut to this
WRAP_WIDTH = 112.0  # each line of a name on two lines
LINE_WIDTH = 170.0  # the most a name on one line may take
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
_NODE_BOUNDS = QRectF(-_NODE_HALF - 7, -_NODE_HALF - 7, NODE_SIZE + 14, NODE_SIZE + 14)
_LABEL_PAD = 8.0


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
    """The three ring bands, faintly shaded, with their names (``titles``, items of their
    own so names on the map can keep clear of them). While someone is dragged, the ring
    they would land in is ``target`` and drawn in the highlight colour."""

    def __init__(self, boundaries: dict[Ring, float], palette: QPalette, font: QFont) -> None:
        super().__init__()
        self.boundaries = boundaries
        self.palette = palette
        self.target: Ring | None = None
        self.setZValue(-10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        bold = QFont(font)
        bold.setBold(True)
        self.titles: dict[Ring, QGraphicsSimpleTextItem] = {}
        for ring in Ring:
            title = QGraphicsSimpleTextItem(ring.label, self)
            title.setFont(bold)
            title.setBrush(palette.color(QPalette.ColorRole.PlaceholderText))
            width = title.boundingRect().width()
            # at the top of each band, where the layout leaves a gap between nodes
            title.setPos(-width / 2, -boundaries[ring] + 4)
            self.titles[ring] = title

    def set_target(self, ring: Ring | None) -> None:
        if ring is not self.target:
            self.target = ring
            self.update()

    def boundingRect(self) -> QRectF:
        r = self.boundaries[Ring.OUTER] + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        base = self.palette.color(QPalette.ColorRole.Base)
        shade = self.palette.color(QPalette.ColorRole.AlternateBase)
        line = self.palette.color(QPalette.ColorRole.Mid)
        target = QColor(self.palette.color(QPalette.ColorRole.Highlight))
        target.setAlphaF(0.22)
        for index, ring in enumerate(reversed(list(Ring))):
            radius = self.boundaries[ring]
            painter.setBrush(shade if index % 2 == 0 else base)
            painter.setPen(QPen(line, 1.0, Qt.PenStyle.DashLine))
            painter.drawEllipse(QPointF(0, 0), radius, radius)
            if ring is self.target:
                band = QPainterPath()
                band.addEllipse(QPointF(0, 0), radius, radius)
                if ring is not Ring.INNER:
                    inner = self.boundaries[list(Ring)[ring.order - 1]]
                    hole = QPainterPath()
                    hole.addEllipse(QPointF(0, 0), inner, inner)
                    band = band.subtracted(hole)
                painter.setPen(QPen(self.palette.color(QPalette.ColorRole.Highlight), 2.0))
                painter.setBrush(target)
                painter.drawPath(band)


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

    def rehome(self, node: SupporterNode) -> None:
        """Draw the node's tie to where it lives now."""
        self.ties = [(n, tie_shape(n.supporter, n.home) if n is node else tie, pen)
                     for n, tie, pen in self.ties]
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
        self.line_height = self.metrics.height()
        self.highlight = QPen(palette.color(QPalette.ColorRole.Highlight), 3)
        self.backing = palette.color(QPalette.ColorRole.Base)
        self.backing.setAlphaF(0.85)  # keeps the name readable over ties
        self.text = QPen(palette.color(QPalette.ColorRole.Text))
        self.initial = QPen(QColor("white"))
        self._cursor: QCursor | None = None
        self._initials: dict[str, QPointF | None] = {}

    def variants(self, name: str) -> list[Variant]:
        """The ways ``name`` may be written on the map, best first: whole on one line,
        whole on two, on one line up to ``LINE_WIDTH``, then shortened."""
        advance = self.metrics.horizontalAdvance
        whole = advance(name)
        found: list[tuple[str, ...]] = []
        if whole <= WRAP_WIDTH:
            found.append((name,))
        else:
            two = self._two_lines(name)
            if two is not None and not two[1].endswith("…"):
                found.append(two)
            if whole <= LINE_WIDTH:
                found.append((name,))
            if two is not None and two not in found:
                found.append(two)
            found.append((self.metrics.elidedText(name, Qt.TextElideMode.ElideRight,
                                                  LABEL_WIDTH),))
        return [self._variant(lines) for lines in found]

    def _two_lines(self, name: str) -> tuple[str, str] | None:
        """``name`` broken at the last space that lets the first line fit; the second
        line is shortened if it must be."""
        advance = self.metrics.horizontalAdvance
        words = name.split(" ")
        for cut in range(len(words) - 1, 0, -1):
            first = " ".join(words[:cut])
            if advance(first) <= WRAP_WIDTH:
                second = self.metrics.elidedText(" ".join(words[cut:]),
                                                 Qt.TextElideMode.ElideRight, WRAP_WIDTH)
                return first, second
        return None

    def _variant(self, lines: tuple[str, ...]) -> Variant:
        width = max(self.metrics.horizontalAdvance(line) for line in lines) + _LABEL_PAD
        return Variant(lines, width, self.line_height * len(lines) + 2)

    def full_name(self, name: str) -> Variant:
        """``name`` whole on one line: shown on hover and focus."""
        return self._variant((name,))

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


class NodeLabel(QGraphicsItem):
    """A supporter's name beside their dot, where ``labels.place_labels`` found room.

    With no room it is hidden; on hover or focus (``set_expanded``) it shows the whole
    name on one line, above everything else.
    """

    def __init__(self, node: SupporterNode) -> None:
        super().__init__(node)
        self.node = node
        self.look = node.look
        self.placed: Placed | None = None
        self.expanded = False
        self.lines: tuple[str, ...] = ()
        self.box = QRectF()
        self.baselines: list[QPointF] | None = None
        self.setCacheMode(_DEVICE_CACHE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setVisible(False)

    def place(self, placed: Placed | None) -> None:
        self.placed = placed
        self._show()

    def set_expanded(self, expanded: bool) -> None:
        if expanded != self.expanded:
            self.expanded = expanded
            self._show()

    def _show(self) -> None:
        self.prepareGeometryChange()
        placed = self.placed
        if self.expanded:
            variant = self.look.full_name(self.node.supporter.name)
            w, h = variant.width, variant.height
            left, top, right, _ = (placed.box if placed is not None
                                   else (-w / 2, GAP, w / 2, GAP + h))
            centre = (left + right) / 2
            if left >= GAP:  # on the right: grow away from the dot
                box = (left, top, left + w, top + h)
            elif right <= -GAP:
                box = (right - w, top, right, top + h)
            else:
                box = (centre - w / 2, top, centre + w / 2, top + h)
        elif placed is not None:
            variant, box = placed.variant, placed.box
        else:
            self.setVisible(False)
            return
        self.lines = variant.lines
        self.box = QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])
        metrics = self.look.metrics
        if all(_has_glyphs(line, metrics) for line in self.lines):
            top = box[1] + 1
            self.baselines = [QPointF(self.box.x() + (self.box.width()
                                                      - metrics.horizontalAdvance(line)) / 2,
                                      _centred_baseline(top + i * self.look.line_height,
                                                        self.look.line_height, metrics))
                              for i, line in enumerate(self.lines)]
        else:
            self.baselines = None
        self.node.setZValue(3 if self.expanded else 1)
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self.box

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        look = self.look
        painter.setRenderHint(_ANTIALIASING)
        painter.setFont(look.font)
        painter.setPen(_NO_PEN)
        painter.setBrush(look.backing)
        painter.drawRoundedRect(self.box, 4, 4)
        painter.setPen(look.text)
        if self.baselines is None:
            painter.drawText(self.box, _CENTRED, "\n".join(self.lines))
        else:
            for at, line in zip(self.baselines, self.lines, strict=True):
                painter.drawText(at, line)


class SupporterNode(QGraphicsItem):
    """One supporter: shape by kind, initial inside, name beside (``name_label``).

    A click selects, a double click opens; drag to another ring to change ring.
    """

    def __init__(self, supporter: Supporter, home: QPointF, look: NodeLook) -> None:
        super().__init__()
        assert supporter.id is not None
        self.supporter = supporter
        self.supporter_id = supporter.id
        self.home = home
        self.look = look
        self.initial = initials(supporter.name, most=1)
        self.initial_at = look.initial_at(self.initial)
        self.kind_path, self.kind_fill, self.kind_pen = kind_look(supporter.kind)
        self.tie: TieItem | None = None
        self._press: QPointF | None = None
        self._hovered = self._focused = False
        self.setPos(home)
        self.setFlags(_NODE_FLAGS)
        self.setCacheMode(_DEVICE_CACHE)
        self.setCursor(look.cursor())
        self.setToolTip(plain_tooltip(describe(supporter)))
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.name_label = NodeLabel(self)

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

    def show_whole_name(self) -> None:
        """The whole name while the node is hovered, has focus or is selected."""
        self.name_label.set_expanded(self._hovered or self._focused or self.isSelected())

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.show_whole_name()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.show_whole_name()
        super().hoverLeaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._focused = True
        self.show_whole_name()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._focused = False
        self.show_whole_name()
        super().focusOutEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        # Only a dragged node has a tie of its own to carry along. (Not itemChange:
        # a Python itemChange is called a dozen times per node while the map is built.)
        if self.tie is not None:
            self.tie.update_geometry()
        scene = self.circles_scene()
        if scene is not None and self._press is not None and self._dragged(event):
            scene.drag_moved(self)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press = event.scenePos()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        scene = self.circles_scene()
        if scene is not None:
            scene.begin_drag(self)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.circles_scene()
        if scene is not None:
            scene.open_requested.emit(self.supporter_id)
        event.accept()

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
        if self._dragged(event, pressed):
            scene.node_dropped(self)  # may lay the map out again: nothing of self after
        else:
            self.setPos(self.home)  # a click: selected, not moved

    def _dragged(self, event: QGraphicsSceneMouseEvent, pressed: QPointF | None = None
                 ) -> bool:
        start = pressed if pressed is not None else self._press
        assert start is not None
        moved = event.scenePos() - start
        return math.hypot(moved.x(), moved.y()) >= DRAG_THRESHOLD

    def circles_scene(self) -> CirclesScene | None:
        from supportdesk.ui.circles.scene import CirclesScene

        scene = self.scene()
        return scene if isinstance(scene, CirclesScene) else None

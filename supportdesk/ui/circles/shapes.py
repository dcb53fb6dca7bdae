"""How each kind of supporter and each kind of tie looks, shared by the map and legend.

Shape carries the kind (never colour alone): people are circles, professionals
rounded squares, groups hexagons, online communities diamonds, crisis services
triangles. Fills are mid-tone so they read on light and dark backgrounds.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from supportdesk.core.kinds import Kind, TieStrength

NODE_SIZE = 30.0
STRESS_COLOUR = QColor("#d08a00")  # amber, read with the zig-zag shape

_FILLS = {
    "person": QColor("#4a86c5"),
    Kind.PROFESSIONAL: QColor("#2f9a78"),
    Kind.GROUP: QColor("#c4772a"),
    Kind.ONLINE: QColor("#8a68c4"),
    Kind.CRISIS: QColor("#c2546d"),
}

LEGEND_KINDS = (
    (Kind.FRIEND, "Person (partner, family, friend)"),
    (Kind.PROFESSIONAL, "Professional"),
    (Kind.GROUP, "Support group"),
    (Kind.ONLINE, "Online community"),
    (Kind.CRISIS, "Crisis service"),
)


def kind_fill(kind: Kind) -> QColor:
    return _FILLS["person"] if kind.is_person else _FILLS[kind]


def initials(name: str, most: int = 2) -> str:
    """What goes inside a supporter's shape: the first letters of their first and last
    words (``most`` 1: the first letter alone, as on the map)."""
    firsts = [next((ch for ch in word if ch.isalnum()), "") for word in name.split()]
    firsts = [ch for ch in firsts if ch] or [name.strip()[:1] or "?"]
    chosen = [firsts[0], firsts[-1]] if most > 1 and len(firsts) > 1 else [firsts[0]]
    return "".join(chosen).upper()


def kind_path(kind: Kind, size: float = NODE_SIZE) -> QPainterPath:
    """The node's outline, centred on (0, 0)."""
    half = size / 2
    path = QPainterPath()
    if kind.is_person:
        path.addEllipse(QPointF(0, 0), half, half)
    elif kind is Kind.PROFESSIONAL:
        path.addRoundedRect(QRectF(-half, -half, size, size), size * 0.22, size * 0.22)
    elif kind is Kind.GROUP:
        path.addPolygon(_regular_polygon(6, half * 1.08, 0.0))
        path.closeSubpath()
    elif kind is Kind.ONLINE:
        path.addPolygon(_regular_polygon(4, half * 1.2, 90.0))
        path.closeSubpath()
    else:
        path.addPolygon(_regular_polygon(3, half * 1.2, -90.0, dy=half * 0.18))
        path.closeSubpath()
    return path


def _regular_polygon(sides: int, radius: float, start_deg: float, dy: float = 0.0) -> QPolygonF:
    return QPolygonF([
        QPointF(radius * math.cos(math.radians(start_deg + i * 360 / sides)),
                radius * math.sin(math.radians(start_deg + i * 360 / sides)) + dy)
        for i in range(sides)
    ])


@cache
def kind_look(kind: Kind, size: float = NODE_SIZE) -> tuple[QPainterPath, QColor, QPen]:
    """A kind's outline centred on (0, 0), fill and pen: made once and shared by every
    node of that kind (treat them as read-only)."""
    fill = kind_fill(kind)
    return kind_path(kind, size), fill, QPen(fill.darker(150), 1.5)


def paint_kind(painter: QPainter, kind: Kind, centre: QPointF, size: float = NODE_SIZE) -> None:
    """Draw a kind's shape (fill and outline) centred on ``centre``."""
    path, fill, pen = kind_look(kind, size)
    painter.save()
    painter.translate(centre)
    painter.setBrush(fill)
    painter.setPen(pen)
    painter.drawPath(path)
    painter.restore()


def tie_pen(strength: TieStrength, colour: QColor, stressful: bool) -> QPen:
    width = {TieStrength.STRONG: 3.2, TieStrength.NORMAL: 1.7, TieStrength.WEAK: 1.4}[strength]
    pen = QPen(STRESS_COLOUR if stressful else colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if strength is TieStrength.WEAK:
        pen.setStyle(Qt.PenStyle.DotLine)
    return pen


def tie_path(start: QPointF, end: QPointF, stressful: bool) -> QPainterPath:
    """A straight tie, or a zig-zag one for a stressful tie."""
    path = QPainterPath(start)
    if not stressful:
        path.lineTo(end)
        return path
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux
    steps = max(2, int(length / 12))
    for i in range(1, steps):
        t = i / steps
        side = 4.5 if i % 2 else -4.5
        path.lineTo(start.x() + dx * t + nx * side, start.y() + dy * t + ny * side)
    path.lineTo(end)
    return path


_COS_150 = math.cos(math.radians(150))
_SIN_150 = math.sin(math.radians(150))


def arrow_head(tip: QPointF, towards_from: QPointF, size: float = 9.0) -> QPolygonF:
    """A filled triangle pointing at ``tip``, coming from ``towards_from``."""
    # The direction turned 150° either way, by rotation rather than trigonometry per
    # arrow: the map makes hundreds of these while it is built.
    x, y = tip.x(), tip.y()
    dx, dy = x - towards_from.x(), y - towards_from.y()
    length = math.hypot(dx, dy)
    cos, sin = (dx / length, dy / length) if length else (1.0, 0.0)
    turned_cos, turned_sin = cos * _COS_150, sin * _COS_150
    across_cos, across_sin = cos * _SIN_150, sin * _SIN_150
    return QPolygonF([
        tip,
        QPointF(x + size * (turned_cos - across_sin), y + size * (turned_sin + across_cos)),
        QPointF(x + size * (turned_cos + across_sin), y + size * (turned_sin - across_cos)),
    ])

"""The circles scene: built from the supporters in one pass, no queries of its own.

Signals:
    ring_change_requested(int, str): a node was dropped in another ring (id, ring value).
    open_requested(int): a node was clicked or activated (supporter id).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QGraphicsScene

from supportdesk.core.model import Supporter
from supportdesk.ui.circles.items import (
    MeItem,
    NodeLook,
    RingsItem,
    SupporterNode,
    TieItem,
    TiesLayer,
)
from supportdesk.ui.circles.layout import MapLayout, layout_map

MARGIN = 60.0


class CirclesScene(QGraphicsScene):
    ring_change_requested = Signal(int, str)
    open_requested = Signal(int)

    def __init__(self, palette: QPalette, font: QFont, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.map_palette = palette
        self.map_font = font
        self.look = NodeLook(palette, font)
        self.layout = layout_map([])
        self.nodes: dict[int, SupporterNode] = {}
        self.tie_colour = palette.color(QPalette.ColorRole.Text)
        self.ties = TiesLayer([], self.tie_colour, 1.0)
        self.order: list[int] = []  # keyboard order: ring by ring, as laid out
        self.supporters: Sequence[Supporter] = ()

    def set_look(self, palette: QPalette, font: QFont) -> None:
        """Draw with these colours and this font from now on (light/dark switched);
        the same selection stays selected."""
        if palette == self.map_palette and font == self.map_font:
            return
        self.map_palette = QPalette(palette)
        self.map_font = QFont(font)
        self.look = NodeLook(self.map_palette, self.map_font)
        selected = self.selected_id()
        self.build(self.supporters)
        if selected is not None:
            self.select_only(selected)

    def build(self, supporters: Sequence[Supporter]) -> None:
        """Lay out and draw everyone again (after any change to the network)."""
        self.clear()
        self.nodes = {}
        self.supporters = supporters
        self.layout = layout = layout_map(supporters)
        self.addItem(RingsItem(layout.boundaries, self.map_palette))
        self.addItem(MeItem(self.map_palette))
        self.tie_colour = self.map_palette.color(QPalette.ColorRole.Text)
        self.tie_colour.setAlphaF(0.55)
        for supporter in supporters:
            if supporter.id is None or supporter.id not in layout.positions:
                continue
            x, y = layout.positions[supporter.id]
            node = SupporterNode(supporter, QPointF(x, y), self.look)
            self.addItem(node)
            self.nodes[supporter.id] = node
        outer = max(layout.boundaries.values()) + MARGIN
        self.ties = TiesLayer(list(self.nodes.values()), self.tie_colour, outer)
        self.addItem(self.ties)
        self.order = [sid for sid in _layout_order(layout) if sid in self.nodes]
        self.setSceneRect(QRectF(-outer, -outer, 2 * outer, 2 * outer))

    def begin_drag(self, node: SupporterNode) -> None:
        """The node's tie leaves the cached layer and follows the node."""
        self.end_drag(node)
        node.tie = TieItem(node, self.tie_colour)
        self.addItem(node.tie)
        self.ties.set_moving(node)

    def end_drag(self, node: SupporterNode) -> None:
        if node.tie is not None:
            self.removeItem(node.tie)
            node.tie = None
        self.ties.set_moving(None)

    def node_dropped(self, node: SupporterNode) -> None:
        distance = math.hypot(node.pos().x(), node.pos().y())
        ring = self.layout.ring_at(distance)
        node.setPos(node.home)  # the network change (if any) lays everything out again
        if ring is not node.supporter.ring:
            self.ring_change_requested.emit(node.supporter_id, ring.value)

    def select_only(self, supporter_id: int) -> SupporterNode | None:
        node = self.nodes.get(supporter_id)
        if node is None:
            return None
        for other in self.selectedItems():
            if other is not node:
                other.setSelected(False)
        node.setSelected(True)
        self.setFocusItem(node)
        return node

    def selected_id(self) -> int | None:
        for item in self.selectedItems():
            if isinstance(item, SupporterNode):
                return item.supporter_id
        return None


def _layout_order(layout: MapLayout) -> list[int]:
    """Ids in the order they were laid out (ring, then round each track)."""
    return list(layout.positions)

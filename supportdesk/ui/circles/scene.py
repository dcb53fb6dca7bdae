"""The circles scene: built from the supporters in one pass, no queries of its own.

Signals:
    ring_change_requested(int, str): a node was dropped in another ring (id, ring value).
    open_requested(int): a node was double-clicked or activated (supporter id).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QGraphicsScene

from supportdesk.core.kinds import Ring
from supportdesk.core.model import Supporter
from supportdesk.ui.circles.items import (
    ME_EDGE,
    MeItem,
    NodeLook,
    RingsItem,
    SupporterNode,
    TieItem,
    TiesLayer,
)
from supportdesk.ui.circles.labels import Box, place_labels
from supportdesk.ui.circles.layout import MapLayout, Point, layout_map, settle_layout
from supportdesk.ui.circles.shapes import NODE_SIZE

MARGIN = 12.0


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
        self.rings: RingsItem | None = None
        self.order: list[int] = []  # keyboard order: ring by ring, clockwise from the top
        self.supporters: Sequence[Supporter] = ()
        # what keeps the map still from one build to the next
        self.dropped: dict[int, Point] = {}  # where someone was dropped, until the next build
        self.remembered: dict[tuple[int, Ring], Point] = {}  # where each last was, per ring
        self.label_choices: dict[int, int] = {}
        self._whole_names: list[SupporterNode] = []  # selected, so showing the whole name
        self.selectionChanged.connect(self._on_selection_changed)

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
        """Draw everyone again (after any change to the network), each where they were."""
        self._whole_names = []
        self.clear()
        self.nodes = {}
        self.supporters = supporters
        previous = self.layout
        self.layout = layout = settle_layout(supporters, previous, self.dropped,
                                             self.remembered)
        self.dropped = {}
        self.rings = RingsItem(layout.boundaries, self.map_palette, self.map_font)
        self.addItem(self.rings)
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
            self.remembered[(supporter.id, layout.rings[supporter.id])] = (x, y)
        outer = max(layout.boundaries.values()) + MARGIN  # every tie ends inside
        self.ties = TiesLayer(list(self.nodes.values()), self.tie_colour, outer)
        self.addItem(self.ties)
        self.order = sorted(self.nodes, key=lambda sid: _reading_place(layout, sid))
        moved = {sid for sid, at in layout.positions.items()
                 if previous.positions.get(sid) != at}
        self._place_labels(moved)
        self._fit_scene_rect()

    def _fit_scene_rect(self) -> None:
        """The rings and every name, and a little room: what Fit shows."""
        assert self.rings is not None
        shown = self.rings.sceneBoundingRect()
        for node in self.nodes.values():
            if node.name_label.isVisible():
                shown = shown.united(node.name_label.sceneBoundingRect())
        self.setSceneRect(shown.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    def _place_labels(self, moved: set[int]) -> None:
        """Names where they were while there is still room; then the moved ones."""
        obstacles: list[Box] = [(-ME_EDGE, -ME_EDGE, ME_EDGE, ME_EDGE)]
        if self.rings is not None:
            for title in self.rings.titles.values():
                obstacles.append(_box(title.sceneBoundingRect()))
        half = NODE_SIZE / 2 + 2
        entries = []
        for sid in sorted(self.nodes, key=lambda sid: (sid in moved, sid not in
                                                       self.label_choices)):
            node = self.nodes[sid]
            x, y = node.home.x(), node.home.y()
            obstacles.append((x - half, y - half, x + half, y + half))
            entries.append((sid, x, y, self.look.variants(node.supporter.name)))
        placed = place_labels(entries, obstacles, self.label_choices)
        self.label_choices = {sid: spot.choice for sid, spot in placed.items()
                              if spot is not None}
        for sid, spot in placed.items():
            self.nodes[sid].name_label.place(spot)

    def begin_drag(self, node: SupporterNode) -> None:
        """The node's tie leaves the cached layer and follows the node."""
        self.end_drag(node)
        node.tie = TieItem(node, self.tie_colour)
        self.addItem(node.tie)
        self.ties.set_moving(node)

    def drag_moved(self, node: SupporterNode) -> None:
        """Light up the ring the node would land in."""
        if self.rings is not None:
            self.rings.set_target(self.layout.ring_at(math.hypot(node.x(), node.y())))

    def end_drag(self, node: SupporterNode) -> None:
        if node.tie is not None:
            self.removeItem(node.tie)
            node.tie = None
        self.ties.set_moving(None)
        if self.rings is not None:
            self.rings.set_target(None)

    def node_dropped(self, node: SupporterNode) -> None:
        """Keep them where they were dropped: in another ring, once the change lands."""
        point = (node.pos().x(), node.pos().y())
        ring = self.layout.ring_at(math.hypot(*point))
        self.dropped[node.supporter_id] = point
        if ring is not node.supporter.ring:
            node.setPos(node.home)  # until the network change draws them there
            self.ring_change_requested.emit(node.supporter_id, ring.value)
            return
        self.layout = settle_layout(self.supporters, self.layout, self.dropped,
                                    self.remembered)
        self.dropped = {}
        x, y = self.layout.positions[node.supporter_id]
        node.home = QPointF(x, y)
        node.setPos(node.home)
        self.remembered[(node.supporter_id, ring)] = (x, y)
        self.ties.rehome(node)
        self.order = sorted(self.nodes, key=lambda sid: _reading_place(self.layout, sid))
        self._place_labels({node.supporter_id})
        self._fit_scene_rect()

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

    def _on_selection_changed(self) -> None:
        if not shiboken6.isValid(self):
            return  # the scene is going
        chosen = [item for item in self.selectedItems() if isinstance(item, SupporterNode)]
        for node in self._whole_names + chosen:
            if shiboken6.isValid(node):
                node.show_whole_name()
        self._whole_names = chosen

    def selected_id(self) -> int | None:
        for item in self.selectedItems():
            if isinstance(item, SupporterNode):
                return item.supporter_id
        return None


def _reading_place(layout: MapLayout, supporter_id: int) -> tuple[int, float]:
    """Ring by ring, then clockwise from the top: the order arrows and Tab go."""
    x, y = layout.positions[supporter_id]
    return layout.rings[supporter_id].order, (math.atan2(y, x) + math.pi / 2) % (2 * math.pi)


def _box(rect: QRectF) -> Box:
    return rect.left(), rect.top(), rect.right(), rect.bottom()

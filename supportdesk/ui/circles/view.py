"""The map's view: zoom (Ctrl+wheel, + and −, 0 to fit) and keyboard movement between nodes.

Signals:
    ring_step_requested(int, int): Ctrl+Up/Down on a node (id, -1 closer / +1 further out).
    current_changed(int): keyboard or mouse moved to this supporter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from supportdesk.ui.circles.items import describe
from supportdesk.ui.circles.scene import CirclesScene

ZOOM_STEP = 1.2
MIN_SCALE, MAX_SCALE = 0.1, 4.0


class CirclesView(QGraphicsView):
    ring_step_requested = Signal(int, int)
    current_changed = Signal(int)

    def __init__(self, scene: CirclesScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.circles = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Circles map")
        self.setAccessibleDescription(
            "Me at the centre, supporters on three rings. Arrow keys move between people, "
            "Enter opens, Control with Up or Down moves someone closer or further out.")
        self._fitted_once = False

    # -- zoom -----------------------------------------------------------------

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        target = max(MIN_SCALE, min(MAX_SCALE, current * factor))
        self.scale(target / current, target / current)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > MAX_SCALE:
            self.zoom_by(1.0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._fitted_once and self.isVisible():
            self._fitted_once = True
            self.fit()

    # -- keyboard ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        current = self.circles.selected_id()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and (
                mods & Qt.KeyboardModifier.ControlModifier) and current is not None:
            self.ring_step_requested.emit(current, -1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.move_current(1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and \
                current is not None:
            self.circles.open_requested.emit(current)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def move_current(self, step: int) -> None:
        order = self.circles.order
        if not order:
            return
        current = self.circles.selected_id()
        index = order.index(current) + step if current in order else 0
        self.show_supporter(order[index % len(order)])

    def show_supporter(self, supporter_id: int) -> None:
        node = self.circles.select_only(supporter_id)
        if node is None:
            return
        self.ensureVisible(node, 40, 40)
        self.setAccessibleDescription(describe(node.supporter))
        self.current_changed.emit(supporter_id)

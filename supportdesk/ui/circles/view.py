"""The map's view: zoom (Ctrl+wheel, + and −, 0 to fit) and keyboard movement between nodes.

Until someone zooms, the map is fitted to the view whenever the view or the map changes
size; Fit (or 0) goes back to that.

Signals:
    ring_step_requested(int, int): Ctrl+Up/Down on a node (id, -1 closer / +1 further out).
    current_changed(int): keyboard or mouse moved to this supporter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget
from shiboken6 import Shiboken

from supportdesk.ui.circles.items import describe
from supportdesk.ui.circles.scene import CirclesScene

ZOOM_STEP = 1.2
MIN_SCALE, MAX_SCALE = 0.1, 4.0
_TABS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
_NOT_TAB = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


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
        self._say_chosen()
        scene.selectionChanged.connect(self._say_chosen)
        self.setAccessibleDescription(
            "Me at the centre, supporters on three rings. Arrow keys or Tab move between "
            "people, Enter opens, Control with Up or Down moves someone closer or further out.")
        self.fitting = True
        scene.sceneRectChanged.connect(self._on_scene_rect_changed)

    def _say_chosen(self) -> None:
        """The map's name says who is chosen: the people are drawn, not widgets, so the
        focused map's name changing is what a screen reader announces as Tab moves on."""
        if not (Shiboken.isValid(self) and Shiboken.isValid(self.circles)):
            return  # the map or its scene is going
        chosen = self.circles.selected_id()
        node = self.circles.nodes.get(chosen) if chosen is not None else None
        name = f"Circles map: {node.supporter.name}" if node is not None else "Circles map"
        self.setAccessibleName(name)
        self.viewport().setAccessibleName(name)  # it can take focus too

    # -- zoom -----------------------------------------------------------------

    def zoom_by(self, factor: float) -> None:
        """Zoom as the person asked: the map keeps this scale until Fit."""
        self.fitting = False
        self._scale_by(factor)

    def _scale_by(self, factor: float) -> None:
        current = self.transform().m11()
        target = max(MIN_SCALE, min(MAX_SCALE, current * factor))
        self.scale(target / current, target / current)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit(self) -> None:
        self.fitting = True
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > MAX_SCALE:
            self._scale_by(1.0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.fit()

    def _on_scene_rect_changed(self) -> None:
        if self.fitting:
            self.fit()

    # -- keyboard ---------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab goes from person to person (the scene's own item focus chain would move
        # focus without selecting), and past the last one on to the next control.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in _TABS and not event.modifiers() & _NOT_TAB:
            forward = event.key() == Qt.Key.Key_Tab
            if not self._tab_within(1 if forward else -1):
                QWidget.focusNextPrevChild(self, forward)
            return True
        return super().event(event)

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
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self.circles.open_requested.emit(current)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _tab_within(self, step: int) -> bool:
        """Tab to the next person; False when there is none before leaving the map."""
        order = self.circles.order
        current = self.circles.selected_id()
        if current not in order:
            if not order:
                return False
            self.show_supporter(order[0 if step > 0 else -1])
            return True
        index = order.index(current) + step
        if not 0 <= index < len(order):
            return False
        self.show_supporter(order[index])
        return True

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

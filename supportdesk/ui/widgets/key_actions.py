"""Plain keys (Delete, Space, Enter) acting on a focused view, without window shortcuts.

Window-level shortcuts would clash between pages; these only fire while the view
itself has focus, and leave every other key to the view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class KeyActions(QObject):
    """Calls ``actions[key]`` when that key is pressed (without Ctrl/Alt) in ``widget``."""

    def __init__(self, widget: QWidget, actions: Mapping[Qt.Key, Callable[[], None]]) -> None:
        super().__init__(widget)
        self._actions = dict(actions)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier)
            action = self._actions.get(Qt.Key(event.key()))
            if plain and action is not None:
                action()
                return True
        return super().eventFilter(watched, event)

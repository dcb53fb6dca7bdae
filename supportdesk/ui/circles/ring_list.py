"""The map as grouped lists, for the keyboard and screen readers: one branch per ring.

Signals:
    current_supporter_changed(int): the selected supporter changed (by the user).
    open_requested(int): Enter or a double-click on a supporter.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from supportdesk.core.kinds import Ring
from supportdesk.core.model import Supporter
from supportdesk.ui.circles.items import describe
from supportdesk.ui.circles.layout import ring_order
from supportdesk.ui.plain import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole


class RingList(QTreeWidget):
    current_supporter_changed = Signal(int)
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Your circles as a list")
        self.setAccessibleDescription("Inner, middle and outer circles, each with its people.")
        self.setUniformRowHeights(True)
        self.items: dict[int, QTreeWidgetItem] = {}
        self.currentItemChanged.connect(self._on_current_item_changed)
        self.itemActivated.connect(self._on_item_activated)

    def set_supporters(self, supporters: Sequence[Supporter]) -> None:
        self.blockSignals(True)
        try:
            self.clear()
            self.items = {}
            for ring in Ring:
                members = sorted((s for s in supporters if s.ring is ring and s.id is not None),
                                 key=ring_order)
                branch = QTreeWidgetItem(self, [f"{ring.label} ({len(members)})"])
                branch.setFlags(Qt.ItemFlag.ItemIsEnabled)
                branch.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                               f"{ring.label}, {len(members)} people")
                for supporter in members:
                    assert supporter.id is not None
                    leaf = QTreeWidgetItem(branch, [f"{supporter.name} · "
                                                    f"{supporter.kind_label}"])
                    leaf.setData(0, ID_ROLE, supporter.id)
                    leaf.setData(0, Qt.ItemDataRole.AccessibleTextRole, describe(supporter))
                    leaf.setToolTip(0, plain_tooltip(describe(supporter)))
                    self.items[supporter.id] = leaf
                branch.setExpanded(True)
        finally:
            self.blockSignals(False)

    def ids_by_ring(self) -> dict[Ring, list[int]]:
        result: dict[Ring, list[int]] = {}
        for index, ring in enumerate(Ring):
            branch = self.topLevelItem(index)
            children = [branch.child(i) for i in range(branch.childCount())] if branch else []
            result[ring] = [int(child.data(0, ID_ROLE)) for child in children if child]
        return result

    def select(self, supporter_id: int) -> None:
        """Follow a selection made on the map, without echoing it back."""
        item = self.items.get(supporter_id)
        if item is None:
            return
        self.blockSignals(True)
        try:
            self.setCurrentItem(item)
            self.scrollToItem(item)
        finally:
            self.blockSignals(False)

    def current_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.current_id()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current is not None:
            self.open_requested.emit(current)
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_current_item_changed(self, current: QTreeWidgetItem | None,
                                 previous: QTreeWidgetItem | None) -> None:
        value = current.data(0, ID_ROLE) if current is not None else None
        if value is not None:
            self.current_supporter_changed.emit(int(value))

    def _on_item_activated(self, item: QTreeWidgetItem, column: int) -> None:
        value = item.data(0, ID_ROLE)
        if value is not None:
            self.open_requested.emit(int(value))

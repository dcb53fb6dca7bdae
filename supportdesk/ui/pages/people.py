"""People: everyone in the network in one searchable, sortable table.

Keyboard: type to search; Down moves into the table; Enter opens the person;
Delete removes them (with Undo). An empty network shows a friendly explanation
of the kinds of support, with an "Add someone" button.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.schedule import local_zone
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.supporter_editor import SupporterEditor
from supportdesk.ui.models.roles import ID_ROLE
from supportdesk.ui.models.supporter_filter import SupporterFilterProxy
from supportdesk.ui.models.supporter_table import Column, SupporterTableModel
from supportdesk.ui.plain import plain_label, rich_label
from supportdesk.ui.undo_commands import DeleteSupporter, perform
from supportdesk.ui.widgets.search_field import search_field
from supportdesk.ui.widgets.tables import list_table

EMPTY_TEXT = """<h2>Who do you lean on?</h2>
<p>Your support network can hold many kinds of support. You might add:</p>
<ul>
<li><b>Partner, family and friends</b> — the people you can call, text or sit with.</li>
<li><b>Professionals</b> — your GP, nurse, psychiatrist, therapist, social or support worker.</li>
<li><b>Support groups</b> — local peer groups or hobby groups where you feel at home.</li>
<li><b>Online communities</b> — forums and chats where people understand.</li>
<li><b>Crisis lines</b> — services you can reach day or night when things are very hard.</li>
</ul>
<p>Start with one person. You can add details whenever you like.</p>"""


class PeoplePage(QWidget):
    topics: ClassVar[frozenset[str]] = frozenset({"people", "checkins", "settings"})

    """The People page. Emits nothing itself; uses ``ctx.events`` for changes and navigation."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("People")
        self.model = SupporterTableModel(self, tz=local_zone())
        self.proxy = SupporterFilterProxy(self.model, self)
        self._build()
        self._connect_signals()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search_edit = search_field("Find someone by name, role or notes", "Find someone", self)
        self.search_edit.setAccessibleDescription(
            "Type to filter; press Down to move into the list, Enter to open.")
        bar.addWidget(self.search_edit, 3)
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem("All kinds", None)
        for kind in Kind:
            self.kind_filter.addItem(kind.label, kind)
        self.kind_filter.setAccessibleName("Show kind")
        bar.addWidget(self.kind_filter, 1)
        self.ring_filter = QComboBox(self)
        self.ring_filter.addItem("All rings", None)
        for ring in Ring:
            self.ring_filter.addItem(ring.label, ring)
        self.ring_filter.setAccessibleName("Show ring")
        bar.addWidget(self.ring_filter, 1)
        self.help_filter = QComboBox(self)
        self.help_filter.setAccessibleName("Who can I ask for")
        self.help_filter.setToolTip("Who can I ask for…?")
        bar.addWidget(self.help_filter, 1)
        self.add_button = QPushButton("Add someone", self)
        self.add_button.setAccessibleName("Add someone")
        self.add_button.setToolTip("Add someone (Ctrl+N)")
        bar.addWidget(self.add_button)
        layout.addLayout(bar)

        self.stack = QStackedWidget(self)
        self.table = list_table(self.proxy, "People in your network", self)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (Column.KIND, Column.RING, Column.LAST_CONTACT, Column.NEXT_DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.stack.addWidget(self.table)

        self.no_match = plain_label("Nobody matches that search. Try fewer letters, or clear the "
                                    "filters.", self)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.stack.addWidget(self.no_match)

        self.empty = QWidget(self)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        self.empty_text = rich_label(EMPTY_TEXT, self.empty)
        self.empty_text.setWordWrap(True)
        self.empty_text.setMaximumWidth(620)
        empty_layout.addWidget(self.empty_text, 0, Qt.AlignmentFlag.AlignHCenter)
        self.empty_add_button = QPushButton("Add someone", self.empty)
        self.empty_add_button.setAccessibleName("Add someone to your network")
        empty_layout.addWidget(self.empty_add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack)

    def _connect_signals(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.search_edit.installEventFilter(self)
        self.table.installEventFilter(self)
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter_changed)
        self.ring_filter.currentIndexChanged.connect(self._on_ring_filter_changed)
        self.help_filter.currentIndexChanged.connect(self._on_help_filter_changed)
        self.table.activated.connect(self._on_table_activated)
        self.add_button.clicked.connect(self.add_supporter)
        self.empty_add_button.clicked.connect(self.add_supporter)

    # -- data ----------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_help_filter()
        chosen = self.current_supporter_id()
        self.model.set_people(self.ctx.app.network.people(), self.ctx.app.now())
        if chosen is not None:
            self.select_supporter(chosen)
        self._update_stack()

    def _update_stack(self) -> None:
        if not self.model.rows:
            self.stack.setCurrentWidget(self.empty)
        elif self.proxy.rowCount() == 0:
            self.stack.setCurrentWidget(self.no_match)
        else:
            self.stack.setCurrentWidget(self.table)

    def current_supporter_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(Column.NAME).data(ID_ROLE)
        return int(value) if value is not None else None

    def select_supporter(self, supporter_id: int) -> bool:
        row = self.model.row_of(supporter_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, Column.NAME))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    # -- intents -------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def add_supporter(self) -> int | None:
        editor = SupporterEditor(self.ctx, parent=self.window())
        if editor.exec() and editor.saved_id is not None:
            self.search_edit.clear()
            self.select_supporter(editor.saved_id)
            return editor.saved_id
        return None

    def open_current(self) -> None:
        supporter_id = self.current_supporter_id()
        if supporter_id is not None:
            self.ctx.events.supporter_open_requested.emit(supporter_id)

    def delete_current(self) -> None:
        supporter_id = self.current_supporter_id()
        if supporter_id is None:
            return
        row = self.table.currentIndex().row()
        supporter = self.ctx.app.network.supporter(supporter_id)
        perform(self.ctx, DeleteSupporter(self.ctx, supporter))
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(min(row, self.proxy.rowCount() - 1),
                                                        Column.NAME))

    # -- slots ----------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._after_filter()

    def _on_kind_filter_changed(self) -> None:
        data = self.kind_filter.currentData()
        self.proxy.set_kind(Kind(data) if data else None)
        self._after_filter()

    def _on_ring_filter_changed(self) -> None:
        data = self.ring_filter.currentData()
        self.proxy.set_ring(Ring(data) if data else None)
        self._after_filter()

    def _fill_help_filter(self) -> None:
        """Anyone, then each kind of help (the chosen one kept while it is there)."""
        chosen = str(self.help_filter.currentData() or "")
        self.help_filter.blockSignals(True)
        self.help_filter.clear()
        self.help_filter.addItem("Any help", "")
        for kind in self.ctx.app.templates.help_kinds():
            self.help_filter.addItem(f"Can help with: {kind}", kind)
        self.help_filter.setCurrentIndex(max(0, self.help_filter.findData(chosen)))
        self.help_filter.blockSignals(False)
        self.proxy.set_help(str(self.help_filter.currentData() or ""))

    def _on_help_filter_changed(self) -> None:
        self.proxy.set_help(str(self.help_filter.currentData() or ""))
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_stack()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, Column.NAME))

    def _on_table_activated(self, index: QModelIndex) -> None:
        self.open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search_edit:
            if key == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.proxy.index(0, Column.NAME))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.proxy.index(0, Column.NAME))
                self.open_current()
                return True
        elif watched is self.table:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if key == Qt.Key.Key_Delete:
                self.delete_current()
                return True
            if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.focus_search()
                return True
            text = event.text()
            if text and text.isprintable() and not event.modifiers() & ~(
                    Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
                self.search_edit.setFocus()
                self.search_edit.insert(text)
                return True
        return super().eventFilter(watched, event)

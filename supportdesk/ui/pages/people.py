"""People: everyone in the network in one searchable, sortable table, each name with the
avatar the circles map gives them (their kind's shape, their initials).

Keyboard: type to search; Down moves into the table; Enter opens the person;
Delete removes them (with Undo). An empty network shows a friendly explanation
of the kinds of support, with an "Add someone" button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QLineEdit, QPushButton, QWidget

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.schedule import local_zone
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.supporter_editor import SupporterEditor
from supportdesk.ui.models.supporter_filter import SupporterFilterProxy
from supportdesk.ui.models.supporter_table import Column, SupporterTableModel
from supportdesk.ui.pages.list_page import EmptyState, ListPage
from supportdesk.ui.plain import rich_label
from supportdesk.ui.remove_person import remove_person
from supportdesk.ui.widgets.avatar_delegate import ROW_PADDING, AvatarDelegate
from supportdesk.ui.widgets.column_fit import ColumnFit

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


# Beside the name, the columns a narrow list keeps first; and the room the name keeps.
COLUMNS_BY_WANT = (Column.NEXT_DUE, Column.LAST_CONTACT, Column.KIND, Column.RING)
NAME_EMS = 14


def _filter_box(parent: QWidget, accessible_name: str) -> QComboBox:
    """A filter that may shrink below its longest choice (shown whole when open)."""
    box = QComboBox(parent)
    box.setAccessibleName(accessible_name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    return box


class PeoplePage(ListPage):
    """The list of people (on the People page, beside the chosen person's page: see
    ``people_split.py``). Emits nothing itself; uses ``ctx.events`` for changes, and
    ``open_person`` (by default, ``ctx.events.supporter_open_requested``) to open someone."""

    topics: ClassVar[frozenset[str]] = frozenset({"people", "checkins", "settings"})
    search_edit: QLineEdit

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 open_person: Callable[[int], None] | None = None) -> None:
        super().__init__(ctx, "People", parent, subtitle="Everyone you can lean on.")
        self.open_person = open_person or ctx.events.supporter_open_requested.emit
        self.model = SupporterTableModel(self, tz=local_zone())
        self.proxy = SupporterFilterProxy(self.model, self)
        self._build()
        self._connect_signals()
        self.refresh()

    def _build(self) -> None:
        self.search_edit = self.add_search("Find someone by name, role or notes",
                                           "Find someone", 3)
        self.add_button = QPushButton("Add someone", self)
        self.add_button.setAccessibleName("Add someone")
        self.add_button.setToolTip("Add someone (Ctrl+N)")
        self.bar.addWidget(self.add_button)
        filters = self.add_bar_row()  # under the search, so the list may be narrow
        self.kind_filter = _filter_box(self, "Show kind")
        self.kind_filter.addItem("All kinds", None)
        for kind in Kind:
            self.kind_filter.addItem(kind.label, kind)
        self.ring_filter = _filter_box(self, "Show ring")
        self.ring_filter.addItem("All rings", None)
        for ring in Ring:
            self.ring_filter.addItem(ring.label, ring)
        self.help_filter = _filter_box(self, "Who can I ask for")
        self.help_filter.setToolTip("Who can I ask for…?")
        for box in (self.kind_filter, self.ring_filter, self.help_filter):
            filters.addWidget(box, 1)
        self.set_table(self.proxy, "People in your network", EmptyState(
            rich_label(EMPTY_TEXT), self, centred=False,
            button=("Add someone", "Add someone to your network")),
            "Nobody matches that search. Try fewer letters, or clear the filters.")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.avatars = AvatarDelegate(self.table)
        self.table.setItemDelegateForColumn(Column.NAME, self.avatars)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(max(rows.defaultSectionSize(),
                                       self.avatars.size + ROW_PADDING))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (Column.KIND, Column.RING, Column.LAST_CONTACT, Column.NEXT_DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.column_fit = ColumnFit(self.table, COLUMNS_BY_WANT,
                                    self.fontMetrics().horizontalAdvance("M") * NAME_EMS)

    def _connect_signals(self) -> None:
        assert self.empty.button is not None
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.kind_filter.currentIndexChanged.connect(self._on_kind_filter_changed)
        self.ring_filter.currentIndexChanged.connect(self._on_ring_filter_changed)
        self.help_filter.currentIndexChanged.connect(self._on_help_filter_changed)
        self.add_button.clicked.connect(self.add_supporter)
        self.empty.button.clicked.connect(self.add_supporter)

    # -- data ----------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_help_filter()
        chosen, row = self.current_id(), self.table.currentIndex().row()
        self.model.set_people(self.ctx.app.network.people(), self.ctx.app.now())
        self.rows_changed(chosen, row)

    def hidden_by_filter(self) -> bool:
        return bool(self.model.rows)

    def index_of(self, item_id: int) -> QModelIndex:
        row = self.model.row_of(item_id)
        return self.proxy.mapFromSource(self.model.index(row, Column.NAME)) if row >= 0 \
            else QModelIndex()

    # -- intents -------------------------------------------------------------

    def add_supporter(self) -> int | None:
        editor = SupporterEditor(self.ctx, parent=self.window())
        if editor.exec() and editor.saved_id is not None:
            self.search_edit.clear()
            self.select_id(editor.saved_id)
            return editor.saved_id
        return None

    def open_current(self) -> None:
        supporter_id = self.current_id()
        if supporter_id is not None:
            self.open_person(supporter_id)

    def clear_filters(self) -> None:
        """Everyone listed again: no search, every kind, ring and kind of help."""
        self.search_edit.clear()
        for box in (self.kind_filter, self.ring_filter, self.help_filter):
            box.setCurrentIndex(0)

    def delete_current(self) -> None:
        supporter_id = self.current_id()
        if supporter_id is not None:
            supporter = self.ctx.app.network.supporter(supporter_id)
            remove_person(self, self.ctx, supporter)

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
        self.rows_changed(self.current_id())

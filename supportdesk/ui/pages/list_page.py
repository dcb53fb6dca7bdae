"""What People, Check-ins and Gratitude share: a bar of controls over one table, a friendly
empty state, a "nothing matches" line, buttons for the chosen row, and the same keys.

A subclass builds its models, then, in order: fills ``bar`` (``add_search`` puts the
search box where it stands; ``add_bar_row`` gives a second row under it), calls
``set_table`` with what the table shows, sizes the columns, and adds its row buttons
(``add_row_button``). Its ``refresh()`` reads the rows and calls ``rows_changed``; it
says what opening and deleting the current row do.

After every refresh or filter a row is current whenever any is shown: the same item if
it is still there, else the row in the same place (after a delete, the next one), else
the first. Row buttons are enabled while one is.

Keys: Enter (or a double click) opens the current row, Delete deletes it (Undo brings
it back), and a page may add its own (Space marks gratitude thanked). With a search box:
Down moves into the table, Enter opens the first match, Up from the first row goes back,
and typing in the table goes on in the search.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from supportdesk.ui.context import AppContext
from supportdesk.ui.models.roles import ID_ROLE
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.plain import plain_label
from supportdesk.ui.widgets.search_field import search_field
from supportdesk.ui.widgets.tables import list_table

EMPTY_TEXT_WIDTH = 620
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TYPING = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class EmptyState(QWidget):
    """What a list says before it has anything: a few warm lines (``label``, our own
    wording from ``plain.rich_label``), maybe a first step (``button``)."""

    def __init__(self, label: QLabel, parent: QWidget, *, centred: bool = True,
                 button: tuple[str, str] | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = label
        label.setParent(self)
        self.label.setWordWrap(True)
        self.label.setMaximumWidth(EMPTY_TEXT_WIDTH)
        if centred:
            self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()  # centred by stretches, so the wrapped text gets its height
        row.addStretch(1)
        row.addWidget(self.label, 10)
        row.addStretch(1)
        layout.addLayout(row)
        self.button: QPushButton | None = None
        if button is not None:
            self.button = QPushButton(button[0], self)
            self.button.setAccessibleName(button[1])
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def text(self) -> str:
        return self.label.text()


class ListPage(QWidget):
    """The shared list page; see the module's docstring for what a subclass gives."""

    topics: ClassVar[frozenset[str]]

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None, *,
                 subtitle: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName(name)
        self.search_edit: QLineEdit | None = None
        self.row_buttons: list[QPushButton] = []
        self.extra_keys: dict[Qt.Key, Callable[[], None]] = {}
        self._layout = QVBoxLayout(self)
        self.header = PageHeader(name, subtitle, self)
        self._layout.addWidget(self.header)
        self.bar = QHBoxLayout()
        self._layout.addLayout(self.bar)
        self._buttons_row: QHBoxLayout | None = None

    # -- building (in this order) ------------------------------------------------------

    def add_bar_row(self) -> QHBoxLayout:
        """A second row of controls under ``bar`` (for a page with more than fit on one)."""
        row = QHBoxLayout()
        self._layout.addLayout(row)
        return row

    def add_search(self, placeholder: str, accessible_name: str, stretch: int) -> QLineEdit:
        self.search_edit = search_field(placeholder, accessible_name, self)
        self.search_edit.setAccessibleDescription(
            "Type to filter; press Down to move into the list, Enter to open.")
        self.search_edit.installEventFilter(self)
        self.bar.addWidget(self.search_edit, stretch)
        return self.search_edit

    def set_table(self, view_model: QAbstractItemModel, table_name: str, empty: EmptyState,
                  no_match_text: str = "",
                  keys: Mapping[Qt.Key, Callable[[], None]] | None = None) -> None:
        """The table over ``view_model`` (the model, or its proxy), the empty state, and
        ``no_match_text`` for when a search or filter hides every row."""
        self.view_model = view_model
        self.extra_keys = dict(keys or {})
        self.stack = QStackedWidget(self)
        self.table: QTableView = list_table(view_model, table_name, self)
        self.stack.addWidget(self.table)
        self.empty = empty
        self.stack.addWidget(empty)
        self.no_match = plain_label(no_match_text, self)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.stack.addWidget(self.no_match)
        self._layout.addWidget(self.stack)
        self.table.installEventFilter(self)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)

    def add_row_button(self, text: str, accessible_name: str,
                       slot: Callable[[], None]) -> QPushButton:
        """A button below the table that acts on the current row."""
        if self._buttons_row is None:
            self._buttons_row = QHBoxLayout()
            self._buttons_row.addStretch(1)
            self._layout.addLayout(self._buttons_row)
        button = QPushButton(text, self)
        button.setAccessibleName(accessible_name)
        button.clicked.connect(slot)
        self._buttons_row.addWidget(button)
        self.row_buttons.append(button)
        return button

    # -- what a subclass says -----------------------------------------------------------

    def refresh(self) -> None:
        raise NotImplementedError

    def open_current(self) -> None:
        raise NotImplementedError

    def delete_current(self) -> None:
        raise NotImplementedError

    def hidden_by_filter(self) -> bool:
        """Whether an empty table means a search or filter hides the rows (not that there
        are none yet)."""
        return False

    def filter_now(self) -> None:
        """Apply what is typed in the search box at once (a page may wait for a pause)."""

    def index_of(self, item_id: int) -> QModelIndex:
        """Where ``item_id`` stands in the table (invalid if it is not shown)."""
        model = self.view_model
        if not model.rowCount():
            return QModelIndex()
        found = model.match(model.index(0, 0), ID_ROLE, item_id, 1,
                            Qt.MatchFlag.MatchExactly)
        return found[0] if found else QModelIndex()

    # -- the current row ------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_id(self, item_id: int) -> bool:
        index = self.index_of(item_id)
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def rows_changed(self, chosen: int | None = None, row: int = 0) -> None:
        """After the rows were read again or filtered: ``chosen`` current again if it is
        still shown, else the row at ``row`` (or the last), and the view that fits."""
        count = self.view_model.rowCount()
        if count and not (chosen is not None and self.select_id(chosen)):
            self.table.setCurrentIndex(self.view_model.index(max(0, min(row, count - 1)), 0))
        if count:
            self.stack.setCurrentWidget(self.table)
        else:
            self.stack.setCurrentWidget(self.no_match if self.hidden_by_filter() else self.empty)
        self.sync_buttons()

    def sync_buttons(self) -> None:
        """Row buttons are enabled while a row is current."""
        chosen = self.table.currentIndex().isValid() and self.stack.currentWidget() is self.table
        for button in self.row_buttons:
            button.setEnabled(chosen)

    def focus_search(self) -> None:
        if self.search_edit is not None:
            self.search_edit.setFocus()
            self.search_edit.selectAll()

    # -- slots and keys -------------------------------------------------------------------

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self.open_current()

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.sync_buttons()

    def _first_if_none(self) -> None:
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.view_model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_edit and self._search_key(event):
                return True
            if watched is self.table and self._table_key(event):
                return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key not in (Qt.Key.Key_Down, *OPEN_KEYS):
            return False
        self.filter_now()
        if not self.view_model.rowCount():
            return False
        self._first_if_none()
        if key == Qt.Key.Key_Down:
            self.table.setFocus()
        else:
            self.open_current()
        return True

    def _table_key(self, event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.AltModifier)
        action = self.extra_keys.get(key) or {Qt.Key.Key_Delete: self.delete_current,
                                              Qt.Key.Key_Return: self.open_current,
                                              Qt.Key.Key_Enter: self.open_current}.get(key)
        if plain and action is not None:
            action()
            return True
        if self.search_edit is None:
            return False
        if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
            self.focus_search()
            return True
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & ~TYPING:
            self.search_edit.setFocus()
            self.search_edit.insert(text)
            return True
        return False

"""Check-ins: every logged contact, searchable, with edit and delete (Undo brings it back).

The list reads a page at a time, newest first, as it is scrolled; the person, the way
and the words are filtered in the database, so ten years of check-ins stay quick.

"Show: Just me" lists the moods noted on their own ("How are you?", Ctrl+M) instead —
check-ins with oneself — with the same edit and delete. "Show: My year in moods" is the
year at a glance (ui/mood_year/): a square per day, coloured by the day's mean mood.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHeaderView, QLineEdit, QPushButton, QWidget

from supportdesk.core.kinds import Mode
from supportdesk.core.model import CheckIn
from supportdesk.core.schedule import local_zone
from supportdesk.services.checkin_filter import CheckinFilter
from supportdesk.services.network import CHECKIN_PAGE
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.editors.mood_dialog import MoodDialog
from supportdesk.ui.models.by_person import ByPersonProxy
from supportdesk.ui.models.checkin_table import (
    CheckinColumn,
    CheckinTableModel,
)
from supportdesk.ui.models.mood_table import MoodColumn, MoodTableModel
from supportdesk.ui.models.roles import ID_ROLE
from supportdesk.ui.pages.list_page import EmptyState, ListPage
from supportdesk.ui.plain import rich_label
from supportdesk.ui.undo_commands import DeleteCheckin, DeleteMoodEntry, perform
from supportdesk.ui.widgets.key_actions import KeyActions
from supportdesk.ui.widgets.tables import list_table

if TYPE_CHECKING:
    from supportdesk.ui.mood_year.view import MoodYearView

SEARCH_PAUSE_MS = 200
EMPTY_TEXT = ("<h3>No check-ins yet</h3><p>Each time you are in touch with someone — a call, "
              "a text, a coffee, a group meeting — log it here (Ctrl+L). Over time you will "
              "see who you lean on, and who leans on you.</p>")
NO_MOODS_TEXT = ("<h3>Just for you</h3><p>Whenever you like, note how you are — on a "
                 "good day or a hard one, with or without anyone else (Ctrl+M, or the "
                 "“How are you?” card on Today). What you note shows here.</p>")
WITH_PEOPLE, JUST_ME, YEAR = "people", "me", "year"


class CheckinsPage(ListPage):
    """All check-ins; uses ``ctx.events`` for changes."""

    topics: ClassVar[frozenset[str]] = frozenset({"checkins", "people"})
    search_edit: QLineEdit

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Check-ins", parent,
                         subtitle="Times you were in touch, and moods you noted.")
        self.model = CheckinTableModel(self, tz=local_zone(), page_size=CHECKIN_PAGE)
        self.mood_model = MoodTableModel(self, tz=local_zone())
        self.proxy = ByPersonProxy(self.model, self)  # sorts; filtering is in SQL
        self._names: dict[int, str] = {}
        self._year_view: MoodYearView | None = None
        self._search_pause = QTimer(self)  # a search runs once typing pauses
        self._search_pause.setSingleShot(True)
        self._search_pause.setInterval(SEARCH_PAUSE_MS)
        self._build()
        self._connect_signals()
        self.refresh()

    def _build(self) -> None:
        bar = self.bar
        self.view_box = QComboBox(self)
        self.view_box.addItem("With people", WITH_PEOPLE)
        self.view_box.addItem("Just me: how I've been", JUST_ME)
        self.view_box.addItem("My year in moods", YEAR)
        self.view_box.setAccessibleName("Show check-ins with people, just me, or my year "
                                        "in moods")
        bar.addWidget(self.view_box, 1)
        self.search_edit = self.add_search("Search notes and names", "Search check-ins", 3)
        self.person_filter = QComboBox(self)
        self.person_filter.setAccessibleName("Show check-ins with")
        bar.addWidget(self.person_filter, 2)
        self.mode_filter = QComboBox(self)
        self.mode_filter.addItem("Any way", None)
        for mode in Mode:
            self.mode_filter.addItem(mode.label, mode)
        self.mode_filter.setAccessibleName("Show check-ins made by")
        bar.addWidget(self.mode_filter, 1)
        bar.addStretch(0)  # takes the room only when nothing else asks for it (Just me)
        self.log_button = QPushButton("Log a check-in", self)
        self.log_button.setAccessibleName("Log a check-in")
        self.log_button.setToolTip("Log a check-in (Ctrl+L)")
        bar.addWidget(self.log_button)
        self.mood_button = QPushButton("How are you?", self)
        self.mood_button.setAccessibleName("Note how you are")
        self.mood_button.setToolTip("How are you? (Ctrl+M)")
        bar.addWidget(self.mood_button)
        self._people_controls = (self.search_edit, self.person_filter, self.mode_filter,
                                 self.log_button)

        self.set_table(self.proxy, "Check-ins", EmptyState(rich_label(EMPTY_TEXT), self),
                       "No check-ins match. Try other words or clear the filters.")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CheckinColumn.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Font-sized widths (longer words are elided; the person can widen a column):
        # sized to their contents they left the note no room at 1100x720.
        em = self.fontMetrics().horizontalAdvance("M")
        header.setSectionResizeMode(CheckinColumn.WHEN, QHeaderView.ResizeMode.ResizeToContents)
        for column, ems in ((CheckinColumn.WHO, 10), (CheckinColumn.MODE, 10),
                            (CheckinColumn.MOOD, 9), (CheckinColumn.SUPPORT, 9)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, em * ems)
        header.setSectionResizeMode(CheckinColumn.NOTE, QHeaderView.ResizeMode.Stretch)
        self.mood_table = list_table(self.mood_model, "Moods noted on their own", self)
        mood_header = self.mood_table.horizontalHeader()
        for mood_column in MoodColumn:
            mood_header.setSectionResizeMode(mood_column,
                                             QHeaderView.ResizeMode.ResizeToContents)
        mood_header.setSectionResizeMode(MoodColumn.NOTE, QHeaderView.ResizeMode.Stretch)
        self.stack.addWidget(self.mood_table)
        self.no_moods = EmptyState(rich_label(NO_MOODS_TEXT), self)
        self.stack.addWidget(self.no_moods)

        self.edit_button = self.add_row_button("Edit…", "", self.open_current)
        self.delete_button = self.add_row_button("Delete", "", self.delete_current)
        self._name_buttons()
        self.delete_button.setToolTip("Undo (Ctrl+Z) brings it back")

    def _name_buttons(self) -> None:
        what = "mood entry" if self.showing_moods else "check-in"
        self.edit_button.setAccessibleName(f"Edit the selected {what}")
        self.delete_button.setAccessibleName(f"Delete the selected {what}")

    @property
    def showing_moods(self) -> bool:
        return bool(self.view_box.currentData() == JUST_ME)

    @property
    def showing_year(self) -> bool:
        return bool(self.view_box.currentData() == YEAR)

    @property
    def year_view(self) -> MoodYearView:
        """The year at a glance, built the first time it is shown."""
        if self._year_view is None:
            from supportdesk.ui.mood_year.view import MoodYearView

            self._year_view = MoodYearView(self.ctx, self)
            self.stack.addWidget(self._year_view)
        return self._year_view

    def _connect_signals(self) -> None:
        self.view_box.currentIndexChanged.connect(self._on_view_changed)
        self.mood_button.clicked.connect(lambda: self.ctx.events.mood_entry_requested.emit(0))
        self.mood_table.activated.connect(self.open_current)
        self._mood_keys = KeyActions(self.mood_table, {Qt.Key.Key_Delete: self.delete_current,
                                                       Qt.Key.Key_Return: self.open_current,
                                                       Qt.Key.Key_Enter: self.open_current})
        self.search_edit.textChanged.connect(self._search_pause.start)
        self._search_pause.timeout.connect(self._on_filters_changed)
        self.person_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.mode_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.log_button.clicked.connect(lambda: self.ctx.events.checkin_log_requested.emit(0))

    def refresh(self) -> None:
        network = self.ctx.app.network
        supporters = network.supporters()
        names = {s.id or 0: s.name for s in supporters}
        # The person filter is filled again only when the people in it changed.
        if names != self._names or self.person_filter.count() != len(supporters) + 1:
            self._names = names
            chosen = self.person_filter.currentData()
            self.person_filter.blockSignals(True)
            self.person_filter.clear()
            self.person_filter.addItem("Everyone", None)
            for s in supporters:
                self.person_filter.addItem(s.name, s.id)
            self.person_filter.setCurrentIndex(max(self.person_filter.findData(chosen), 0))
            self.person_filter.blockSignals(False)
        self._show_view()
        if self.showing_year:
            self.year_view.refresh()
        elif self.showing_moods:
            self._query_moods()
        else:
            self._query(keep=len(self.model.rows), chosen=self.current_id(),
                        row=self.table.currentIndex().row())  # as far down as they had scrolled

    def _on_view_changed(self) -> None:
        self._show_view()
        if self.showing_year:
            self.year_view.refresh()
            self.stack.setCurrentWidget(self.year_view)
            self.year_view.grid.setFocus()
        elif self.showing_moods:
            self._query_moods()
        else:
            self._query()

    def _show_view(self) -> None:
        moods = self.showing_moods or self.showing_year
        for control in self._people_controls:
            control.setVisible(not moods)
        self.mood_button.setVisible(moods)
        for button in (self.edit_button, self.delete_button):
            button.setVisible(not self.showing_year)
        self.bar.setStretchFactor(self.view_box, 0 if moods else 1)
        self._name_buttons()

    def _query_moods(self) -> None:
        row = self.mood_table.currentIndex().row()
        self.mood_model.set_entries(self.ctx.app.mood.entries(), self.ctx.app.now())
        count = self.mood_model.rowCount()
        self.stack.setCurrentWidget(self.mood_table if count else self.no_moods)
        if count:
            self.mood_table.setCurrentIndex(self.mood_model.index(max(0, min(row, count - 1)),
                                                                  0))
        self.sync_buttons()

    def sync_buttons(self) -> None:
        if not self.showing_moods:
            super().sync_buttons()
            return
        for button in self.row_buttons:
            button.setEnabled(self.mood_model.rowCount() > 0)

    def _on_filters_changed(self) -> None:
        self._search_pause.stop()
        self._query(chosen=self.current_id())

    def filter_now(self) -> None:
        if self._search_pause.isActive():
            self._on_filters_changed()

    def hidden_by_filter(self) -> bool:
        return not self.current_filter().is_everything

    def current_filter(self) -> CheckinFilter:
        """The person, the way and the words the list is filtered by now."""
        mode = self.mode_filter.currentData()
        return CheckinFilter(self.person_filter.currentData(), Mode(mode) if mode else None,
                             tuple(self.search_edit.text().split()))

    def _query(self, keep: int = 0, chosen: int | None = None, row: int = 0) -> None:
        network = self.ctx.app.network
        which = self.current_filter()

        def page(after: CheckIn | None, limit: int) -> list[CheckIn]:
            return network.checkins_page(supporter_id=which.supporter_id, mode=which.mode,
                                         words=which.words, after=after, limit=limit)

        self.model.set_source(page, self._names, self.ctx.app.now(), at_least=keep)
        self.rows_changed(chosen, row)

    def current_mood_entry_id(self) -> int | None:
        index = self.mood_table.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def open_current(self) -> None:
        """Edit the chosen check-in (or mood entry)."""
        if self.showing_moods:
            entry_id = self.current_mood_entry_id()
            if entry_id is not None:
                entry = self.ctx.app.mood.entry(entry_id)
                MoodDialog(self.ctx, entry=entry, parent=self.window()).exec()
            return
        checkin_id = self.current_id()
        if checkin_id is not None:
            checkin = self.ctx.app.network.checkin(checkin_id)
            CheckinDialog(self.ctx, checkin=checkin, parent=self.window()).exec()

    def delete_current(self) -> None:
        if self.showing_moods:
            entry_id = self.current_mood_entry_id()
            if entry_id is not None:
                perform(self.ctx, DeleteMoodEntry(self.ctx, self.ctx.app.mood.entry(entry_id)))
            return
        checkin_id = self.current_id()
        if checkin_id is not None:
            perform(self.ctx, DeleteCheckin(self.ctx, self.ctx.app.network.checkin(checkin_id)))

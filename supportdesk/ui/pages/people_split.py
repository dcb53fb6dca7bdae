"""The People page: the list on the left and the chosen person's page beside it, as in a
contacts app.

Choosing someone in the list (a click, or Up and Down) shows their page at once, and the
focus stays in the list; Enter or a double click moves the focus into their page, and Esc
or Backspace there (when not typing) brings it back to the list. With nobody chosen, a
calm line says what to do. The divider can be dragged; where it was is remembered.

When the page area is too narrow for both (``fits_side_by_side``), the list is shown
alone, and opening someone shows their own page in its place (the main window's
"person" page, with Back) — so nothing is cramped at 800x600. An empty network shows
the list's welcome across the whole page.

Opening someone from anywhere (Today, the map, a search, Reach out now) lands here with
them chosen (``show_person``); the main window's history records People and who was
chosen, so Back returns where they came from. After the person shown is removed, the
one beside them in the list is chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supportdesk.ui.context import AppContext
from supportdesk.ui.nav_history import TYPING
from supportdesk.ui.pages.people import PeoplePage
from supportdesk.ui.pages.person import PersonPage
from supportdesk.ui.pages.view_parts import body

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow

# Widths in "M"s of the application font, so larger text gets a wider page before both fit.
LIST_MIN_EMS = 30
PANE_MIN_EMS = 54
PANE_WANTED_EMS = 64  # what most people's pages take without scrolling sideways
LIST_SHARE = 0.4  # of the page, the most the list takes before the divider is ever moved
SPLITTER_KEY = "people/splitter"
PLACEHOLDER = "Choose someone on the left to see their page."
BACK_TO_LIST_KEYS = ("Esc", "Backspace")


def _em() -> int:
    return QFontMetrics(QApplication.font()).horizontalAdvance("M")


def fits_side_by_side(width: int) -> bool:
    """Whether a page area ``width`` pixels wide holds the list and a person's page."""
    return width >= (LIST_MIN_EMS + PANE_MIN_EMS) * _em()


class PeopleSplit(QWidget):
    """The list (``people``, a ``PeoplePage``) and the chosen person's page (``person``, a
    ``PersonPage``) in a splitter. Emits nothing itself; opening someone while the list
    is alone goes through ``ctx.events.supporter_open_requested``."""

    topics: ClassVar[frozenset[str]] = PeoplePage.topics | PersonPage.topics

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("People")
        self._side_by_side = False
        self._person_stale = True  # the page beside was not read since the last change
        self._followed = False
        self._focus_list = False  # the person shown was removed from their page
        self._build()
        self._connect_signals()
        self._show_side(self._fits())

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)
        # Made in reading order inside the splitter, so Tab goes list first, then the page.
        self.people = PeoplePage(self.ctx, self.splitter, open_person=self._on_list_opened)
        self.people.setMinimumWidth(LIST_MIN_EMS * _em())
        self.side = QStackedWidget(self.splitter)
        self.side.setMinimumWidth(PANE_MIN_EMS * _em())
        self.person = PersonPage(self.ctx, self.side)
        self.placeholder = body(PLACEHOLDER, self.side, muted=True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.side.addWidget(self.person)
        self.side.addWidget(self.placeholder)
        self.side.setCurrentWidget(self.placeholder)
        self.splitter.addWidget(self.people)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        # Set, so the splitter's minimum (list and page) does not hold the window wide:
        # narrower than both need, the page goes (resizeEvent) and the list has it all.
        self.setMinimumWidth(LIST_MIN_EMS * _em())
        saved = QSettings().value(SPLITTER_KEY)
        self._sizes_restored = isinstance(saved, QByteArray) and self.splitter.restoreState(
            saved)
        self._back_keys = [QShortcut(QKeySequence(keys), self.side) for keys in
                           BACK_TO_LIST_KEYS]
        for shortcut in self._back_keys:
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _connect_signals(self) -> None:
        self.people.table.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.people.stack.currentChanged.connect(self._on_list_view_changed)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.person.removed.connect(self._on_person_removed)
        for shortcut in self._back_keys:
            shortcut.activated.connect(self._on_back_to_list_key)

    # -- the page contract and what the window and history use -------------------------

    def refresh(self) -> None:
        self._followed = False
        self._person_stale = True
        self.people.refresh()  # may choose someone else (the one shown was removed)
        if self._side_by_side and not self._followed:
            self._follow()
        if self._focus_list:
            self._focus_list = False
            self.people.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_person(self, supporter_id: int) -> None:
        """``supporter_id`` chosen in the list (every filter cleared if they were hidden)."""
        if not self.people.select_id(supporter_id):
            self.people.clear_filters()
            self.people.select_id(supporter_id)
        self._show_side(self._fits())

    def current_id(self) -> int | None:
        return self.people.current_id()

    def select_id(self, supporter_id: int) -> bool:
        return self.people.select_id(supporter_id)

    def focus_search(self) -> None:
        self.people.focus_search()

    @property
    def side_by_side(self) -> bool:
        """Whether the chosen person's page is showing beside the list."""
        return self._side_by_side and self.side.isVisibleTo(self)

    def shown_person(self) -> PersonPage | None:
        """The person's page beside the list, while it shows someone."""
        showing = self.side_by_side and self.side.currentWidget() is self.person
        return self.person if showing else None

    # -- keeping the page beside the list -----------------------------------------------

    def _width(self) -> int:
        parent = self.parentWidget()  # in the window's page stack: its width is the page's
        return parent.width() if parent is not None else self.width()

    def _fits(self) -> bool:
        return fits_side_by_side(self._width())

    def _show_side(self, fits: bool) -> None:
        welcome = self.people.stack.currentWidget() is self.people.empty
        wanted = fits and not welcome
        if wanted and not self._side_by_side and not self._sizes_restored:
            width = self._width()
            list_width = max(self.people.minimumWidth(), min(round(width * LIST_SHARE),
                                                             width - PANE_WANTED_EMS * _em()))
            self.splitter.setSizes([list_width, max(1, width - list_width)])
        focused = QApplication.focusWidget()
        if (not wanted and self.side.isVisibleTo(self) and focused is not None
                and self.side.isAncestorOf(focused)):
            self.people.table.setFocus()  # the page is going: the focus goes to the list
        self._side_by_side = wanted
        self.side.setVisible(wanted)
        if wanted:
            self._follow()

    def _follow(self) -> None:
        """The page beside shows whoever is chosen in the list (read afresh if stale)."""
        self._followed = True
        chosen = self.people.current_id()
        if chosen is None:
            self.side.setCurrentWidget(self.placeholder)
            return
        if chosen != self.person.supporter_id:
            self.person.show_supporter(chosen)
        elif self._person_stale:
            self.person.refresh()
        self._person_stale = False
        self.side.setCurrentWidget(self.person)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fits = fits_side_by_side(event.size().width())
        if fits != self._side_by_side:
            self._show_side(fits)

    # -- slots ---------------------------------------------------------------------------

    def _on_list_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self._side_by_side:
            self._follow()

    def _on_list_view_changed(self, _index: int) -> None:
        self._show_side(self._fits())  # the welcome, when everyone is gone, is page-wide

    def _on_list_opened(self, supporter_id: int) -> None:
        """Enter or a double click: into their page beside, or their own page."""
        if not self.side_by_side:
            self.ctx.events.supporter_open_requested.emit(supporter_id)
            return
        self._follow()
        first = self.person.first_stop()
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_back_to_list_key(self) -> None:
        if isinstance(QApplication.focusWidget(), TYPING):
            return
        self.people.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_person_removed(self) -> None:
        self._focus_list = self.side_by_side  # on the neighbour, once the list reads again

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._sizes_restored = True
        QSettings().setValue(SPLITTER_KEY, self.splitter.saveState())


def shown_person_page(window: MainWindow) -> PersonPage | None:
    """The person's page showing in ``window``: beside the People list, or on its own."""
    if window.current_key == "people":
        people = window.page("people")
        return people.shown_person() if isinstance(people, PeopleSplit) else None
    if window.current_key == "person":
        page = window.page("person")
        return page if isinstance(page, PersonPage) else None
    return None

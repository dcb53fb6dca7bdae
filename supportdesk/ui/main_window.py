"""The main window: a sidebar of pages, the page area, menus, a banner and the status bar.

Extensions (see ``extensions.py``) add to it through ``menu(name)``, ``settings_tabs``,
``show_banner(text, actions)``, ``add_strip(widget)``, ``status_message(text)`` and
``keep_running_on_close``.

At start-up the window is shown before the vault is open (``MainWindow()``): a quiet
"Opening your notes…" and nothing else, so it appears as fast as a bare Qt window.
``attach(session)`` then builds the sidebar, menus and the first page together.
Given a context, ``MainWindow(ctx)`` is ready at once. (Nothing before ``attach`` may
touch the ``Qt`` namespace or build list views: PySide6 turns every enum they bring
into a Python enum on first use, which alone took longer than a bare window to paint.)

Refreshing follows the change bus (``ctx.bus``, ui/bus.py): on each of its signals a
page whose ``topics`` were named (ui/pages/contract.py) is refreshed if it is the one
showing, else marked stale and refreshed when it is next shown. Showing or activating
the window first reads the change counts, so what the command line changed meanwhile
is there at once.

Signals:
    page_shown(str): the page with this key is now the visible one.
    closed(): the window really closed (not hidden to the tray); the app may quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

from supportdesk.ui.events import Events
from supportdesk.ui.pages import PAGES, PERSON_PAGE, build_page, spec_for
from supportdesk.ui.pages.contract import Page
from supportdesk.ui.plain import fixed_label, plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QListWidgetItem, QMenu

    from supportdesk.services.session import Session
    from supportdesk.ui.context import AppContext
    from supportdesk.ui.widgets.banner import BannerAction

MENU_TITLES = {"file": "&File", "edit": "&Edit", "go": "&Go", "tools": "&Tools",
               "help": "&Help"}
SettingsTab = tuple[str, Callable[["AppContext"], QWidget]]
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"


class MainWindow(QMainWindow):
    page_shown = Signal(str)
    closed = Signal()

    ready = Signal()  # attach() has built the first page: the vault is open

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.events = ctx.events if ctx is not None else Events()
        self.keep_running_on_close = False
        self.settings_tabs: list[SettingsTab] = []
        self.extensions: dict[str, object] = {}
        self._pages: dict[str, QWidget] = {}
        self._stale: set[str] = set()
        self._menus: dict[str, QMenu] = {}
        self._current_key = ""
        self._banner_held = False  # a banner kept back while Reach out now shows
        self._banner_page = ""  # the one page a banner belongs to ("" for every page)
        self.setWindowTitle("SupportDesk")
        self.setObjectName("MainWindow")
        self._restore_geometry()
        if ctx is None:
            self._show_opening()
        else:
            self._build(ctx.undo)
            self._follow_bus(ctx)
            self.show_page(PAGES[0].key)

    @property
    def ctx(self) -> AppContext:
        """The open vault's context; only after ``attach`` (or when built with one)."""
        if self._ctx is None:
            raise RuntimeError("the vault is not open yet")
        return self._ctx

    @property
    def is_ready(self) -> bool:
        return self._ctx is not None

    def attach(self, session: Session) -> AppContext:
        """The vault is open: build the page chosen so far (Today unless they clicked)."""
        from PySide6.QtGui import QUndoStack

        from supportdesk.ui.context import AppContext

        self._build(QUndoStack())
        self._ctx = AppContext(session=session, events=self.events, undo=self.undo)
        self._follow_bus(self._ctx)
        self.show_page(self._current_key or PAGES[0].key)
        self.ready.emit()
        return self._ctx

    def _follow_bus(self, ctx: AppContext) -> None:
        ctx.bus.changed.connect(self._on_bus_changed)
        ctx.bus.changed.connect(self.nav.on_bus_changed)
        ctx.bus.start_polling()

    def _show_opening(self) -> None:
        """The whole window for the moment the vault takes to open: a quiet line, centred
        with stretches (an alignment flag would load the Qt namespace's enums)."""
        opening = QWidget()
        opening.setObjectName("Opening")
        note = fixed_label("Opening your notes…", opening)
        note.setEnabled(False)  # drawn in the calm, muted text colour
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(note)
        row.addStretch(1)
        column = QVBoxLayout(opening)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.setCentralWidget(opening)

    # -- building ------------------------------------------------------------------

    def _build(self, undo: QUndoStack) -> None:
        """The sidebar, page area, menus and status bar (replacing the opening note)."""
        from supportdesk.ui import icons

        self.undo = undo
        self._undo_index = undo.index()
        self.setWindowIcon(icons.app_icon())
        self._build_body()
        self._build_menus()
        from supportdesk.ui.nav_history import Navigator

        self.nav = Navigator(self)  # Back and Forward across pages
        self.nav.install()
        self._connect_signals()
        self.statusBar().setObjectName("StatusBar")

    def _build_body(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget

        from supportdesk.ui import icons
        from supportdesk.ui.widgets.banner import Banner

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setAccessibleName("Sections")
        self.sidebar.setAccessibleDescription("Choose what to look at. Ctrl+1 to Ctrl+7 "
                                              "jump straight to a section.")
        self.sidebar.setIconSize(icons.sidebar_icon_size(self))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setUniformItemSizes(True)
        for number, spec in enumerate(PAGES, start=1):
            item = QListWidgetItem(icons.page_icon(spec.key), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(plain_tooltip(f"{spec.title} (Ctrl+{number})"))
            self.sidebar.addItem(item)
        width = self.sidebar.sizeHintForColumn(0) + 2 * self.sidebar.frameWidth() + 24
        self.sidebar.setFixedWidth(max(width, self.fontMetrics().horizontalAdvance("M") * 12))

        self.stack = QStackedWidget()
        self.stack.setObjectName("PageStack")
        self.banner = Banner()
        self.banner.hide()

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        self._right = right

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addLayout(right, 1)
        self.setCentralWidget(body)

    def menu(self, name: str) -> QMenu:
        """The menu called ``name`` ("file", "edit", "go", "tools", "help")."""
        if name not in self._menus:
            from PySide6.QtWidgets import QMenu

            bar = self.menuBar()
            title = MENU_TITLES.get(name, name.capitalize())
            created = QMenu(title, self)
            created.setObjectName(f"menu_{name}")
            order = list(MENU_TITLES)
            # Standard menus keep their order; any other menu goes just before Help.
            after = order[order.index(name) + 1:] if name in order else ["help"]
            later = [self._menus[key] for key in after if key in self._menus]
            if later:
                bar.insertMenu(later[0].menuAction(), created)
            else:
                bar.addMenu(created)
            self._menus[name] = created
        return self._menus[name]

    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        from supportdesk.ui import icons

        for name in MENU_TITLES:
            self.menu(name)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.quit_app)
        file_menu = self.menu("file")
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        undo = self.undo.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_action, self.redo_action = undo, redo
        self.menu("edit").addActions([undo, redo])

        self.page_actions: dict[str, QAction] = {}
        for number, spec in enumerate(PAGES, start=1):
            action = QAction(icons.page_icon(spec.key), spec.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            self.page_actions[spec.key] = action
            self.menu("go").addAction(action)

        self.settings_action = QAction("&Settings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.menu("tools").addAction(self.settings_action)

        shortcuts = QAction("&Keyboard shortcuts", self)
        shortcuts.triggered.connect(self._on_shortcuts_triggered)
        self.menu("help").addAction(shortcuts)

        about = QAction("&About SupportDesk", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._on_about_triggered)
        self.menu("help").addAction(about)

    def _connect_signals(self) -> None:
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row_changed)
        # From a person's page, People is still selected: a click must still go back.
        self.sidebar.itemClicked.connect(self._on_sidebar_item_chosen)
        self.sidebar.itemActivated.connect(self._on_sidebar_item_chosen)
        self.events.page_requested.connect(self.show_page)
        self.events.supporter_open_requested.connect(self.show_supporter)
        self.events.reach_out_requested.connect(lambda: self.show_page("reach_out"))
        self.undo.indexChanged.connect(self._on_undo_index_changed)

    # -- pages -------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built on first use."""
        if key not in self._pages:
            spec = spec_for(key)
            widget = build_page(spec, self.ctx, self.stack)
            widget.setObjectName(f"page_{key}")
            self._pages[key] = widget
            self.stack.addWidget(widget)
        return self._pages[key]

    @property
    def current_key(self) -> str:
        return self._current_key

    def show_page(self, key: str) -> None:
        """Show the sidebar page ``key`` and refresh it (once the vault is open)."""
        self._current_key = key
        if self._ctx is None:
            return  # attach() shows it
        row = next((i for i, spec in enumerate(PAGES) if spec.key == key), -1)
        if row >= 0 and self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)
        self._hold_banner(key == "reach_out" or self._banner_page not in ("", key))
        widget = self.page(key)  # a page fills itself when it is built
        self.stack.setCurrentWidget(widget)
        self.nav.visited((key, 0))
        self._catch_up()
        self.page_shown.emit(key)

    def show_supporter(self, supporter_id: int) -> None:
        """Show one supporter: chosen on People, their page beside the list, when the page
        area is wide enough; else their own page (the sidebar keeps People selected)."""
        if self._ctx is None:
            return
        from supportdesk.ui.pages.people_split import PeopleSplit, fits_side_by_side
        from supportdesk.ui.pages.person import PersonPage

        if fits_side_by_side(self.stack.width()):
            self.show_page("people")
            people = self.page("people")
            assert isinstance(people, PeopleSplit)
            people.show_person(supporter_id)
            return

        widget = self.page(PERSON_PAGE.key)
        assert isinstance(widget, PersonPage)
        self._stale.discard(PERSON_PAGE.key)  # show_supporter() reads the person afresh
        widget.show_supporter(supporter_id)
        self.nav.visited((PERSON_PAGE.key, supporter_id))
        self._hold_banner(self._banner_page not in ("", PERSON_PAGE.key))
        self._current_key = PERSON_PAGE.key
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(next(i for i, s in enumerate(PAGES) if s.key == "people"))
        self.sidebar.blockSignals(False)
        self.stack.setCurrentWidget(widget)
        self.page_shown.emit(PERSON_PAGE.key)

    # -- keeping pages current -------------------------------------------------------

    def _on_bus_changed(self, topics: frozenset[str]) -> None:
        """Refresh the page showing if it shows one of ``topics``; mark the rest stale."""
        for key, widget in self._pages.items():
            if not topics & _as_page(widget).topics:
                continue
            if self._is_showing(key, widget):
                self._stale.discard(key)
                _as_page(widget).refresh()
            else:
                self._stale.add(key)

    def _is_showing(self, key: str, widget: QWidget) -> bool:
        return (key == self._current_key and self.stack.currentWidget() is widget
                and self.isVisible() and not self.isMinimized())

    def _catch_up(self) -> None:
        """What changed elsewhere first, then the page showing, if it is stale."""
        if self._ctx is None:
            return
        self._ctx.bus.poll_now()
        key = self._current_key
        widget = self._pages.get(key)
        if key in self._stale and widget is not None and self._is_showing(key, widget):
            self._stale.discard(key)
            _as_page(widget).refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()  # back from the tray: Today shows who came due meanwhile

    # -- what extensions use ------------------------------------------------------

    def status_message(self, text: str, timeout_ms: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_banner(self, text: str, actions: list[BannerAction]) -> None:
        """A calm strip above the page, e.g. "while you were away", with its buttons;
        kept back while Reach out now shows (no chores above help)."""
        self._banner_page = ""
        self.banner.show_message(text, actions)
        if self._current_key == "reach_out":
            self._hold_banner(True)

    def keep_banner_to(self, key: str) -> None:
        """The banner showing belongs to page ``key`` (e.g. "while you were away" to
        Today, beside its "Check-ins due"): kept back on every other page."""
        self._banner_page = key
        self._hold_banner(self._current_key != key)

    def clear_banner(self) -> None:
        """The banner's message is over: gone, and not brought back on another page."""
        self._banner_held = False
        self._banner_page = ""
        self.banner.hide()

    def add_strip(self, widget: QWidget) -> None:
        """An extension's own small bar (e.g. "Log this?"), under the banner."""
        self._right.insertWidget(self._right.indexOf(self.stack), widget)

    def _hold_banner(self, hold: bool) -> None:
        if hold and not self.banner.isHidden():
            self._banner_held = True
            self.banner.hide()
        elif not hold and self._banner_held:
            self._banner_held = False
            self.banner.show()

    def open_settings(self) -> None:
        if self._ctx is None:
            return
        from supportdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.settings_tabs, self)
        dialog.exec()

    def quit_app(self) -> None:
        self.keep_running_on_close = False
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # -- window state ---------------------------------------------------------------

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)

    def save_geometry(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())

    def changeEvent(self, event: QEvent) -> None:
        # Line icons are drawn in the text colour: redraw them when light/dark switches.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._recolour_icons()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._catch_up()
        super().changeEvent(event)

    def _recolour_icons(self) -> None:
        if self._ctx is None:  # built with the vault; icons drawn then
            return
        from supportdesk.ui import icons

        for row, spec in enumerate(PAGES):
            item = self.sidebar.item(row)
            if item is not None:
                item.setIcon(icons.page_icon(spec.key))
        for key, action in getattr(self, "page_actions", {}).items():
            action.setIcon(icons.page_icon(key))
        self.nav.recolour()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        if self.keep_running_on_close:
            event.ignore()
            self.hide()
            return
        event.accept()
        self.closed.emit()

    # -- slots ------------------------------------------------------------------------

    def _on_sidebar_row_changed(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row].key)

    def _on_sidebar_item_chosen(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt

        key = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(key, str) and key != self._current_key:
            self.show_page(key)

    def _on_undo_index_changed(self, index: int) -> None:
        from PySide6.QtGui import QKeySequence
        from shiboken6 import isValid

        if not (isValid(self.undo) and isValid(self)):
            return  # the stack clears itself as it is deleted: nothing to tell anyone
        went_back = index < self._undo_index
        self._undo_index = index
        if went_back and self.undo.redoText():
            keys = self.redo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.status_message(f"Undone: {self.undo.redoText()}. {keys} redoes it.")
        elif not went_back and self.undo.undoText():
            keys = self.undo_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.status_message(f"Done: {self.undo.undoText()}. {keys} undoes it.")

    def _on_shortcuts_triggered(self) -> None:
        from supportdesk.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def _on_about_triggered(self) -> None:
        from supportdesk.ui.about_dialog import AboutDialog

        vault = self._ctx.app.vault if self._ctx is not None else None
        AboutDialog(vault.data_dir if vault is not None else None, self).exec()


def _as_page(widget: QWidget) -> Page:
    assert isinstance(widget, Page), f"{type(widget).__name__} does not keep the page contract"
    return widget

"""Back and Forward across pages, as a file manager or a contacts app has them.

The main window tells ``Navigator.visited`` every place it shows: a sidebar page, or one
person's page. Back (Alt+Left, the mouse's back button, the toolbar arrow, and Backspace
or Esc on a person's page when no text field has the focus) and Forward (Alt+Right, the
mouse's forward button, the toolbar arrow) walk that history. A person removed since is
skipped. Going back to People selects again the person chosen there when it was left.

Signals (``History``):
    moved(): the place shown, or where Back and Forward lead, changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QWidget,
)

from supportdesk.core.errors import NotFoundError
from supportdesk.ui import icons
from supportdesk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow

Place = tuple[str, int]  # a page key; for "person" who, for "people" who was selected
BACK_KEYS = ("Alt+Left",)
FORWARD_KEYS = ("Alt+Right",)
PERSON_PAGE_BACK_KEYS = ("Backspace", "Esc")
PERSON_PAGE_BACK_WORDS = ("Back, on a person's page; beside the People list, back to the list "
                          "(when not typing)")
TYPING = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


class History(QObject):
    """The places shown, before and after the current one."""

    moved = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: Place | None = None
        self._back: list[Place] = []
        self._forward: list[Place] = []

    def visit(self, place: Place) -> None:
        """Shown ``place``: a new step, unless it is the page already shown."""
        if self.current is not None and _same(place, self.current):
            self.current = place
            return
        if self.current is not None:
            self._back.append(self.current)
        self._forward.clear()
        self.current = place
        self.moved.emit()

    def remember(self, place: Place) -> None:
        """Keep what the current place shows now (People's selection) for coming back."""
        if self.current is not None and _same(place, self.current):
            self.current = place

    def back_to(self, alive: Callable[[Place], bool]) -> Place | None:
        return next((p for p in reversed(self._back) if alive(p)), None)

    def forward_to(self, alive: Callable[[Place], bool]) -> Place | None:
        return next((p for p in reversed(self._forward) if alive(p)), None)

    def go_back(self, alive: Callable[[Place], bool]) -> Place | None:
        return self._step(self._back, self._forward, alive)

    def go_forward(self, alive: Callable[[Place], bool]) -> Place | None:
        return self._step(self._forward, self._back, alive)

    def _step(self, source: list[Place], target: list[Place],
              alive: Callable[[Place], bool]) -> Place | None:
        while source:
            place = source.pop()
            if alive(place):  # a removed person's page is dropped on the way
                if self.current is not None:
                    target.append(self.current)
                self.current = place
                self.moved.emit()
                return place
        self.moved.emit()
        return None


def _same(one: Place, other: Place) -> bool:
    return one[0] == other[0] and (one[0] != "person" or one[1] == other[1])


class Navigator(QObject):
    """The window's Back and Forward: actions, toolbar arrows, mouse buttons, keys."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.history = History(self)
        self._walking = False
        self.back_action = _action(window, "back", "&Back", BACK_KEYS, Qt.Key.Key_Back)
        self.forward_action = _action(window, "forward", "&Forward", FORWARD_KEYS,
                                      Qt.Key.Key_Forward)
        self.toolbar = QToolBar("Back and forward", window)
        self.toolbar.setObjectName("NavigationBar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setEnabled(False)
        self.toolbar.setIconSize(icons.sidebar_icon_size(window))
        self.toolbar.addActions([self.back_action, self.forward_action])
        for action, name in ((self.back_action, "Back"), (self.forward_action, "Forward")):
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(name)
        self._person_page_keys: list[QShortcut] = []

    def install(self) -> None:
        go = self.window.menu("go")
        first = go.actions()[0] if go.actions() else None
        go.insertActions(first, [self.back_action, self.forward_action])  # type: ignore[arg-type]
        if first is not None:
            go.insertSeparator(first)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.back_action.triggered.connect(self.go_back)
        self.forward_action.triggered.connect(self.go_forward)
        self.history.moved.connect(self._sync)
        self._add_person_page_keys()
        self.window.page_shown.connect(self._on_page_shown)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._sync()

    def _add_person_page_keys(self) -> None:
        """Backspace and Esc go back from a person's page; elsewhere they are left alone
        (the shortcuts are off), so a list's typing and a field's editing keep them."""
        for keys in PERSON_PAGE_BACK_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self.window)
            shortcut.setWhatsThis(PERSON_PAGE_BACK_WORDS)
            shortcut.setEnabled(False)
            shortcut.activated.connect(self._on_person_page_back_key)
            self._person_page_keys.append(shortcut)

    def _on_page_shown(self, key: str) -> None:
        for shortcut in self._person_page_keys:
            shortcut.setEnabled(key == "person")

    # -- what the window tells ---------------------------------------------------------

    def visited(self, place: Place) -> None:
        if self._walking:
            return
        current = self.history.current
        if current is not None and current[0] == "people":
            self.history.remember(("people", self._people_selection()))
        self.history.visit(place)

    # -- walking -------------------------------------------------------------------

    def go_back(self) -> None:
        self._go(self.history.go_back)

    def go_forward(self) -> None:
        self._go(self.history.go_forward)

    def _go(self, step: Callable[[Callable[[Place], bool]], Place | None]) -> None:
        current = self.history.current
        if current is not None and current[0] == "people":
            self.history.remember(("people", self._people_selection()))
        place = step(self._alive)
        if place is None:
            return
        self._walking = True
        try:
            key, supporter_id = place
            if key == "person":
                self.window.show_supporter(supporter_id)
            else:
                self.window.show_page(key)
                if key == "people" and supporter_id:
                    select = getattr(self.window.page("people"), "select_id", None)
                    if select is not None:
                        select(supporter_id)
        finally:
            self._walking = False

    def _alive(self, place: Place) -> bool:
        if place[0] != "person":
            return True
        try:
            self.window.ctx.app.network.supporter(place[1])
        except NotFoundError:
            return False
        return True

    def _people_selection(self) -> int:
        chosen = getattr(self.window.page("people"), "current_id", None)
        found = chosen() if chosen is not None else None
        return int(found or 0)

    def _sync(self) -> None:
        for action, place, words in (
                (self.back_action, self.history.back_to(self._alive), "Back"),
                (self.forward_action, self.history.forward_to(self._alive), "Forward")):
            action.setEnabled(place is not None)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            where = f" to {self._place_name(place)}" if place is not None else ""
            tip = f"{words}{where} ({keys})"
            action.setToolTip(plain_tooltip(tip))
            action.setStatusTip(f"{words}{where}")

    def _place_name(self, place: Place) -> str:
        from supportdesk.ui.pages import PAGES

        key, supporter_id = place
        if key == "person":
            try:
                return self.window.ctx.app.network.supporter(supporter_id).name
            except NotFoundError:
                return "the person"
        return next((spec.title for spec in PAGES if spec.key == key), key)

    # -- events ----------------------------------------------------------------------

    def on_bus_changed(self, topics: frozenset[str]) -> None:
        if "people" in topics:  # someone removed, or named anew: the arrows' words
            self._sync()

    def _on_person_page_back_key(self) -> None:
        focused = QApplication.focusWidget()
        if isinstance(focused, TYPING) or QApplication.activeModalWidget() is not None:
            return
        if self.window.current_key == "person":
            self.go_back()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent)
                and isinstance(watched, QWidget) and watched.window() is self.window
                and self.window.is_ready):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return False

    def recolour(self) -> None:
        self.back_action.setIcon(icons.page_icon("back"))
        self.forward_action.setIcon(icons.page_icon("forward"))


def _action(window: QWidget, icon: str, text: str, keys: tuple[str, ...],
            media_key: Qt.Key) -> QAction:
    action = QAction(icons.page_icon(icon), text, window)
    action.setShortcuts([*(QKeySequence(k) for k in keys), QKeySequence(media_key)])
    return action

"""Window-wide actions for the network: Add person (Ctrl+N), Log a check-in (Ctrl+L),
How are you? (Ctrl+M), Add gratitude (Ctrl+Shift+G) and Find person (Ctrl+F).

``install(window, ctx)`` adds them to the File and Go menus and answers
``ctx.events.checkin_log_requested`` by opening the log dialog (preselecting the
person whose page is showing) and ``ctx.events.mood_entry_requested`` (Today's card,
the tray) by opening "How are you?".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog
from supportdesk.ui.editors.gratitude_dialog import GratitudeDialog
from supportdesk.ui.editors.mood_dialog import MoodDialog
from supportdesk.ui.editors.supporter_editor import SupporterEditor
from supportdesk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow


class PeopleActions(QObject):
    """The actions and their handlers; a child of the window, so it lives as long."""

    def __init__(self, window: MainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.add_person = _action(window, "&Add someone…", "Ctrl+N",
                                  "Add someone to your network")
        self.log_checkin = _action(window, "&Log a check-in…", "Ctrl+L", "Log a check-in")
        self.note_mood = _action(window, "How are &you?…", "Ctrl+M",
                                 "Note how you are, just for you")
        self.add_gratitude = _action(window, "Add &gratitude…", "Ctrl+Shift+G",
                                     "Note something you're grateful for")
        self.find_person = _action(window, "&Find someone", "Ctrl+F",
                                   "Find someone in your network")

    def current_supporter_id(self) -> int:
        """The person whose page is showing (on its own, or beside the People list), else 0."""
        from supportdesk.ui.pages.people_split import shown_person_page

        page = shown_person_page(self.window)
        return int(page.supporter_id or 0) if page is not None else 0

    def _on_add_person_triggered(self) -> None:
        editor = SupporterEditor(self.ctx, parent=self.window)
        if editor.exec() and editor.saved_id is not None:
            self.ctx.events.supporter_open_requested.emit(editor.saved_id)

    def _on_log_checkin_triggered(self) -> None:
        self.ctx.events.checkin_log_requested.emit(self.current_supporter_id())

    def _on_checkin_log_requested(self, supporter_id: int) -> None:
        CheckinDialog(self.ctx, supporter_id or None, parent=self.window).exec()

    def _on_note_mood_triggered(self) -> None:
        self.ctx.events.mood_entry_requested.emit(0)

    def _on_mood_entry_requested(self, mood: int) -> None:
        MoodDialog(self.ctx, mood or None, parent=self.window).exec()

    def _on_add_gratitude_triggered(self) -> None:
        self.ctx.events.gratitude_requested.emit(self.current_supporter_id())

    def _on_gratitude_requested(self, supporter_id: int) -> None:
        GratitudeDialog(self.ctx, supporter_id or None, parent=self.window).exec()

    def _on_find_person_triggered(self) -> None:
        self.window.show_page("people")
        focus = getattr(self.window.page("people"), "focus_search", None)
        if focus is not None:
            focus()


def _action(window: MainWindow, text: str, shortcut: str, tip: str) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip)
    action.setToolTip(plain_tooltip(tip))
    return action


def install(window: MainWindow, ctx: AppContext) -> PeopleActions:
    actions = PeopleActions(window, ctx)
    actions.add_person.triggered.connect(actions._on_add_person_triggered)
    actions.log_checkin.triggered.connect(actions._on_log_checkin_triggered)
    actions.note_mood.triggered.connect(actions._on_note_mood_triggered)
    actions.add_gratitude.triggered.connect(actions._on_add_gratitude_triggered)
    actions.find_person.triggered.connect(actions._on_find_person_triggered)
    ctx.events.checkin_log_requested.connect(actions._on_checkin_log_requested)
    ctx.events.mood_entry_requested.connect(actions._on_mood_entry_requested)
    ctx.events.gratitude_requested.connect(actions._on_gratitude_requested)
    file_menu = window.menu("file")
    first = file_menu.actions()[0] if file_menu.actions() else None
    for action in (actions.add_person, actions.log_checkin, actions.note_mood,
                   actions.add_gratitude):
        if first is not None:
            file_menu.insertAction(first, action)
        else:
            file_menu.addAction(action)
    if first is not None:
        file_menu.insertSeparator(first)
    window.menu("go").addSeparator()
    window.menu("go").addAction(actions.find_person)
    return actions

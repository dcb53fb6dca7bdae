"""Help > Getting started, and Help > If you need help now.

Getting started is a short, plain walk through what SupportDesk is for, in the order a
new person meets it. "If you need help now" is the same as Ctrl+Shift+H: Reach out now,
or the crisis-only view when the window cannot be used.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.view_parts import body, heading

STEPS = (
    ("If today is hard",
     "Press Ctrl+Shift+H from anywhere, even inside a dialog or on the lock screen. You'll "
     "see the emergency number, a crisis line and who you can reach right now."),
    ("Add your people",
     "Start with one person you trust: a partner, a friend, family, or someone like your GP. "
     "Add how to reach them and when they're usually free (File > Add person, Ctrl+N). "
     "Groups you go to, online communities and crisis lines can be added too."),
    ("Your circles",
     "Put each person in a circle: the inner circle for the people closest to you, then "
     "middle and outer. Circles shows them as a map; drag someone to move them."),
    ("Staying in touch",
     "Each person can have a rhythm for keeping in touch. Today shows who it might be nice "
     "to hear from, and SupportDesk reminds you gently, from the system tray too. Log a "
     "check-in (Ctrl+L) after you've been in touch, with how you felt if you like."),
    ("How are you?",
     "Note how you are on your own with Ctrl+M. Over time, Today and Check-ins show how "
     "you've been, in your own words and colours."),
    ("Your safety plan",
     "The Safety plan page holds what helps when things get hard: warning signs, things "
     "you can do, and the people and services you can turn to. You can print it."),
    ("Your notes stay yours",
     "Everything is kept on this computer, encrypted, and never sent anywhere. The key "
     "is in your computer's keyring; the recovery key you saved opens your notes if the "
     "keyring ever can't. SupportDesk makes a backup every day, and File > Export takes "
     "everything out in open formats."),
)


class GettingStartedDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Getting started")
        layout = QVBoxLayout(self)
        for title, words in STEPS:
            layout.addWidget(heading(title, 1.15, self))
            layout.addWidget(body(words, self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 640)


class HelpActions(QObject):
    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)  # lives as long as the window
        self.window = window
        self.ctx = ctx
        self.help_now = QAction("If you need help &now", window)
        self.help_now.setToolTip("Reach out now: the emergency number, a crisis line and who "
                                 "is free (Ctrl+Shift+H)")
        self.help_now.triggered.connect(self.ctx.events.reach_out_requested.emit)
        self.getting_started = QAction("&Getting started", window)
        self.getting_started.triggered.connect(self.show_getting_started)

    def show_getting_started(self) -> None:
        GettingStartedDialog(self.window).exec()


def install(window: QWidget, ctx: AppContext) -> HelpActions:
    actions = HelpActions(window, ctx)
    menu = getattr(window, "menu", None)
    if callable(menu):
        help_menu = menu("help")
        first = help_menu.actions()[0] if help_menu.actions() else None
        for action in (actions.help_now, actions.getting_started):
            if first is None:
                help_menu.addAction(action)
            else:
                help_menu.insertAction(first, action)
    return actions

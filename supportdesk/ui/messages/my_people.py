"""Send to my people: the hard-time message to each person the safety plan names to ask
for help, one at a time.

Never all at once and never silently: the dialog shows who is next and how, and the
person opens each text or email themselves (or skips someone). The words can be
changed once, before the first is sent.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.kinds import ContactType
from supportdesk.core.messages import way_words
from supportdesk.services.templates import people_to_message
from supportdesk.ui.context import AppContext
from supportdesk.ui.messages.sending import send_message
from supportdesk.ui.pages.view_parts import heading
from supportdesk.ui.plain import literal_ampersands, plain_label
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url

NOBODY = ("Your safety plan doesn't name anyone to ask for help yet, or they have no "
          "number or email address. When you feel able, you can add them to step "
          "“People I can ask for help”.")


class SendToMyPeopleDialog(QDialog):
    """Steps through the plan's people. ``done_with`` holds each one's outcome, in order:
    "sent", "skipped" or "" (not reached yet)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opener = opener
        self.setWindowTitle("Send to my people")
        self.setObjectName("SendToMyPeopleDialog")
        self.setAccessibleName("Send to my people")
        self.people = people_to_message(ctx.app.safety_plan.plan(),
                                        ctx.app.network.supporters())
        self.template = ctx.app.templates.hard_time()
        self.done_with = ["" for _ in self.people]
        self.at = 0
        self._build()
        self._connect_signals()
        self._show_next()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading("You don't have to go through this alone.", 1.3, self))
        intro = plain_label("This sends your message to the people your safety plan names, "
                            "one at a time. You open each one yourself.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text_edit = QPlainTextEdit(self.template.text, self)
        self.text_edit.setAccessibleName("Your message")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        layout.addWidget(self.text_edit)
        self.people_list = QListWidget(self)
        self.people_list.setAccessibleName("My people")
        self.people_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it shows; buttons act
        self.people_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        layout.addWidget(self.people_list)
        self.status = plain_label("", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.nobody = plain_label(NOBODY, self)
        self.nobody.setWordWrap(True)
        layout.addWidget(self.nobody)
        buttons = QHBoxLayout()
        self.plan_button = QPushButton("Open my safety plan", self)
        self.send_button = QPushButton(self)
        self.send_button.setDefault(True)
        self.skip_button = QPushButton("S&kip", self)
        self.close_button = QPushButton("Close", self)
        buttons.addWidget(self.plan_button)
        buttons.addStretch(1)
        for button in (self.send_button, self.skip_button, self.close_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 44)

    def _connect_signals(self) -> None:
        self.send_button.clicked.connect(self.send_next)
        self.skip_button.clicked.connect(self.skip_next)
        self.close_button.clicked.connect(self.accept)
        self.plan_button.clicked.connect(self._on_plan_clicked)

    def _show_next(self) -> None:
        self.people_list.clear()
        marks = {"sent": "✓ sent", "skipped": "skipped", "": ""}
        for index, (person, way) in enumerate(self.people):
            mark = marks[self.done_with[index]] or ("next" if index == self.at else "")
            self.people_list.addItem(f"{person.name} · {way_words(way)}"
                                     + (f" — {mark}" if mark else ""))
        self.nobody.setVisible(not self.people)
        self.plan_button.setVisible(not self.people)
        self.text_edit.setVisible(bool(self.people))
        self.people_list.setVisible(bool(self.people))
        left = self.at < len(self.people)
        self.send_button.setVisible(left)
        self.skip_button.setVisible(left)
        if left:
            person, way = self.people[self.at]
            verb = "email" if way.type is ContactType.EMAIL else "text"
            self.send_button.setText(literal_ampersands(f"Open the {verb} to {person.name}"))
            self.send_button.setAccessibleName(f"Open the {verb} to {person.name}")
            self.status.setText(f"{self.at + 1} of {len(self.people)}: {person.name}.")
            self.send_button.setFocus()
        elif self.people:
            sent = self.done_with.count("sent")
            self.status.setText("That's everyone. Reaching out takes courage; well done."
                                if sent else "That's everyone on your list.")
            self.close_button.setDefault(True)
            self.close_button.setFocus()
        else:
            self.status.setText("")
            self.plan_button.setFocus()

    def send_next(self) -> None:
        if self.at >= len(self.people):
            return
        words = self.text_edit.toPlainText().strip() or self.template.text
        person, way = self.people[self.at]
        send_message(self.ctx, person, way, words, self.template.subject, self.opener, self)
        self.done_with[self.at] = "sent"
        self.at += 1
        self._show_next()

    def skip_next(self) -> None:
        if self.at < len(self.people):
            self.done_with[self.at] = "skipped"
            self.at += 1
            self._show_next()

    def _on_plan_clicked(self) -> None:
        self.ctx.events.page_requested.emit("safety_plan")
        self.accept()

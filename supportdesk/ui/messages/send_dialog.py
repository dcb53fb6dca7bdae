"""Send a message: pick the words, a person and a way; SupportDesk opens the text or
email with the words filled in (and they can still be changed first).

Reached from Reach out now, a person's page and the safety plan. Everything is reachable
by keyboard: the list of words first, then who, how, the words themselves, and Open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.messages import MessageTemplate, message_ways, way_words
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.messages.sending import send_message
from supportdesk.ui.plain import plain_label, plain_tooltip
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url

NOBODY = ("No one in your network has a phone number or email address yet. You can add "
          "one on their page, with Edit.")


def run_dialog(dialog: QDialog) -> int:
    """Show ``dialog`` modally, then let it go (each opening makes a fresh one)."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()


def template_line(template: MessageTemplate) -> str:
    """A template as one line of the list."""
    first = " ".join(template.text.split())
    return first if len(first) <= 90 else first[:89] + "…"


class SendMessageDialog(QDialog):
    """The message picker. ``sent`` is True once a message was opened or shown to copy."""

    def __init__(self, ctx: AppContext, supporter_id: int | None = None,
                 parent: QWidget | None = None, opener: UrlOpener = open_url) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opener = opener
        self.sent = False
        self.setWindowTitle("Send a message")
        self.setObjectName("SendMessageDialog")
        self.setAccessibleName("Send a message")
        # crisis services have their own buttons: these are the person's own people
        self.people = [s for s in ctx.app.network.supporters()
                       if s.kind is not Kind.CRISIS and message_ways(s)]
        self.templates = ctx.app.templates.templates()
        self._build()
        self._connect_signals()
        self._load(supporter_id)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = plain_label("Pick the words that fit, and who to send them to. You can "
                            "change the words before they go.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.template_list = QListWidget(self)
        self.template_list.setAccessibleName("Words to send")
        self._fill_templates()
        self.template_list.setWordWrap(True)
        self.template_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.template_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        words_label = plain_label("&Words", self)
        words_label.setBuddy(self.template_list)
        layout.addWidget(words_label)
        layout.addWidget(self.template_list)
        form = QFormLayout()
        self.person_box = QComboBox(self)
        self.person_box.setAccessibleName("Send to")
        for supporter in self.people:
            self.person_box.addItem(supporter.name, supporter.id)
        self.way_box = QComboBox(self)
        self.way_box.setAccessibleName("How to send it")
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setAccessibleName("Email subject")
        self.subject_label = plain_label("S&ubject", self)
        self.subject_label.setBuddy(self.subject_edit)
        to_label, way_label = plain_label("&To", self), plain_label("&How", self)
        to_label.setBuddy(self.person_box)
        way_label.setBuddy(self.way_box)
        form.addRow(to_label, self.person_box)
        form.addRow(way_label, self.way_box)
        form.addRow(self.subject_label, self.subject_edit)
        layout.addLayout(form)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName("Your message")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.text_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 8 + 12)
        message_label = plain_label("&Message", self)
        message_label.setBuddy(self.text_edit)
        layout.addWidget(message_label)
        layout.addWidget(self.text_edit)
        self.nobody = plain_label(NOBODY, self)
        self.nobody.setWordWrap(True)
        self.nobody.setVisible(not self.people)
        layout.addWidget(self.nobody)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Change my &messages…", self)
        self.edit_button.setAccessibleName("Add, change or reorder your messages")
        self.send_button = QPushButton("&Open the text", self)
        self.send_button.setDefault(True)
        self.close_button = QPushButton("Close", self)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 46)

    def _fill_templates(self) -> None:
        self.template_list.clear()
        for template in self.templates:
            item = QListWidgetItem(template_line(template))
            item.setToolTip(plain_tooltip(template.text))
            self.template_list.addItem(item)

    def _connect_signals(self) -> None:
        self.template_list.currentRowChanged.connect(self._on_template_chosen)
        self.person_box.currentIndexChanged.connect(self._on_person_chosen)
        self.way_box.currentIndexChanged.connect(self._on_way_chosen)
        self.send_button.clicked.connect(self.send)
        self.close_button.clicked.connect(self.reject)
        self.edit_button.clicked.connect(self._on_edit_clicked)

    def _load(self, supporter_id: int | None) -> None:
        index = self.person_box.findData(supporter_id) if supporter_id is not None else 0
        self.person_box.setCurrentIndex(max(0, index))
        self._on_person_chosen()
        if self.templates:
            self.template_list.setCurrentRow(0)
        self.template_list.setFocus()

    # -- state ------------------------------------------------------------------

    def person(self) -> Supporter | None:
        wanted = self.person_box.currentData()
        return next((s for s in self.people if s.id == wanted), None)

    def way(self) -> ContactMethod | None:
        person = self.person()
        index = self.way_box.currentIndex()
        if person is None or index < 0:
            return None
        ways = message_ways(person)
        return ways[index] if index < len(ways) else None

    def _on_template_chosen(self, row: int) -> None:
        if 0 <= row < len(self.templates):
            self.text_edit.setPlainText(self.templates[row].text)
            self.subject_edit.setText(self.templates[row].subject)

    def _on_person_chosen(self) -> None:
        self.way_box.clear()
        person = self.person()
        for way in message_ways(person) if person is not None else []:
            self.way_box.addItem(way_words(way))
        self._on_way_chosen()

    def _on_way_chosen(self) -> None:
        way = self.way()
        email = way is not None and way.type is ContactType.EMAIL
        self.subject_edit.setVisible(email)
        self.subject_label.setVisible(email)
        self.send_button.setText("&Open the email" if email else "&Open the text")
        self.send_button.setEnabled(way is not None)

    # -- intents ----------------------------------------------------------------

    def send(self) -> None:
        person, way = self.person(), self.way()
        text = self.text_edit.toPlainText().strip()
        if person is None or way is None:
            return
        if not text:
            self.text_edit.setPlaceholderText("Write a few words first.")
            self.text_edit.setFocus()
            return
        send_message(self.ctx, person, way, text, self.subject_edit.text(), self.opener,
                     self.parentWidget() or self)
        self.sent = True
        self.accept()

    def _on_edit_clicked(self) -> None:
        from supportdesk.ui.messages.templates_dialog import TemplatesDialog

        if TemplatesDialog(self.ctx, self).exec():
            self.templates = self.ctx.app.templates.templates()
            self._fill_templates()
            if self.templates:
                self.template_list.setCurrentRow(0)
        self.template_list.setFocus(Qt.FocusReason.OtherFocusReason)

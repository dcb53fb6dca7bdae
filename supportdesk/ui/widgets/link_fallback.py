"""When a contact link cannot open: the number or address, large, with Copy.

On most Linux desktops and many Windows PCs nothing handles ``tel:`` or ``sms:``;
``QDesktopServices.openUrl`` then returns False. Rather than fail silently, show the
number so it can be dialled from a phone (or the address, to copy). A message that
could not be opened (a text or email with words filled in) is copied at once and shown
under the number, to paste into a text from a phone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod
from supportdesk.ui.plain import plain_label

_WORDS = {
    ContactType.PHONE: ("Call from your phone",
                        "This computer can't make the call. Here is the number:",
                        "Dial this from your phone."),
    ContactType.SMS: ("Text from your phone",
                      "This computer can't send the text. Here is the number:",
                      "Send your text to this number from your phone."),
    ContactType.EMAIL: ("Email address", "No mail program opened. Here is the address:",
                        "Copy it into the mail program or website you use."),
    ContactType.WEB: ("Web address", "The link did not open. Here is the address:",
                      "Copy it into your web browser."),
    ContactType.ADDRESS: ("Address", "The map did not open. Here is the address:",
                          "Copy it into a map."),
}


# For a message with its words: (title, intro, hint), the words copied already.
_MESSAGE_WORDS = {
    ContactType.SMS: ("Text from your phone",
                      "This computer can't send the text. Your message is copied, ready "
                      "to paste. Here is the number:",
                      "Paste your message into a text to this number from your phone."),
    ContactType.EMAIL: ("Email address",
                        "No mail program opened. Your message is copied, ready to paste. "
                        "Here is the address:",
                        "Paste it into a new email in the mail program or website you use."),
}
_MESSAGE_WORDS[ContactType.PHONE] = _MESSAGE_WORDS[ContactType.SMS]


def copy_text(text: str) -> None:
    """Put ordinary text (a number, an address, a message) on the clipboard."""
    QGuiApplication.clipboard().setText(text)


def _plain(text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, parent)
    label.setWordWrap(True)
    return label


class UnopenedLinkDialog(QDialog):
    """The contact's number or address, large and selectable, with Copy and Close."""

    def __init__(self, contact: ContactMethod, who: str = "",
                 parent: QWidget | None = None, message: str = "") -> None:
        super().__init__(parent)
        title, intro, hint = (_MESSAGE_WORDS if message else _WORDS)[contact.type]
        self.message = message
        self.setWindowTitle(f"{title}: {who}" if who else title)
        self.setObjectName("UnopenedLinkDialog")
        self.contact = contact
        self.intro = _plain(f"{who}. {intro}" if who else intro, self)
        self.value = _plain(contact.value, self)
        self.value.setObjectName("UnopenedValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.value.setAccessibleName(f"{title}: {contact.value}")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(font)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = _plain(hint, self)
        self.words = _plain(message, self)
        self.words.setObjectName("UnopenedMessage")
        self.words.setAccessibleName("Your message")
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.words.setVisible(bool(message))
        self.feedback = _plain("", self)
        self.copy_button = QPushButton("&Copy the message" if message else "&Copy", self)
        self.copy_button.setAccessibleName("Copy your message" if message
                                           else f"Copy {contact.value}")
        self.copy_button.setDefault(True)
        self.copy_value_button = QPushButton("Copy the &number" if contact.type
                                             is not ContactType.EMAIL else "Copy the &address",
                                             self)
        self.copy_value_button.setAccessibleName(f"Copy {contact.value}")
        self.copy_value_button.setVisible(bool(message))
        self.close_button = QPushButton("Close", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.feedback, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copy_value_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.value, self.words, self.hint):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.copy_value_button.clicked.connect(self._on_copy_value_clicked)
        self.close_button.clicked.connect(self.accept)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)
        if message:
            copy_text(message)

    def _on_copy_clicked(self) -> None:
        copy_text(self.message or self.contact.value)
        self.feedback.setText("Copied.")

    def _on_copy_value_clicked(self) -> None:
        copy_text(self.contact.value)
        self.feedback.setText("Number copied." if self.contact.type is not ContactType.EMAIL
                              else "Address copied.")


def show_unopened(contact: ContactMethod, who: str, parent: QWidget | None,
                  message: str = "") -> UnopenedLinkDialog:
    """Open the dialog without blocking (it closes with its parent); a ``message`` is
    copied at once and shown with the number."""
    dialog = UnopenedLinkDialog(contact, who, parent.window() if parent is not None else None,
                                message)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.copy_button.setFocus()
    return dialog

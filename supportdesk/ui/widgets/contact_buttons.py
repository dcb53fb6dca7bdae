"""One button per contact method that opens it in one click (tel:, sms:, mailto:, web, map).

Reusable wherever contacts are shown (a person's page, Reach out now).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod
from supportdesk.core.text import contact_link
from supportdesk.ui.focus_order import keep_in_place
from supportdesk.ui.plain import literal_ampersands, plain_label, plain_tooltip
from supportdesk.ui.widgets.flow_layout import FlowLayout

_VERBS = {ContactType.PHONE: "Call", ContactType.SMS: "Text", ContactType.EMAIL: "Email",
          ContactType.WEB: "Open", ContactType.ADDRESS: "Map"}

UrlOpener = Callable[[QUrl], bool]
# The buttons that reach a person (a map does not); using one can be logged afterwards.
REACHING_OUT = frozenset({ContactType.PHONE, ContactType.SMS, ContactType.EMAIL,
                          ContactType.WEB})


# Schemes a web browser cannot stand in for: without a program registered for them,
# nothing can open them.
_NEEDS_OWN_HANDLER = ("tel", "sms", "mailto")


def open_url(url: QUrl) -> bool:
    """Hand a link to the desktop (phone app, mail app, browser); False when nothing on
    this computer will open it.

    On a Linux desktop Qt hands every link to xdg-open and reports success as soon as
    that starts, even when xdg-open then finds no program for ``tel:`` (the usual case):
    so first ask the desktop's own registry whether a program handles the scheme.
    """
    if url.scheme() in _NEEDS_OWN_HANDLER and not xdg_has_handler(url.scheme()):
        return False
    return QDesktopServices.openUrl(url)


def xdg_has_handler(scheme: str) -> bool:
    """Whether the freedesktop registry names a program for ``scheme``; True where
    there is no such registry to ask (Windows and macOS report failure themselves)."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() not in ("xcb", "wayland"):
        return True
    query = shutil.which("xdg-mime")
    if query is None:
        return True
    try:
        found = subprocess.run([query, "query", "default", f"x-scheme-handler/{scheme}"],
                               capture_output=True, text=True, timeout=3, check=False)
    except (OSError, subprocess.SubprocessError):
        return True  # could not ask: let the desktop try
    return bool(found.stdout.strip())


def site_name(link: str) -> str:
    """The site a web address is on, as people say it: ``surgery.example.org``."""
    host = QUrl(link).host()
    return host.removeprefix("www.") or link


def button_text(contact: ContactMethod) -> str:
    """A web link shows its label, or its site's name (the full address is the
    tooltip); a number or address shows itself, with its label."""
    if contact.type is ContactType.WEB:
        return f"Open {contact.label or site_name(contact_link(contact))}"
    label = f" ({contact.label})" if contact.label else ""
    return f"{_VERBS[contact.type]} {contact.value}{label}"


class ContactButtons(QWidget):
    """A row of buttons, preferred contact first (going on to a second line when narrow).

    Signals:
        contact_opened(str): a contact's link was handed to the desktop.
        contact_unopened(str): nothing on this computer opened the link; the number or
            address was shown instead, to dial or copy.
        reached_out(int, str): a Call, Text, Email or Open button of a supporter's was
            used (their id, the contact type's value); rows given no supporter id
            (crisis lines) never say it.
    """

    contact_opened = Signal(str)
    contact_unopened = Signal(str)
    reached_out = Signal(int, str)

    def __init__(self, parent: QWidget | None = None, opener: UrlOpener | None = None) -> None:
        super().__init__(parent)
        self._opener = opener
        self._layout = FlowLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        self._person = ""
        self._supporter_id = 0
        self._empty = plain_label("No contact details yet — add them with Edit.", self)
        self._layout.addWidget(self._empty)

    def set_contacts(self, contacts: list[ContactMethod], person: str = "",
                     supporter_id: int = 0) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.hide()  # gone at once, not only when the event loop deletes it
            button.deleteLater()
        self.buttons = []
        self._person = person
        self._supporter_id = supporter_id
        ordered = sorted(contacts, key=lambda c: not c.preferred)
        for index, contact in enumerate(ordered):
            button = QPushButton(literal_ampersands(button_text(contact)), self)
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"{_VERBS[contact.type]} {person}".strip())
            button.setAccessibleDescription(
                f"{contact.type.label}: {contact.value}" + (" (preferred)" if contact.preferred
                                                             else ""))
            button.setToolTip(plain_tooltip(contact_link(contact)))
            button.clicked.connect(lambda _=False, c=contact: self._open(c))
            self._layout.insertWidget(index, button)
            self.buttons.append(button)
        self._empty.setVisible(not ordered)
        keep_in_place(self, self.buttons)

    def _open(self, contact: ContactMethod) -> None:
        link = contact_link(contact)
        if (self._opener or open_url)(QUrl(link)):
            self.contact_opened.emit(link)
        else:
            from supportdesk.ui.widgets.link_fallback import show_unopened

            show_unopened(contact, self._person, self)  # to dial or copy: still reaching out
            self.contact_unopened.emit(link)
        if self._supporter_id and contact.type in REACHING_OUT:
            self.reached_out.emit(self._supporter_id, contact.type.value)

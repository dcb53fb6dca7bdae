"""The strip that stays at the top: the emergency number and the main crisis line.

Each is one click, or one key: Alt+1 calls the emergency number, Alt+2 the crisis line
(active only while the strip shows). Its buttons are made once and only
relabelled, so they stay the first Tab stops of the page that holds them. Where
SupportDesk has no lines for the country it says so plainly and points to an
international directory of helplines, opened only if the person clicks.

Signals:
    add_service_requested(): the person asked to add a local service.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from supportdesk.core.crisis import confirmation_words
from supportdesk.core.kinds import Channel, ContactType
from supportdesk.core.model import ContactMethod, CrisisLine
from supportdesk.core.text import contact_link
from supportdesk.services.crisis_lines import CrisisNow, evidence_for
from supportdesk.ui.pages.view_parts import Card, body, crisis_contact
from supportdesk.ui.plain import plain_tooltip
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url
from supportdesk.ui.widgets.link_fallback import show_unopened

EMERGENCY_KEY = "Alt+1"
LINE_KEY = "Alt+2"
KEY_WORDS = {"EmergencyButton": "Call the emergency number (on Reach out now, the lock "
                                "screen and the crisis help)",
             "CrisisLineButton": "Reach the main crisis line (there too)"}
_VERB = {Channel.CALL: "Call", Channel.TEXT: "Text", Channel.CHAT: "Chat with"}


def _label(parent: QWidget, *, scale: float = 1.0, muted: bool = False) -> QLabel:
    label = body("", parent, muted=muted, scale=scale)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("M") * 12)
    return label


def line_detail(line: CrisisLine) -> str:
    """"24/7 · Free to call." and the like: what someone needs before calling."""
    return " · ".join(part for part in (line.hours, line.notes) if part)


class CrisisStrip(Card):
    add_service_requested = Signal()

    def __init__(self, parent: QWidget | None = None, opener: UrlOpener = open_url, *,
                 can_add: bool = True) -> None:
        super().__init__("", parent, warm=True)
        self.setObjectName("CrisisStrip")
        self.setAccessibleName("Help right now")
        self.opener = opener
        self.now: CrisisNow | None = None
        self._contacts: dict[QPushButton, tuple[ContactMethod, str]] = {}
        self.emergency_button = self._button("EmergencyButton")
        self.emergency_note = _label(self)
        self.line_button = self._button("CrisisLineButton")
        self.line_note = _label(self)
        self.line_source = _label(self, scale=0.9, muted=True)
        self.no_lines = _label(self)
        self.helplines_button = QPushButton(self)
        self.helplines_button.setObjectName("HelplinesButton")
        self.add_button = QPushButton("&Add a local service…", self)
        self.add_button.setAccessibleName("Add a local crisis or support service")
        self.add_button.setVisible(can_add)
        self._can_add = can_add
        for button, note in ((self.emergency_button, self.emergency_note),
                             (self.line_button, self.line_note)):
            row = QHBoxLayout()
            row.setSpacing(14)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(note, 1)
            self.content.addLayout(row)
        self.content.addWidget(self.line_source)
        self.content.addWidget(self.no_lines)
        actions = QHBoxLayout()
        actions.addWidget(self.helplines_button)
        actions.addWidget(self.add_button)
        actions.addStretch(1)
        self.content.addLayout(actions)
        self.helplines_button.clicked.connect(self._on_helplines_clicked)
        self.add_button.clicked.connect(self.add_service_requested)

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        font = QFont(button.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(QFont.Weight.DemiBold)
        button.setFont(font)
        button.clicked.connect(lambda _=False, b=button: self._on_contact_clicked(b))
        keys = QShortcut(QKeySequence(EMERGENCY_KEY if name == "EmergencyButton" else LINE_KEY),
                         button)  # a window shortcut, live only while the button shows
        keys.setWhatsThis(KEY_WORDS[name])  # as Help > Keyboard shortcuts lists it
        keys.activated.connect(button.click)
        return button

    def show_now(self, now: CrisisNow) -> None:
        """Show this country's emergency number and main line (or say there are none)."""
        self.now = now
        if now.emergency_dial:
            self._set_contact(self.emergency_button, ContactMethod(
                ContactType.PHONE, now.emergency_dial), "emergency services",
                f"Emergency: call {now.emergency_dial}", EMERGENCY_KEY)
            self.emergency_note.setText(f"If you are in danger right now. Emergency "
                                        f"({now.country_name}): {now.emergency}.")
        else:
            self.emergency_button.hide()
            self.emergency_note.setText("If you are in danger right now, call your local "
                                        "emergency number.")
        line = now.main
        self.line_button.setVisible(line is not None)
        self.line_note.setVisible(line is not None)
        self.line_source.setVisible(line is not None)
        if line is not None:
            contact = crisis_contact(line)
            name = line.name.replace("&", "&&")  # "Suicide & Crisis" is no shortcut
            self._set_contact(self.line_button, contact, line.name,
                              f"{_VERB[line.channel]} {name}: {line.contact}"
                              if line.channel is not Channel.CHAT
                              else f"Chat with {name}", LINE_KEY)
            self.line_note.setText(line_detail(line))
            evidence = evidence_for(line)
            words = "Added by you." if line.user_added else confirmation_words(evidence)
            self.line_source.setText(words)
            self.line_source.setToolTip(plain_tooltip(evidence.number.quote if evidence else ""))
        where = now.country_name or "your country"
        self.no_lines.setVisible(line is None)
        self.no_lines.setText(
            f"SupportDesk has no crisis lines for {where} yet. {now.helplines_name} lists "
            f"helplines in many countries, at {now.helplines_url.removeprefix('https://')}. "
            "It opens in your browser only if you choose it.")
        self.helplines_button.setVisible(line is None)
        self.helplines_button.setText(f"Open {now.helplines_name}")
        self.helplines_button.setAccessibleName(f"Open {now.helplines_name}, "
                                                "an international directory of helplines")
        self.helplines_button.setToolTip(plain_tooltip(now.helplines_url))
        self.add_button.setVisible(self._can_add and line is None)

    def _set_contact(self, button: QPushButton, contact: ContactMethod, who: str,
                     text: str, keys: str) -> None:
        self._contacts[button] = (contact, who)
        button.setText(text)
        button.setAccessibleName(text.replace("&&", "&"))
        button.setAccessibleDescription(f"Shortcut: {keys}")
        button.setToolTip(plain_tooltip(f"{contact_link(contact)} ({keys})"))
        button.show()

    def buttons(self) -> list[QPushButton]:
        """The strip's contact buttons that show, emergency first."""
        return [b for b in (self.emergency_button, self.line_button) if not b.isHidden()]

    def _on_contact_clicked(self, button: QPushButton) -> None:
        contact, who = self._contacts[button]
        if not self.opener(QUrl(contact_link(contact))):
            show_unopened(contact, who, self)

    def _on_helplines_clicked(self) -> None:
        if self.now is None:
            return
        contact = ContactMethod(ContactType.WEB, self.now.helplines_url)
        if not self.opener(QUrl(self.now.helplines_url)):
            show_unopened(contact, self.now.helplines_name, self)

"""Opening a text or an email with the words filled in, or showing them to copy.

One function for every place a message is sent from (the message picker and "Send to
my people"): it hands the link to the desktop; when nothing opens it, the words are
copied and shown with the number (ui/widgets/link_fallback.py). Either way the person
has reached out, and ``ctx.events.reached_out`` says so ("Log this?" follows).
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget

from supportdesk.core.kinds import ContactType
from supportdesk.core.messages import message_link
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.widgets.contact_buttons import UrlOpener
from supportdesk.ui.widgets.link_fallback import show_unopened


def send_message(ctx: AppContext, supporter: Supporter, way: ContactMethod, text: str,
                 subject: str, opener: UrlOpener, parent: QWidget | None) -> bool:
    """Open the message; False when it could not open and was shown to copy instead."""
    link = message_link(way, text, subject)
    opened = opener(QUrl.fromEncoded(link.encode("ascii")))
    if not opened:
        show_unopened(way, supporter.name, parent, message=text)
    if supporter.id is not None:
        # a text to a phone number is still a text, not a call
        sent_as = ContactType.EMAIL if way.type is ContactType.EMAIL else ContactType.SMS
        ctx.events.reached_out.emit(supporter.id, sent_as.value)
    return opened

"""Today's "Coming up" card: appointments in the next two days, each with the questions
to bring, and a way to the person's page to add more."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from supportdesk.core.appointments import NEAR
from supportdesk.core.schedule import local_zone
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.view_parts import Card, body
from supportdesk.ui.widgets.appointment_box import appointment_words


def appointments_card(ctx: AppContext, parent: QWidget) -> Card | None:
    """None when no appointment is near."""
    now = ctx.app.now()
    near = ctx.app.appointments.upcoming(now, within=NEAR)
    if not near:
        return None
    card = Card("Coming up", parent)
    card.setObjectName("appointments_card")
    for item in near:
        words = appointment_words(item.appointment, now, local_zone())
        card.content.addWidget(body(f"{item.supporter.name}: {words}", card))
        if item.questions:
            listed = "\n".join(f"• {q.text}" for q in item.questions)
            card.content.addWidget(body(f"Questions to bring:\n{listed}", card))
        else:
            card.content.addWidget(body("No questions noted yet; anything you'd like to "
                                        "ask can go on their page.", card, muted=True))
        button = QPushButton(f"Open {item.supporter.name}", card)
        button.setAccessibleName(f"Open {item.supporter.name}'s page")
        sid = item.supporter.id or 0
        button.clicked.connect(lambda _checked=False, sid=sid:
                               ctx.events.supporter_open_requested.emit(sid))
        card.content.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
    return card

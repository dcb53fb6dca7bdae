"""What your people do for your mood, where it appears: a Today card and a section of
each person's page. Shown only once chosen (Settings > Mood, off by default), and each
place has a button that switches it off again.

Never a ranking: Today names the people seen most recently, in that order, whatever
their words; a person whose check-ins tend to leave the person lower, and whom they
have not marked as stressful, gets no words at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from supportdesk.core.model import Supporter
from supportdesk.core.mood_effect import EXPLAINED, MIN_CHECKINS, MoodEffect, not_yet_words
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.view_parts import Card, body

TITLE = "Time with your people"
SHOWN_ON_TODAY = 4
ENOUGH = (f"Shown for people with at least {MIN_CHECKINS} check-ins where you noted your "
          "mood before and after, over the past year.")
NOTHING_YET = (f"Once you've noted your mood before and after {MIN_CHECKINS} check-ins with "
               "someone, how you tend to feel after time with them shows here.")
STOP = "Stop showing this"
STOP_NAME = "Stop showing how you tend to feel after time with people"
_LONG_AGO = datetime.min.replace(tzinfo=UTC)


def _stop_button(ctx: AppContext, parent: QWidget) -> QPushButton:
    button = QPushButton(STOP, parent)
    button.setAccessibleName(STOP_NAME)
    button.clicked.connect(lambda: ctx.app.set_mood_effect_shown(False))
    return button


def todays_lines(effects: dict[int, MoodEffect], people: Iterable[Supporter]
                 ) -> tuple[list[str], int]:
    """The words for those seen most recently (at most ``SHOWN_ON_TODAY``) and how many
    more have words."""
    said = [p for p in people if p.id in effects and effects[p.id].words]
    said.sort(key=lambda p: p.last_contact or _LONG_AGO, reverse=True)
    lines = [effects[p.id].words or "" for p in said[:SHOWN_ON_TODAY] if p.id is not None]
    return lines, max(0, len(said) - SHOWN_ON_TODAY)


class MoodEffectCard(Card):
    """Today's card (build it only when the person chose to see it)."""

    def __init__(self, ctx: AppContext, people: Iterable[Supporter],
                 parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        lines, more = todays_lines(ctx.app.mood_effect.everyone(), people)
        self.lines = lines
        for words in lines or [NOTHING_YET]:
            self.content.addWidget(body(words, self))
        if more:
            self.content.addWidget(body(f"{more} more on their own pages.", self))
        self.content.addWidget(body(f"{EXPLAINED} {ENOUGH}", self, muted=True))
        self.stop = _stop_button(ctx, self)
        self.content.addWidget(self.stop, 0, Qt.AlignmentFlag.AlignLeft)


class MoodEffectBox(Card):
    """The person page's section; ``show_for(supporter)`` after each refresh."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("How you feel after time together", parent)
        self.ctx = ctx
        layout = self.content
        self.words = body("", self)
        self.explained = body(EXPLAINED, self, muted=True)
        self.stop = _stop_button(ctx, self)
        layout.addWidget(self.words)
        layout.addWidget(self.explained)
        layout.addWidget(self.stop, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()

    def show_for(self, supporter: Supporter) -> None:
        if not self.ctx.app.mood_effect.enabled:
            self.hide()
            return
        effect = self.ctx.app.mood_effect.for_person(supporter)
        if effect.count < MIN_CHECKINS:
            words: str | None = not_yet_words(supporter.name, effect.count)
        else:
            words = effect.words  # None: nothing is said (see the module)
        self.words.setText(words or "")
        self.setVisible(words is not None)

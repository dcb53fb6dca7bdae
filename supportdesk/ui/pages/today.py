"""Today: a warm greeting, check-ins due, and a gentle look at the whole network."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.insights import EscalationRule
from supportdesk.core.isolation import MAX_DAYS, IsolationRule
from supportdesk.core.kinds import Kind
from supportdesk.core.model import MOOD_LABELS
from supportdesk.core.schedule import DueItem, SnoozeOption
from supportdesk.core.text import relative_day
from supportdesk.services.dashboard import SHOWN_PROFESSIONALS, Today
from supportdesk.ui.context import AppContext
from supportdesk.ui.pages.coming_up import ComingUpCard, coming_up_card
from supportdesk.ui.pages.mood_effect_parts import MoodEffectCard
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.pages.sparkline import Sparkline
from supportdesk.ui.pages.today_appointments import appointments_card
from supportdesk.ui.pages.view_parts import Card, ContactGrid, ScrollingPage, body
from supportdesk.ui.plain import literal_ampersands, plain_label
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url

KIND_ORDER = list(Kind)
DUE_FIRST = 10  # due people shown at first; "Show more" adds DUE_MORE at a time
DUE_MORE = 25


class TodayPage(ScrollingPage):
    """The Today dashboard. Changes go through use cases; navigation through ``ctx.events``.

    Follows what is due as time passes ("due", from the reminder engine) as well as the
    data it shows."""

    topics: ClassVar[frozenset[str]] = frozenset({"people", "checkins", "gratitude",
                                                  "settings", "due"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opener = opener
        self.dashboard = ctx.app.dashboard
        self.today: Today | None = None
        self._mood_cards: list[QWidget] = []  # "How are you?" and "Mood lately", in order
        self._with_mood_effect = False
        self.due_rows: dict[int, QWidget] = {}
        self.suggestions: list[str] = []
        self._rule_controls: list[QWidget] = []
        self.mood_buttons: list[QPushButton] = []
        self.coming_up: ComingUpCard | None = None
        self._built_with: list[tuple[str, int]] = []
        self.name_page("Today")
        self.refresh()

    # -- building -------------------------------------------------------------

    def refresh(self) -> None:
        # The mood buttons and the rule's controls are rebuilt too: the one in use keeps
        # the focus (after "How are you?" is saved, the mood just chosen).
        kept = self._focus_keepers()
        focused = next((i for i, w in enumerate(kept) if w.hasFocus()), -1)
        self._rule_controls = []
        self.mood_buttons = []
        today = self.dashboard.today()
        if not self._rebuild_mood_cards_only(today):
            self._build_column(today)
        self.keep_tab_order()
        kept = self._focus_keepers()
        if 0 <= focused < len(kept):
            kept[focused].setFocus()

    def _focus_keepers(self) -> list[QWidget]:
        return [*self.mood_buttons, *self._rule_controls]

    def _rebuild_mood_cards_only(self, today: Today) -> bool:
        """After a mood noted on its own (quick from the tray), only "How are you?" and
        "Mood lately" are built again, in their places; False (build everything) when
        anything else Today shows has changed."""
        before, cards = self.today, self._mood_cards
        if (before is None or today.is_empty or before.is_empty or len(cards) != 2
                or self._with_mood_effect or self.ctx.app.mood_effect.enabled  # its card
                # follows check-ins too
                or self._besides_mood(today) != self._besides_mood(before)
                or self._other_counts() != self._built_with):
            return False
        self.today = today
        places = [self.column.indexOf(card) for card in cards]
        self._mood_cards = []
        for card in cards:
            self.column.removeWidget(card)
            card.hide()
            card.deleteLater()
        for place, add in zip(places, (self._add_how_are_you, self._add_mood), strict=True):
            add(today)  # at the end of the column: moved to where the old card was
            card = self._mood_cards[-1]
            self.column.removeWidget(card)
            self.column.insertWidget(place, card)
        return True

    def _other_counts(self) -> list[tuple[str, int]]:
        """The change counts of all but check-ins and the reminders' bookkeeping: cards
        read beside the dashboard (appointments, one's own dates) follow them."""
        return sorted((topic, count) for topic, count in self.ctx.app.feed.seen().items()
                      if topic not in ("checkins", "reminders"))

    def _besides_mood(self, today: Today) -> tuple[object, ...]:
        """What the other cards show (who is due, not by how many seconds; the day, as
        "due yesterday" is worded by it)."""
        due = [(i.supporter_id, i.name, i.due_at, i.remind_at) for i in today.due]
        return (today.now.astimezone(self.dashboard.zone).date(), today.greeting, due,
                today.supporters, today.coverage, today.reciprocity, today.gratitude,
                today.escalation, today.isolation)

    def _build_column(self, today: Today) -> None:
        self._built_with = self._other_counts()
        self.clear_column()
        self.due_rows = {}
        self.suggestions = []
        self._mood_cards = []
        self._with_mood_effect = False
        self.today = today
        holder = self.holder
        self.header = PageHeader(f"{today.greeting}.", "" if today.is_empty else
                                 "Here's how your support network looks today.", holder)
        self.column.addWidget(self.header)
        if today.is_empty:
            self._add_welcome()
            self._add_how_are_you(today)
            self.column.addStretch(1)
            return
        if today.escalation is not None:
            self._add_escalation(today)
        if today.isolation is not None:
            self._add_isolation(today)
        self._add_how_are_you(today)
        coming = appointments_card(self.ctx, self.holder)
        if coming is not None:
            self.column.addWidget(coming)
        self._add_due(today)
        self._add_coming_up(today)
        self._add_coverage(today)
        self._add_mood(today)
        if self.ctx.app.mood_effect.enabled:  # opt-in (Settings > Mood)
            self.mood_effect_card = MoodEffectCard(self.ctx, today.supporters.values(),
                                                   self.holder)
            self.column.addWidget(self.mood_effect_card)
            self._with_mood_effect = True
        self._add_reciprocity(today)
        self._add_gratitude(today)
        self.column.addStretch(1)

    def _add_coming_up(self, today: Today) -> None:
        card = self.coming_up = coming_up_card(self.ctx, today.now, self.holder)
        if card is not None:
            self.column.addWidget(card)

    def _add_welcome(self) -> None:
        card = Card("Welcome. Let's start with one person.", self.holder, warm=True)
        card.content.addWidget(body(
            "Think of someone you can lean on, even a little: a friend, a relative, your GP, "
            "a group you go to. Add them here, and SupportDesk will help you keep in touch "
            "and see your support at a glance.", card))
        row = QHBoxLayout()
        add = QPushButton("Add someone", card)
        add.setAccessibleName("Add the first person to your network")
        add.clicked.connect(lambda: self.ctx.events.page_requested.emit("people"))
        reach = QPushButton("I need someone now", card)
        reach.setAccessibleName("Reach out now")
        reach.clicked.connect(self.ctx.events.reach_out_requested.emit)
        row.addWidget(add)
        row.addWidget(reach)
        row.addStretch(1)
        card.content.addLayout(row)
        self.column.addWidget(card)

    def _add_escalation(self, today: Today) -> None:
        assert today.escalation is not None
        card = Card("Things have been hard lately", self.holder, warm=True)
        card.content.addWidget(body(today.escalation.words, card))
        for professional in today.escalation.professionals[:SHOWN_PROFESSIONALS]:
            buttons = ContactGrid(professional.contacts, professional.name, card, self.opener,
                                  supporter_id=professional.id or 0)
            buttons.reached_out.connect(self.ctx.events.reached_out)
            card.content.addWidget(plain_label(professional.name, card))
            card.content.addWidget(buttons)
        row = QHBoxLayout()
        reach = QPushButton("Reach out now", card)
        reach.setAccessibleName("Reach out now")
        reach.clicked.connect(self.ctx.events.reach_out_requested.emit)
        self.stop_escalation = QPushButton("Stop suggesting this", card)
        self.stop_escalation.setAccessibleName("Stop suggesting a professional when my "
                                               "mood stays low")
        self.stop_escalation.clicked.connect(self._on_stop_escalation_clicked)
        row.addWidget(reach)
        row.addWidget(self.stop_escalation)
        self.more_help_button = QPushButton("When it might be time for more help", card)
        self.more_help_button.clicked.connect(
            lambda: self.ctx.events.page_requested.emit("more_help"))
        row.addWidget(self.more_help_button)
        row.addStretch(1)
        card.content.addLayout(row)
        self.column.addWidget(card)

    def _on_stop_escalation_clicked(self) -> None:
        self.ctx.app.set_escalation_rule(replace(self.dashboard.escalation_rule(),
                                                 enabled=False))

    def _add_isolation(self, today: Today) -> None:
        """A warm nudge towards one or two people, and a way to stop it right here."""
        assert today.isolation is not None
        card = Card("It's been quiet lately", self.holder, warm=True)
        card.content.addWidget(body(today.isolation.words, card))
        for person in today.isolation.people:
            buttons = ContactGrid(person.contacts, person.name, card, self.opener,
                                  supporter_id=person.id or 0)
            buttons.reached_out.connect(self.ctx.events.reached_out)  # "Log this?" follows
            card.content.addWidget(plain_label(person.name, card))
            card.content.addWidget(buttons)
        row = QHBoxLayout()
        reach = QPushButton("Reach out now", card)
        reach.setAccessibleName("Reach out now")
        reach.clicked.connect(self.ctx.events.reach_out_requested.emit)
        self.stop_isolation = QPushButton("Stop suggesting this", card)
        self.stop_isolation.setAccessibleName("Stop suggesting someone to contact when "
                                              "it's been quiet")
        self.stop_isolation.clicked.connect(self._on_stop_isolation_clicked)
        row.addWidget(reach)
        row.addWidget(self.stop_isolation)
        row.addStretch(1)
        card.content.addLayout(row)
        self.column.addWidget(card)

    def _on_stop_isolation_clicked(self) -> None:
        rule = self.dashboard.isolation_rule()
        self.ctx.app.set_isolation_rule(IsolationRule(enabled=False, days=rule.days))

    def _add_how_are_you(self, today: Today) -> None:
        """Five moods as buttons: one opens "How are you?" with it chosen (Enter saves)."""
        card = Card("How are you?", self.holder)
        card.content.addWidget(body("A moment just for you, with no one else involved. "
                                    "Choose what fits right now.", card))
        row = QHBoxLayout()
        for value, words in MOOD_LABELS.items():
            button = QPushButton(words, card)
            button.setAccessibleName(f"I'm {words.lower()}, {value} of 5")
            button.clicked.connect(
                lambda _=False, v=value: self.ctx.events.mood_entry_requested.emit(v))
            row.addWidget(button)
            self.mood_buttons.append(button)
        row.addStretch(1)
        card.content.addLayout(row)
        latest = self.ctx.app.mood.latest()
        if latest is not None:
            card.content.addWidget(body(
                f"Last noted {relative_day(latest.at, today.now)}: {latest.words}.", card,
                muted=True))
        self.column.addWidget(card)
        self._mood_cards.append(card)

    def _add_due(self, today: Today) -> None:
        card = Card("Check-ins due", self.holder)
        if not today.due:
            card.content.addWidget(body("Nothing is due today. You're keeping in touch well.",
                                        card))
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        card.content.addLayout(grid)
        self.more_due = QPushButton(card)
        self.more_due.setFlat(True)
        self.more_due.clicked.connect(lambda: self._show_more_due(grid, card, DUE_MORE))
        card.content.addWidget(self.more_due, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_more_due(grid, card, DUE_FIRST)
        self.column.addWidget(card)

    def _show_more_due(self, grid: QGridLayout, card: QWidget, count: int) -> None:
        """The next ``count`` due people: the longest waiting come first, a few at a time,
        so a long list stays calm to look at and quick to build."""
        assert self.today is not None
        due = self.today.due
        start = len(self.due_rows)
        for row, item in enumerate(due[start:start + count], start=start):
            self._add_due_row(grid, row, item, card)
        left = len(due) - len(self.due_rows)
        more = min(left, DUE_MORE)
        self.more_due.setText(f"Show {more} more ({left} still due)" if left else "")
        self.more_due.setAccessibleName(f"Show {more} more of the {left} people still due")
        self.more_due.setVisible(left > 0)

    def _add_due_row(self, grid: QGridLayout, row: int, item: DueItem, card: QWidget) -> None:
        words = overdue_words(item, self.ctx.app.now())
        name = QPushButton(literal_ampersands(item.name), card)
        name.setFlat(True)
        name.setAccessibleName(f"Open {item.name}, {words}")
        name.clicked.connect(lambda: self.ctx.events.supporter_open_requested.emit(
            item.supporter_id))
        log = QPushButton("Log", card)
        log.setAccessibleName(f"Log a check-in with {item.name}")
        log.clicked.connect(lambda: self.ctx.events.checkin_log_requested.emit(
            item.supporter_id))
        # A push button with a menu keeps room for its arrow (a tool button's drew over
        # the word).
        snooze = QPushButton("Snooze", card)
        snooze.setAccessibleName(f"Snooze the reminder for {item.name}")
        menu = QMenu(snooze)
        for option in SnoozeOption:
            action = menu.addAction(option.label)
            action.triggered.connect(
                lambda _=False, o=option: self.snooze(item.supporter_id, o))
        snooze.setMenu(menu)
        grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(body(words, card, muted=True), row, 1)
        grid.addWidget(log, row, 3)
        grid.addWidget(snooze, row, 4)
        self.due_rows[item.supporter_id] = log

    def _add_coverage(self, today: Today) -> None:
        card = Card("Your network", self.holder)
        kinds = sorted({s.kind for s in today.supporters.values()}, key=KIND_ORDER.index)
        count = len(today.supporters)
        people = "person" if count == 1 else "people and places"
        card.content.addWidget(body(f"{count} {people} in your network: "
                                    + ", ".join(k.label.lower() for k in kinds) + ".", card))
        self.suggestions = [gap.suggestion for gap in today.coverage.gaps]
        if not self.suggestions:
            card.content.addWidget(body("Your network covers a good range of support. "
                                        "That's something to feel good about.", card))
        for words in self.suggestions:
            card.content.addWidget(body(f"•  {words}", card))
        self.column.addWidget(card)

    def _add_mood(self, today: Today) -> None:
        card = Card("Mood lately", self.holder)
        line = Sparkline(card)
        line.set_moods(today.mood.moods)
        line.setVisible(bool(today.mood.moods))
        card.content.addWidget(line)
        card.content.addWidget(body(today.mood.words, card))
        card.content.addWidget(self._escalation_controls(card))
        self.column.addWidget(card)
        self._mood_cards.append(card)

    def _escalation_controls(self, parent: QWidget) -> QWidget:
        rule = self.dashboard.escalation_rule()
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        layout = QHBoxLayout()  # the numbers on a line of their own: narrow windows fit
        self.escalation_check = QCheckBox("Gently suggest a professional when my mood stays "
                                          "at or below", box)
        self.escalation_check.setAccessibleName("Suggest a professional when my mood stays low")
        self.escalation_check.setChecked(rule.enabled)
        self.threshold = QSpinBox(box)
        self.threshold.setRange(1, 5)
        self.threshold.setValue(rule.threshold)
        self.threshold.setAccessibleName("Mood level, 1 very low to 5 very good")
        self.count = QSpinBox(box)
        self.count.setRange(1, 14)
        self.count.setValue(rule.count)
        self.count.setSuffix(" times in a row")
        self.count.setAccessibleName("How many moods in a row, with people or on their own")
        column.addWidget(self.escalation_check)
        for widget in (self.threshold, plain_label("for", box), self.count):
            layout.addWidget(widget)  # "… at or below / [2] for [3] times in a row"
        layout.addStretch(1)
        column.addLayout(layout)
        quiet = self.dashboard.isolation_rule()
        self.isolation_check = QCheckBox("Gently suggest someone to contact when I haven't "
                                         "been in touch with anyone for", box)
        self.isolation_check.setAccessibleName("Suggest someone to contact when it's been "
                                               "quiet")
        self.isolation_check.setChecked(quiet.enabled)
        self.quiet_days = QSpinBox(box)
        self.quiet_days.setRange(1, MAX_DAYS)
        self.quiet_days.setValue(quiet.days)
        self.quiet_days.setSuffix(" days")
        self.quiet_days.setAccessibleName("How many days without contact")
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet_days)
        quiet_row.addStretch(1)
        column.addWidget(self.isolation_check)
        column.addLayout(quiet_row)
        self._rule_controls = [self.escalation_check, self.threshold, self.count,
                               self.isolation_check, self.quiet_days]
        self.escalation_check.toggled.connect(self._on_rule_edited)
        self.threshold.valueChanged.connect(self._on_rule_edited)
        self.count.valueChanged.connect(self._on_rule_edited)
        self.isolation_check.toggled.connect(self._on_isolation_edited)
        self.quiet_days.valueChanged.connect(self._on_isolation_edited)
        return box

    def _on_isolation_edited(self) -> None:
        self.ctx.app.set_isolation_rule(IsolationRule(
            enabled=self.isolation_check.isChecked(), days=self.quiet_days.value()))

    def _on_rule_edited(self) -> None:
        self.ctx.app.set_escalation_rule(EscalationRule(
            enabled=self.escalation_check.isChecked(), threshold=self.threshold.value(),
            count=self.count.value()))

    def _add_reciprocity(self, today: Today) -> None:
        card = Card("Give and take", self.holder)
        card.content.addWidget(body(today.reciprocity.words, card))
        heavy = today.names(today.reciprocity.giving_a_lot_to)
        if heavy:
            card.content.addWidget(body(
                f"You've been giving a lot to {', '.join(heavy[:3])}. Looking after yourself "
                "matters too.", card))
        self.column.addWidget(card)

    def _add_gratitude(self, today: Today) -> None:
        if not today.gratitude:
            return
        card = Card("A moment of thanks", self.holder)
        for prompt in today.gratitude:
            row = QHBoxLayout()
            row.addWidget(body(prompt.words, card), 1)
            thank_button = QPushButton("Note a thank-you…", card)
            thank_button.setAccessibleName(f"Note a thank-you for {prompt.name}")
            sid = prompt.supporter_id
            thank_button.clicked.connect(
                lambda _=False, s=sid: self.ctx.events.gratitude_requested.emit(s))
            row.addWidget(thank_button)
            card.content.addLayout(row)
        self.column.addWidget(card)

    # -- actions --------------------------------------------------------------

    def snooze(self, supporter_id: int, option: SnoozeOption) -> None:
        self.ctx.app.snooze(supporter_id, option)


def overdue_words(item: DueItem, now: datetime) -> str:
    """ "due today", "due yesterday", "due 3 days ago" (local calendar days)."""
    return f"due {relative_day(item.due_at, now)}"

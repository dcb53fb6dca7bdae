"""Plain words for days and one-click contact links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from supportdesk.core.kinds import ContactType
from supportdesk.core.model import ContactMethod
from supportdesk.core.text import contact_link, days_words, due_words, mood_change, relative_day


@pytest.mark.parametrize("days,words", [(0, "today"), (-1, "yesterday"), (1, "tomorrow"),
                                        (-3, "3 days ago"), (9, "in 9 days"),
                                        (-21, "3 weeks ago"), (-90, "3 months ago")])
def test_days_in_words(days: int, words: str) -> None:
    assert days_words(days) == words


def test_relative_day_counts_calendar_days_not_hours() -> None:
    now = datetime(2026, 11, 24, 0, 30, tzinfo=UTC)
    assert relative_day(datetime(2026, 11, 23, 23, 50, tzinfo=UTC), now, UTC) == "yesterday"


@pytest.mark.parametrize("kind,value,link", [
    (ContactType.PHONE, "+44 (0)20 7946-0000", "tel:+4402079460000"),
    (ContactType.SMS, "85258", "sms:85258"),
    (ContactType.EMAIL, "sam@example.org", "mailto:sam@example.org"),
    (ContactType.WEB, "example.org/group", "https://example.org/group"),
    (ContactType.WEB, "http://x.org", "http://x.org"),
    (ContactType.ADDRESS, "1 High St,\nLeeds",
     "https://www.openstreetmap.org/search?query=1%20High%20St%2C%20Leeds"),
])
def test_contact_links_open_the_right_app(kind: ContactType, value: str, link: str) -> None:
    assert contact_link(ContactMethod(kind, value)) == link


def test_mood_change_reads_naturally() -> None:
    assert mood_change(2, 4) == "Low → Good"
    assert mood_change(None, 5) == "After: Very good"
    assert mood_change(None, None) == ""


def test_due_words_say_paused_due_or_when() -> None:
    now = datetime(2026, 11, 24, 10, tzinfo=UTC)
    assert due_words(None, now, paused=True) == "Paused"
    assert due_words(datetime(2026, 11, 24, 9, tzinfo=UTC), now, tz=UTC) == "Due now"
    assert due_words(datetime(2026, 11, 22, 9, tzinfo=UTC), now, tz=UTC) == \
        "Due since 2 days ago"
    assert due_words(datetime(2026, 11, 28, 9, tzinfo=UTC), now, tz=UTC) == "In 4 days"
    assert due_words(None, now) == ""

"""The shared time words, Today's insight sentences, how support has gone and a
backup's contents in the person's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from supportdesk.core import i18n
from supportdesk.core.availability import next_available_words
from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.insights import Gap, Lean, SupportCount, mood_trend
from supportdesk.core.text import days_words, due_words, exact_time
from supportdesk.services.backups import describe_counts
from supportdesk.services.network import Reciprocity
from supportdesk.services.occasions import ComingDate

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.activate("en")


def test_days_in_german_with_their_plural_forms() -> None:
    i18n.activate("de")
    assert [days_words(d) for d in (0, -1, 1, -2, 9, -21, 90)] == [
        "heute", "gestern", "morgen", "vor 2 Tagen", "in 9 Tagen", "vor 3 Wochen",
        "in 3 Monaten"]
    assert due_words(NOW - timedelta(days=3), NOW, tz=UTC) == "Seit 3 Tagen fällig"
    assert due_words(NOW + timedelta(days=1), NOW, tz=UTC) == "Morgen"
    assert due_words(NOW + timedelta(days=4), NOW, tz=UTC) == "In 4 Tagen"
    assert due_words(NOW, NOW, paused=True) == "Pausiert"
    assert exact_time(NOW, UTC) == "Di., 24. Nov. 2026, 10:00"


def test_french_and_spanish_days() -> None:
    i18n.activate("fr")
    assert days_words(-2) == "il y a 2 jours"
    assert due_words(NOW - timedelta(days=1), NOW, tz=UTC) == "En attente depuis hier"
    i18n.activate("es")
    assert days_words(5) == "dentro de 5 días"
    assert due_words(NOW + timedelta(days=2), NOW, tz=UTC) == "Dentro de 2 días"


def test_english_stays_as_it_was_written() -> None:
    assert [days_words(d) for d in (0, -2, 9)] == ["today", "2 days ago", "in 9 days"]
    assert due_words(NOW - timedelta(days=3), NOW, tz=UTC) == "Due since 3 days ago"
    assert exact_time(NOW, UTC) == "Tue, 24 Nov 2026, 10:00"


def test_todays_insight_sentences_come_in_the_chosen_language() -> None:
    i18n.activate("es")
    assert Gap.NO_INNER.suggestion.startswith("Todavía no hay nadie en tu círculo cercano.")
    assert mood_trend([4, 4, 2, 2]).words == (
        "Tu estado de ánimo ha bajado últimamente. Trátate con cariño.")
    i18n.activate("de")
    assert Gap.EMPTY.suggestion.startswith("Dein Netz wartet auf die erste Person.")


def test_how_support_has_gone_and_a_backups_contents_in_german() -> None:
    i18n.activate("de")
    both = Reciprocity(3, SupportCount(1, checkins=4, gave=2, received=2), Lean.BALANCED)
    assert both.words == "In den letzten 3 Monaten ging die Unterstützung in beide Richtungen."
    quiet = Reciprocity(1, SupportCount(1, checkins=2, gave=0, received=0), Lean.QUIET)
    assert quiet.words == "In Kontakt: zweimal im letzten Monat; keine Unterstützung notiert."
    assert describe_counts({"supporters": 1, "checkins": 12}) == [
        "1 Person oder Stelle", "12 Kontakte", "0 Dankbarkeitsnotizen",
        "0 Zeilen im Sicherheitsplan"]
    i18n.activate("fr")
    assert describe_counts({"checkins": 0})[1] == "0 échange"  # French: 0 is singular


def test_when_someone_can_be_reached_in_french_and_german() -> None:
    i18n.activate("fr")
    assert next_available_words(NOW, NOW, UTC) == "Joignable maintenant"
    assert next_available_words(datetime(2026, 11, 25, 9, 0, tzinfo=UTC), NOW, UTC) == (
        "Joignable demain à partir de 09:00")
    i18n.activate("de")
    assert next_available_words(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), NOW, UTC) == (
        "Erreichbar ab Montag, 09:00")


def test_a_date_coming_up_in_spanish() -> None:
    i18n.activate("es")
    birthday = ComingDate(ImportantDate(DateKind.BIRTHDAY, 11, 29, year=1990),
                          date(2026, 11, 29))
    assert birthday.words(date(2026, 11, 24)) == "Cumpleaños, dentro de 5 días (36)"
    hard = ComingDate(ImportantDate(DateKind.HARD, 11, 25, label="Losing Gran"),
                      date(2026, 11, 25))
    assert hard.words(date(2026, 11, 24)) == "Un día difícil (Losing Gran), mañana"

"""The person's language: kept on this computer outside the vault, read by GUI and CLI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supportdesk.core import i18n
from supportdesk.core.schedule import DueItem
from supportdesk.services import language_choice
from supportdesk.services.reminders import away_notice, reminder_notice


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "config"
    monkeypatch.setenv("SUPPORTDESK_CONFIG_DIR", str(folder))
    for name in ("SUPPORTDESK_LANGUAGE", *i18n.SYSTEM_ENV):
        monkeypatch.delenv(name, raising=False)
    yield folder
    i18n.activate("en")


def _due(name: str, supporter_id: int) -> DueItem:
    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    return DueItem(supporter_id=supporter_id, name=name, due_at=now - timedelta(days=2),
                   remind_at=now - timedelta(days=2), overdue_by=timedelta(days=2))


def test_no_choice_follows_the_system(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert language_choice.chosen_language() is None
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert language_choice.start_language() == "es"
    assert i18n.current_locale() == "es_ES"


def test_a_choice_is_kept_for_the_next_start_and_can_be_undone(
        config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    language_choice.choose_language("fr")
    assert (config / "preferences.json").is_file()
    assert language_choice.chosen_language() == "fr"
    assert language_choice.start_language() == "fr"
    language_choice.choose_language(None)
    assert language_choice.chosen_language() is None
    assert language_choice.start_language() == "de"


def test_an_unknown_or_damaged_choice_follows_the_system(config: Path) -> None:
    config.mkdir(parents=True)
    (config / "preferences.json").write_text("{not json", encoding="utf-8")
    assert language_choice.chosen_language() is None
    (config / "preferences.json").write_text('{"language": "xx"}', encoding="utf-8")
    assert language_choice.chosen_language() is None
    with pytest.raises(ValueError):
        language_choice.choose_language("xx")


def test_with_language_de_the_reminder_comes_in_german(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    language_choice.start_language()
    one = reminder_notice([_due("Sam", 1)], discreet=False)
    assert one.title == "Zeit, dich bei Sam zu melden"
    assert "Ein kurzes Hallo" in one.body
    two = reminder_notice([_due("Sam", 1), _due("Priya", 2)], discreet=True)
    assert two.body == "2 Kontakte stehen an."
    three = reminder_notice([_due("Sam", 1), _due("Priya", 2), _due("Jo", 3)], discreet=False)
    assert three.title == "3 Kontakte stehen an"
    assert three.body == "Sam, Priya und 1 weitere Person."
    away = away_notice([_due("Sam", 1), _due("Priya", 2)], discreet=False)
    assert (away.title, away.body) == ("Während du weg warst",
                                       "2 Kontakte wurden fällig: Sam und Priya.")


def test_french_and_spanish_reminders_use_their_plural_forms(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "fr")
    language_choice.start_language()
    assert reminder_notice([_due("Sam", 1)], discreet=True).body == "1 échange t'attend."
    assert away_notice([_due("Sam", 1), _due("Jo", 2)], True).body == (
        "Le moment est venu pour 2 échanges.")
    monkeypatch.setenv("LANGUAGE", "es")
    language_choice.start_language()
    assert reminder_notice([_due("Sam", 1)], discreet=True).body == (
        "Tienes 1 contacto pendiente.")
    assert reminder_notice([_due("Sam", 1), _due("Jo", 2)], True).body == (
        "Tienes 2 contactos pendientes.")

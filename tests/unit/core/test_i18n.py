"""Words and formats in the person's language (core/i18n.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from supportdesk.core import i18n

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.activate("en")


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LC_ALL": "es_MX.UTF-8", "LANG": "de_DE.UTF-8"}, "es"),
    ({"LC_MESSAGES": "fr_FR", "LANG": "de_DE"}, "fr"),
    ({"LANGUAGE": "pt_BR:de", "LANG": "pt_BR.UTF-8"}, "de"),  # first shipped in the list
    ({"LANG": "pt_BR.UTF-8"}, "en"),  # not shipped: English
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_system_language_is_read_as_gettext_reads_it(
        environ: dict[str, str], expected: str) -> None:
    assert i18n.pick_language(None, environ) == expected


def test_the_persons_choice_wins_over_the_system_and_the_variable_over_both() -> None:
    assert i18n.pick_language("fr", {"LANG": "de_DE.UTF-8"}) == "fr"
    assert i18n.pick_language("en", {"LANG": "de_DE.UTF-8"}) == "en"
    assert i18n.pick_language("fr", {"SUPPORTDESK_LANGUAGE": "es"}) == "es"
    assert i18n.pick_language("fr", {"SUPPORTDESK_LANGUAGE": "pseudo"}) == "pseudo"
    assert i18n.pick_language(None, {}, os_languages=["es-ES", "en-US"]) == "es"


def test_the_shipped_languages_are_the_catalogs_found_and_english() -> None:
    assert i18n.shipped_languages() == ("de", "en", "es", "fr")
    assert [i18n.language_name(code) for code in i18n.shipped_languages()] == [
        "Deutsch", "English", "Español", "Français"]


def test_a_translated_string_and_its_plural_forms() -> None:
    i18n.activate("de")
    assert i18n._("While you were away") == "Während du weg warst"
    one = "{count} check-in is due."
    many = "{count} check-ins are due."
    assert i18n.ngettext(one, many, 1).format(count=1) == "1 Kontakt steht an."
    assert i18n.ngettext(one, many, 2).format(count=2) == "2 Kontakte stehen an."
    assert i18n.ngettext(one, many, 0).format(count=0) == "0 Kontakte stehen an."


def test_in_french_none_is_singular() -> None:
    i18n.activate("fr")
    one, many = "{count} check-in is due.", "{count} check-ins are due."
    assert i18n.ngettext(one, many, 0).format(count=0) == "0 échange t'attend."
    assert i18n.ngettext(one, many, 1).format(count=1) == "1 échange t'attend."
    assert i18n.ngettext(one, many, 2).format(count=2) == "2 échanges t'attendent."
    assert i18n.ngettext(one, many, 2_000_000).startswith("{count} échanges")


def test_english_and_an_unknown_string_stay_as_written() -> None:
    i18n.activate("en")
    assert i18n._("While you were away") == "While you were away"
    i18n.activate("es")
    assert i18n._("A sentence no catalog has") == "A sentence no catalog has"
    assert i18n.pgettext("nowhere", "Low") == "Low"


def test_pseudo_turns_every_string_and_keeps_placeholders() -> None:
    i18n.activate("pseudo")
    shown = i18n._("Time to check in with {name}").format(name="Sam")
    assert shown.startswith("[") and "Sam" in shown and "Ţîɱé" in shown
    assert "2" in i18n.ngettext("{n} day", "{n} days", 2).format(n=2)


def test_dates_times_weekdays_and_numbers_come_from_the_locale() -> None:
    day = date(2026, 11, 24)
    moment = datetime(2026, 11, 24, 15, 5, tzinfo=UTC)
    expected = {
        "de": ("24.11.2026", "15:05", "Montag", "12.345,5", "Sam, Priya und Jo"),
        "fr": ("24 nov. 2026", "15:05", "lundi", "12\u202f345,5", "Sam, Priya et Jo"),
        "es": ("24 nov 2026", "15:05", "lunes", "12.345,5", "Sam, Priya y Jo"),
        "en": ("24 Nov 2026", "15:05", "Monday", "12,345.5", "Sam, Priya and Jo"),
    }
    for language, (when, clock, monday, number, names) in expected.items():
        i18n.activate(language)
        assert i18n.format_date(day) == when
        assert i18n.format_time(moment, tz=UTC) == clock
        assert i18n.weekday_name(0) == monday
        assert i18n.format_number(12345.5) == number
        assert i18n.format_list(["Sam", "Priya", "Jo"]) == names
    i18n.activate("en", "en_US")
    assert i18n.format_time(time(15, 5)) == "3:05\u202fPM"


def test_the_region_follows_the_system_when_it_speaks_the_language() -> None:
    assert i18n.locale_name("de", {"LANG": "de_CH.UTF-8"}) == "de_CH"
    assert i18n.locale_name("de", {"LANG": "fr_FR.UTF-8"}) == "de_DE"
    assert i18n.locale_name("en", {"LANG": "C.UTF-8"}) == "en_GB"


def test_importing_it_loads_no_babel() -> None:
    """Start-up pays for gettext only; the locale data loads when a date is shown."""
    code = ("import sys, supportdesk.core.i18n as i; i.activate('de'); i._('x');"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True, timeout=60).stdout
    assert out.strip() == "[]"

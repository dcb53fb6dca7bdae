"""Words and formats in the person's language, for the Qt-free layers and the CLI.

Lookup is the standard library's ``gettext`` over the compiled catalogs in
``supportdesk/locale/<lang>/LC_MESSAGES/supportdesk.mo`` (docs/TRANSLATIONS.md says why
and how they are made). Dates, times, weekdays and numbers come from Babel's copy of
the Unicode CLDR, loaded only when something is first formatted, so importing this
module costs about as much as ``gettext`` itself.

Mark a string where it is used: ``_("Time to reach out")``; a plural with
``ngettext("{count} check-in is due", "{count} check-ins are due", count)``; a word
whose meaning depends on where it stands with ``pgettext("mood", "Low")``. A string
kept in a constant is marked with ``N_`` and translated where it is shown. Fill in
names after translating (``_("Time to check in with {name}").format(name=name)``),
never by joining pieces, since other languages order them differently.

The language is chosen once at start (``activate``): ``SUPPORTDESK_LANGUAGE`` (which
also takes ``pseudo``), then the person's choice in Settings, then the system's
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, then what the caller read from the
OS), then English.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from pathlib import Path

TYPE_CHECKING = False  # as typing's (mypy reads it so), without importing typing

if TYPE_CHECKING:
    from typing import Literal

    DateWidth = Literal["short", "medium", "long", "full"]
    DayWidth = Literal["abbreviated", "narrow", "short", "wide"]
    ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit",
                        "unit-short", "unit-narrow"]

DOMAIN = "supportdesk"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
PSEUDO = "pseudo"
LANGUAGE_ENV = "SUPPORTDESK_LANGUAGE"
SYSTEM_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
# Dates and numbers for a language whose region the system does not say.
DEFAULT_REGION = {"de": "de_DE", "en": "en_GB", "es": "es_ES", "fr": "fr_FR", PSEUDO: "en_GB"}


class PseudoTranslations(_gettext.NullTranslations):
    """Every string in its pseudo form (core/pseudo_locale.py), plural rules as English."""

    def __init__(self) -> None:
        super().__init__()
        from supportdesk.core.pseudo_locale import pseudo  # only when asked for

        self.pseudo: Callable[[str], str] = pseudo

    def gettext(self, message: str) -> str:
        return self.pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.pseudo(msgid1 if n == 1 else msgid2)


_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_locale_name = DEFAULT_REGION[SOURCE_LANGUAGE]
_shipped: tuple[str, ...] | None = None


# -- marking and looking up -------------------------------------------------------------

def _(message: str) -> str:
    """``message`` in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of the current language's plural rules for ``count`` (in French 0 is
    singular; some languages have three forms or more)."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English word means different things in places."""
    return _translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    return _translations.npgettext(context, singular, plural, count)


def N_(message: str) -> str:  # the conventional name extractors look for
    """Marks a string for the catalog without translating it (translate where shown)."""
    return message


# -- which language ---------------------------------------------------------------------

def shipped_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalog, by code, sorted: a folder
    in ``supportdesk/locale`` is all it takes to ship one (docs/TRANSLATIONS.md)."""
    global _shipped
    if _shipped is None:
        found = {SOURCE_LANGUAGE}
        if LOCALE_DIR.is_dir():
            found |= {entry.name for entry in os.scandir(LOCALE_DIR)
                      if (Path(entry.path) / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()}
        _shipped = tuple(sorted(found))
    return _shipped


def language_name(language: str) -> str:
    """The language's own name for itself: "Deutsch", "Español", "Français"."""
    from babel import Locale

    name = str(Locale.parse(language).get_display_name(language))
    return name[:1].upper() + name[1:]


def language_code(tag: str) -> str | None:
    """``"de_DE.UTF-8"`` -> ``"de"``, ``"pt-BR"`` -> ``"pt"``; ``"C"``/``"POSIX"`` -> None."""
    base = tag.split(".")[0].split("@")[0].replace("-", "_").strip()
    if not base or base in ("C", "POSIX"):
        return None
    return base.split("_")[0].lower()


def system_tags(environ: Mapping[str, str] | None = None) -> list[str]:
    """The system's languages in order, read as gettext reads them: the first of
    ``LANGUAGE`` (a colon-separated list), ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` set."""
    env = os.environ if environ is None else environ
    for name in SYSTEM_ENV:
        value = env.get(name, "")
        if value:
            return [tag for tag in value.split(":") if tag]
    return []


def pick_language(choice: str | None = None, environ: Mapping[str, str] | None = None,
                  os_languages: Sequence[str] = ()) -> str:
    """The language to show: ``SUPPORTDESK_LANGUAGE``, the person's ``choice``, the
    system's (the environment, then ``os_languages`` such as Qt's ``uiLanguages()``),
    else English. Only shipped languages (and ``pseudo``) are ever picked."""
    env = os.environ if environ is None else environ
    forced = env.get(LANGUAGE_ENV, "").strip()
    if forced == PSEUDO:
        return PSEUDO
    shipped = shipped_languages()
    for tag in (forced, choice or "", *system_tags(env), *os_languages):
        code = language_code(tag) if tag else None
        if code in shipped:
            return code
    return SOURCE_LANGUAGE


def locale_name(language: str, environ: Mapping[str, str] | None = None,
                os_languages: Sequence[str] = ()) -> str:
    """Formats follow the system's region when it speaks the same language (Swiss
    German keeps its own numbers); otherwise the language's main region."""
    env = os.environ if environ is None else environ
    for tag in (env.get("LC_ALL", ""), env.get("LC_TIME", ""), env.get("LANG", ""),
                *os_languages):
        base = tag.split(".")[0].split("@")[0].replace("-", "_")
        if language_code(base) == language and "_" in base:
            return base
    return DEFAULT_REGION.get(language, language)


def activate(language: str, locale: str | None = None) -> None:
    """Show ``language`` from now on (shipped, or ``PSEUDO``); dates and
    numbers in ``locale`` (like ``de_AT``), by default the language's main region."""
    global _translations, _language, _locale_name
    if language == PSEUDO:
        _translations = PseudoTranslations()
    elif language == SOURCE_LANGUAGE:
        _translations = _gettext.NullTranslations()
    else:
        _translations = _gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)
    _language = language
    _locale_name = locale or DEFAULT_REGION.get(language, language)


def current_language() -> str:
    return _language


def current_locale() -> str:
    """The locale dates and numbers follow, like ``de_DE`` (for Qt's QLocale too)."""
    return _locale_name


# -- dates, times, weekdays and numbers (Babel, loaded on first use) ---------------------

def format_date(day: date, width: DateWidth = "medium") -> str:
    """``width``: "short" (24.11.26), "medium" (24.11.2026), "long" (24. November 2026)
    or "full" (with the weekday), as the current locale writes them."""
    from babel import dates

    return str(dates.format_date(day, format=width, locale=_locale_name))


def format_time(moment: time | datetime, width: DateWidth = "short",
                tz: tzinfo | None = None) -> str:
    """A clock time, 24- or 12-hour as the locale has it; an aware ``datetime`` is
    shown in ``tz`` (the machine's zone by default)."""
    from babel import dates

    if isinstance(moment, datetime):
        moment = _local(moment, tz).time()
    return str(dates.format_time(moment, format=width, locale=_locale_name))


def format_datetime(moment: datetime, width: DateWidth = "medium",
                    tz: tzinfo | None = None) -> str:
    from babel import dates

    return str(dates.format_datetime(_local(moment, tz).replace(tzinfo=None), format=width,
                                     locale=_locale_name))


def format_date_and_time(moment: datetime, date_skeleton: str = "yMMMEd",
                         tz: tzinfo | None = None) -> str:
    """A day and a clock time joined as the locale joins them: "Tue, 24 Nov 2026, 10:00",
    "Di., 24. Nov. 2026, 10:00"; ``date_skeleton`` as for ``format_skeleton``."""
    from babel import Locale

    day = format_skeleton(date_skeleton, moment, tz)
    clock = format_time(moment, tz=tz)
    joined = str(Locale.parse(_locale_name).datetime_formats["medium"])
    return joined.replace("{1}", day).replace("{0}", clock).replace("'", "")


def format_skeleton(skeleton: str, moment: date | datetime, tz: tzinfo | None = None) -> str:
    """The locale's best pattern for the fields in ``skeleton`` (CLDR skeletons:
    ``"MMMEd"`` -> "Tue 24 Nov" / "Di., 24. Nov.", ``"yMMMEd"``, ``"Hm"``...)."""
    from babel import dates

    if isinstance(moment, datetime):
        moment = _local(moment, tz).replace(tzinfo=None)
    return str(dates.format_skeleton(skeleton, moment, locale=_locale_name))


def weekday_name(weekday: int, width: DayWidth = "wide") -> str:
    """Monday is 0, as ``date.weekday()``; ``width`` "wide" (Montag), "abbreviated"
    (Mo.) or "narrow" (M). Standalone forms, as for a list or a heading."""
    from babel import dates

    return str(dates.get_day_names(width, context="stand-alone",
                                   locale=_locale_name)[weekday])


def format_number(number: float | int, decimals: int | None = None) -> str:
    """1234.5 -> "1,234.5" / "1.234,5" / "1 234,5"; ``decimals`` fixes the digits shown."""
    from babel import numbers

    if decimals is None:
        return str(numbers.format_decimal(number, locale=_locale_name))
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(numbers.format_decimal(number, format=pattern, locale=_locale_name))


def format_list(items: Sequence[str], style: ListStyle = "standard") -> str:
    """"Sam, Priya and Jo" / "Sam, Priya und Jo" / "Sam, Priya et Jo"."""
    from babel import lists

    return str(lists.format_list(list(items), style=style, locale=_locale_name))


def country_name(code: str) -> str | None:
    """A country's name in the current language ("DE" -> "Deutschland"), or None when
    shown in English (the crisis directory names them) or unknown."""
    if _language in (SOURCE_LANGUAGE, PSEUDO) or not code:
        return None
    from babel import Locale

    name = Locale.parse(_locale_name).territories.get(code.upper())
    return str(name) if name else None


def _local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if moment.tzinfo is not None else moment

"""Crisis lines: the shipped, dated directory loaded into the vault, plus the user's own.

The shipped file (``resources/crisis_lines.json``) is copied into the vault the first
time it is needed and again whenever a newer file ships (its ``version`` goes up);
lines the user added are never touched. The country shown follows the locale the UI
passes in, unless the user chose one (a setting).

Each shipped entry's evidence (where its number and hours were found) stays in the
directory, looked up by the entry's country, name, contact and channel, so the vault's
table needs no new column. ``crisis_now`` gathers what a crisis-only view shows, and
works without a vault (first run) from the shipped directory alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from supportdesk.core import i18n
from supportdesk.core.crisis import (
    Evidence,
    LineEvidence,
    crisis_line_problems,
    digits,
    ensure_valid_crisis_line,
    evidence_problems,
    is_country,
)
from supportdesk.core.errors import KnownError, NotFoundError
from supportdesk.core.kinds import Channel, Kind
from supportdesk.core.model import CrisisLine, Supporter
from supportdesk.core.validation import clean_line, clean_text
from supportdesk.resources import resource_path
from supportdesk.services import settings as keys
from supportdesk.services.settings import Settings
from supportdesk.store.repository import Repository

DATA_FILE = "crisis_lines.json"


LineKey = tuple[str, str, str, str]  # country, name, contact, channel


def line_key(line: CrisisLine) -> LineKey:
    return (line.country, line.name, line.contact, line.channel.value)


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    emergency: str  # the emergency number(s), as people say them
    lines: tuple[CrisisLine, ...]
    emergency_dial: str = ""  # the one number the Call button dials
    emergency_evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CrisisDirectory:
    version: int
    note: str
    countries: dict[str, CountryInfo]
    evidence: dict[LineKey, LineEvidence] = field(default_factory=dict)
    helplines_name: str = "Find A Helpline"  # an international directory of helplines
    helplines_url: str = "https://findahelpline.com"


class CrisisDataError(KnownError):
    """The shipped crisis-line file is missing or damaged."""


def _evidence(raw: dict[str, Any]) -> Evidence:
    return Evidence(str(raw["status"]), str(raw.get("url", "")), str(raw.get("quote", "")),
                    str(raw.get("copy_seen", "")))


def parse_directory(raw: dict[str, Any]) -> CrisisDirectory:
    countries: dict[str, CountryInfo] = {}
    evidence: dict[LineKey, LineEvidence] = {}
    for code, entry in raw["countries"].items():
        lines = []
        for item in entry["lines"]:
            line = CrisisLine(country=code, name=item["name"], contact=item["contact"],
                              channel=Channel(item["channel"]), hours=item["hours"],
                              source=item["source"], notes=item.get("notes", ""))
            found = item.get("evidence")
            if found:
                notes = found.get("notes")
                evidence[line_key(line)] = LineEvidence(
                    _evidence(found["number"]), _evidence(found["hours"]),
                    _evidence(notes) if notes else None)
            lines.append(line)
        countries[code] = CountryInfo(
            code, entry["name"], entry["emergency"], tuple(lines),
            entry.get("emergency_dial", ""),
            tuple(_evidence(e) for e in entry.get("emergency_evidence", ())))
    helplines = raw.get("directory", {})
    return CrisisDirectory(int(raw["version"]), raw["note"], countries, evidence,
                           helplines.get("name", "Find A Helpline"),
                           helplines.get("url", "https://findahelpline.com"))


@cache
def shipped_directory() -> CrisisDirectory:
    """The directory shipped with the app (read once)."""
    try:
        raw = json.loads(resource_path(DATA_FILE).read_text(encoding="utf-8"))
        return parse_directory(raw)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CrisisDataError("The list of crisis lines that comes with SupportDesk could "
                              "not be read.", hint="Reinstalling SupportDesk restores it.") from exc


class CrisisLinesService:
    def __init__(self, repo: Repository, directory: CrisisDirectory | None = None) -> None:
        self.repo = repo
        self.settings = Settings(repo)
        self.directory = directory or shipped_directory()

    def now(self, locale_country: str, country: str = "") -> CrisisNow:
        """The emergency number, the lines and the people shown while locked, now;
        ``country`` looks at another country than the chosen one (nothing is saved)."""
        return crisis_now(locale_country, self.repo, self.directory, country=country)

    def ensure_loaded(self) -> bool:
        """Copy the shipped lines into the vault if they are missing or older; True if copied."""
        if self.settings.get(keys.CRISIS_DATA_VERSION) >= self.directory.version:
            return False
        with self.repo.db.atomic():
            for line in self.repo.crisis_lines():
                if not line.user_added and line.id is not None:
                    self.repo.delete_crisis_line(line.id)
            for country in self.directory.countries.values():
                for line in country.lines:
                    self.repo.save_crisis_line(line)
            self.settings.set(keys.CRISIS_DATA_VERSION, self.directory.version)
        return True

    # -- which country ------------------------------------------------------

    def country(self, locale_country: str) -> str:
        """The chosen country, else the locale's (upper-case ISO code; may be empty)."""
        chosen = self.settings.get(keys.CRISIS_COUNTRY)
        code = (chosen or locale_country).strip().upper()
        return code if is_country(code) else ""  # e.g. the "C" locale has no country

    def set_country(self, code: str) -> None:
        """Choose a country; an empty code follows the locale again."""
        self.settings.set(keys.CRISIS_COUNTRY, code.upper())

    def countries(self) -> list[tuple[str, str]]:
        """(code, name) for every country with lines, shipped or the user's, by name."""
        names = {c.code: c.name for c in self.directory.countries.values()}
        for line in self.repo.crisis_lines():
            names.setdefault(line.country, line.country)
        return sorted(names.items(), key=lambda item: item[1])

    def emergency_number(self, country: str) -> str:
        info = self.directory.countries.get(country.upper())
        return info.emergency if info else ""

    def evidence(self, line: CrisisLine) -> LineEvidence | None:
        """Where a shipped line's details were found; None for the person's own."""
        return evidence_for(line, self.directory)

    # -- who is shown while locked ---------------------------------------------

    def shown_when_locked(self) -> set[int]:
        """Ids of the people the person chose to show on the lock screen's crisis view."""
        chosen: list[int] = self.settings.get(keys.SHOWN_WHEN_LOCKED)
        return set(chosen)

    def set_shown_when_locked(self, supporter_id: int, shown: bool) -> None:
        chosen = self.shown_when_locked()
        (chosen.add if shown else chosen.discard)(supporter_id)
        self.settings.set(keys.SHOWN_WHEN_LOCKED, sorted(chosen))

    # -- the lines ----------------------------------------------------------

    def lines(self, country: str) -> list[CrisisLine]:
        """The country's lines: the user's own first (they chose them), then the shipped."""
        self.ensure_loaded()
        found = self.repo.crisis_lines(country)
        return sorted(found, key=lambda line: not line.user_added)

    def add_line(self, line: CrisisLine) -> CrisisLine:
        cleaned = replace(line, country=line.country.strip().upper(), name=clean_line(line.name),
                          contact=clean_line(line.contact), hours=clean_line(line.hours),
                          source=clean_line(line.source), notes=clean_text(line.notes),
                          user_added=True, id=None)
        ensure_valid_crisis_line(cleaned)
        return self.repo.save_crisis_line(cleaned)

    def remove_line(self, line_id: int) -> CrisisLine:
        """Remove a line the user added (shipped lines stay); returns it for undo."""
        for line in self.repo.crisis_lines():
            if line.id == line_id and line.user_added:
                self.repo.delete_crisis_line(line_id)
                return line
        raise NotFoundError("That service is no longer in your list.")

    def restore_line(self, line: CrisisLine) -> CrisisLine:
        return self.repo.save_crisis_line(replace(line, id=None))


def evidence_for(line: CrisisLine, directory: CrisisDirectory | None = None,
                 ) -> LineEvidence | None:
    """Where a shipped line's details were found; None for the person's own."""
    if line.user_added:
        return None
    return (directory or shipped_directory()).evidence.get(line_key(line))


def main_line(lines: list[CrisisLine], directory: CrisisDirectory) -> CrisisLine | None:
    """The line for the top of the page: a call line open 24/7 by its evidence, else the
    first call line, else the first line."""
    def around_the_clock(line: CrisisLine) -> bool:
        found = directory.evidence.get(line_key(line))
        return line.hours == "24/7" and found is not None and found.hours.confirmed

    calls = [line for line in lines if line.channel is Channel.CALL]
    for line in calls:
        if around_the_clock(line):
            return line
    return calls[0] if calls else (lines[0] if lines else None)


def merged_lines(lines: list[CrisisLine]) -> list[CrisisLine]:
    """Each service once: a line the person added with the same number and channel as a
    shipped one is that service (the shipped entry stays, with its evidence)."""
    shipped = {(digits(line.contact) or line.contact, line.channel)
               for line in lines if not line.user_added}
    return [line for line in lines if not line.user_added
            or (digits(line.contact) or line.contact, line.channel) not in shipped]


def same_service(line: CrisisLine, supporter: Supporter) -> bool:
    """A crisis service the person keeps in their network that is this directory line
    (same number, or same name)."""
    if supporter.kind is not Kind.CRISIS:
        return False
    if supporter.name.strip().casefold() == line.name.strip().casefold():
        return True
    wanted = digits(line.contact) if line.channel is not Channel.CHAT else line.contact
    for contact in supporter.contacts:
        value = contact.value if line.channel is Channel.CHAT else digits(contact.value)
        if value and value == wanted:
            return True
    return False


@dataclass(frozen=True)
class CrisisNow:
    """What a crisis-only view shows: no more than the person chose to show."""

    country: str  # ISO code, may be empty
    country_name: str
    emergency: str  # as people say it; empty where SupportDesk does not know it
    emergency_dial: str
    lines: list[CrisisLine]
    main: CrisisLine | None
    people: list[Supporter]
    helplines_name: str
    helplines_url: str


def crisis_now(locale_country: str, repo: Repository | None,
               directory: CrisisDirectory | None = None, *, country: str = "") -> CrisisNow:
    """The country's emergency number and lines, and (with a vault) the person's own
    lines and the people they chose to show while locked. ``country`` (an ISO code)
    is shown instead of the chosen or the locale's one."""
    directory = directory or shipped_directory()
    people: list[Supporter] = []
    if repo is not None:
        service = CrisisLinesService(repo, directory)
        given = country.strip().upper()
        code = given if is_country(given) else service.country(locale_country)
        lines = merged_lines(service.lines(code)) if code else []
        chosen = service.shown_when_locked()
        people = [s for s in repo.supporters() if s.id in chosen]
    else:
        code = locale_country.strip().upper() if is_country(locale_country.upper()) else ""
        info = directory.countries.get(code)
        lines = list(info.lines) if info else []
    info = directory.countries.get(code)
    name = i18n.country_name(code) or (info.name if info else code)
    return CrisisNow(code, name, info.emergency if info else "",
                     info.emergency_dial if info else "", lines,
                     main_line([line for line in lines if not line.user_added], directory)
                     or next(iter(lines), None),  # no shipped line: the person's own
                     people, directory.helplines_name, directory.helplines_url)


def shipped_problems(directory: CrisisDirectory) -> list[str]:
    """Every problem in a directory, as 'CC name: field: words' (empty when sound)."""
    problems = []
    for country in directory.countries.values():
        if not country.emergency.strip():
            problems.append(f"{country.code}: emergency: missing")
        if not country.emergency_dial or digits(country.emergency_dial) not in digits(
                country.emergency):
            problems.append(f"{country.code}: emergency_dial: not one of its numbers")
        quotes = " ".join(e.quote for e in country.emergency_evidence if e.confirmed)
        for number in re.findall(r"\d+", country.emergency):
            if number not in digits_words(quotes):
                problems.append(f"{country.code}: emergency: no quote names {number}")
        for line in country.lines:
            where = f"{country.code} {line.name}"
            for name, words in crisis_line_problems(line, shipped=True):
                problems.append(f"{where}: {name}: {words}")
            found = directory.evidence.get(line_key(line))
            if found is None:
                problems.append(f"{where}: evidence: missing")
                continue
            problems += [f"{where}: number: {p}"
                         for p in evidence_problems(found.number, names=line.contact)]
            problems += [f"{where}: hours: {p}" for p in evidence_problems(found.hours)]
            if found.notes is not None:
                problems += [f"{where}: notes: {p}" for p in evidence_problems(found.notes)]
            if found.hours.status != "confirmed" and line.hours == "24/7":
                problems.append(f"{where}: hours: 24/7 shown without evidence")
    return problems


def digits_words(text: str) -> set[str]:
    """Every run of digits in ``text``, also joined across spaces and dashes (9-1-1)."""
    runs = set(re.findall(r"\d+", text))
    runs.update(re.sub(r"(?<=\d)[\s\-](?=\d)", "", part)
                for part in re.findall(r"\d[\d\s\-]*\d", text))
    return runs

"""Crisis lines: the shipped, dated directory loaded into the vault, plus the user's own.

The shipped file (``resources/crisis_lines.json``) is copied into the vault the first
time it is needed and again whenever a newer file ships (its ``version`` goes up);
lines the user added are never touched. The country shown follows the locale the UI
passes in, unless the user chose one (a setting).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from supportdesk.core.crisis import crisis_line_problems, ensure_valid_crisis_line, is_country
from supportdesk.core.errors import KnownError, NotFoundError
from supportdesk.core.kinds import Channel
from supportdesk.core.model import CrisisLine
from supportdesk.core.validation import clean_line, clean_text
from supportdesk.resources import resource_path
from supportdesk.services import settings as keys
from supportdesk.services.settings import Settings
from supportdesk.store.repository import Repository

DATA_FILE = "crisis_lines.json"


@dataclass(frozen=True)
class CountryInfo:
    code: str
    name: str
    emergency: str  # the emergency number(s), as people say them
    lines: tuple[CrisisLine, ...]


@dataclass(frozen=True)
class CrisisDirectory:
    version: int
    note: str
    countries: dict[str, CountryInfo]


class CrisisDataError(KnownError):
    """The shipped crisis-line file is missing or damaged."""


def parse_directory(raw: dict[str, Any]) -> CrisisDirectory:
    countries: dict[str, CountryInfo] = {}
    for code, entry in raw["countries"].items():
        lines = tuple(
            CrisisLine(country=code, name=item["name"], contact=item["contact"],
                       channel=Channel(item["channel"]), hours=item["hours"],
                       source=item["source"],
                       verified=date.fromisoformat(item["verified"]) if item.get("verified")
                       else None, notes=item.get("notes", ""))
            for item in entry["lines"]
        )
        countries[code] = CountryInfo(code, entry["name"], entry["emergency"], lines)
    return CrisisDirectory(int(raw["version"]), raw["note"], countries)


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


def shipped_problems(directory: CrisisDirectory) -> list[str]:
    """Every problem in a directory, as 'CC name: field: words' (empty when sound)."""
    problems = []
    for country in directory.countries.values():
        if not country.emergency.strip():
            problems.append(f"{country.code}: emergency: missing")
        for line in country.lines:
            for field, words in crisis_line_problems(line, shipped=True):
                problems.append(f"{country.code} {line.name}: {field}: {words}")
    return problems

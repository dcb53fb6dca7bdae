""""When it might be time for more help": the shipped, sourced page (resources/more_help.json).

Every point carries the public-health pages it was written from: the address, the words
read there (quoted exactly) and the day they were seen, as the crisis lines carry theirs.
A point without a source is refused when the file is read, so none can slip in unsourced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from supportdesk.core.errors import KnownError
from supportdesk.resources import resource_path

DATA_FILE = "more_help.json"


class MoreHelpDataError(KnownError):
    """The shipped page is missing or damaged."""


@dataclass(frozen=True)
class Source:
    publisher: str
    url: str
    quote: str
    seen: date


@dataclass(frozen=True)
class Point:
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Section:
    title: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class MoreHelp:
    title: str
    intro: str
    note: str
    sections: tuple[Section, ...]

    def plain_text(self) -> str:
        """The whole page as plain text, sources under each point (for copying, printing)."""
        lines = [self.title, "", self.intro, ""]
        for section in self.sections:
            lines += [section.title, ""]
            for point in section.points:
                lines.append(f"• {point.text}")
                lines += [f"    {s.publisher}, seen {s.seen.isoformat()}: “{s.quote}” {s.url}"
                          for s in point.sources]
            lines.append("")
        lines.append(self.note)
        return "\n".join(lines)


def _source(raw: dict[str, Any]) -> Source:
    url = str(raw["url"])
    if not url.startswith(("https://", "http://")) or not str(raw["quote"]).strip():
        raise ValueError("a source needs an address and what it says")
    return Source(str(raw["publisher"]), url, str(raw["quote"]),
                  date.fromisoformat(str(raw["seen"])))


def parse(raw: dict[str, Any]) -> MoreHelp:
    sections = []
    for section in raw["sections"]:
        points = []
        for point in section["points"]:
            sources = tuple(_source(s) for s in point["sources"])
            if not sources:
                raise ValueError("every point needs a source")
            points.append(Point(str(point["text"]), sources))
        sections.append(Section(str(section["title"]), tuple(points)))
    return MoreHelp(str(raw["title"]), str(raw["intro"]), str(raw["note"]), tuple(sections))


@cache
def more_help() -> MoreHelp:
    try:
        raw = json.loads(resource_path(DATA_FILE).read_text(encoding="utf-8"))
        return parse(raw)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise MoreHelpDataError("The page “When it might be time for more help” could not "
                                "be read.", hint="Reinstalling SupportDesk puts it back.") \
            from error

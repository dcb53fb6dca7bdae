"""Which check-ins: the Check-ins page's filter, as the check-in history export uses it.

Its own small module so the page and the File menu can name it without loading the
exporters.
"""

from __future__ import annotations

from dataclasses import dataclass

from supportdesk.core.kinds import Mode


@dataclass(frozen=True)
class CheckinFilter:
    """Which check-ins, as the Check-ins page filters them: a person, a way, words."""

    supporter_id: int | None = None
    mode: Mode | None = None
    words: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return self.supporter_id is None and self.mode is None and not self.words

    def words_for(self, names: dict[int, str]) -> str:
        """The filter in a sentence ("" for everything); ``names`` by supporter id."""
        if self.is_everything:
            return ""
        parts = []
        if self.supporter_id is not None:
            parts.append(f"with {names.get(self.supporter_id, 'one person')}")
        if self.mode is not None:
            parts.append(f"{self.mode.label.lower()} only")
        if self.words:
            parts.append(f"with the words “{' '.join(self.words)}”")
        return "Only the check-ins the Check-ins page shows now: " + "; ".join(parts) + "."


EVERYTHING = CheckinFilter()

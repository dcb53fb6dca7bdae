"""The figures table the reliability suite prints at the end of a run."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass
class Figures:
    """Counts per fault, in the order first recorded."""

    full: bool = False
    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    def record(self, name: str, **counts: int) -> None:
        row = self.rows.setdefault(name, {})
        for key, value in counts.items():
            row[key] = row.get(key, 0) + int(value)

    def lines(self) -> list[str]:
        mode = "full counts" if self.full else (
            "moderate counts (SUPPORTDESK_FULL_RELIABILITY=1 for full)")
        width = max(len(name) for name in self.rows)
        out = [f"mode: {mode}"]
        for name, counts in self.rows.items():
            detail = ", ".join(f"{key}={value}" for key, value in counts.items())
            out.append(f"{name:<{width}}  {detail}")
        return out


FIGURES_KEY = pytest.StashKey[Figures]()

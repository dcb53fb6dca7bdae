"""Where each name goes on the map, so that no two names and no name and ring title meet.

Each name is tried below its dot, above, right and left; first whole on one line, then
wrapped onto two, then shortened. The first place that is free wins; a name with no room
anywhere is left off the map (its person shows it on hover and focus, and in the
tooltip). Names placed before keep their place while it stays free, so a change moves
only the names it must. Plain geometry: boxes are (left, top, right, bottom) tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]
GAP = 18.0  # from a dot's centre to its name: clear of the selection ring
_CELL = 64.0


@dataclass(frozen=True)
class Variant:
    """One way to write a name: its lines and the size of its backing box."""

    lines: tuple[str, ...]
    width: float
    height: float


def boxes_for(variant: Variant) -> tuple[Box, Box, Box, Box]:
    """The variant's box below, above, right and left of a dot at the origin."""
    w, h = variant.width, variant.height
    return ((-w / 2, GAP, w / 2, GAP + h), (-w / 2, -GAP - h, w / 2, -GAP),
            (GAP, -h / 2, GAP + w, h / 2), (-GAP - w, -h / 2, -GAP, h / 2))


class _Grid:
    """Boxes bucketed by area, so a test for room looks only at near neighbours."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        left, top, right, bottom = box
        for cx in range(int(left // _CELL), int(right // _CELL) + 1):
            for cy in range(int(top // _CELL), int(bottom // _CELL) + 1):
                yield cx, cy

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def is_free(self, box: Box) -> bool:
        left, top, right, bottom = box
        for key in self._keys(box):
            for other in self.cells.get(key, ()):
                if left < other[2] and other[0] < right and top < other[3] and other[1] < bottom:
                    return False
        return True


@dataclass(frozen=True)
class Placed:
    choice: int  # index into the candidates: variant * 4 + side
    variant: Variant
    box: Box  # relative to the dot


def place_labels(nodes: Sequence[tuple[int, float, float, Sequence[Variant]]],
                 obstacles: Iterable[Box], preferred: dict[int, int]
                 ) -> dict[int, Placed | None]:
    """For each (id, x, y, variants), in order, the first free place (``preferred``'s
    choice first), or None when there is no room at all."""
    grid = _Grid()
    for box in obstacles:
        grid.add(box)
    placed: dict[int, Placed | None] = {}
    for sid, x, y, variants in nodes:
        candidates = [(index * 4 + side, variant, box)
                      for index, variant in enumerate(variants)
                      for side, box in enumerate(boxes_for(variant))]
        wanted = preferred.get(sid)
        if wanted is not None and wanted < len(candidates):
            candidates.insert(0, candidates[wanted])
        placed[sid] = None
        for choice, variant, (left, top, right, bottom) in candidates:
            at = (x + left, y + top, x + right, y + bottom)
            if grid.is_free(at):
                grid.add(at)
                placed[sid] = Placed(choice, variant, (left, top, right, bottom))
                break
    return placed

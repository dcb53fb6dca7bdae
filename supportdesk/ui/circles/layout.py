"""Where each supporter sits on the map: rings that grow to fit however many there are.

Each ring is a band of one or more circular tracks; nodes are spread evenly round a
track, kinds kept together, alternate tracks offset so labels do not stack up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter

ME_RADIUS = 36.0
FIRST_TRACK = 110.0
TRACK_GAP = 62.0  # between tracks in one ring
RING_GAP = 78.0  # between the last track of a ring and the first of the next
ARC_SPACING = 96.0  # room along a track for a node and its label
_KINDS = list(Kind)
_RING_TURN = {Ring.INNER: 0.5, Ring.MIDDLE: 0.3, Ring.OUTER: 0.7}  # in slots


@dataclass(frozen=True)
class MapLayout:
    positions: dict[int, tuple[float, float]]  # supporter id -> (x, y), me at (0, 0)
    boundaries: dict[Ring, float]  # the outer edge of each ring's band

    def ring_at(self, distance: float) -> Ring:
        """The ring a point this far from the centre falls in."""
        for ring in Ring:
            if distance <= self.boundaries[ring]:
                return ring
        return Ring.OUTER


def _tracks(count: int, first_radius: float) -> list[tuple[float, int]]:
    """(radius, how many nodes) per track for ``count`` nodes, starting at ``first_radius``."""
    tracks: list[tuple[float, int]] = []
    radius, left = first_radius, max(count, 0)
    while True:
        capacity = max(6, int(2 * math.pi * radius / ARC_SPACING))
        take = min(capacity, left)
        tracks.append((radius, take))
        left -= take
        if left <= 0:
            return tracks
        radius += TRACK_GAP


def ring_order(supporter: Supporter) -> tuple[int, str]:
    return (_KINDS.index(supporter.kind), supporter.name.casefold())


def layout_map(supporters: Sequence[Supporter]) -> MapLayout:
    positions: dict[int, tuple[float, float]] = {}
    boundaries: dict[Ring, float] = {}
    radius = FIRST_TRACK
    for ring in Ring:
        members = sorted((s for s in supporters if s.ring is ring and s.id is not None),
                         key=ring_order)
        index = 0
        tracks = _tracks(len(members), radius)
        for track_number, (track_radius, take) in enumerate(tracks):
            # off the top, so the ring's name sits in a gap; each ring turned a little
            # differently so ties do not run through nodes of an inner ring, and
            # alternate tracks a quarter slot more so labels do not stack
            offset = _RING_TURN[ring] + (0.25 if track_number % 2 else 0.0)
            for slot in range(take):
                angle = -math.pi / 2 + 2 * math.pi * (slot + offset) / max(take, 1)
                member_id = members[index].id
                assert member_id is not None
                positions[member_id] = (track_radius * math.cos(angle),
                                        track_radius * math.sin(angle))
                index += 1
        last = tracks[-1][0]
        boundaries[ring] = last + RING_GAP / 2
        radius = last + RING_GAP
    return MapLayout(positions, boundaries)

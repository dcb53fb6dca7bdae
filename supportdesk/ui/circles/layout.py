"""Where each supporter sits on the map: rings that grow to fit however many there are.

Each ring is a band of one or more circular tracks; nodes are spread evenly round a
track, kinds kept together, alternate tracks offset so labels do not stack up.

Once drawn, the map stays put: ``settle_layout`` keeps everyone where they were, puts
someone dropped where they were dropped (in their new ring, at the same angle) and finds
room for newcomers, so a change never makes the others jump. Only a ring that must grow
to hold more people lays the map out afresh.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

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
    rings: dict[int, Ring] = field(default_factory=dict)  # the ring each was placed in

    def band(self, ring: Ring) -> tuple[float, float]:
        """The inner and outer edge of a ring's band."""
        rings = list(Ring)
        index = rings.index(ring)
        inner = self.boundaries[rings[index - 1]] if index else FIRST_TRACK - RING_GAP / 2
        return inner, self.boundaries[ring]

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
    rings: dict[int, Ring] = {}
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
                rings[member_id] = ring
                index += 1
        last = tracks[-1][0]
        boundaries[ring] = last + RING_GAP / 2
        radius = last + RING_GAP
    return MapLayout(positions, boundaries, rings)


Point = tuple[float, float]
_KEEP_CLEAR = 22.0  # from a band's edges, so a dot never sits on a ring's line


def settle_layout(supporters: Sequence[Supporter], previous: MapLayout,
                  dropped: dict[int, Point], remembered: dict[tuple[int, Ring], Point]
                  ) -> MapLayout:
    """``supporters`` laid out with as little movement from ``previous`` as can be.

    Someone in ``dropped`` goes where they were dropped, if that is in their ring;
    someone else whose ring changed goes back to where they last were in it
    (``remembered``, so an undo puts them back exactly), or else into the widest gap.
    """
    fresh = layout_map(supporters)
    if not previous.positions or any(fresh.boundaries[ring] > previous.boundaries[ring]
                                     for ring in Ring):
        return fresh
    positions: dict[int, Point] = {}
    rings: dict[int, Ring] = {}
    homeless: list[Supporter] = []
    for supporter in supporters:
        sid = supporter.id
        if sid is None:
            continue
        point = dropped.get(sid)
        if point is not None and previous.ring_at(math.hypot(*point)) is supporter.ring:
            positions[sid] = _inside_band(point, previous.band(supporter.ring))
        elif previous.rings.get(sid) is supporter.ring:
            positions[sid] = previous.positions[sid]
        elif (sid, supporter.ring) in remembered:
            positions[sid] = remembered[(sid, supporter.ring)]
        else:
            homeless.append(supporter)
            continue
        rings[sid] = supporter.ring
    for supporter in homeless:
        assert supporter.id is not None
        positions[supporter.id] = _widest_gap(positions, rings, supporter.ring, previous)
        rings[supporter.id] = supporter.ring
    return MapLayout(positions, dict(previous.boundaries), rings)


def _inside_band(point: Point, band: tuple[float, float]) -> Point:
    distance = math.hypot(*point) or 1.0
    inner, outer = band
    kept = max(inner + _KEEP_CLEAR, min(outer - _KEEP_CLEAR, distance))
    return point[0] * kept / distance, point[1] * kept / distance


def _widest_gap(positions: dict[int, Point], rings: dict[int, Ring], ring: Ring,
                layout: MapLayout) -> Point:
    """The middle of the widest empty arc of ``ring`` (its name's place at the top counts
    as taken), on the band's first track."""
    top = -math.pi / 2
    angles = sorted([math.atan2(y, x) for sid, (x, y) in positions.items()
                     if rings[sid] is ring] + [top])
    gaps = [(angles[(i + 1) % len(angles)] - angle) % (2 * math.pi) or 2 * math.pi
            for i, angle in enumerate(angles)]
    widest = max(range(len(gaps)), key=gaps.__getitem__)
    angle = angles[widest] + gaps[widest] / 2
    radius = layout.band(ring)[0] + RING_GAP / 2
    return radius * math.cos(angle), radius * math.sin(angle)

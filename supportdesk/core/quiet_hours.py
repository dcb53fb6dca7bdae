"""Quiet hours: a daily local-time window in which no notification is shown.

A reminder that falls due inside quiet hours waits until they end; nothing is
dropped. ``end`` earlier than ``start`` means the window runs past midnight
(22:00–08:00); ``start == end`` means no quiet hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from supportdesk.core.schedule import local_zone


@dataclass(frozen=True)
class QuietHours:
    start: time = time(22, 0)
    end: time = time(8, 0)
    enabled: bool = False

    @property
    def is_active(self) -> bool:
        return self.enabled and self.start != self.end

    def contains(self, moment: datetime, tz: tzinfo | None = None) -> bool:
        """Whether ``moment`` falls inside quiet hours, in local time."""
        if not self.is_active:
            return False
        wall = moment.astimezone(tz or local_zone()).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end

    def release(self, moment: datetime, tz: tzinfo | None = None) -> datetime:
        """When a notification due at ``moment`` may be shown: now, or when quiet hours end."""
        if not self.contains(moment, tz):
            return moment
        zone = tz or local_zone()
        local = moment.astimezone(zone)
        day = local.date()
        if local.time().replace(tzinfo=None) >= self.end and self.start > self.end:
            day = day + timedelta(days=1)
        end = datetime.combine(day, self.end).replace(tzinfo=zone, fold=0).astimezone(UTC)
        return max(end, moment)

    def describe(self) -> str:
        if not self.is_active:
            return "Off"
        return f"{self.start:%H:%M} to {self.end:%H:%M}"

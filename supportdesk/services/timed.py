"""What the services that work by the clock share: the session, its settings, and the
person's time zone."""

from __future__ import annotations

from datetime import datetime, tzinfo

from supportdesk.core.schedule import local_zone
from supportdesk.services.session import Session
from supportdesk.services.settings import Settings


class TimedService:
    """``tz`` when given (tests, benchmarks); otherwise the machine's zone, looked up each
    time so that moving to another time zone is followed."""

    def __init__(self, session: Session, tz: tzinfo | None = None) -> None:
        self.session = session
        self.settings = Settings(session.repo)
        self.tz = tz

    @property
    def zone(self) -> tzinfo:
        return self.tz or local_zone()

    def now(self) -> datetime:
        return self.session.clock()

"""Keeping the network: supporters, check-ins and gratitude.

Every change goes through here, so the GUI and the CLI share one code path.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from supportdesk.core.model import CheckIn, Gratitude, Supporter
from supportdesk.services.clock import Clock, system_clock
from supportdesk.store.repository import Repository, SupporterSnapshot


class NetworkService:
    def __init__(self, repo: Repository, clock: Clock = system_clock) -> None:
        self.repo = repo
        self.clock = clock

    # supporters
    def supporters(self) -> list[Supporter]:
        return self.repo.supporters()

    def supporter(self, supporter_id: int) -> Supporter:
        return self.repo.supporter(supporter_id)

    def find(self, name: str) -> list[Supporter]:
        """Supporters whose name matches exactly (case-insensitive), else those containing it."""
        matches = self.repo.find_by_name(name)
        exact = [s for s in matches if s.name.casefold() == name.strip().casefold()]
        return exact or matches

    def save_supporter(self, supporter: Supporter) -> Supporter:
        if supporter.id is None:
            return self.repo.add_supporter(supporter, now=self.clock())
        return self.repo.update_supporter(supporter)

    def delete_supporter(self, supporter_id: int) -> SupporterSnapshot:
        return self.repo.delete_supporter(supporter_id)

    def restore_supporter(self, snapshot: SupporterSnapshot) -> Supporter:
        return self.repo.restore_supporter(snapshot)

    # check-ins
    def log_checkin(self, checkin: CheckIn) -> CheckIn:
        if checkin.id is None:
            saved = self.repo.add_checkin(checkin)
        else:
            saved = self.repo.update_checkin(checkin)
        self._clear_snooze(checkin.supporter_id)
        return saved

    def _clear_snooze(self, supporter_id: int) -> None:
        supporter = self.repo.supporter(supporter_id)
        if supporter.cadence.snoozed_until is not None:
            self.repo.update_supporter(
                replace(supporter, cadence=replace(supporter.cadence, snoozed_until=None))
            )

    def delete_checkin(self, checkin_id: int) -> CheckIn:
        return self.repo.delete_checkin(checkin_id)

    def restore_checkin(self, checkin: CheckIn) -> CheckIn:
        return self.repo.add_checkin(checkin)

    def checkins(self, supporter_id: int | None = None) -> list[CheckIn]:
        return self.repo.checkins(supporter_id=supporter_id)

    # gratitude
    def gratitude(self, supporter_id: int | None = None) -> list[Gratitude]:
        return self.repo.gratitude(supporter_id)

    def add_gratitude(self, supporter_id: int | None, text: str, on: date | None = None) -> Gratitude:
        day = on or self.clock().astimezone().date()
        return self.repo.save_gratitude(Gratitude(supporter_id=supporter_id, on=day, text=text))

    def save_gratitude(self, entry: Gratitude) -> Gratitude:
        return self.repo.save_gratitude(entry)

    def delete_gratitude(self, entry_id: int) -> Gratitude:
        return self.repo.delete_gratitude(entry_id)

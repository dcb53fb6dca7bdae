"""The year grid's numbers from a real (encrypted) vault: each local day's mean mood over
moods on their own and check-ins, by one aggregate, across midnight, summer time and
year ends; and one day's entries."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from supportdesk.core.kinds import Kind
from supportdesk.core.model import CheckIn, Supporter
from supportdesk.core.mood import MoodEntry
from supportdesk.services.mood_year import JUST_ME, MoodYearService
from supportdesk.services.session import Session
from tests.unit.test_query_counts import counted

LONDON = ZoneInfo("Europe/London")


def _mood(session: Session, at: datetime, mood: int, note: str = "") -> None:
    session.repo.save_mood_entry(MoodEntry(at=at, mood=mood, note=note))


def _person(session: Session, name: str = "Robin") -> int:
    saved = session.network.save_supporter(Supporter(name, Kind.FRIEND))
    assert saved.id is not None
    return saved.id


def _checkin(session: Session, who: int, at: datetime, before: int | None,
             after: int | None) -> None:
    session.network.log_checkin(CheckIn(supporter_id=who, at=at, mood_before=before,
                                        mood_after=after))


def _means(service: MoodYearService, year: int) -> dict[date, tuple[float, int]]:
    return {day: (mood.mean, mood.count) for day, mood in service.year(year).days.items()}


def test_no_moods_and_one_mood(session: Session) -> None:
    service = MoodYearService(session, LONDON)
    assert service.year(2024).days == {}
    _mood(session, datetime(2024, 3, 5, 21, 41, tzinfo=LONDON), 2)
    assert _means(service, 2024) == {date(2024, 3, 5): (2.0, 1)}
    assert service.year(2023).days == {} and service.year(2025).days == {}


def test_every_mood_counts_once_after_else_before(session: Session) -> None:
    robin = _person(session)
    noon = datetime(2024, 6, 1, 12, 0, tzinfo=LONDON)
    _mood(session, noon, 1)
    _checkin(session, robin, noon + timedelta(hours=1), 2, 5)  # after: 5
    _checkin(session, robin, noon + timedelta(hours=2), 3, None)  # only before: 3
    _checkin(session, robin, noon + timedelta(hours=3), None, None)  # no mood: not counted
    assert _means(MoodYearService(session, LONDON), 2024) == {date(2024, 6, 1): (3.0, 3)}


def test_a_day_is_the_local_day_across_midnight_utc(session: Session) -> None:
    # 23:30 UTC in July is 00:30 in London, the next day; in New York, still the same day.
    _mood(session, datetime(2024, 7, 1, 23, 30, tzinfo=UTC), 4)
    assert _means(MoodYearService(session, LONDON), 2024) == {date(2024, 7, 2): (4.0, 1)}
    new_york = MoodYearService(session, ZoneInfo("America/New_York"))
    assert _means(new_york, 2024) == {date(2024, 7, 1): (4.0, 1)}


def test_summer_time_days_keep_their_23_and_25_hours(session: Session) -> None:
    for day in (date(2024, 3, 31), date(2024, 10, 27)):  # London's two changes in 2024
        _mood(session, datetime.combine(day, datetime.min.time(), LONDON)
              + timedelta(minutes=30), 2)  # 00:30 local
        _mood(session, datetime(day.year, day.month, day.day, 23, 30, tzinfo=LONDON), 4)
    # the hour that happens twice in autumn: both 01:30s are on the 27th
    _mood(session, datetime(2024, 10, 27, 0, 30, tzinfo=UTC), 3)  # 01:30 BST
    _mood(session, datetime(2024, 10, 27, 1, 30, tzinfo=UTC), 3)  # 01:30 GMT
    assert _means(MoodYearService(session, LONDON), 2024) == {
        date(2024, 3, 31): (3.0, 2), date(2024, 10, 27): (3.0, 4)}


def test_the_years_first_and_last_moments_belong_to_it(session: Session) -> None:
    auckland = ZoneInfo("Pacific/Auckland")
    _mood(session, datetime(2024, 1, 1, 0, 0, tzinfo=auckland), 5)
    _mood(session, datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=auckland), 1)
    _mood(session, datetime(2025, 1, 1, 0, 0, tzinfo=auckland), 3)
    service = MoodYearService(session, auckland)
    assert _means(service, 2024) == {date(2024, 1, 1): (5.0, 1), date(2024, 12, 31): (1.0, 1)}
    assert _means(service, 2025) == {date(2025, 1, 1): (3.0, 1)}


def test_it_agrees_with_python_over_two_years_of_random_moods(session: Session) -> None:
    rng = random.Random(16)
    robin = _person(session)
    sydney = ZoneInfo("Australia/Sydney")
    expected: dict[date, list[int]] = defaultdict(list)
    start = datetime(2023, 12, 25, tzinfo=UTC)
    for _ in range(400):
        at = start + timedelta(seconds=rng.randrange(2 * 366 * 86400),
                               microseconds=rng.choice([0, 999999, 500000]))
        if rng.random() < 0.5:
            mood = rng.randint(1, 5)
            _mood(session, at, mood)
        else:
            before, after = rng.choice([None, 1, 2, 3]), rng.choice([None, 3, 4, 5])
            _checkin(session, robin, at, before, after)
            mood = after if after is not None else before  # type: ignore[assignment]
            if mood is None:
                continue
        expected[at.astimezone(sydney).date()].append(mood)
    service = MoodYearService(session, sydney)
    for year in (2024, 2025):
        want = {day: (sum(moods) / len(moods), len(moods))
                for day, moods in expected.items() if day.year == year}
        assert _means(service, year) == want


def test_a_year_is_one_query_kept_until_a_mood_is_written(session: Session) -> None:
    for n in range(60):
        _mood(session, datetime(2024, 1, 1, 12, tzinfo=LONDON) + timedelta(days=n), 3)
    service = MoodYearService(session, LONDON)

    def aggregates() -> int:
        with counted(session) as statements:
            service.year(2024)
        return sum(1 for sql in statements if "json_each" in sql)

    assert aggregates() == 1
    assert aggregates() == 0  # nothing written since: what was read is kept
    _mood(session, datetime(2024, 6, 1, 12, tzinfo=LONDON), 5)
    assert aggregates() == 1
    assert service.year(2024).get(date(2024, 6, 1)) is not None


def test_one_days_entries_oldest_first_with_whom(session: Session) -> None:
    robin = _person(session)
    _mood(session, datetime(2024, 3, 5, 21, 0, tzinfo=LONDON), 2, "Long day")
    _checkin(session, robin, datetime(2024, 3, 5, 9, 0, tzinfo=LONDON), 2, 4)
    _mood(session, datetime(2024, 3, 6, 0, 10, tzinfo=LONDON), 5)  # the next day
    entries = MoodYearService(session, LONDON).day(date(2024, 3, 5))
    assert [(e.at.hour, e.who, e.words, e.note, e.checkin) for e in entries] == [
        (9, "Robin", "Low before, Good after", "", True),
        (21, JUST_ME, "Low", "Long day", False)]

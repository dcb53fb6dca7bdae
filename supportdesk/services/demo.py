"""A warm, realistic sample network for ``--demo``, screenshots and tests.

Every name is made up. The same ``now`` always gives the same network: every kind,
every professional role, contact methods, availability (all day, office hours, a friend
in another time zone), boundaries both ways, help notes, cadences, about six months of
check-ins, gratitude and a safety plan that links real supporters.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from supportdesk.core.dates import DateKind, ImportantDate
from supportdesk.core.kinds import (
    ContactType,
    Direction,
    Initiator,
    Kind,
    Mode,
    PlanStep,
    Ring,
    Role,
    SupportType,
    TieStrength,
)
from supportdesk.core.meetings import Meeting
from supportdesk.core.model import (
    ALL_DAYS,
    WEEKDAYS,
    AvailabilityWindow,
    Boundaries,
    Cadence,
    CheckIn,
    ContactMethod,
    Gratitude,
    HelpNotes,
    PlanItem,
    Supporter,
)
from supportdesk.core.mood import MoodEntry
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.session import Session
from supportdesk.store import meeting_rows
from supportdesk.store.repository import Repository

DEMO_DAYS = 182
CRISIS_COUNTRY = "GB"

P, SMS, MAIL, WEB, ADDR = (ContactType.PHONE, ContactType.SMS, ContactType.EMAIL,
                           ContactType.WEB, ContactType.ADDRESS)
E, PR, INFO, CO = (SupportType.EMOTIONAL, SupportType.PRACTICAL, SupportType.INFORMATION,
                   SupportType.COMPANY)


def _window(days: frozenset[int], start: str, end: str) -> AvailabilityWindow:
    return AvailabilityWindow(days, time.fromisoformat(start), time.fromisoformat(end))


@dataclass(frozen=True)
class _Habit:
    """How check-ins with one supporter usually go, to generate a believable history."""

    every_days: float
    modes: tuple[Mode, ...]
    given: tuple[SupportType, ...]
    received: tuple[SupportType, ...]
    lift: int  # how much a contact usually lifts the mood (can be 0 or -1)
    notes: tuple[str, ...]


def _people() -> list[tuple[Supporter, _Habit | None]]:
    """The sample network, each with how contact usually goes (None: no history)."""
    return [
        (Supporter(
            name="Robin Okafor-Lind", kind=Kind.PARTNER, ring=Ring.INNER, tie=TieStrength.STRONG,
            direction=Direction.MUTUAL,
            contacts=[ContactMethod(P, "07700 900123", "mobile", preferred=True),
                      ContactMethod(SMS, "07700 900123", "mobile")],
            availability=[AvailabilityWindow.always()],
            boundaries=Boundaries(
                mine="I tell Robin when I need quiet rather than going silent.",
                theirs="Robin needs Sunday mornings to themself after night shifts."),
            help=HelpNotes(
                warning_signs="I stop replying to messages and sleep in late.",
                what_helps="Sitting with me, making tea, a short walk together.",
                what_does_not="Lots of questions at once, or trying to fix everything.",
                in_a_crisis="Stay with me and help me call my CPN or the crisis line."),
            cadence=Cadence(timedelta(days=1)),
            notes="Reminds me to eat when I forget."),
         _Habit(1.2, (Mode.IN_PERSON, Mode.TEXT), (E, PR, CO), (E, PR, CO), 1,
                ("Cooked together.", "Talked about the week.", "Quiet evening in.", ""))),
        (Supporter(
            name="Mira Castellanos", kind=Kind.FAMILY, ring=Ring.INNER, tie=TieStrength.STRONG,
            direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "01632 960555", "home", preferred=True),
                      ContactMethod(MAIL, "mira.c@example.org")],
            availability=[_window(ALL_DAYS, "09:00", "21:30")],
            boundaries=Boundaries(theirs="Mum doesn't take calls after half past nine."),
            help=HelpNotes(what_helps="A phone call and hearing about her garden.",
                           in_a_crisis="Come over and stay for the evening."),
            cadence=Cadence(timedelta(days=7)),
            notes="My mum. Gardening, crosswords, Sunday calls."),
         _Habit(7, (Mode.CALL, Mode.VIDEO), (CO,), (E, PR), 1,
                ("Sunday call.", "Talked about her tomatoes.", "She sent a parcel.", ""))),
        (Supporter(
            name="Tomasz Quill", kind=Kind.FAMILY, ring=Ring.MIDDLE, tie=TieStrength.NORMAL,
            contacts=[ContactMethod(SMS, "07700 900456", "mobile", preferred=True)],
            availability=[_window(frozenset({5, 6}), "10:00", "20:00"),
                          _window(WEEKDAYS, "18:00", "21:00")],
            cadence=Cadence(timedelta(days=14)),
            notes="Younger brother. Football and bad puns."),
         _Habit(12, (Mode.TEXT, Mode.CALL), (E, INFO), (CO,), 0,
                ("Swapped memes.", "Caught up about his new job.", ""))),
        (Supporter(
            name="Priya Andersen-Achebe", kind=Kind.FRIEND, ring=Ring.INNER,
            tie=TieStrength.STRONG,
            contacts=[ContactMethod(P, "07700 900789", "mobile", preferred=True),
                      ContactMethod(MAIL, "priya.aa@example.net")],
            availability=[_window(WEEKDAYS, "17:30", "22:00"),
                          _window(frozenset({5, 6}), "09:00", "22:00")],
            boundaries=Boundaries(
                mine="I don't lend money to friends; I can offer time instead.",
                theirs="Priya prefers a text first before a call."),
            help=HelpNotes(warning_signs="I cancel plans more than once in a row.",
                           what_helps="A walk by the canal, or just texting nonsense.",
                           in_a_crisis="Ring me back and keep me company until Robin is home."),
            cadence=Cadence(timedelta(days=5)),
            notes="Friends since college."),
         _Habit(5, (Mode.TEXT, Mode.IN_PERSON, Mode.CALL), (E, CO), (E, CO), 1,
                ("Canal walk.", "Coffee at the market.", "Long chat on the phone.", ""))),
        (Supporter(
            name="Jun Whitfield", kind=Kind.FRIEND, ring=Ring.MIDDLE, tie=TieStrength.NORMAL,
            timezone="America/Toronto",
            contacts=[ContactMethod(WEB, "https://chat.example.com/jun", "video link",
                                    preferred=True),
                      ContactMethod(MAIL, "jun.w@example.com")],
            availability=[_window(WEEKDAYS, "18:00", "22:00"),
                          _window(frozenset({5, 6}), "10:00", "22:00")],
            boundaries=Boundaries(theirs="Mind the time difference: Jun is in Toronto."),
            cadence=Cadence(timedelta(days=14)),
            notes="Moved to Canada last year. Board games over video."),
         _Habit(14, (Mode.VIDEO, Mode.TEXT), (E, INFO), (E,), 1,
                ("Played an online board game.", "Heard about the snow.", ""))),
        (Supporter(
            name="Dale Pemberton-Nakamura", kind=Kind.FRIEND, ring=Ring.OUTER,
            tie=TieStrength.WEAK, stressful=True, direction=Direction.GIVE,
            contacts=[ContactMethod(SMS, "07700 900321", "mobile")],
            availability=[_window(WEEKDAYS, "12:00", "14:00")],
            boundaries=Boundaries(
                mine="One coffee a month at most; I leave if it turns into an argument.",
                theirs="Dale doesn't want to talk about his divorce."),
            cadence=Cadence(timedelta(days=30)),
            notes="Old work friend. Kind, but conversations can leave me drained."),
         _Habit(28, (Mode.IN_PERSON, Mode.TEXT), (E, PR), (), -1,
                ("Coffee. Felt tired afterwards.", "He asked for help moving.", ""))),
        (Supporter(
            name="Dr Amara Fenwick", kind=Kind.PROFESSIONAL, role=Role.GP, ring=Ring.OUTER,
            direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "01632 960100", "surgery", preferred=True),
                      ContactMethod(WEB, "https://surgery.example.org/appointments",
                                    "book online"),
                      ContactMethod(ADDR, "Willow Lane Surgery, 4 Willow Lane")],
            availability=[AvailabilityWindow.office_hours()],
            cadence=Cadence(timedelta(days=90)),
            notes="Medication reviews every three months."),
         _Habit(60, (Mode.IN_PERSON, Mode.CALL), (), (INFO, PR), 0,
                ("Medication review.", "Sick note renewed.", ""))),
        (Supporter(
            name="Niall Odunsi", kind=Kind.PROFESSIONAL, role=Role.CPN, ring=Ring.MIDDLE,
            direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "01632 960220", "team office", preferred=True)],
            availability=[_window(WEEKDAYS, "09:00", "16:30")],
            boundaries=Boundaries(theirs="Niall can't reply out of hours; use the crisis "
                                         "line then."),
            help=HelpNotes(in_a_crisis="Call the duty worker on the team number."),
            cadence=Cadence(timedelta(days=14)),
            notes="Community mental health team."),
         _Habit(14, (Mode.IN_PERSON, Mode.CALL), (), (E, INFO), 1,
                ("Home visit.", "Talked through my sleep diary.", ""))),
        (Supporter(
            name="Dr Selin Marchetti", kind=Kind.PROFESSIONAL, role=Role.PSYCHIATRIST,
            ring=Ring.OUTER, direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "01632 960330", "clinic secretary", preferred=True)],
            availability=[AvailabilityWindow.office_hours()],
            cadence=Cadence(timedelta(days=120)),
            notes="Outpatient clinic."),
         _Habit(90, (Mode.IN_PERSON, Mode.VIDEO), (), (INFO,), 0,
                ("Outpatient review.", ""))),
        (Supporter(
            name="Dr Kofi Lindqvist", kind=Kind.PROFESSIONAL, role=Role.PSYCHOLOGIST,
            ring=Ring.OUTER, direction=Direction.RECEIVE,
            contacts=[ContactMethod(MAIL, "psychology@example.org", "team inbox",
                                    preferred=True)],
            availability=[_window(frozenset({1, 3}), "10:00", "16:00")],
            cadence=Cadence(paused=True),
            notes="Assessment done; on the waiting list for group therapy."),
         _Habit(60, (Mode.VIDEO,), (), (INFO,), 0, ("Assessment session.",))),
        (Supporter(
            name="Hana Beaumont", kind=Kind.PROFESSIONAL, role=Role.THERAPIST, ring=Ring.MIDDLE,
            direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "01632 960440", "practice", preferred=True),
                      ContactMethod(MAIL, "hana@example-counselling.org")],
            availability=[_window(frozenset({0, 2, 3}), "10:00", "18:00")],
            boundaries=Boundaries(
                theirs="Sessions are Wednesdays; 48 hours' notice to cancel."),
            cadence=Cadence(timedelta(days=7)),
            notes="Weekly counselling, Wednesday 4pm."),
         _Habit(7, (Mode.IN_PERSON,), (), (E, INFO), 1,
                ("Session: worked on noticing thoughts.", "Session: grounding practice.",
                 "Session: a hard one, but useful.", ""))),
        (Supporter(
            name="Gareth Mbeki-Shaw", kind=Kind.PROFESSIONAL, role=Role.SOCIAL_WORKER,
            ring=Ring.OUTER, direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "01632 960550", "council office", preferred=True)],
            availability=[_window(WEEKDAYS, "09:00", "17:00")],
            cadence=Cadence(timedelta(days=60)),
            notes="Helped with the housing application."),
         _Habit(45, (Mode.CALL,), (), (PR, INFO), 0, ("Housing paperwork.", ""))),
        (Supporter(
            name="Lola Petrakis", kind=Kind.PROFESSIONAL, role=Role.SUPPORT_WORKER,
            ring=Ring.MIDDLE, direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "07700 900654", "work mobile", preferred=True)],
            availability=[_window(frozenset({1, 4}), "10:00", "15:00")],
            cadence=Cadence(timedelta(days=7)),
            notes="Tuesdays and Fridays: shopping, forms, getting out of the house."),
         _Habit(4, (Mode.IN_PERSON,), (), (PR, CO), 1,
                ("Went to the shops together.", "Sorted out the bills.", ""))),
        (Supporter(
            name="Fern Adeyemi-Cole", kind=Kind.PROFESSIONAL, role=Role.OTHER,
            ring=Ring.OUTER, direction=Direction.RECEIVE,
            contacts=[ContactMethod(P, "01632 960660", "OT department", preferred=True)],
            availability=[_window(frozenset({0, 2}), "09:30", "15:30")],
            cadence=Cadence(timedelta(days=30)),
            notes="Occupational therapist: routines, energy and getting back to work."),
         _Habit(30, (Mode.IN_PERSON, Mode.CALL), (), (PR, INFO), 0,
                ("Planned a gentle weekly routine.", ""))),
        (Supporter(
            name="Oakfield Peer Support Circle", kind=Kind.GROUP, ring=Ring.MIDDLE,
            direction=Direction.MUTUAL,
            meeting_schedule="Thursdays 7–8:30pm, weekly",
            meeting_place="Oakfield Community Centre, Room 2",
            meetings=[Meeting(3, time(19), place="Oakfield Community Centre, Room 2",
                              remind_minutes=60)],
            contacts=[ContactMethod(WEB, "https://oakfield-peers.example.org", "website"),
                      ContactMethod(MAIL, "hello@oakfield-peers.example.org")],
            availability=[_window(frozenset({3}), "19:00", "20:30")],
            cadence=Cadence(timedelta(days=7)),
            notes="A welcoming group; tea and biscuits at the start."),
         _Habit(7, (Mode.GROUP,), (E,), (E, INFO), 1,
                ("Shared for the first time.", "Listened mostly.", "Good session.", ""))),
        (Supporter(
            name="Riverside Ramblers", kind=Kind.GROUP, ring=Ring.OUTER, tie=TieStrength.WEAK,
            meeting_schedule="Saturdays 10am, fortnightly",
            meeting_place="Meet at the bandstand, Riverside Park",
            meetings=[Meeting(5, time(10), ordinals=(1, 3), minutes=180,
                              place="The bandstand, Riverside Park")],
            contacts=[ContactMethod(WEB, "https://ramblers.example.org", "walk calendar")],
            availability=[_window(frozenset({5}), "10:00", "13:00")],
            cadence=Cadence(timedelta(days=14)),
            notes="A walking group; gentle pace, nobody minds if you're quiet."),
         _Habit(14, (Mode.GROUP, Mode.IN_PERSON), (CO,), (CO,), 1,
                ("Walk along the river.", "Muddy but lovely.", ""))),
        (Supporter(
            name="Night Owls Forum", kind=Kind.ONLINE, ring=Ring.OUTER, tie=TieStrength.WEAK,
            contacts=[ContactMethod(WEB, "https://nightowls.example.net", "forum",
                                    preferred=True)],
            availability=[AvailabilityWindow.always()],
            boundaries=Boundaries(mine="I log off by midnight, and skip threads that "
                                       "upset me."),
            cadence=Cadence(timedelta(days=10)),
            notes="An online peer community for people who struggle with sleep and mood."),
         _Habit(6, (Mode.ONLINE,), (E, INFO), (E,), 0,
                ("Replied to a new member.", "Read the weekly check-in thread.", ""))),
    ]


def _crisis_supporter(session: Session) -> Supporter:
    """A crisis line from the shipped directory, or a made-up one if it has none."""
    service = CrisisLinesService(session.repo)
    service.ensure_loaded()
    service.set_country(CRISIS_COUNTRY)
    lines = service.lines(CRISIS_COUNTRY)
    if lines:
        line = lines[0]
        contact_type = WEB if line.contact.startswith("http") else P
        return Supporter(
            name=line.name, kind=Kind.CRISIS, ring=Ring.OUTER, direction=Direction.RECEIVE,
            contacts=[ContactMethod(contact_type, line.contact, line.channel.label,
                                    preferred=True)],
            availability=[AvailabilityWindow.always()], cadence=Cadence(paused=True),
            notes=line.hours)
    return Supporter(
        name="Evening Lantern Listening Line", kind=Kind.CRISIS, ring=Ring.OUTER,
        direction=Direction.RECEIVE, contacts=[ContactMethod(P, "0800 000 0000", "freephone")],
        availability=[AvailabilityWindow.always()], cadence=Cadence(paused=True))


def _history(rng: random.Random, supporter_id: int, habit: _Habit, now: datetime,
             base_mood: float) -> list[CheckIn]:
    checkins: list[CheckIn] = []
    start = now - timedelta(days=DEMO_DAYS)
    at = start + timedelta(days=rng.uniform(0, habit.every_days))
    while at < now - timedelta(hours=3):
        hour = rng.choice((10, 12, 15, 18, 19, 20))
        when = at.replace(hour=hour, minute=rng.choice((0, 10, 20, 30, 45)), second=0,
                          microsecond=0)
        # a harder stretch around two months in, easing afterwards
        dip = 1.2 if 55 <= (when - start).days <= 80 else 0.0
        before = max(1, min(5, round(rng.gauss(base_mood - dip, 0.8))))
        after = max(1, min(5, before + habit.lift + rng.choice((-1, 0, 0, 1))))
        checkins.append(CheckIn(
            supporter_id=supporter_id, at=when, mode=rng.choice(habit.modes),
            initiator=rng.choice((Initiator.ME, Initiator.ME, Initiator.THEM)),
            mood_before=before, mood_after=after,
            support_given=frozenset(rng.sample(habit.given, k=min(len(habit.given), 2))),
            support_received=frozenset(rng.sample(habit.received,
                                                  k=min(len(habit.received), 2))),
            note=rng.choice(habit.notes)))
        at += timedelta(days=habit.every_days * rng.uniform(0.7, 1.4))
    return checkins


_GRATITUDE = (
    ("Robin Okafor-Lind", 3, "Robin made soup when I couldn't face cooking.", True),
    ("Priya Andersen-Achebe", 9, "Priya walked with me even though it was raining.", True),
    ("Mira Castellanos", 16, "Mum sent seeds for the windowsill.", False),
    ("Hana Beaumont", 23, "Hana helped me see the week differently.", False),
    ("Oakfield Peer Support Circle", 30, "Someone at group said my story helped them.", True),
    ("Lola Petrakis", 41, "Lola sat with me through the benefits phone call.", True),
    ("Jun Whitfield", 52, "Jun stayed up late his time to play a game with me.", False),
    ("Niall Odunsi", 66, "Niall noticed I was struggling and rang back the same day.", True),
    ("Riverside Ramblers", 80, "The walking group waited for me at the hill.", False),
    ("Tomasz Quill", 97, "Tomasz sent a silly photo at exactly the right moment.", True),
    ("", 120, "A quiet morning with sunshine on the kitchen table.", False),
)


def _plan(ids: dict[str, int], crisis_id: int) -> list[PlanItem]:
    text = {
        PlanStep.WARNING_SIGNS: ["Sleeping past noon two days running",
                                 "Not answering messages", "Thinking 'everyone is better "
                                 "off without me'"],
        PlanStep.COPING: ["Shower and clean clothes", "Ten minutes of the breathing app",
                          "Put on the comfort playlist", "Hold something cold"],
        PlanStep.SAFE_ENVIRONMENT: ["Robin keeps my spare medication",
                                    "Stay somewhere with other people around"],
        PlanStep.REASONS: ["Robin", "Seeing the garden come back in spring",
                           "Mum's Sunday calls", "Finishing the walk up Hollow Hill"],
    }
    people = {
        PlanStep.DISTRACTION: ["Priya Andersen-Achebe", "Riverside Ramblers"],
        PlanStep.ASK_FOR_HELP: ["Robin Okafor-Lind", "Mira Castellanos",
                                "Priya Andersen-Achebe"],
        PlanStep.PROFESSIONALS: ["Niall Odunsi", "Hana Beaumont", "Dr Amara Fenwick"],
    }
    items: list[PlanItem] = []
    for step in PlanStep:
        lines = [PlanItem(step, t) for t in text.get(step, [])]
        lines += [PlanItem(step, "", ids[name]) for name in people.get(step, [])]
        if step is PlanStep.DISTRACTION:
            lines.append(PlanItem(step, "The library café"))
        if step is PlanStep.PROFESSIONALS:
            lines.append(PlanItem(step, "", crisis_id))
        items += [PlanItem(i.step, i.text, i.supporter_id, pos) for pos, i in enumerate(lines)]
    return items


def fill_demo(session: Session, now: datetime) -> dict[str, int]:
    """Fill an empty vault with the sample network; returns supporter ids by name."""
    rng = random.Random(now.date().toordinal())
    repo = session.repo
    ids: dict[str, int] = {}
    with repo.db.atomic():
        crisis = repo.add_supporter(_crisis_supporter(session),
                                    now - timedelta(days=DEMO_DAYS + 10))
        assert crisis.id is not None
        checkins: list[CheckIn] = []
        for position, (supporter, habit) in enumerate(_people()):
            supporter = replace(supporter, help_with=_HELP_WITH.get(supporter.name, ()))
            saved = repo.add_supporter(supporter, now - timedelta(days=DEMO_DAYS + position))
            assert saved.id is not None
            ids[saved.name] = saved.id
            if habit is not None:
                checkins += _history(rng, saved.id, habit, now, base_mood=3.2)
        for checkin in sorted(checkins, key=lambda c: c.at):
            repo.add_checkin(checkin)
        for name, days_ago, words, thanked in _GRATITUDE:
            repo.save_gratitude(Gratitude(ids.get(name), _days_before(now, days_ago), words,
                                          thanked))
        repo.replace_plan(_plan(ids, crisis.id))
        for entry in _lone_moods(now):
            repo.save_mood_entry(entry)
        _add_dates(repo, ids, now)
    ids[crisis.name] = crisis.id
    return ids


def _add_dates(repo: Repository, ids: dict[str, int], now: datetime) -> None:
    """A birthday coming up soon, and a hard day of one's own that asks about company."""
    soon, later = (now + timedelta(days=5)).date(), (now + timedelta(days=9)).date()
    priya = repo.supporter(ids["Priya Andersen-Achebe"])
    repo.update_supporter(replace(priya, dates=[
        ImportantDate(DateKind.BIRTHDAY, soon.month, soon.day, year=1991, remind_days=3)]))
    meeting_rows.replace_own_dates([ImportantDate(
        DateKind.HARD, later.month, later.day, label="Dad's anniversary", remind_days=3,
        ask_company=True)])


# What the sample people can help with ("Who can I ask for…?")
_HELP_WITH = {
    "Robin Okafor-Lind": ("listening", "company", "a lift"),
    "Mira Castellanos": ("listening", "advice", "childcare"),
    "Tomasz Quill": ("practical help", "a lift"),
    "Priya Andersen-Achebe": ("listening", "company", "forms and letters"),
    "Jun Whitfield": ("practical help", "company"),
    "Gareth Mbeki-Shaw": ("forms and letters", "advice"),
}


# (days ago, hour, mood, feelings, note): "How are you?" noted on its own, now and then
_LONE_MOODS = (
    (20, 21, 2, ("tired", "anxious"), "Couldn't settle after the appointment."),
    (16, 9, 3, ("calm",), ""),
    (12, 22, 2, ("lonely",), "Quiet weekend."),
    (9, 8, 3, ("tired",), ""),
    (6, 19, 4, ("hopeful",), "Walked by the river."),
    (3, 13, 3, (), ""),
    (1, 20, 4, ("content", "calm"), "Good evening in."),
)


def _lone_moods(now: datetime) -> list[MoodEntry]:
    return [MoodEntry(at=(now - timedelta(days=days)).replace(hour=hour, minute=10, second=0,
                                                              microsecond=0),
                      mood=mood, feelings=feelings, note=note)
            for days, hour, mood, feelings, note in _LONE_MOODS]


def _days_before(now: datetime, days: int) -> date:
    return (now - timedelta(days=days)).date()

"""A small network for the views' GUI tests, with exactly the hours, moods and plan
they assert on (the demo network is for looking at; this one is for checking)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from supportdesk.core.kinds import (
    ContactType,
    Direction,
    Kind,
    PlanStep,
    Ring,
    Role,
    SupportType,
    TieStrength,
)
from supportdesk.core.model import (
    ALL_DAYS,
    WEEKDAYS,
    AvailabilityWindow,
    Boundaries,
    CheckIn,
    ContactMethod,
    Gratitude,
    HelpNotes,
    PlanItem,
    Supporter,
)
from supportdesk.services.safety_plan import SafetyPlanService, empty_plan
from supportdesk.services.session import Session

EVENINGS = AvailabilityWindow(ALL_DAYS, time(17, 0), time(23, 0))
WEEKENDS = AvailabilityWindow(frozenset({5, 6}), time(0, 0), time(0, 0))


def phone(number: str) -> list[ContactMethod]:
    return [ContactMethod(ContactType.PHONE, number, "mobile", True),
            ContactMethod(ContactType.SMS, number)]


def seed_network(session: Session, now: datetime) -> dict[str, Supporter]:
    """Adds eight supporters, a month of check-ins, gratitude and a safety plan."""
    repo = session.repo
    created = now - timedelta(days=90)
    people = [
        Supporter("Ana Okafor", Kind.PARTNER, ring=Ring.INNER, tie=TieStrength.STRONG,
                  availability=[AvailabilityWindow.always()], contacts=phone("07700 900123"),
                  boundaries=Boundaries(theirs="Please don't call during her night shifts "
                                        "(Thursdays)."),
                  help=HelpNotes(what_helps="Sit with me, make tea, no need to talk.",
                                 in_a_crisis="Stay with me and help me call my GP.")),
        Supporter("Mum", Kind.FAMILY, ring=Ring.INNER, stressful=True,
                  direction=Direction.GIVE, availability=[WEEKENDS],
                  contacts=phone("07700 900456")),
        Supporter("Ben Castillo-Whitfield", Kind.FRIEND, ring=Ring.MIDDLE,
                  availability=[EVENINGS], contacts=phone("07700 900789"),
                  help=HelpNotes(what_helps="A walk and a bad joke.")),
        Supporter("Priya", Kind.FRIEND, ring=Ring.MIDDLE, tie=TieStrength.WEAK,
                  direction=Direction.RECEIVE, contacts=phone("07700 900321")),
        Supporter("Dr Helen Cole", Kind.PROFESSIONAL, role=Role.GP, ring=Ring.MIDDLE,
                  availability=[AvailabilityWindow(WEEKDAYS, time(8, 30), time(18, 0))],
                  contacts=[ContactMethod(ContactType.PHONE, "020 7946 0000", "surgery", True)]),
        Supporter("Sam (counsellor)", Kind.PROFESSIONAL, role=Role.THERAPIST, ring=Ring.OUTER,
                  availability=[AvailabilityWindow.office_hours()],
                  contacts=[ContactMethod(ContactType.EMAIL, "sam@example.org", "", True)]),
        Supporter("Tuesday walking group", Kind.GROUP, ring=Ring.OUTER,
                  meeting_schedule="Tuesdays 7pm", tie=TieStrength.WEAK),
        Supporter("Recovery forum", Kind.ONLINE, ring=Ring.OUTER, tie=TieStrength.WEAK,
                  contacts=[ContactMethod(ContactType.WEB, "https://forum.example.org")]),
    ]
    saved = {p.name: repo.add_supporter(p, now=created) for p in people}
    moods = [4, 3, 4, 3, 3, 2, 3, 2, 2, 3, 2]
    order = ["Ana Okafor", "Ben Castillo-Whitfield", "Mum", "Ana Okafor", "Priya",
             "Dr Helen Cole", "Ana Okafor", "Mum", "Tuesday walking group", "Ana Okafor",
             "Ben Castillo-Whitfield"]
    for i, (name, mood) in enumerate(zip(order, moods, strict=True)):
        supporter_id = saved[name].id
        assert supporter_id is not None
        session.network.log_checkin(CheckIn(
            supporter_id=supporter_id, at=now - timedelta(days=30 - 2.6 * i), mood_before=mood,
            mood_after=min(5, mood + 1),
            support_given=frozenset({SupportType.EMOTIONAL}) if i % 2 else frozenset(),
            support_received=frozenset({SupportType.PRACTICAL, SupportType.COMPANY})))
    session.network.save_gratitude(Gratitude(saved["Ana Okafor"].id, (now - timedelta(days=5))
                                             .date(), "Came round with soup", thanked=True))
    plan = empty_plan()
    plan[PlanStep.WARNING_SIGNS] = [PlanItem(PlanStep.WARNING_SIGNS, "Not sleeping, skipping "
                                             "meals"), PlanItem(PlanStep.WARNING_SIGNS,
                                                                "Cancelling plans")]
    plan[PlanStep.COPING] = [PlanItem(PlanStep.COPING, "Hot shower, then music")]
    plan[PlanStep.ASK_FOR_HELP] = [PlanItem(PlanStep.ASK_FOR_HELP, "", saved["Ana Okafor"].id),
                                   PlanItem(PlanStep.ASK_FOR_HELP, "evenings",
                                            saved["Ben Castillo-Whitfield"].id)]
    plan[PlanStep.PROFESSIONALS] = [PlanItem(PlanStep.PROFESSIONALS, "",
                                             saved["Dr Helen Cole"].id)]
    plan[PlanStep.REASONS] = [PlanItem(PlanStep.REASONS, "Ana, and our dog Pepper")]
    SafetyPlanService(repo).save(plan)
    return {name: repo.supporter(s.id or 0) for name, s in saved.items()}

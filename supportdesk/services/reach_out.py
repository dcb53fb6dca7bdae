"""Who can I reach right now, in the order Reach out now shows it (ui/pages/reach_out.py),
without Qt: for the command line's ``reach``.

First the emergency number and the country's main line (``CrisisNow``), then the people
and professionals the safety plan names, who is free right now, other professionals,
the person's own crisis services, the other crisis lines (each service once), and
everyone else close to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from supportdesk.core.availability import available_now, next_available, next_available_words
from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import CrisisLine, PlanItem, Supporter
from supportdesk.services.crisis_lines import CrisisNow, same_service

PLAN_PEOPLE_STEPS = (PlanStep.ASK_FOR_HELP, PlanStep.PROFESSIONALS)
AVAILABLE_NOW = "Available now"


@dataclass(frozen=True)
class Reachable:
    supporter: Supporter
    when: str  # "Available now", "Available from 9:00", "No times added yet"
    note: str = ""  # the safety plan's words for them


@dataclass
class Section:
    title: str
    people: list[Reachable] = field(default_factory=list)
    lines: list[CrisisLine] = field(default_factory=list)


@dataclass(frozen=True)
class ReachOut:
    crisis: CrisisNow
    sections: list[Section]


def reach_out_now(supporters: Sequence[Supporter],
                  plan: Mapping[PlanStep, Sequence[PlanItem]], crisis: CrisisNow,
                  now: datetime, zone: tzinfo) -> ReachOut:
    """The page's order; sections with nobody in them are left out."""
    def when(s: Supporter) -> str:
        return next_available_words(next_available(s, now, zone), now, zone)

    main = crisis.main
    by_id = {s.id: s for s in supporters}
    shown: set[int | None] = set()
    sections: list[Section] = []
    for step in PLAN_PEOPLE_STEPS:
        section = Section(f"From my safety plan: {step.label}")
        for item in plan.get(step, ()):
            supporter = by_id.get(item.supporter_id)
            if supporter is None or supporter.id in shown:
                continue
            shown.add(supporter.id)
            if main is not None and same_service(main, supporter):
                continue  # the main line, already first
            section.people.append(Reachable(supporter, when(supporter), item.text))
        sections.append(section)
    reachable = [s for s in available_now(supporters, now, zone)
                 if s.kind not in (Kind.PROFESSIONAL, Kind.CRISIS)]
    sections.append(Section("Available now", [Reachable(s, AVAILABLE_NOW) for s in reachable
                                              if s.id not in shown]))
    shown.update(s.id for s in reachable)
    professionals = sorted((s for s in supporters if s.kind is Kind.PROFESSIONAL
                            and s.id not in shown), key=lambda s: (s.ring.order,
                                                                   s.name.casefold()))
    sections.append(Section("Professionals", [Reachable(s, when(s)) for s in professionals]))
    own = [s for s in supporters if s.kind is Kind.CRISIS and s.id not in shown
           and not (main is not None and same_service(main, s))]
    rest = [line for line in crisis.lines if line is not main
            and not any(same_service(line, s) for s in own)]
    sections.append(Section("More crisis lines", [Reachable(s, when(s)) for s in own], rest))
    others = [s for s in supporters if s.kind.is_person and s.id not in shown]
    sections.append(Section("Others close to you", [Reachable(s, when(s)) for s in others]))
    return ReachOut(crisis, [s for s in sections if s.people or s.lines])

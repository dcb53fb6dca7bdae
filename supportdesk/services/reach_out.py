"""Who can I reach right now, in order of need: the one ordering behind both the Reach out
now page (ui/pages/reach_out.py) and the command line's ``reach``. Qt-free.

First the emergency number and the country's main line (``CrisisNow``), then the people
and professionals the safety plan names, who is free right now, other professionals,
the person's own crisis services, the other crisis lines (each service once), and
everyone else close to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum
from functools import cached_property

from supportdesk.core.availability import available_now, next_available, next_available_words
from supportdesk.core.i18n import N_, _
from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import CrisisLine, PlanItem, Supporter
from supportdesk.services.crisis_lines import CrisisNow, same_service

PLAN_PEOPLE_STEPS = (PlanStep.ASK_FOR_HELP, PlanStep.PROFESSIONALS)
NOBODY_ELSE_FREE = N_("No one else in your network has said they're free right now. The "
                      "crisis line at the top is there for you, and the people below may "
                      "still answer.")


class Part(StrEnum):
    """Which part of the page a section is (the page words and shows each its own way)."""

    PLAN = "plan"
    AVAILABLE = "available"
    PROFESSIONALS = "professionals"
    CRISIS_LINES = "crisis_lines"
    OTHERS = "others"


@dataclass(frozen=True)
class Reachable:
    supporter: Supporter
    now: datetime
    zone: tzinfo
    note: str = ""  # the safety plan's words for them

    @cached_property
    def when(self) -> str:
        """"Available now", "Available from 9:00", "No times added yet" (worked out only
        for the cards shown: a long network's rest may never be asked for)."""
        return next_available_words(next_available(self.supporter, self.now, self.zone),
                                    self.now, self.zone)


@dataclass(frozen=True)
class Mention:
    """A line of the plan with no card of its own: words alone, or a service that is the
    main line, already at the top."""

    words: str


@dataclass
class Section:
    part: Part
    title: str
    entries: list[Reachable | Mention] = field(default_factory=list)
    lines: list[CrisisLine] = field(default_factory=list)
    if_empty: str = ""  # shown with the title when nobody is in it; "" leaves it out

    @property
    def people(self) -> list[Reachable]:
        return [entry for entry in self.entries if isinstance(entry, Reachable)]

    @property
    def is_shown(self) -> bool:
        return bool(self.entries or self.lines or self.if_empty)


@dataclass(frozen=True)
class ReachOut:
    crisis: CrisisNow
    sections: list[Section]  # every part, in order; a plan step only when it has lines
    available_ids: list[int]  # everyone free right now, closest first (the plan's too)

    @property
    def shown(self) -> list[Section]:
        """The sections with someone or something to say in them."""
        return [section for section in self.sections if section.is_shown]


def free_now(supporters: Iterable[Supporter], now: datetime, zone: tzinfo) -> list[Supporter]:
    """The people (not professionals or services) free right now, closest first."""
    return [s for s in available_now(list(supporters), now, zone)
            if s.kind not in (Kind.PROFESSIONAL, Kind.CRISIS)]


def reach_out_now(supporters: Sequence[Supporter],
                  plan: Mapping[PlanStep, Sequence[PlanItem]], crisis: CrisisNow,
                  now: datetime, zone: tzinfo) -> ReachOut:
    """Everyone in the order Reach out now shows them."""
    def reach(s: Supporter, note: str = "") -> Reachable:
        return Reachable(s, now, zone, note)

    main = crisis.main
    by_id = {s.id: s for s in supporters}
    shown: set[int | None] = set()
    sections: list[Section] = []
    for step in PLAN_PEOPLE_STEPS:
        items = plan.get(step, ())
        if not items:
            continue
        # TRANSLATORS: {step} is a safety-plan step, like "People I can ask for help".
        section = Section(Part.PLAN, _("From my safety plan: {step}").format(step=step.label))
        for item in items:
            supporter = by_id.get(item.supporter_id)
            if supporter is None or supporter.id in shown:
                if item.text and supporter is None:
                    section.entries.append(Mention(item.text))
                continue
            shown.add(supporter.id)
            if main is not None and same_service(main, supporter):
                section.entries.append(Mention(_("{name}: at the top of this page").format(
                    name=supporter.name)))
            else:
                section.entries.append(reach(supporter, item.text))
        sections.append(section)
    reachable = free_now(supporters, now, zone)
    sections.append(Section(Part.AVAILABLE, _("Available now"),
                            [reach(s) for s in reachable if s.id not in shown],
                            if_empty=_(NOBODY_ELSE_FREE) if supporters else ""))
    shown.update(s.id for s in reachable)
    professionals = sorted((s for s in supporters if s.kind is Kind.PROFESSIONAL
                            and s.id not in shown), key=lambda s: (s.ring.order,
                                                                   s.name.casefold()))
    sections.append(Section(Part.PROFESSIONALS, _("Professionals"),
                            [reach(s) for s in professionals]))
    own = [s for s in supporters if s.kind is Kind.CRISIS and s.id not in shown
           and not (main is not None and same_service(main, s))]
    rest = [line for line in crisis.lines if line is not main
            and not any(same_service(line, s) for s in own)]
    sections.append(Section(Part.CRISIS_LINES, _("More crisis lines"),
                            [reach(s) for s in own], rest))
    others = [s for s in supporters if s.kind.is_person and s.id not in shown]
    sections.append(Section(Part.OTHERS, _("Others close to you"),
                            [reach(s) for s in others]))
    return ReachOut(crisis, sections, [s.id for s in reachable if s.id is not None])

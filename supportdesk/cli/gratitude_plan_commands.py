"""``thanks``, ``gratitude`` and ``plan``: gratitude notes and the safety plan, through the
application's use cases, as on the Gratitude and Safety plan pages."""

from __future__ import annotations

import argparse
from typing import Any

from supportdesk.cli.json_output import add_json_argument, print_json
from supportdesk.cli.network_commands import opening
from supportdesk.core.errors import NotFoundError, ValidationError
from supportdesk.core.kinds import PlanStep
from supportdesk.core.model import Gratitude, PlanItem
from supportdesk.core.schedule import local_zone
from supportdesk.services.application import Application
from supportdesk.services.records import gratitude_json, plan_item_json

STEP_WORDS = ", ".join(step.value.replace("_", "-") for step in PlanStep)


def register(sub: Any) -> None:
    thanks = sub.add_parser("thanks", help="note something you are grateful to someone for",
                            description="Write down what someone did that you are "
                                        "grateful for (dated today).")
    thanks.add_argument("name", metavar="NAME")
    thanks.add_argument("what", metavar="WHAT_FOR", help="what you are grateful for")
    thanks.add_argument("--thanked", action="store_true",
                        help="you have already thanked them")
    thanks.set_defaults(func=opening(thanks_command))

    gratitude = sub.add_parser("gratitude", help="list your gratitude notes",
                               description="Your gratitude notes, newest first.")
    gratitude.add_argument("name", metavar="NAME", nargs="?",
                           help="only the notes about this person")
    add_json_argument(gratitude)
    gratitude.set_defaults(func=opening(gratitude_command))

    plan = sub.add_parser("plan", help="show your safety plan, or add to it or remove a line",
                          description="Your safety plan, step by step. 'plan add STEP TEXT' "
                                      "adds a line, 'plan remove STEP N' removes line N of "
                                      f"a step. The steps: {STEP_WORDS}.")
    add_json_argument(plan)
    plan.set_defaults(func=opening(plan_command))
    actions = plan.add_subparsers(dest="plan_action", metavar="ACTION")
    add = actions.add_parser("add", help="add a line to a step",
                             description=f"Add a line to a step: {STEP_WORDS}.")
    add.add_argument("step", metavar="STEP", help=f"one of {STEP_WORDS}")
    add.add_argument("text", metavar="TEXT", nargs="?", default="")
    add.add_argument("--person", metavar="NAME",
                     help="link someone from your network (for the people steps)")
    add.set_defaults(func=opening(plan_add_command))
    remove = actions.add_parser("remove", help="remove line N of a step",
                                description="Remove a line; `supportdesk plan` numbers them.")
    remove.add_argument("step", metavar="STEP", help=f"one of {STEP_WORDS}")
    remove.add_argument("number", metavar="N", type=int)
    remove.set_defaults(func=opening(plan_remove_command))


def thanks_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    today = app.now().astimezone(local_zone()).date()
    app.add_gratitude(Gratitude(supporter_id=supporter.id, on=today, text=args.what,
                                thanked=args.thanked))
    print(f"Noted what you are grateful to {supporter.name} for.")
    return 0


def gratitude_command(app: Application, args: argparse.Namespace) -> int:
    supporter_id = app.network.find_one(args.name).id if args.name else None
    entries = sorted(app.network.gratitude(supporter_id), key=lambda g: g.on, reverse=True)
    if args.json:
        print_json({"gratitude": [gratitude_json(g) for g in entries]})
        return 0
    if not entries:
        print("No gratitude notes yet. Add one with: supportdesk thanks NAME \"what for\"")
        return 0
    names = {s.id: s.name for s in app.network.supporter_heads()}
    for entry in entries:
        who = names.get(entry.supporter_id, "") if entry.supporter_id is not None else ""
        done = "  (thanked)" if entry.thanked else ""
        print(f"{entry.on:%a %d %b %Y}  " + (f"{who}: " if who else "") + entry.text + done)
    return 0


def step_named(text: str) -> PlanStep:
    wanted = text.strip().casefold().replace("-", "_").replace(" ", "_")
    for step in PlanStep:
        if wanted in (step.value, step.label.casefold().replace(" ", "_")):
            return step
    raise ValidationError(f"“{text}” is not a step of the safety plan; use one of "
                          f"{STEP_WORDS}.", field="step")


def plan_lines(app: Application) -> list[str]:
    plan = app.safety_plan.plan()
    names = {s.id: s.name for s in app.network.supporter_heads()}
    lines: list[str] = []
    for step in PlanStep:
        lines.append(f"{step.label} ({step.value.replace('_', '-')})")
        if not plan[step]:
            lines.append("  (nothing yet)")
        for number, item in enumerate(plan[step], 1):
            who = names.get(item.supporter_id, "") if item.supporter_id is not None else ""
            words = f"{who}: {item.text}" if who and item.text else who or item.text
            lines.append(f"  {number}. {words}")
    return lines


def plan_command(app: Application, args: argparse.Namespace) -> int:
    if args.json:
        plan = app.safety_plan.plan()
        print_json({"safety_plan": [plan_item_json(item) for step in PlanStep
                                    for item in plan[step]]})
        return 0
    for line in plan_lines(app):
        print(line)
    return 0


def plan_add_command(app: Application, args: argparse.Namespace) -> int:
    step = step_named(args.step)
    person = app.network.find_one(args.person) if args.person else None
    if person is not None and not step.links_people:
        raise ValidationError(f"“{step.label}” does not name people; --person is for "
                              "distraction, ask-for-help and professionals.", field="person")
    if not args.text.strip() and person is None:
        raise ValidationError("Write the line to add, like: supportdesk plan add coping "
                              "\"Go for a walk\".", field="text")
    plan = app.safety_plan.plan()
    plan[step].append(PlanItem(step=step, text=args.text,
                               supporter_id=person.id if person else None))
    app.save_plan(plan)
    print(f"Added to “{step.label}”.")
    return 0


def plan_remove_command(app: Application, args: argparse.Namespace) -> int:
    step = step_named(args.step)
    plan = app.safety_plan.plan()
    if not 1 <= args.number <= len(plan[step]):
        raise NotFoundError(f"“{step.label}” has no line {args.number}.",
                            hint="`supportdesk plan` numbers the lines.")
    plan[step].pop(args.number - 1)
    app.save_plan(plan)
    print(f"Removed line {args.number} from “{step.label}”.")
    return 0

"""``supportdesk edit NAME``: every field the person editor has, from the command line.

Only what is given changes; everything else is kept as it is. Contact methods,
availability windows, meetings and dates are added and removed one at a time
(``--add-contact``, ``--remove-contact``, ``--add-window``, ``--remove-window``, and
``cli/edit_occasions.py``'s ``--add-meeting`` ... ``--remove-date``). The change is one
``app.edit_supporter`` use case, as in the editor, and is checked the same way.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from supportdesk.cli.edit_occasions import add_arguments, edited_occasions
from supportdesk.cli.network_commands import opening
from supportdesk.cli.window_words import WINDOW_HELP, parse_window, window_words
from supportdesk.core.errors import NotFoundError, ValidationError
from supportdesk.core.help_kinds import clean_kinds, kind_key
from supportdesk.core.kinds import ContactType, Direction, Kind, Ring, Role, TieStrength
from supportdesk.core.model import Boundaries, ContactMethod, HelpNotes, Supporter
from supportdesk.core.validation import check_timezone, parse_cadence
from supportdesk.services.application import Application

CONTACT_HELP = ("TYPE:VALUE, or TYPE/LABEL:VALUE for a label; TYPE is "
                + ", ".join(t.value for t in ContactType)
                + ' (like "phone/mobile:07700 900123" or "email:sam@example.org")')
TEXT_FIELDS = {  # option: (where it lives, what it is)
    "notes": ("notes", "your own notes about them"),
    "my_boundaries": ("boundaries.mine", "boundaries you keep with them"),
    "their_boundaries": ("boundaries.theirs", "their boundaries that you respect"),
    "warning_signs": ("help.warning_signs", "your warning signs they can spot"),
    "what_helps": ("help.what_helps", "what helps"),
    "what_does_not_help": ("help.what_does_not", "what does not help"),
    "in_a_crisis": ("help.in_a_crisis", "what you would like them to do in a crisis"),
}


def register(sub: Any) -> None:
    edit = sub.add_parser(
        "edit", help="change someone's details, contacts, times, notes, boundaries, "
                     "meetings or dates",
        description="Change what SupportDesk keeps about someone. Only what you give "
                    "changes. An empty value (\"\") clears a text field.")
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="a new name")
    edit.add_argument("--kind", choices=[k.value for k in Kind])
    edit.add_argument("--role", choices=[r.value for r in Role if r is not Role.NONE],
                      help="for professionals: their role")
    edit.add_argument("--ring", choices=[r.value for r in Ring], help="how close they are")
    edit.add_argument("--tie", choices=[t.value for t in TieStrength], help="tie strength")
    edit.add_argument("--direction", choices=[d.value for d in Direction],
                      help="which way support mostly flows")
    edit.add_argument("--stressful", choices=["yes", "no"],
                      help="whether contact can sometimes be stressful")
    edit.add_argument("--every", metavar="N",
                      help='how often to be in touch: 14d, 2w or 30 (days); "default" for '
                           "the ring's default")
    edit.add_argument("--meets", metavar="WHEN", help="for groups: when they meet")
    edit.add_argument("--meeting-place", metavar="WHERE", help="for groups: where they meet")
    edit.add_argument("--timezone", metavar="ZONE",
                      help='their time zone, like Europe/Lisbon; "" for your own')
    for option, (_, words) in TEXT_FIELDS.items():
        edit.add_argument("--" + option.replace("_", "-"), dest=option, metavar="TEXT",
                          help=words)
    edit.add_argument("--add-contact", action="append", default=[], metavar="TYPE:VALUE",
                      help=CONTACT_HELP)
    edit.add_argument("--remove-contact", action="append", default=[], metavar="VALUE",
                      help="remove the contact method with this number or address")
    edit.add_argument("--prefer-contact", metavar="VALUE",
                      help="make the contact method with this number or address the "
                           "preferred one")
    edit.add_argument("--on-lock-screen", choices=["yes", "no"],
                      help="whether they are shown on the lock screen's crisis help")
    edit.add_argument("--add-window", action="append", default=[], metavar="TIMES",
                      help=f"when they can be reached, {WINDOW_HELP}")
    edit.add_argument("--remove-window", action="append", default=[], metavar="TIMES",
                      help='remove a time, written as `supportdesk show` prints it, or '
                           '"all"')
    edit.add_argument("--add-help", action="append", default=[], metavar="KIND",
                      help='a kind of help they offer, like listening or "a lift"')
    edit.add_argument("--remove-help", action="append", default=[], metavar="KIND",
                      help="a kind of help they no longer offer")
    add_arguments(edit)
    edit.set_defaults(func=opening(edit_command))


def parse_contact(text: str) -> ContactMethod:
    kind, colon, value = text.partition(":")
    kind, _, label = kind.partition("/")
    types = {t.value: t for t in ContactType}
    if not colon or kind.strip().casefold() not in types or not value.strip():
        raise ValidationError(f"“{text}” is not a contact method; write {CONTACT_HELP}.",
                              field="contacts")
    return ContactMethod(types[kind.strip().casefold()], value.strip(), label.strip())


def _same_contact(contact: ContactMethod, given: str) -> bool:
    def plain(text: str) -> str:
        return "".join(text.split()).casefold()
    return plain(contact.value) == plain(given)


def _texts(s: Supporter, args: argparse.Namespace) -> Supporter:
    given = {option: getattr(args, option) for option in TEXT_FIELDS
             if getattr(args, option) is not None}
    b, h = s.boundaries, s.help
    return replace(
        s, notes=given.get("notes", s.notes),
        boundaries=Boundaries(given.get("my_boundaries", b.mine),
                              given.get("their_boundaries", b.theirs)),
        help=HelpNotes(given.get("warning_signs", h.warning_signs),
                       given.get("what_helps", h.what_helps),
                       given.get("what_does_not_help", h.what_does_not),
                       given.get("in_a_crisis", h.in_a_crisis)))


def edited(s: Supporter, args: argparse.Namespace) -> tuple[Supporter, list[str]]:
    """``s`` with what was asked for, and one line for each change made."""
    done: list[str] = []
    kind = Kind(args.kind) if args.kind else s.kind
    if args.role and kind is not Kind.PROFESSIONAL:
        raise ValidationError("--role is only for professionals (--kind professional).",
                              field="role")
    after = replace(
        s, name=s.name if args.new_name is None else args.new_name, kind=kind,
        role=Role(args.role) if args.role else s.role,
        ring=Ring(args.ring) if args.ring else s.ring,
        tie=TieStrength(args.tie) if args.tie else s.tie,
        direction=Direction(args.direction) if args.direction else s.direction,
        stressful=s.stressful if args.stressful is None else args.stressful == "yes",
        meeting_schedule=s.meeting_schedule if args.meets is None else args.meets,
        meeting_place=s.meeting_place if args.meeting_place is None else args.meeting_place,
    )
    if args.every is not None:
        every = None if args.every.strip().casefold() == "default" else parse_cadence(
            args.every)
        after = replace(after, cadence=replace(after.cadence, every=every))
    if args.timezone is not None:
        problem = check_timezone(args.timezone.strip()) if args.timezone.strip() else ""
        if problem:
            raise ValidationError(problem, field="timezone")
        after = replace(after, timezone=args.timezone.strip())
    after = _texts(after, args)
    contacts = list(after.contacts)
    for given in args.remove_contact:
        kept = [c for c in contacts if not _same_contact(c, given)]
        if len(kept) == len(contacts):
            raise NotFoundError(f"{s.name} has no contact method “{given}”.",
                                hint=f"`supportdesk show \"{s.name}\"` lists them.")
        contacts = kept
        done.append(f"Removed {given}.")
    for text in args.add_contact:
        contacts.append(parse_contact(text))
        done.append(f"Added {contacts[-1].type.label.lower()} {contacts[-1].value}.")
    if args.prefer_contact is not None:
        if not any(_same_contact(c, args.prefer_contact) for c in contacts):
            raise NotFoundError(f"{s.name} has no contact method “{args.prefer_contact}”.",
                                hint=f"`supportdesk show \"{s.name}\"` lists them.")
        contacts = [replace(c, preferred=_same_contact(c, args.prefer_contact))
                    for c in contacts]
        done.append(f"{args.prefer_contact} is the preferred way.")
    windows = list(after.availability)
    for given in args.remove_window:
        if given.strip().casefold() == "all":
            windows = []
            done.append("Removed every time.")
            continue
        wanted = parse_window(given)
        if wanted not in windows:
            raise NotFoundError(f"{s.name} has no time “{given}”.",
                                hint=f"`supportdesk show \"{s.name}\"` lists them.")
        windows.remove(wanted)
        done.append(f"Removed {window_words(wanted)}.")
    for given in args.add_window:
        windows.append(parse_window(given))
        done.append(f"Added {window_words(windows[-1])}.")
    gone = {kind_key(kind) for kind in args.remove_help}
    kinds = tuple(k for k in clean_kinds([*after.help_with, *args.add_help])
                  if kind_key(k) not in gone)
    after = edited_occasions(after, args, done)
    return replace(after, contacts=contacts, availability=windows, help_with=kinds), done


def edit_command(app: Application, args: argparse.Namespace) -> int:
    before = app.network.find_one(args.name)
    after, done = edited(before, args)
    edit = app.edit_supporter(before, after)
    assert before.id is not None
    if args.on_lock_screen is not None:
        wanted = args.on_lock_screen == "yes"
        if wanted != (before.id in app.crisis_lines.shown_when_locked()):
            app.set_shown_when_locked(before.id, wanted)
            done.append("Shown on the lock screen's crisis help." if wanted else
                        "Not shown on the lock screen's crisis help.")
    if not edit.fields and not done:
        print(f"Nothing to change for {before.name}. `supportdesk edit --help` shows "
              "what can be changed.")
        return 0
    saved = edit.after
    print(f"Saved {saved.name}." + "".join(f" {line}" for line in done))
    return 0

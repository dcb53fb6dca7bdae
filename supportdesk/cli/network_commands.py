"""``list``, ``add``, ``log``, ``mood`` and ``show``: the support network (and how you
are) from the command line.

The application object's use cases do the work, as in the GUI; the vault is opened
like every other subcommand's (``vault_commands.open_session(args)``). An unknown or
ambiguous name ends with one clear line and a non-zero exit code.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, time, tzinfo
from typing import Any

from supportdesk.cli.due_command import SessionOpener, _session_opener
from supportdesk.cli.edit_occasions import occasion_lines
from supportdesk.cli.json_output import add_json_argument, print_json
from supportdesk.cli.note_input import add_note_arguments, read_note
from supportdesk.cli.window_words import window_words
from supportdesk.core.errors import ValidationError
from supportdesk.core.help_kinds import offers
from supportdesk.core.i18n import _
from supportdesk.core.kinds import Initiator, Kind, Mode, Ring, Role, SupportType
from supportdesk.core.model import MOOD_LABELS, Cadence, CheckIn, Supporter
from supportdesk.core.mood import FEELINGS
from supportdesk.core.schedule import local_zone
from supportdesk.core.text import due_words, exact_time, mood_change, relative_day
from supportdesk.core.validation import clean_line, parse_cadence
from supportdesk.services.application import Application
from supportdesk.services.network import PersonSummary
from supportdesk.services.records import checkin_json, moment_text, person_json

Command = Callable[[Application, argparse.Namespace], int]
SUPPORT_WORDS = ", ".join(t.value for t in SupportType)


def support_types(given: list[str], option: str) -> frozenset[SupportType]:
    """``["emotional,practical", "company"]`` as support types; one clear line if not."""
    words = [w.strip().casefold() for text in given for w in text.split(",") if w.strip()]
    known = {t.value: t for t in SupportType}
    for word in words:
        if word not in known:
            raise ValidationError(f"{option}: “{word}” is not a kind of support; use "
                                  f"{SUPPORT_WORDS}.", field=option.lstrip("-"))
    return frozenset(known[w] for w in words)


def register(sub: Any) -> None:
    listing = sub.add_parser("list", help="list everyone in your support network",
                             description="Everyone in your network, with when you last "
                                         "spoke and when you are next due.")
    listing.add_argument("--help-with", metavar="KIND", default="",
                         help="only those who can help with this, like listening or "
                              "\"a lift\" (the kinds are in `supportdesk show NAME`)")
    add_json_argument(listing)
    listing.set_defaults(func=opening(list_command))

    add = sub.add_parser("add", help="add someone to your support network",
                         description="Add a person, professional, group, community or line.")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--kind", required=True, choices=[k.value for k in Kind],
                     help="what kind of support they are")
    add.add_argument("--role", choices=[r.value for r in Role if r is not Role.NONE],
                     help="for professionals: their role")
    add.add_argument("--ring", choices=[r.value for r in Ring], default=Ring.MIDDLE.value,
                     help="how close they are (default: middle)")
    add.add_argument("--every", metavar="N", default="",
                     help="how often to be in touch: 14d, 2w or 30 (days); "
                          "leave out for the ring's default")
    add.set_defaults(func=opening(add_command))

    log = sub.add_parser("log", help="log a check-in with someone",
                         description="Log a check-in with someone in your network. For a "
                                     "private note, use '--note -' (standard input) or "
                                     "--edit: a note typed after --note can be seen by "
                                     "other users and stays in your shell history.")
    log.add_argument("name", metavar="NAME")
    log.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.CALL.value,
                     help="how you were in touch (default: call)")
    log.add_argument("--mood-before", type=int, choices=range(1, 6), metavar="N",
                     help="how you felt before, 1 (very low) to 5 (very good)")
    log.add_argument("--mood-after", "--mood", dest="mood", type=int, choices=range(1, 6),
                     metavar="N", help="how you felt afterwards, 1 (very low) to 5 (very "
                                       "good); --mood says the same")
    log.add_argument("--they-reached-out", action="store_true",
                     help="they got in touch first (default: you did)")
    log.add_argument("--gave", action="append", default=[], metavar="TYPES",
                     help=f"support you gave: {SUPPORT_WORDS}; repeat it or use a comma list")
    log.add_argument("--got", action="append", default=[], metavar="TYPES",
                     help=f"support you received: {SUPPORT_WORDS}")
    log.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: now)")
    add_note_arguments(log)
    log.set_defaults(func=run_log)

    mood = sub.add_parser("mood", help="note how you are, on its own",
                          description="Note how you are right now, with no one else "
                                      "involved: 1 (very low) to 5 (very good), any "
                                      "feelings, and a note if you like. For a private "
                                      "note, use '--note -' (standard input) or --edit.")
    mood.add_argument("mood", type=mood_value, metavar="N",
                      help="how you are, 1 (very low) to 5 (very good), or in words "
                           "(\"okay\", \"very good\")")
    mood.add_argument("--feeling", action="append", default=[], metavar="WORD",
                      help="a feeling to note (may be given more than once), such as "
                           + ", ".join(FEELINGS))
    add_note_arguments(mood)
    mood.set_defaults(func=run_mood)

    show = sub.add_parser("show", help="show one person's details and recent check-ins",
                          description="Show one person's details, notes and recent check-ins.")
    show.add_argument("name", metavar="NAME")
    add_json_argument(show)
    show.set_defaults(func=opening(show_command))


def opening(command: Command, opener: SessionOpener | None = None) -> Callable[..., int]:
    def run(args: argparse.Namespace, opener: SessionOpener | None = opener) -> int:
        app = Application((opener or _session_opener())(args))
        try:
            return command(app, args)
        finally:
            app.close()
    return run


def list_lines(people: list[PersonSummary], now: datetime, tz: tzinfo | None = None) -> list[str]:
    if not people:
        return [_("Your network is empty so far. Add someone with: "
                  "supportdesk add NAME --kind friend")]
    # TRANSLATORS: the headings of `supportdesk list`'s columns.
    rows = [(_("Name"), _("Kind"), _("Ring"), _("Last contact"), _("Next due"))]
    for person in people:
        s = person.supporter
        rows.append((
            s.name, s.kind_label, s.ring.value,
            relative_day(s.last_contact, now, tz) if s.last_contact else _("never"),
            due_words(person.next_due, now, s.cadence.paused, tz).lower(),
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]


def person_record(person: PersonSummary, tz: tzinfo) -> dict[str, Any]:
    """A person as the export writes them, and when they are next due (None: paused)."""
    return {**person_json(person.supporter, tz),
            "next_due": moment_text(person.next_due, tz) or None}


def list_command(app: Application, args: argparse.Namespace) -> int:
    people = app.network.people()
    kind = getattr(args, "help_with", "")
    if kind:
        people = [p for p in people if offers(p.supporter, kind)]
    if args.json:
        zone = local_zone()
        print_json({"people": [person_record(p, zone) for p in people]})
        return 0
    if kind and not people:
        known = ", ".join(app.templates.help_kinds())
        print(_("Nobody is noted as helping with “{kind}” yet. Kinds of help: {known}.")
              .format(kind=clean_line(kind), known=known))
        return 0
    for line in list_lines(people, app.now(), local_zone()):
        print(line)
    return 0


def add_command(app: Application, args: argparse.Namespace) -> int:
    kind = Kind(args.kind)
    if args.role and kind is not Kind.PROFESSIONAL:
        raise ValidationError("--role is only for professionals (--kind professional).",
                              field="role")
    supporter = Supporter(
        name=args.name, kind=kind, role=Role(args.role or ""), ring=Ring(args.ring),
        cadence=Cadence(every=parse_cadence(args.every)),
    )
    saved = app.add_supporter(supporter)
    print(f"Added {saved.name} ({saved.kind_label}, {saved.ring.label.lower()}).")
    return 0


def _when(text: str | None, now: datetime, tz: tzinfo) -> datetime:
    if not text:
        return now
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"“{text}” is not a date; use YYYY-MM-DD, like 2026-03-14.",
                              field="date") from None
    if day == now.astimezone(tz).date():
        return now
    moment = datetime.combine(day, time(12, 0), tzinfo=tz)
    if moment > now:
        raise ValidationError("That date is in the future; a check-in is something that "
                              "happened.", field="date")
    return moment


def run_log(args: argparse.Namespace, opener: SessionOpener | None = None) -> int:
    """The note first (the editor may take a while), then the vault; what was typed on
    the command line is checked before either, so a mistake costs no note."""
    args.support_given = support_types(args.gave, "--gave")
    args.support_received = support_types(args.got, "--got")
    args.note = read_note(args)
    return opening(log_command, opener)(args)


def log_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    assert supporter.id is not None
    now = app.now()
    checkin = CheckIn(supporter_id=supporter.id, at=_when(args.date, now, local_zone()),
                      mode=Mode(args.mode),
                      initiator=Initiator.THEM if args.they_reached_out else Initiator.ME,
                      mood_before=args.mood_before, mood_after=args.mood,
                      support_given=args.support_given,
                      support_received=args.support_received, note=args.note)
    app.log_checkin(checkin)
    if args.mood_before is not None:
        mood = f" ({mood_change(args.mood_before, args.mood).lower()})"
    else:
        mood = f", feeling {MOOD_LABELS[args.mood].lower()}" if args.mood else ""
    print(f"Logged a {checkin.mode.label.lower()} with {supporter.name}{mood}.")
    return 0


def mood_value(text: str) -> int:
    """1–5, or the scale's own words ("very low" … "very good")."""
    words = {label.casefold(): value for value, label in MOOD_LABELS.items()}
    found = words.get(" ".join(text.split()).casefold())
    if found is None and text.strip().isdigit() and int(text) in MOOD_LABELS:
        found = int(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            "say how you are from 1 (very low) to 5 (very good), or in words: "
            + ", ".join(label.lower() for label in MOOD_LABELS.values()))
    return found


def run_mood(args: argparse.Namespace, opener: SessionOpener | None = None) -> int:
    """The note first (the editor may take a while), then the vault; but with the PIN
    on standard input too, the PIN is its first line and the note the rest."""
    note_after_pin = args.note == "-" and getattr(args, "pin_stdin", False)
    if not note_after_pin:
        args.note = read_note(args)
    return opening(mood_command, opener)(args)


def mood_command(app: Application, args: argparse.Namespace) -> int:
    if args.note == "-" and getattr(args, "pin_stdin", False):
        args.note = read_note(args)  # the PIN's line has been read
    entry = app.add_mood_entry(app.mood.new_entry(args.mood, args.feeling, args.note))
    feelings = f", {', '.join(entry.feelings)}" if entry.feelings else ""
    # TRANSLATORS: {mood} like "good", {feelings} empty or like ", calm, tired".
    print(_("Noted: {mood}{feelings}. Thank you for checking in with yourself.").format(
        mood=MOOD_LABELS[entry.mood].lower(), feelings=feelings))
    return 0


def show_lines(app: Application, supporter: Supporter, tz: tzinfo | None = None) -> list[str]:
    assert supporter.id is not None
    now = app.now()
    person = app.network.person(supporter.id)
    s = person.supporter
    lines = [s.name, f"  {s.kind_label} · {s.ring.label}"]
    if s.kind is Kind.GROUP and (s.meeting_schedule or s.meeting_place):
        meets = ", ".join(x for x in (s.meeting_schedule, s.meeting_place) if x)
        lines.append("  " + _("Meets: {when}").format(when=meets))
    last = (_("{ago} ({when})").format(ago=relative_day(s.last_contact, now, tz),
                                       when=exact_time(s.last_contact, tz))
            if s.last_contact else _("not yet"))
    lines.append("  " + _("Last contact: {when}").format(when=last))
    due = due_words(person.next_due, now, s.cadence.paused, tz)
    if due:
        lines.append("  " + _("Next check-in: {when}").format(when=due.lower()))
    if s.cadence.paused:
        lines.append("  " + _("Reminders: paused"))
    elif s.cadence.snoozed_until is not None and s.cadence.snoozed_until > now:
        lines.append("  " + _("Reminders: snoozed until {when}").format(
            when=exact_time(s.cadence.snoozed_until, tz)))
    for contact in s.contacts:
        label = f" ({contact.label})" if contact.label else ""
        star = " ★" if contact.preferred else ""
        lines.append(f"  {contact.type.label}{label}: {contact.value}{star}")
    for window in s.availability:
        lines.append("  " + _("Can be reached: {when}").format(when=window_words(window)))
    if s.timezone:
        lines.append("  " + _("Time zone: {zone}").format(zone=s.timezone))
    if s.help_with:
        lines.append("  " + _("Can help with: {kinds}").format(kinds=", ".join(s.help_with)))
    lines += occasion_lines(s)
    notes = [(_("Boundaries I keep"), s.boundaries.mine),
             (_("Their boundaries"), s.boundaries.theirs),
             (_("My warning signs"), s.help.warning_signs), (_("What helps"), s.help.what_helps),
             (_("What doesn't help"), s.help.what_does_not),
             (_("In a crisis"), s.help.in_a_crisis), (_("Notes"), s.notes)]
    for title, text in notes:
        if text:
            lines.append(f"  {title}: {text}")
    recent = app.network.checkins(supporter.id)[:5]
    if recent:
        lines.append("  " + _("Recent check-ins:"))
        for c in recent:
            extra = "; ".join(x for x in (mood_change(c.mood_before, c.mood_after), c.note) if x)
            lines.append(f"    {exact_time(c.at, tz)}  {c.mode.label}"
                         + (f" — {extra}" if extra else ""))
    lines.append("  " + app.network.reciprocity(supporter.id, 3).words)
    return lines


def show_command(app: Application, args: argparse.Namespace) -> int:
    supporter = app.network.find_one(args.name)
    if args.json:
        assert supporter.id is not None
        zone = local_zone()
        print_json({"people": [person_record(app.network.person(supporter.id), zone)],
                    "checkins": [checkin_json(c, zone)
                                 for c in app.network.checkins(supporter.id)]})
        return 0
    for line in show_lines(app, supporter, local_zone()):
        print(line)
    return 0

"""``lines`` and ``reach``: the crisis lines for your country, and who you can reach right
now, in the order Reach out now shows them (services/reach_out.py).

The country is the one chosen in the app, else the one in your locale (LC_ALL,
LC_MESSAGES or LANG, like en_GB.UTF-8); ``--country`` looks at another without saving.
A shipped line carries the same "confirmed" words as in the app.
"""

from __future__ import annotations

import argparse
import os
from typing import Any
from urllib.parse import urlsplit

from supportdesk.cli import vault_commands
from supportdesk.cli.json_output import add_json_argument, print_json
from supportdesk.cli.network_commands import opening
from supportdesk.core.crisis import confirmation_words, is_country
from supportdesk.core.errors import ValidationError
from supportdesk.core.i18n import N_, _
from supportdesk.core.model import CrisisLine, Supporter
from supportdesk.core.schedule import local_zone
from supportdesk.services.application import Application
from supportdesk.services.crisis_lines import CrisisNow
from supportdesk.services.reach_out import Mention, reach_out_now
from supportdesk.services.records import crisis_line_json, person_json

COUNTRY_HELP = ("a two-letter country code, like GB, IE or US (default: the one chosen in "
                "the app, else your locale's)")
NO_COUNTRY = N_("SupportDesk doesn't know your country yet, so it can't show its crisis "
                "lines. Run it again with --country and your country's two-letter code, "
                "like --country GB.")


def register(sub: Any) -> None:
    lines = sub.add_parser("lines", help="the crisis lines for your country",
                           description="The emergency number and the crisis lines for your "
                                       "country: yours first, then SupportDesk's, with where "
                                       "each was last confirmed.")
    lines.add_argument("--country", metavar="CC", default="", help=COUNTRY_HELP)
    add_json_argument(lines)
    # No PIN: the crisis lines are what the lock screen's crisis help shows anyway.
    lines.set_defaults(func=opening(lines_command,
                                    lambda args: vault_commands.open_session(args)))

    reach = sub.add_parser("reach", help="who you can reach right now",
                           description="The emergency number and the main crisis line, then "
                                       "who you can reach, in the order Reach out now shows.")
    reach.add_argument("--country", metavar="CC", default="", help=COUNTRY_HELP)
    add_json_argument(reach)
    reach.set_defaults(func=opening(reach_command))


def locale_country() -> str:
    """"en_GB.UTF-8" -> "GB"; "" for C, POSIX or nothing set."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            code = value.partition(".")[0].partition("@")[0].rpartition("_")[2].upper()
            return code if is_country(code) else ""
    return ""


def crisis_for(app: Application, args: argparse.Namespace) -> CrisisNow:
    given = args.country.strip().upper()
    if given and not is_country(given):
        raise ValidationError(f"“{args.country}” is not a country code; use two letters, "
                              "like GB, IE or US.", field="country")
    return app.crisis_lines.now(locale_country(), given)


def source_words(app: Application, line: CrisisLine) -> str:
    """As under a line on Reach out now: "Added by you", or where it was confirmed."""
    if line.user_added:
        return _("Added by you.")
    site = urlsplit(line.source).netloc.removeprefix("www.") or line.source
    return (confirmation_words(app.crisis_lines.evidence(line)) + " "
            + _("The service's own site: {site}.").format(site=site))


def line_words(line: CrisisLine) -> str:
    detail = " · ".join(part for part in (line.hours, line.notes) if part)
    return f"{line.name}: {line.channel.label} {line.contact}" + (f" ({detail})" if detail
                                                                  else "")


def line_record(app: Application, line: CrisisLine, main: CrisisLine | None) -> dict[str, Any]:
    return {**crisis_line_json(line), "user_added": line.user_added,
            "main": line is main, "confirmed": source_words(app, line)}


def emergency_words(crisis: CrisisNow) -> str:
    return (_("Emergency: {number}").format(number=crisis.emergency) if crisis.emergency else
            _("Emergency: SupportDesk doesn't know this country's emergency number"))


def lines_command(app: Application, args: argparse.Namespace) -> int:
    crisis = crisis_for(app, args)
    if not crisis.country:
        raise ValidationError(_(NO_COUNTRY), field="country")
    if args.json:
        print_json({"country": crisis.country, "country_name": crisis.country_name,
                    "emergency": crisis.emergency,
                    "crisis_lines": [line_record(app, line, crisis.main)
                                     for line in crisis.lines]})
        return 0
    print(_("Crisis lines for {country} ({code})").format(country=crisis.country_name,
                                                         code=crisis.country))
    print(emergency_words(crisis))
    if not crisis.lines:
        print(_("SupportDesk has no lines for this country yet; you can add one you trust "
                "in the app (Reach out now)."))
    for line in crisis.lines:
        print(f"  {line_words(line)}")
        print(f"    {source_words(app, line)}")
    return 0


def _contact(supporter: Supporter) -> str:
    ordered = sorted(supporter.contacts, key=lambda c: not c.preferred)
    return (f"{ordered[0].type.label} {ordered[0].value}" if ordered
            else _("no contact details"))


def reach_command(app: Application, args: argparse.Namespace) -> int:
    crisis = crisis_for(app, args)
    reach = reach_out_now(app.network.supporters(), app.safety_plan.plan(), crisis,
                          app.now(), local_zone())
    main = crisis.main
    if args.json:
        zone = local_zone()
        print_json({
            "country": crisis.country, "emergency": crisis.emergency,
            "main_line": line_record(app, main, main) if main else None,
            "sections": [{"title": section.title,
                          "people": [{**person_json(r.supporter, zone), "available": r.when,
                                      "plan_note": r.note} for r in section.people],
                          "crisis_lines": [line_record(app, line, main)
                                           for line in section.lines]}
                         for section in reach.shown]})
        return 0
    print(emergency_words(crisis) if crisis.country else _(NO_COUNTRY))
    if main is not None:
        print(_("Main line: {line}").format(line=line_words(main)))
        print(f"  {source_words(app, main)}")
    if not app.network.supporters():
        print(_("Your network is empty so far. Add someone with: "
                "supportdesk add NAME --kind friend"))
    for section in reach.shown:
        print()
        print(section.title)
        if not section.entries and section.if_empty:
            print(f"  {section.if_empty}")
        for entry in section.entries:
            if isinstance(entry, Mention):
                print(f"  • {entry.words}")
                continue
            note = f" — {entry.note}" if entry.note else ""
            print(f"  {entry.supporter.name}: {entry.when} · {_contact(entry.supporter)}{note}")
        for line in section.lines:
            print(f"  {line_words(line)}")
    return 0

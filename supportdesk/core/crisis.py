"""Checking crisis-line entries, shipped or added by the user, before they are kept,
and saying honestly where a shipped entry's details were found.

A call or text entry needs a well-formed number or short code (the same rule as a
supporter's phone number); a chat entry and a source need an https address.
Countries are ISO 3166-1 alpha-2 codes.

Every shipped entry carries its evidence: for its number, its hours and any claim in
its notes, the page where that was found, a quote from it and the date that copy of
the page shows (often none). ``confirmation_words`` turns it into the one line the app
shows, claiming a date only where the evidence has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from supportdesk.core.errors import ValidationError
from supportdesk.core.kinds import Channel
from supportdesk.core.model import CrisisLine
from supportdesk.core.validation import check_phone, check_url

_ISO_ALPHA2 = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_COUNTRIES = frozenset(_ISO_ALPHA2.split())
STATUSES = ("confirmed", "unconfirmed", "differs")
CONFIRM_HOURS = "Please confirm the hours with the service."
CONFIRM_NUMBER = "Please confirm the number with the service."


@dataclass(frozen=True)
class Evidence:
    """Where one detail was found: status is "confirmed", "unconfirmed" or "differs"."""

    status: str
    url: str = ""
    quote: str = ""
    copy_seen: str = ""  # the date the stored copy shows: "2022-01-26", "2019-10" or ""

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed" and bool(self.url and self.quote)

    @property
    def site(self) -> str:
        return site_name(self.url)


@dataclass(frozen=True)
class LineEvidence:
    number: Evidence
    hours: Evidence
    notes: Evidence | None = None


def site_name(url: str) -> str:
    """"www.samaritans.org/ireland/" -> "samaritans.org"."""
    return urlsplit(url).netloc.removeprefix("www.") or url


def copy_date_words(text: str) -> str:
    """"2022-01-26" -> "26 January 2022"; "2019-10" -> "October 2019"; else ""."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return f"{day.day} {day:%B %Y}"
        if len(text) == 7:
            return f"{date.fromisoformat(text + '-01'):%B %Y}"
    except ValueError:
        return ""
    return ""


def confirmation_words(evidence: LineEvidence | None) -> str:
    """The line shown under a shipped service: a date and a source only where the
    evidence for both its number and its hours has them, else what to confirm."""
    if evidence is None or not evidence.number.confirmed:
        return CONFIRM_NUMBER
    if not evidence.hours.confirmed:
        return f"Number found on {evidence.number.site}. {CONFIRM_HOURS}"
    dates = [evidence.number.copy_seen, evidence.hours.copy_seen]
    if all(copy_date_words(d) for d in dates):
        sites = sorted({evidence.number.site, evidence.hours.site})
        oldest = min(dates)
        when = ("on " if len(oldest) == 10 else "in ") + copy_date_words(oldest)
        return f"Last confirmed from {' and '.join(sites)} {when}."
    return f"Found on {evidence.number.site} (that page shows no date). {CONFIRM_HOURS}"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def evidence_problems(evidence: Evidence, *, names: str = "") -> list[str]:
    """What is wrong with one piece of evidence; ``names`` must appear in a confirming
    quote (by its digits for a number, as written for an address)."""
    problems = []
    if evidence.status not in STATUSES:
        problems.append(f"status {evidence.status!r} is not one of {', '.join(STATUSES)}")
    if evidence.status == "confirmed":
        if not evidence.url.startswith(("https://", "http://")):
            problems.append("a confirmation needs the address of the page")
        if not evidence.quote.strip():
            problems.append("a confirmation needs a quote from the page")
        if evidence.copy_seen and not copy_date_words(evidence.copy_seen):
            problems.append(f"copy date {evidence.copy_seen!r} is not a date")
        if names and not _mentions(evidence.quote, names):
            problems.append(f"the quote does not mention {names}")
    return problems


def _mentions(quote: str, contact: str) -> bool:
    if contact.startswith("https://"):
        bare = contact.removeprefix("https://").removeprefix("www.")
        return bare.casefold() in quote.casefold()
    return digits(contact) in digits(quote)



def is_country(code: str) -> bool:
    return code in ISO_COUNTRIES


def is_phone_number(text: str) -> bool:
    """A dialable number or short code: 3 to 15 digits with common separators."""
    return not check_phone(text)


def is_https_url(text: str) -> bool:
    return text.startswith("https://") and not check_url(text)


def crisis_line_problems(line: CrisisLine, *, shipped: bool = False) -> list[tuple[str, str]]:
    """Every problem as (field, plain words); shipped entries also need a source and date."""
    problems: list[tuple[str, str]] = []
    if not is_country(line.country):
        problems.append(("country", "Choose a country from the list."))
    if not line.name.strip():
        problems.append(("name", "Give the service a name."))
    if line.channel is Channel.CHAT:
        if not is_https_url(line.contact):
            problems.append(("contact", "A chat service needs its web address (https://...)."))
    elif not is_phone_number(line.contact):
        problems.append(("contact", "That doesn't look like a phone number or text code."))
    if line.source and not is_https_url(line.source):
        problems.append(("source", "The source should be a web address (https://...)."))
    if shipped and not line.source:
        problems.append(("source", "Every shipped entry names the page it came from."))
    return problems


def ensure_valid_crisis_line(line: CrisisLine) -> None:
    """Raise ValidationError naming the first problem's field."""
    problems = crisis_line_problems(line)
    if problems:
        field, message = problems[0]
        raise ValidationError(message, field=field)

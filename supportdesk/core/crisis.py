"""Checking crisis-line entries, shipped or added by the user, before they are kept.

A call or text entry needs a well-formed number or short code (the same rule as a
supporter's phone number); a chat entry and a source need an https address.
Countries are ISO 3166-1 alpha-2 codes.
"""

from __future__ import annotations

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
    if shipped and line.verified is None:
        problems.append(("verified", "Every shipped entry carries the date it was checked."))
    return problems


def ensure_valid_crisis_line(line: CrisisLine) -> None:
    """Raise ValidationError naming the first problem's field."""
    problems = crisis_line_problems(line)
    if problems:
        field, message = problems[0]
        raise ValidationError(message, field=field)

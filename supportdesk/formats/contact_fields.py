"""What contact files (vCard, Google and Outlook CSV) say, in SupportDesk's terms.

A supporter has one name, so a title ("Dr") and a suffix ("PhD") stay in it, as a person
writes them; ``name_parts`` splits them out again for vCard's N. A job title or role is
kept in the notes, and where it names a professional role SupportDesk knows
(``role_from_text``) that role is proposed too. Organisation cards (vCard ``KIND:org``,
Apple's ``X-ABShowAs:COMPANY``) are proposed as a support group, online community or
crisis line (``organisation_kind``). ``tel_uri`` writes a number as RFC 3966 does: no
spaces.
"""

from __future__ import annotations

import re

from supportdesk.core.kinds import Kind, Role

HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "rev",
                        "revd", "sir", "dame", "lord", "lady", "fr", "cllr"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "dphil", "mbe", "obe",
                      "cbe", "esq", "rn", "frcpsych", "mrcpsych"})
ORGANISATION_KINDS = (Kind.GROUP, Kind.ONLINE, Kind.CRISIS)

# the more particular first: a "psychiatric nurse" is not a psychiatrist
_ROLE_WORDS = (
    (Role.CPN, ("psychiatric nurse", "mental health nurse", "cpn")),
    (Role.PSYCHIATRIST, ("psychiatrist",)),
    (Role.PSYCHOLOGIST, ("psychologist",)),
    (Role.THERAPIST, ("therapist", "counsellor", "counselor", "psychotherapist")),
    (Role.SOCIAL_WORKER, ("social worker",)),
    (Role.SUPPORT_WORKER, ("support worker", "key worker", "keyworker", "peer worker")),
    (Role.GP, ("gp", "general practitioner", "family doctor")),
)
_CRISIS_WORDS = ("crisis", "helpline", "samaritans", "lifeline", "hotline", "988", "116 123",
                 "shout", "emergency")
_ONLINE_WORDS = ("online", "forum", "community", "discord", "reddit", "chat", "app")
_NOT_WORD = re.compile(r"[^\w]+")
_TEL_URI = re.compile(r"\+?[0-9*#().\-]*[0-9][0-9*#().\-]*")


def _word(text: str) -> str:
    return text.casefold().strip(".,")


def is_honorific(text: str) -> bool:
    return _word(text) in HONORIFICS


def name_from_parts(prefix: str, given: str, middle: str, family: str, suffix: str) -> str:
    """The name as a person writes it: "Dr Priya Patel PhD"."""
    return " ".join(part.strip() for part in (prefix, given, middle, family, suffix)
                    if part.strip())


def name_parts(name: str) -> tuple[str, str, str, str, str]:
    """(family, given, additional, prefix, suffix) of a written name: vCard's N."""
    words = name.split()
    prefix: list[str] = []
    suffix: list[str] = []
    while len(words) > 1 and is_honorific(words[0]):
        prefix.append(words.pop(0))
    while len(words) > 1 and _word(words[-1]) in SUFFIXES:
        suffix.insert(0, words.pop())
    family = words.pop() if words else ""
    return family.rstrip(","), " ".join(words), "", " ".join(prefix), " ".join(suffix)


def role_from_text(*texts: str) -> Role:
    """The professional role a job title or role names, or ``Role.NONE``."""
    for text in texts:
        plain = " " + " ".join(_NOT_WORD.sub(" ", text.casefold()).split()) + " "
        for role, words in _ROLE_WORDS:
            if any(f" {word} " in plain for word in words):
                return role
    return Role.NONE


def organisation_kind(name: str, notes: str, has_phone: bool, has_web: bool) -> Kind:
    """What an organisation most likely is to a person: a crisis line, an online
    community, or (most often) a support group. The person can change it in the preview."""
    text = f" {name} {notes} ".casefold()
    if any(word in text for word in _CRISIS_WORDS):
        return Kind.CRISIS
    if any(re.search(rf"\b{word}\b", text) for word in _ONLINE_WORDS) or (
            has_web and not has_phone):
        return Kind.ONLINE
    return Kind.GROUP


def tel_uri(number: str) -> str | None:
    """``tel:+44-20-7946-0000`` for "+44 20 7946 0000"; None for what a tel: URI cannot
    hold as it is ("ext 12", letters), which is then written as text."""
    joined = "-".join(number.split())
    if not _TEL_URI.fullmatch(joined):
        return None
    return f"tel:{joined}"


def number_from_tel_uri(uri: str) -> str:
    """The number a person reads: a tel: URI's dashes between digits become spaces, its
    parameters (``;ext=``, ``;phone-context=``) are set aside."""
    number = uri.split(";", 1)[0].strip()
    return re.sub(r"(?<=[0-9)])-(?=[0-9(])", " ", number)

"""vCard files: reading 2.1, 3.0 and 4.0 (phones, Google, Outlook, Apple); writing 4.0,
or 3.0 for address books that do not read 4.0.

Reading is forgiving: each card is cut out of the file and decoded on its own (so one
card in Windows-1252 does not spoil the UTF-8 ones), pictures and other binary parts
are dropped before parsing, and a card that cannot be read is reported by its number
and line while the rest still come through. A card without its END:VCARD is read as far
as it goes and named; so is a file cut part-way through a UTF-16 character. Nothing
here touches the vault.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import vobject

from supportdesk.core.dates import ImportantDate
from supportdesk.core.kinds import ContactType, Kind, Ring, Role
from supportdesk.core.model import ContactMethod, Supporter
from supportdesk.formats import vcard_dates
from supportdesk.formats.contact_fields import (
    ORGANISATION_KINDS,
    is_honorific,
    name_from_parts,
    name_parts,
    number_from_tel_uri,
    organisation_kind,
    role_from_text,
    tel_uri,
)

UNNAMED = "Unnamed contact"
BINARY_PROPERTIES = {"PHOTO", "LOGO", "SOUND", "KEY"}
KNOWN_PHONE_TYPES = {"cell": "mobile", "mobile": "mobile", "iphone": "mobile", "home": "home",
                     "work": "work", "main": "main", "pager": "pager", "fax": "fax",
                     "other": "other"}
KNOWN_EMAIL_TYPES = {"home": "home", "work": "work", "other": "other"}
PROFESSIONAL_WORDS = ("dr", "dr.", "doctor", "therap", "counsel", "psych", "nurse", "gp",
                      "clinic", "surgery", "social worker", "support worker", "practice")
X_KIND, X_RING, X_ROLE = "X-SUPPORTDESK-KIND", "X-SUPPORTDESK-RING", "X-SUPPORTDESK-ROLE"

Progress = Callable[[int, int], bool]
"""Called as ``progress(cards_done, cards_total)``; returning False cancels."""


@dataclass
class ParsedContact:
    """One card as it would become a supporter, before anything is saved."""

    card: int  # 1-based position in the file
    line: int  # the card's first line
    name: str
    contacts: list[ContactMethod] = field(default_factory=list)
    notes: str = ""
    organisation: str = ""
    title: str = ""  # a job title (vCard TITLE)
    job_role: str = ""  # what they do (vCard ROLE), kept beside the title in the notes
    nickname: str = ""
    timezone: str = ""
    name_missing: bool = False
    kind: Kind | None = None  # only when the file says (our own exports)
    ring: Ring | None = None
    role: Role = Role.NONE  # from our own exports, or recognised in the title or role
    dates: list[ImportantDate] = field(default_factory=list)  # BDAY, ANNIVERSARY
    is_organisation: bool = False  # KIND:org, X-ABShowAs:COMPANY
    entry: str = "card"  # what the file holds each contact in: a "card", a CSV "row"

    @property
    def looks_professional(self) -> bool:
        if self.role is not Role.NONE:
            return True
        text = f"{self.title} {self.job_role} {self.organisation} {self.name}".casefold()
        return bool(self.title or self.job_role or self.organisation) and any(
            word in text for word in PROFESSIONAL_WORDS
        )

    @property
    def organisation_kind(self) -> Kind | None:
        """For an organisation's card, which kind of organisation it most likely is."""
        if not self.is_organisation:
            return None
        if self.kind in ORGANISATION_KINDS:
            return self.kind
        types = {method.type for method in self.contacts}
        return organisation_kind(self.name, self.notes, ContactType.PHONE in types,
                                 ContactType.WEB in types)


@dataclass(frozen=True)
class CardProblem:
    card: int  # 0 for the file as a whole
    line: int
    message: str

    def __str__(self) -> str:
        if not self.card:
            return f"Line {self.line}: {self.message}"
        return f"Card {self.card} (line {self.line}): {self.message}"


@dataclass
class ReadResult:
    contacts: list[ParsedContact] = field(default_factory=list)
    problems: list[CardProblem] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class _RawCard:
    number: int
    line: int
    lines: list[bytes]
    complete: bool
    last_line: int = 0  # the last line with something on it
    cut_at: int = 0  # for a card without END:VCARD: the line the next card starts, or 0


def read_vcards(data: bytes, progress: Progress | None = None) -> ReadResult:
    """Every card in ``data``; unreadable cards go to ``problems`` with their position."""
    result = ReadResult()
    cards, result.problems = _split_cards(data)
    total = len(cards)
    for done, raw in enumerate(cards):
        if progress is not None and done % 50 == 0 and not progress(done, total):
            result.cancelled = True
            return result
        try:
            parsed = _parse_card(raw)
        except _CardError as error:
            if not raw.complete:
                result.problems.append(_unended(raw, None))
                continue
            result.problems.append(CardProblem(raw.number, raw.line + error.offset,
                                               error.message))
            continue
        if not raw.complete:
            result.problems.append(_unended(raw, parsed))
        elif parsed is None:
            result.problems.append(CardProblem(raw.number, raw.line,
                                               "the card is empty; skipped."))
        if parsed is not None:
            result.contacts.append(parsed)
    result.problems.sort(key=lambda problem: problem.line)
    if progress is not None:
        progress(total, total)
    return result


def _unended(raw: _RawCard, parsed: ParsedContact | None) -> CardProblem:
    """A card without END:VCARD: where it stops, and what could still be read of it."""
    if raw.cut_at:
        what = f"this card has no END:VCARD line before the next card starts at line {raw.cut_at}"
    else:
        what = "the file ends before this card's END:VCARD line"
    if parsed is None:
        return CardProblem(raw.number, raw.line,
                           f"{what}; nothing in it could be read, so it is left out.")
    return CardProblem(raw.number, raw.line, f"{what}; what it held up to line "
                                             f"{max(raw.last_line, raw.line)} was read "
                                             f"({parsed.name}).")


# -- cutting the file into cards --------------------------------------------

_BEGIN = re.compile(rb"^\s*(?:[\w-]+\.)?BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(rb"^\s*(?:[\w-]+\.)?END\s*:\s*VCARD\s*$", re.IGNORECASE)


_AGENT = re.compile(rb"^\s*(?:[\w-]+\.)?AGENT(?:;[^:]*)?:\s*$", re.IGNORECASE)


def _lines_of(data: bytes) -> tuple[list[bytes], list[CardProblem]]:
    """The file's lines as UTF-8 (or the card's own 8-bit charset), and any problem."""
    problems: list[CardProblem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    encoding = ""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    elif len(data) >= 4 and data[1] == data[3] == 0 and data[0] and data[2]:
        encoding = "utf-16-le"  # "B\0E\0": UTF-16 without its byte-order mark
    elif len(data) >= 4 and data[0] == data[2] == 0 and data[1] and data[3]:
        encoding = "utf-16-be"
    if encoding:
        odd = len(data) % 2 == 1
        text = data[:len(data) - odd].decode(encoding, errors="replace")
        if odd:
            lines = text.count("\n") + (0 if text.endswith("\n") else 1)
            problems.append(CardProblem(0, max(lines, 1), (
                "the file ends part-way through a character (UTF-16 with an odd number "
                "of bytes); the last byte was left out and everything before it was read.")))
        data = text.encode("utf-8", errors="replace")
    return data.split(b"\n"), problems


def _split_cards(data: bytes) -> tuple[list[_RawCard], list[CardProblem]]:
    """The cards in the file, complete or not, and what was wrong outside them."""
    lines, problems = _lines_of(data)
    cards: list[_RawCard] = []
    current: _RawCard | None = None
    depth = 0
    previous = b""
    for index, raw_line in enumerate(lines, start=1):
        line = raw_line.rstrip(b"\r")
        if _BEGIN.match(line):
            if current is not None and _AGENT.match(previous):
                depth += 1  # a 2.1 AGENT card inside this one
            else:
                if current is not None:  # the open card never ended: keep what it held
                    current.cut_at = index
                current = _RawCard(len(cards) + 1, index, [], complete=False)
                cards.append(current)
                depth = 1
                previous = line
                continue
        elif _END.match(line):
            if current is None:
                problems.append(CardProblem(0, index, (
                    "END:VCARD without a BEGIN:VCARD before it; the lines before it were "
                    "not part of any card and were left out.")))
                continue
            depth -= 1
            if depth == 0:
                current.complete = True
                current = None
                continue
        if current is not None:
            current.lines.append(line)
            if line.strip():
                current.last_line = index
        if line.strip():
            previous = line
    if not cards and not problems:
        empty = not data.strip()
        problems.append(CardProblem(0, 1, "the file is empty." if empty else (
            "there is no BEGIN:VCARD line in this file, so it holds no contacts "
            "(is it a vCard .vcf file?).")))
    return cards, problems


# -- one card ----------------------------------------------------------------


class _CardError(Exception):
    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


_CHARSET = re.compile(rb"CHARSET=([\w.:-]+)", re.IGNORECASE)


def _decode(lines: list[bytes]) -> list[str]:
    blob = b"\n".join(lines)
    try:
        return blob.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(blob)
    if declared:
        try:
            return blob.decode(declared.group(1).decode("ascii")).split("\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return blob.decode("cp1252", errors="replace").split("\n")


def _property_name(line: str) -> str:
    head = re.split(r"[;:]", line, maxsplit=1)[0]
    return head.rsplit(".", 1)[-1].strip().upper()


def _without_binary(lines: list[str]) -> list[str]:
    """Drop PHOTO/LOGO/SOUND/KEY and their continuation lines, base64 or URI."""
    kept: list[str] = []
    skipping = False
    for line in lines:
        if skipping:
            if line[:1] in (" ", "\t") or (line.strip() and ":" not in line):
                continue
            skipping = False
            if not line.strip():
                continue
        if line[:1] not in (" ", "\t") and _property_name(line) in BINARY_PROPERTIES:
            skipping = True
            continue
        kept.append(line)
    return [line for line in kept if line.strip() or line[:1] in (" ", "\t")]


def _parse_card(raw: _RawCard) -> ParsedContact | None:
    lines = _without_binary(_decode(raw.lines))
    if not any(_property_name(line) not in ("VERSION", "") for line in lines):
        return None
    text = "BEGIN:VCARD\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n"
    try:
        card = vobject.readOne(text, allowQP=True)
        children = list(card.getChildren())
    except vobject.base.ParseError as error:
        offset = int(getattr(error, "lineNumber", 1) or 1) - 1
        raise _CardError("this card could not be read; skipped.", max(0, offset)) from None
    except Exception:  # vobject raises many kinds on malformed input; the card is skipped
        raise _CardError("this card could not be read; skipped.") from None
    return _contact_from(children, raw)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if _text(v))
    if isinstance(value, bytes):
        return ""
    return str(value).strip()


def _types(child: Any) -> list[str]:
    types: list[str] = [t for t in getattr(child, "singletonparams", [])]
    for name, values in child.params.items():
        if name.upper() == "TYPE":
            for value in values:
                types.extend(part for part in str(value).split(","))
        elif name.upper() == "PREF":
            types.append("pref")
    return [t.strip().strip('"').casefold() for t in types if t.strip()]


def _label(child: Any, types: list[str], known: dict[str, str]) -> str:
    for name, values in child.params.items():
        if name.upper() == "X-LABEL" and values:
            return str(values[0]).strip('"')
    for t in types:
        if t in known:
            return known[t]
    return ""


def _name_from_n(value: Any) -> str:
    prefix, given, middle, family, suffix = (
        _text(getattr(value, attr, "")) for attr in ("prefix", "given", "additional",
                                                     "family", "suffix"))
    return name_from_parts(prefix, given, middle, family, suffix)


def _address(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    parts = [getattr(value, attr, "") for attr in ("box", "extended", "street", "city",
                                                    "region", "code", "country")]
    return ", ".join(_text(p) for p in parts if _text(p))


def _phone_methods(value: str, types: list[str], label: str, preferred: bool
                   ) -> list[ContactMethod]:
    if value.casefold().startswith("tel:"):
        value = number_from_tel_uri(value[4:])
    value = value.strip()
    if not value:
        return []
    is_cell = any(t in ("cell", "mobile", "iphone") for t in types)
    is_text = "text" in types or "sms" in types or "msg" in types
    is_voice = "voice" in types or not (is_text or is_cell)
    methods = []
    if is_cell or is_voice or "fax" in types:
        methods.append(ContactMethod(ContactType.PHONE, value, label, preferred))
    if is_cell or is_text:
        methods.append(ContactMethod(ContactType.SMS, value, label, preferred))
    return methods


def _contact_from(children: list[Any], raw: _RawCard) -> ParsedContact | None:
    found = ParsedContact(card=raw.number, line=raw.line, name="")
    n_name = ""
    notes: list[str] = []
    for child in children:
        if isinstance(child, vobject.base.Component):
            continue  # a card inside this one (a 2.1 AGENT): not a person of its own here
        name = child.name.upper()
        value = child.value
        types = _types(child)
        preferred = "pref" in types or any(
            k.upper() == "PREF" for k in child.params
        )
        if name in _WHO_PROPERTIES:
            if name == "N":
                n_name = n_name or _name_from_n(value)
            else:
                _read_who(found, name, value)
        elif name == "TEL":
            found.contacts += _phone_methods(_text(value), types,
                                             _label(child, types, KNOWN_PHONE_TYPES), preferred)
        elif name == "EMAIL" and _text(value):
            email = _text(value)
            email = email[7:] if email.casefold().startswith("mailto:") else email
            found.contacts.append(ContactMethod(ContactType.EMAIL, email,
                                                _label(child, types, KNOWN_EMAIL_TYPES),
                                                preferred))
        elif name == "URL" and _text(value):
            found.contacts.append(ContactMethod(ContactType.WEB, _text(value),
                                                _label(child, types, {}), preferred))
        elif name == "ADR" and _address(value):
            found.contacts.append(ContactMethod(ContactType.ADDRESS, _address(value),
                                                _label(child, types, KNOWN_EMAIL_TYPES),
                                                preferred))
        elif name == "NOTE" and _text(value):
            notes.append(str(value).strip())
        elif name in vcard_dates.PROPERTIES:
            found.dates = vcard_dates.merged(found.dates, vcard_dates.date_from(name, value))
        elif name == "TZ" and isinstance(value, str) and "/" in value:
            found.timezone = found.timezone or value.strip()
        elif name == X_KIND and _text(value) in Kind.__members__.values():
            found.kind = Kind(_text(value))
        elif name == X_RING and _text(value) in Ring.__members__.values():
            found.ring = Ring(_text(value))
        elif name == X_ROLE and _text(value) in Role.__members__.values():
            found.role = Role(_text(value))
    found.notes = "\n\n".join(notes)
    _settle_who(found, n_name)
    if not found.name:
        found.name = n_name or found.organisation
    if not found.name:
        if not (found.contacts or found.notes):
            return None
        found.name = f"{UNNAMED} {raw.number}"
        found.name_missing = True
    return found


_WHO_PROPERTIES = {"FN", "N", "ORG", "TITLE", "ROLE", "NICKNAME", "KIND", "X-ABSHOWAS"}


def _read_who(found: ParsedContact, name: str, value: Any) -> None:
    """FN, ORG, TITLE, ROLE, NICKNAME, KIND and X-ABShowAs: who or what the card is."""
    if name == "FN":
        found.name = found.name or _text(value)
    elif name == "ORG":
        parts = value if isinstance(value, list | tuple) else [value]
        found.organisation = found.organisation or ", ".join(
            _text(part) for part in parts if _text(part))
    elif name == "TITLE":
        found.title = found.title or _text(value)
    elif name == "ROLE":
        found.job_role = found.job_role or _text(value)
    elif name == "NICKNAME":
        found.nickname = found.nickname or _text(value)
    elif name in ("KIND", "X-ABSHOWAS"):
        found.is_organisation = found.is_organisation or _text(value).casefold() in (
            "org", "organization", "company")


def _settle_who(found: ParsedContact, n_name: str) -> None:
    """The name, role and title once the whole card is read.

    A bare title as the name ("Dr", from a phone that wrote FN from N's given-name slot)
    gives way to the name N builds ("Dr Patel"). Our own export's TITLE is the role's
    label, not a job title to keep in the notes.
    """
    if n_name and (not found.name or all(is_honorific(w) for w in found.name.split())):
        found.name = n_name
    if found.role is not Role.NONE and found.title == found.role.label:
        found.title = ""
    elif found.role is Role.NONE:
        found.role = role_from_text(found.title, found.job_role)


# -- writing 4.0 and 3.0 ---------------------------------------------------------

VERSIONS = ("4.0", "3.0")

_PHONE_TYPE_FOR_LABEL = {"mobile": "cell", "home": "home", "work": "work", "main": "main",
                         "pager": "pager", "fax": "fax", "other": "other"}


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _param_value(value: str) -> str:
    return '"' + value.replace('"', "'").replace("\n", " ") + '"'


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded, never inside a UTF-8 sequence."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _params(label: str, known: dict[str, str], extra: list[str], preferred: bool,
            version: str = "4.0") -> str:
    # the label's own type first: a reader takes the first type it knows as the label
    types = [known[label]] if label in known else []
    types += extra
    params = ""
    if label and label not in known:
        params += f";X-LABEL={_param_value(label)}"
    if preferred and version == "3.0":
        types.append("pref")
    if types:
        params = f";TYPE={','.join(dict.fromkeys(types))}" + params
    if preferred and version == "4.0":
        params += ";PREF=1"
    return params


def _phone_lines(contacts: list[ContactMethod], version: str = "4.0") -> list[str]:
    by_number: dict[str, list[ContactMethod]] = {}
    for method in contacts:
        if method.type in (ContactType.PHONE, ContactType.SMS):
            by_number.setdefault(method.value, []).append(method)
    lines = []
    for number, methods in by_number.items():
        kinds = {m.type for m in methods}
        label = next((m.label for m in methods if m.label), "")
        preferred = any(m.preferred for m in methods)
        text = "text" if version == "4.0" else "msg"  # 3.0 has no "text" type
        if kinds == {ContactType.PHONE, ContactType.SMS}:
            extra = ["cell", "voice", text]
            label = "" if label == "mobile" else label
        elif kinds == {ContactType.SMS}:
            extra = [text]
        else:
            extra = ["voice"]
        params = _params(label, _PHONE_TYPE_FOR_LABEL, extra, preferred, version)
        uri = tel_uri(number) if version == "4.0" else None
        if version == "3.0":  # a number is text in 3.0
            lines.append(f"TEL{params}:{_escape(number)}")
        elif uri is None:
            lines.append(f"TEL;VALUE=text{params}:{_escape(number)}")
        else:
            lines.append(f"TEL;VALUE=uri{params}:{uri}")
    return lines


def _who_lines(supporter: Supporter, version: str = "4.0") -> list[str]:
    """FN and N for a person; an organisation's card is marked as one, with its ORG
    (KIND:org is 4.0's way, X-ABShowAs:COMPANY Apple's, which 3.0 readers know)."""
    name = _escape(supporter.name)
    if supporter.kind in ORGANISATION_KINDS:
        kind = ["KIND:org"] if version == "4.0" else []
        return [f"FN:{name}", "N:;;;;", *kind, "X-ABShowAs:COMPANY", f"ORG:{name}"]
    return [f"FN:{name}", "N:" + ";".join(_escape(part) for part in name_parts(
        supporter.name))]


def supporter_to_vcard(supporter: Supporter, version: str = "4.0") -> str:
    """One vCard (4.0, or 3.0) with CRLF line ends; SupportDesk's own fields as X-
    properties."""
    if version not in VERSIONS:
        raise ValueError(f"vCard {version} is not written")
    lines = ["BEGIN:VCARD", f"VERSION:{version}", *_who_lines(supporter, version)]
    lines += _phone_lines(supporter.contacts, version)
    internet = ["internet"] if version == "3.0" else []
    for method in supporter.contacts:
        if method.type is ContactType.EMAIL:
            params = _params(method.label, KNOWN_EMAIL_TYPES, internet, method.preferred,
                             version)
            lines.append(f"EMAIL{params}:{method.value}")
        elif method.type is ContactType.WEB:
            params = _params(method.label, {}, [], method.preferred, version)
            lines.append(f"URL{params}:{_escape(method.value)}")
        elif method.type is ContactType.ADDRESS:
            params = _params(method.label, KNOWN_EMAIL_TYPES, [], method.preferred, version)
            lines.append(f"ADR{params}:;;{_escape(method.value)};;;;")
    if supporter.role is not Role.NONE:
        lines.append(f"TITLE:{_escape(supporter.role.label)}")
    if supporter.timezone:  # 3.0's TZ is an offset unless it says it is text
        zone = "TZ" if version == "4.0" else "TZ;VALUE=text"
        lines.append(f"{zone}:{_escape(supporter.timezone)}")
    if supporter.notes:
        lines.append(f"NOTE:{_escape(supporter.notes)}")
    lines += (vcard_dates.date_lines(supporter.dates) if version == "4.0"
              else vcard_dates.date_lines_30(supporter.dates))
    lines.append(f"{X_KIND}:{supporter.kind.value}")
    lines.append(f"{X_RING}:{supporter.ring.value}")
    if supporter.role is not Role.NONE:
        lines.append(f"{X_ROLE}:{supporter.role.value}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_vcards(supporters: list[Supporter], version: str = "4.0") -> str:
    return "".join(supporter_to_vcard(s, version) for s in supporters)

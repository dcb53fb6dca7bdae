"""What someone can help with: kinds of help as the person names them, and who offers each.

The list of kinds is the person's own (listening, a lift, forms and letters… to begin
with); a supporter is tagged with the kinds they offer. Kinds are matched ignoring case
and spacing, so "A lift" and "a  lift" are one kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from supportdesk.core.availability import available_at
from supportdesk.core.model import Supporter
from supportdesk.core.validation import clean_line

DEFAULT_HELP_KINDS = ("listening", "practical help", "a lift", "forms and letters",
                      "company", "advice", "childcare")
KIND_LIMIT = 60  # a few words
MAX_KINDS = 100


def kind_key(kind: str) -> str:
    return " ".join(kind.casefold().split())


def clean_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Tidied, each once (the first spelling kept), blanks dropped, in the order given."""
    seen: set[str] = set()
    kept: list[str] = []
    for kind in kinds:
        cleaned = clean_line(kind)[:KIND_LIMIT].strip()
        key = kind_key(cleaned)
        if key and key not in seen:
            seen.add(key)
            kept.append(cleaned)
    return tuple(kept[:MAX_KINDS])


def offers(supporter: Supporter, kind: str) -> bool:
    wanted = kind_key(kind)
    return any(kind_key(k) == wanted for k in supporter.help_with)


def kinds_in_use(kinds: Sequence[str], supporters: Iterable[Supporter]) -> tuple[str, ...]:
    """The list, then any kind someone is tagged with that the list has lost."""
    return clean_kinds([*kinds, *(k for s in supporters for k in s.help_with)])


def who_can_help(supporters: Sequence[Supporter], kind: str, now: datetime,
                 zone: tzinfo) -> list[tuple[Supporter, bool]]:
    """Everyone who offers ``kind``, with whether they are free now: those free now
    first, then by closeness ring and name."""
    helpers = [(s, available_at(s, now, zone)) for s in supporters if offers(s, kind)]
    return sorted(helpers, key=lambda pair: (not pair[1], pair[0].ring.order,
                                             pair[0].name.casefold()))

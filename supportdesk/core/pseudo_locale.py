"""The pseudo-locale: every string accented, bracketed and about 40% longer.

``SUPPORTDESK_LANGUAGE=pseudo`` shows the whole app this way (the gettext side in
core/i18n.py, the Qt side in ui/translations.py), so a layout test can see at once a
string that was never wrapped for translation (it has no brackets) and a label too
narrow for a longer language (German and French run 30-40% longer than English).

Placeholders stay as they are, so the string still formats: ``{name}``, ``{count:d}``,
``%(name)s``, ``%s``, ``%d``, Qt's ``%n`` and ``%1``, and any ``<tag>`` or ``&amp;``.
Nothing is added that is not plain text.
"""

from __future__ import annotations

import math
import re

# Letters -> the same letter with an accent, so the text stays readable.
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţüṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÜṼŴẊÝŽ",
)
# What must come through untouched for the string to work.
_KEPT = re.compile(
    r"\{[^{}]*\}"                  # str.format fields: {name}, {0}, {count:d}
    r"|%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]"  # %(name)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifr%]"  # %s, %d, %.1f, %%
    r"|%[nL]?\d*"                  # Qt: %n, %1 ... %99, %Ln
    r"|<[^<>]*>"                   # a tag, should a rich-text string pass through
    r"|&[a-zA-Z]+;|&#\d+;"         # an entity
)
GROWTH = 0.4
OPEN, CLOSE, PAD = "[", "]", "~"


def pseudo(text: str) -> str:
    """``"Support network"`` -> ``"[Šüþþöŕţ ñéţŵöŕķ ~~~~]"``; ``""`` stays ``""``."""
    if not text:
        return text
    parts: list[str] = []
    position = 0
    for kept in _KEPT.finditer(text):
        parts.append(text[position:kept.start()].translate(_ACCENTED))
        parts.append(kept.group())
        position = kept.end()
    parts.append(text[position:].translate(_ACCENTED))
    # The brackets, a space and the tildes together make the string ~40% longer.
    padding = max(1, math.ceil(len(text) * GROWTH) - 3)
    return f"{OPEN}{''.join(parts)} {PAD * padding}{CLOSE}"


def is_pseudo(text: str) -> bool:
    """True for a string that went through ``pseudo`` (for the layout tests)."""
    return text.startswith(OPEN) and text.rstrip().endswith(PAD + CLOSE)

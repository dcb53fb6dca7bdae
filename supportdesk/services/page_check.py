"""The check every open makes, made after the window shows the vault instead of before.

``PRAGMA quick_check`` reads every page once, so SQLCipher verifies each page's HMAC:
about 0.3 s on ten years of notes. The app opens the vault without it
(``open_session(check_pages=False)``), shows Today, and then makes it here on a worker
thread, on a second connection of its own. The person hears of it only when
something is wrong, in the same calm words as the damaged-vault messages at start-up:
nothing has changed, and which backup is the newest.
"""

from __future__ import annotations

from supportdesk.core.errors import KnownError
from supportdesk.vault.vault import Vault

DAMAGED = ("SupportDesk checked the file that holds your notes and found part of it "
           "damaged, so some of what you see may be missing or may not save.")


def damage_found(vault: Vault) -> str | None:
    """None when every page reads back sound; else the message to show (any thread)."""
    try:
        problems = vault.page_problems()
    except KnownError as error:  # the file would not open again, or the disk stopped
        return f"{error.message} {vault.restore_advice()}"
    if not problems:
        return None
    return f"{DAMAGED} {vault.restore_advice()}"

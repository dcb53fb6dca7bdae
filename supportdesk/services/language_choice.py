"""The person's language, shared by the GUI and the command line.

Kept on this computer, outside the vault: the language is needed before the vault
opens (the first run, the lock screen), and it says nothing about anyone. One small
file, ``preferences.json`` in the config folder (services/paths.py), so the Qt-free
command line reads what Settings > Appearance wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from supportdesk.core import i18n
from supportdesk.services import paths

PREFERENCES_FILE = "preferences.json"
LANGUAGE_KEY = "language"


def _file(folder: Path | None) -> Path:
    return (folder or paths.config_dir()) / PREFERENCES_FILE


def _read(folder: Path | None) -> dict[str, object]:
    path = _file(folder)
    if not path.is_file():
        return {}  # most never choose: no json to load before the first paint
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # unreadable: follow the system
    return data if isinstance(data, dict) else {}


def chosen_language(folder: Path | None = None) -> str | None:
    """The language chosen in Settings, or None to follow the system's."""
    value = _read(folder).get(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in i18n.shipped_languages() else None


def choose_language(language: str | None, folder: Path | None = None) -> None:
    """Keep ``language`` (None: follow the system) for the next start."""
    import json

    from supportdesk.vault.atomic import atomic_write_bytes, make_folder_durably

    if language is not None and language not in i18n.shipped_languages():
        raise ValueError(language)
    data = _read(folder)
    if language is None:
        data.pop(LANGUAGE_KEY, None)
    else:
        data[LANGUAGE_KEY] = language
    target = _file(folder)
    make_folder_durably(target.parent)
    atomic_write_bytes(target, json.dumps(data, indent=2).encode("utf-8") + b"\n")


def start_language(os_languages: Sequence[str] = ()) -> str:
    """Pick the language for this run (core/i18n.py's order) and switch to it."""
    language = i18n.pick_language(chosen_language(), os_languages=os_languages)
    i18n.activate(language, i18n.locale_name(language, os_languages=os_languages))
    return language

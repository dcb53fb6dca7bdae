"""Where the vault lives: --data-dir, then SUPPORTDESK_DATA_DIR, then the OS's data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "SUPPORTDESK_DATA_DIR"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only for the OS's own folder (a few ms at every start otherwise)

    return Path(platformdirs.user_data_dir("SupportDesk", appauthor=False, roaming=True))


ENV_CONFIG_DIR = "SUPPORTDESK_CONFIG_DIR"


def config_dir() -> Path:
    """This computer's preferences that must be known before the vault opens (the
    language): ``SUPPORTDESK_CONFIG_DIR``, else the OS's config folder, the one Qt's
    QSettings uses on Linux (~/.config/SupportDesk)."""
    from_env = os.environ.get(ENV_CONFIG_DIR)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("SupportDesk", appauthor=False, roaming=True))

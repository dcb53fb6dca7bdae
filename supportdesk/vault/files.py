"""Where a vault lives on disk; importable without the database or keyring modules."""

from __future__ import annotations

from pathlib import Path

DB_FILE = "supportdesk.db"


def vault_exists(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds a vault (the database file decides, never vault.json)."""
    return (Path(data_dir) / DB_FILE).exists()

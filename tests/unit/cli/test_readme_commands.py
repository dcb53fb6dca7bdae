"""README's command tables list every command, in the groups ``--help`` shows."""

from __future__ import annotations

import re
from pathlib import Path

from supportdesk.cli import COMMAND_GROUPS, build_parser

README = Path(__file__).resolve().parents[3] / "README.md"


def readme_tables() -> dict[str, str]:
    """Each command table of "Using it from the command line", by its heading."""
    section = README.read_text().split("## Using it from the command line")[1].split("\n## ")[0]
    tables: dict[str, str] = {}
    for block in section.split("\n\n"):
        rows = [line for line in block.strip().splitlines() if line.startswith("|")]
        if rows and rows[1].startswith("| ---"):
            tables[rows[0].strip("| ").strip()] = "\n".join(rows[2:])
    return tables


def commands_in(table: str) -> set[str]:
    first_cells = (row.split(" | ")[0] for row in table.splitlines())
    return {name for cell in first_cells for name in re.findall(r"`([a-z][\w-]*)", cell)}


def test_every_command_is_in_the_readme_in_its_help_group() -> None:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    registered = {name for name in sub.choices if not name.startswith("_")}  # type: ignore[union-attr]
    tables = readme_tables()
    assert list(tables) == [title for title, _ in COMMAND_GROUPS]
    for title, names in COMMAND_GROUPS:
        assert commands_in(tables[title]) == set(names) & registered, title


def test_the_readme_names_the_contact_files_import_reads() -> None:
    row = next(line for line in readme_tables()["Vault and data"].splitlines()
               if line.startswith("| `import"))
    for what in (".vcf", "Google", "Outlook", ".csv", ".zip"):
        assert what in row, what

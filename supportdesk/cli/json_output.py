"""``--json`` for listing commands: the export's field names (services/records.py),
UTF-8 as it is, indented so a person can read it too."""

from __future__ import annotations

import argparse
import json
from typing import Any

JSON_HELP = ("print JSON with the field names of the full export (docs/EXPORT.md), "
             "for your own scripts")


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def print_json(document: dict[str, Any]) -> None:
    print(json.dumps(document, ensure_ascii=False, indent=2))


def utf8_when_redirected(stream: Any) -> None:
    """Output into a file or a pipe in UTF-8, as JSON must be. Redirected on Windows,
    Python writes the ANSI code page, which mangles "Zoë" and cannot write "🧡" at all;
    a terminal is left to write as it does (Windows' console takes any character)."""
    isatty = getattr(stream, "isatty", None)
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None or isatty is None or isatty():
        return
    if str(getattr(stream, "encoding", "")).replace("-", "").lower() != "utf8":
        reconfigure(encoding="utf-8")

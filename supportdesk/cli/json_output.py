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

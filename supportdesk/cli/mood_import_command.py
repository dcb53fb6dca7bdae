"""``supportdesk import FILE.csv --format daylio``: moods from a Daylio backup.

Found by ``--format daylio`` or by the file's header. Daylio's five moods are mapped
(rad 5 … awful 1); a mood name of the person's own is given with ``--mood NAME=N``
(1–5, or 0 to leave those out), and without one its entries wait and nothing is
imported until every name is given. Shows what it found and asks before writing.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from supportdesk.cli.due_command import _session_opener
from supportdesk.core.errors import KnownError, ValidationError
from supportdesk.services.application import Application

if TYPE_CHECKING:  # loaded for an import only: every command builds this parser
    from supportdesk.services.daylio_import import DaylioPreview

DAYLIO = "daylio"


def add_arguments(importer: Any) -> None:
    importer.add_argument("--format", choices=[DAYLIO], default=None,
                          help="what the file is, when its name and first line do not say "
                               "(daylio: Daylio's CSV backup)")
    importer.add_argument("--mood", metavar="NAME=N", action="append", default=[],
                          help="Daylio: what a mood name of your own means, 1 (very low) to "
                               "5 (very good), or 0 to leave those out (repeat for each)")


def wants(args: argparse.Namespace, data: bytes) -> bool:
    """Whether ``import`` is to read this file as a Daylio backup."""
    from supportdesk.services.daylio_import import is_daylio_backup

    return getattr(args, "format", None) == DAYLIO or is_daylio_backup(data)


def _choose(preview: DaylioPreview, given: list[str]) -> None:
    for pair in given:
        name, _, number = pair.rpartition("=")
        if not name.strip() or not number.strip().isdigit():
            raise KnownError(f"“{pair}” is not NAME=N.", hint="For example: --mood sleepy=2")
        try:
            preview.choose(name, int(number))
        except ValidationError as error:
            raise KnownError(f"--mood {pair}: {error.message} (0 leaves them out).") from None


def describe(preview: DaylioPreview) -> list[str]:
    lines = [preview.words()]
    for name in preview.unchosen:
        count = preview.own_names[name]
        lines.append(f"  “{name}” ({count} entr{'y' if count == 1 else 'ies'}) is a mood "
                     f"name of your own: add --mood \"{name}=N\" (1 to 5, or 0 to leave "
                     "them out).")
    lines += [f"  {problem}" for problem in preview.problems]
    return lines


def run(args: argparse.Namespace, data: bytes) -> int:
    from supportdesk.cli.data_commands import confirm
    from supportdesk.services.daylio_import import NotDaylioError

    app = Application(_session_opener()(args))
    try:
        try:
            preview = app.daylio_import.preview(data)
        except NotDaylioError as error:
            raise KnownError(str(error), hint="In Daylio: More > Export entries > CSV.") \
                from None
        _choose(preview, args.mood)
        for line in describe(preview):
            print(line)
        if preview.unchosen:
            print("Nothing was imported yet.")
            return 1
        if not preview.entries():
            print("Nothing new to import.")
            return 0
        if not confirm("Import them now?", args.yes):
            print("Nothing was imported.")
            return 1
        print(f"Imported: {app.import_daylio(preview).summary}.")
        return 0
    finally:
        app.close()


"""``supportdesk import FILE`` and ``supportdesk export --format F OUT``.

Import reads a vCard file, a Google Contacts or Outlook CSV export, or a SupportDesk
export (``.json``, or the ``.zip`` of ``export --format all``); it shows what it found
and asks before writing (``--yes`` skips the question).
Export warns that the file will not be encrypted and asks the same way. The PDFs are
drawn with Qt, which this layer may not import, so they are made by a child process
over the same data folder: ``supportdesk _render-pdf`` (``pdf_child_command``), which
works the same from source and from the frozen app.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supportdesk.cli import PDF_COMMAND, mood_import_command
from supportdesk.cli.due_command import _session_opener
from supportdesk.core.errors import KnownError, StorageError
from supportdesk.core.kinds import Kind, Mode
from supportdesk.services.application import Application
from supportdesk.services.checkin_filter import CheckinFilter
from supportdesk.services.exporting import UNENCRYPTED_WARNING, ExportFormat
from supportdesk.services.paths import data_dir
from supportdesk.vault.files import refuse_own_file

if TYPE_CHECKING:  # the import services (and the formats they read) load when used
    from supportdesk.services.full_import import FullImportPreview
    from supportdesk.services.importing import ImportPreview

PDF_FORMATS = (ExportFormat.PDF, ExportFormat.CARD)


def register(sub: Any) -> None:
    importer = sub.add_parser(
        "import", help="import contacts (.vcf, Google or Outlook .csv), a SupportDesk "
                       "export (.json, .zip) or a Daylio backup (.csv)",
        description="Import contacts from a vCard file or a Google Contacts or Outlook CSV "
                    "export, everything from a SupportDesk export (supportdesk.json, or "
                    "the .zip of `export --format all`), or moods from a Daylio backup. "
                    "Shows what was found, and any row or card that cannot be read by its "
                    "line, and asks before anything is saved.")
    importer.add_argument("file", metavar="FILE", type=Path,
                          help="a .vcf or .csv file of contacts, or a SupportDesk export "
                               "(.json or .zip)")
    importer.add_argument("--kind", choices=[k.value for k in Kind], default=None,
                          help="what the new people are to you (default: friend)")
    importer.add_argument("--skip-duplicates", action="store_true",
                          help="leave out contacts already in your network instead of "
                               "adding their new numbers and addresses")
    importer.add_argument("--use-settings", action="store_true",
                          help="SupportDesk export: use its settings even though your vault "
                               "already has people in it (an empty vault always does)")
    importer.add_argument("--yes", "-y", action="store_true", help="import without asking")
    mood_import_command.add_arguments(importer)  # --format daylio, --mood NAME=N
    importer.set_defaults(func=run_import)

    exporter = sub.add_parser(
        "export", help="export your network to a file",
        description="Export to vCard (vcard: 4.0; vcard3: 3.0, for Outlook, older "
                    "phones and address books that do not read 4.0), CSV, a calendar of "
                    "check-ins (ICS), the printable support plan (pdf), the wallet-size "
                    "crisis card (card), everything "
                    "(all: a .zip of CSV files and supportdesk.json, which `import` reads "
                    "back) or the check-in history (checkins: CSV). "
                    + UNENCRYPTED_WARNING)
    exporter.add_argument("--format", "-f", required=True,
                          choices=[f.value for f in ExportFormat])
    exporter.add_argument("out", metavar="OUT", type=Path)
    exporter.add_argument("--discreet", action="store_true",
                          help="calendar: leave names out of event titles")
    exporter.add_argument("--person", metavar="NAME",
                          help="checkins: only the check-ins with this person")
    exporter.add_argument("--way", choices=[m.value for m in Mode],
                          help="checkins: only the check-ins made this way")
    exporter.add_argument("--words", metavar="TEXT", default="",
                          help="checkins: only those whose note or person's name holds "
                               "every word")
    exporter.add_argument("--yes", "-y", action="store_true",
                          help="export without asking (the file is not encrypted)")
    exporter.set_defaults(func=run_export)


NEEDS_A_YES = "Nothing was changed: this needs a yes."
YES_HINT = "Pipe y into it (echo y | supportdesk …) or add --yes to go ahead."


def confirm(question: str, assume_yes: bool) -> bool:
    """A yes: ``--yes``, typed in a terminal, or a ``y`` line piped in (after the PIN's
    line with --pin-stdin). Without a terminal, anything but a yes changes nothing."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        answer = sys.stdin.readline().strip().casefold()
        if answer not in ("y", "yes"):
            raise KnownError(NEEDS_A_YES, hint=YES_HINT)
        return True
    answer = input(f"{question} [y/N] ").strip().casefold()
    return answer in ("y", "yes")


def describe_preview(preview: ImportPreview) -> list[str]:
    from supportdesk.services.importing import Action

    lines = [f"Found {len(preview.rows)} contact{'s' if len(preview.rows) != 1 else ''}: "
             f"{preview.count(Action.ADD)} new, {preview.updating} already in "
             f"your network (new details will be added), {preview.combining} joined to an "
             f"earlier card, {preview.count(Action.SKIP)} left out."]
    unnamed = sum(1 for row in preview.rows if row.contact.name_missing)
    if unnamed:
        lines.append(f"{unnamed} had no name and will be called \"Unnamed contact\" — "
                     "you can rename them afterwards.")
    lines += [f"  {line}" for line in preview.match_lines()]
    lines += [f"  {line}" for line in preview.issue_lines()]
    lines += [f"  {problem}" for problem in preview.problems]
    return lines


def run_import(args: argparse.Namespace) -> int:
    from supportdesk.services.importing import Action

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise StorageError(f"SupportDesk could not read {args.file} "
                           f"({error.strerror or error}).") from None
    if mood_import_command.wants(args, data):
        return mood_import_command.run(args, data)
    if _is_supportdesk_export(args.file, data):
        return _import_export(args, data)
    app = Application(_session_opener()(args))
    try:
        preview = app.importing.preview(data, default_kind=Kind(args.kind or Kind.FRIEND),
                                  suggest_professional=args.kind is None)
        if args.skip_duplicates:
            for row in preview.rows:
                if row.duplicate_of is not None:
                    row.choose(Action.SKIP.value)
        for line in describe_preview(preview):
            print(line)
        if not preview.rows or preview.count(Action.SKIP) == len(preview.rows):
            print("Nothing to import.")
            return 0
        if not confirm("Import them now?", args.yes):
            print("Nothing was imported.")
            return 1
        outcome = app.import_contacts(preview)
        print(f"Imported: {outcome.summary}.")
        return 0
    finally:
        app.close()


def _is_supportdesk_export(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in (".json", ".zip") or data.lstrip()[:1] == b"{"


def describe_full_preview(preview: FullImportPreview) -> list[str]:
    from supportdesk.services.full_import import PersonAction

    lines = [preview.words()]
    lines += [f"  Same person: {row.person.name} (already here, with a phone number or "
              "email in common)" for row in preview.people if row.action is PersonAction.SAME]
    lines += [f"  Added apart: {row.person.name} (someone here has that name, but no phone "
              "number or email in common)" for row in preview.people
              if row.action is PersonAction.ADD and row.existing is not None]
    lines += [f"  {problem}" for problem in preview.problems]
    if preview.data.settings:
        lines.append("Your settings will be replaced by the file's." if preview.use_settings
                     else "Your own settings are kept (--use-settings takes the file's).")
    return lines


def _import_export(args: argparse.Namespace, data: bytes) -> int:
    from supportdesk.services.full_import import PersonAction

    app = Application(_session_opener()(args))
    try:
        preview = app.full_import.preview(data)
        for row in preview.people:
            if args.skip_duplicates and row.action is PersonAction.SAME:
                row.action = PersonAction.SKIP
        preview.use_settings = preview.use_settings or args.use_settings
        for line in describe_full_preview(preview):
            print(line)
        if not preview.brings_anything():
            print("Nothing new to import.")
            return 0
        if not confirm("Import it now?", args.yes):
            print("Nothing was imported.")
            return 1
        outcome = app.import_export_file(preview)
        print(f"Imported: {outcome.summary}.")
        return 0
    finally:
        app.close()


def run_export(args: argparse.Namespace) -> int:
    fmt = ExportFormat(args.format)
    target: Path = args.out.expanduser().absolute()
    if not getattr(args, "demo", False):
        refuse_own_file(target, data_dir(args.data_dir))  # before asking, and again on save
    print(UNENCRYPTED_WARNING, file=sys.stderr)
    if not confirm(f"Save {fmt.label} to {target}?", args.yes):
        print("Nothing was saved.")
        return 1
    if fmt in PDF_FORMATS:
        return _export_pdf(args, fmt, target)
    app = Application(_session_opener()(args))
    try:
        if fmt is ExportFormat.CHECKINS:
            count = app.full_export.export_checkins(target, _checkin_filter(app, args))
            print(f"Saved {count} check-in{'s' if count != 1 else ''} to {target}")
            return 0
        app.exporting.export(fmt, target, discreet=args.discreet)
    finally:
        app.close()
    print(f"Saved {target}")
    return 0


def _checkin_filter(app: Application, args: argparse.Namespace) -> CheckinFilter:
    person = app.network.find_one(args.person).id if args.person else None
    return CheckinFilter(person, Mode(args.way) if args.way else None,
                         tuple(args.words.split()))


def pdf_child_command(folder: Path, fmt: ExportFormat, target: Path) -> list[str]:
    """The child that draws the PDF: this same program (a frozen app's parser knows no
    ``-m``), given the hidden ``_render-pdf`` subcommand."""
    tail = [PDF_COMMAND, "--data-dir", str(folder), "--format", fmt.value, str(target)]
    if getattr(sys, "frozen", False):
        return [sys.executable, *tail]
    return [sys.executable, "-m", "supportdesk", *tail]


def _export_pdf(args: argparse.Namespace, fmt: ExportFormat, target: Path) -> int:
    if getattr(args, "demo", False):
        raise KnownError("The sample network cannot be printed from the command line.",
                         hint="Open SupportDesk with --demo and use File > Export instead.")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = pdf_child_command(data_dir(args.data_dir), fmt, target)
    result = subprocess.run(command, env=env, check=False)
    if result.returncode == 0:
        print(f"Saved {target}")
    return result.returncode

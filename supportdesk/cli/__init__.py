"""The command-line surface: the same services the GUI uses.

Each module in COMMAND_MODULES adds its subcommands with ``register(subparsers)``;
a subcommand sets ``func(args) -> int``. A KnownError ends the run with one clear
line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

from supportdesk import __version__
from supportdesk.cli.json_output import utf8_when_redirected
from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import KnownError
from supportdesk.vault.atomic import keep_files_private

# Hidden: ``export --format pdf|card`` runs ``supportdesk _render-pdf ...`` as a child,
# because drawing needs Qt, which this layer does not load (app.py hands it to ui/pdf).
PDF_COMMAND = "_render-pdf"

COMMAND_MODULES = [
    "supportdesk.cli.vault_commands",    # init, check, recover, backup, restore
    "supportdesk.cli.network_commands",  # list, add, log, mood, show
    "supportdesk.cli.edit_command",      # edit
    "supportdesk.cli.person_commands",   # remove, pause, resume, snooze
    "supportdesk.cli.gratitude_plan_commands",  # thanks, gratitude, plan
    "supportdesk.cli.crisis_commands",   # lines, reach
    "supportdesk.cli.due_command",       # due
    "supportdesk.cli.occasion_commands",  # meetings, dates
    "supportdesk.cli.appointment_commands",  # appointments, asks
    "supportdesk.cli.data_commands",     # import, export
]


# Which module registers each command: a command line that names one builds that
# module's parsers alone (each module imports the services its commands use; all ten
# cost about 40 ms). The whole parser is built for anything else (help, a mistake).
COMMAND_MODULE_OF = {
    **dict.fromkeys(("init", "recovery-key", "check", "recover", "backup", "restore"),
                    "supportdesk.cli.vault_commands"),
    **dict.fromkeys(("list", "add", "log", "mood", "show"), "supportdesk.cli.network_commands"),
    "edit": "supportdesk.cli.edit_command",
    **dict.fromkeys(("remove", "pause", "resume", "snooze"),
                    "supportdesk.cli.person_commands"),
    **dict.fromkeys(("thanks", "gratitude", "plan"), "supportdesk.cli.gratitude_plan_commands"),
    **dict.fromkeys(("lines", "reach"), "supportdesk.cli.crisis_commands"),
    "due": "supportdesk.cli.due_command",
    **dict.fromkeys(("meetings", "dates"), "supportdesk.cli.occasion_commands"),
    **dict.fromkeys(("appointments", "asks"), "supportdesk.cli.appointment_commands"),
    **dict.fromkeys(("import", "export"), "supportdesk.cli.data_commands"),
}
# The options that may come before a command and change nothing about which it is
# (app.py adds the last two). Any other (help, version, an abbreviation) builds it all.
PLAIN_OPTIONS = ("--demo", "--recovery-key-stdin", "--pin-stdin", "--minimized",
                 "--smoke-test")


def command_module(argv: Sequence[str]) -> str | None:
    """The one module whose parsers this command line needs, or None for all of them."""
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
        elif arg == "--data-dir":
            skip_value = True
        elif arg.startswith("--data-dir=") or arg in PLAIN_OPTIONS:
            continue
        elif arg.startswith("-"):
            return None
        else:
            return COMMAND_MODULE_OF.get(arg)
    return None


COMMAND_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Your network", ("list", "show", "add", "edit", "remove", "reach", "lines")),
    ("Check-ins", ("log", "due", "mood", "pause", "resume", "snooze", "asks")),
    ("Appointments", ("appointments",)),
    ("Coming up", ("meetings", "dates")),
    ("Gratitude and plan", ("thanks", "gratitude", "plan")),
    ("Vault and data", ("init", "check", "recovery-key", "recover", "backup", "restore",
                        "import", "export")),
)


def build_parser(*, commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; ``commands=False`` leaves out the subcommands (and their imports),
    ``only`` (a module of COMMAND_MODULES) builds that module's subcommands alone."""
    parser = argparse.ArgumentParser(
        prog="supportdesk",
        description="SupportDesk: a private home for your support network.",
    )
    parser.add_argument("--version", action="version", version=f"SupportDesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="folder that holds the vault (default: SUPPORTDESK_DATA_DIR or "
                             "your user data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="open a throwaway vault with a sample network")
    parser.add_argument("--recovery-key-stdin", action="store_true",
                        help="open the vault with your recovery key for this one command, "
                             "read from the terminal (hidden) or one line of standard input; "
                             "for when there is no keyring (it is neither read nor written)")
    parser.add_argument("--pin-stdin", action="store_true",
                        help="with an app-lock PIN set: read the PIN from the first line of "
                             "standard input (for scripts; in a terminal you are asked)")
    if not commands:
        parser.set_defaults(command=None)
        return parser
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", help=argparse.SUPPRESS)
    recording = _RecordingHelp(sub)
    for name in COMMAND_MODULES if only is None else [only]:
        importlib.import_module(name).register(recording)
    parser.description = grouped_description(str(parser.description), recording.helps)
    return parser


class _RecordingHelp:
    """Hands each module's ``add_parser`` on, keeping its one-line help for the groups
    (argparse alone would print one flat list)."""

    def __init__(self, sub: Any) -> None:
        self.sub = sub
        self.helps: dict[str, str] = {}

    def add_parser(self, name: str, **options: Any) -> argparse.ArgumentParser:
        words = options.pop("help", None)
        if isinstance(words, str) and words != argparse.SUPPRESS:
            self.helps[name] = words
        parser: argparse.ArgumentParser = self.sub.add_parser(name, **options)
        return parser


def grouped_description(lead: str, helps: dict[str, str]) -> str:
    """The lead, then each group's commands with their help; a command no group names
    is listed under "More" (a new module shows up without touching this)."""
    width = max(len(name) for name in helps) + 4
    lines = [lead]
    placed = {name for _, names in COMMAND_GROUPS for name in names}
    groups = [*COMMAND_GROUPS, ("More", tuple(n for n in helps if n not in placed))]
    for title, names in groups:
        present = [name for name in names if name in helps]
        if not present:
            continue
        lines += ["", f"{title}:"]
        for name in present:
            wrapped = textwrap.wrap(helps[name], 79 - width) or [""]
            lines.append(f"  {name.ljust(width - 2)}{wrapped[0]}")
            lines += [" " * width + more for more in wrapped[1:]]
    lines += ["", "'supportdesk COMMAND --help' tells more about one."]
    return "\n".join(lines)


def run(argv: Sequence[str] | None = None) -> int:
    keep_files_private()
    from supportdesk.services.language_choice import start_language

    start_language()  # the GUI's language (Settings > Appearance), else the system's
    given = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=command_module(given))
    return run_parsed(parser, parser.parse_args(given))


def run_parsed(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the command ``parser`` read into ``args``."""
    for stream in (sys.stdout, sys.stderr):
        utf8_when_redirected(stream)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except KnownError as error:
        print(f"supportdesk: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader stopped early (``list --json | head``): end quietly, not with a
        # traceback, and keep Python's last flush from complaining.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        # A disk refusal that no lower layer named (the last line of defence): the
        # disk-full message, not a traceback. Anything else is a bug and shows as one.
        refusal = disk_refusal(error)
        if refusal is None:
            raise
        print(f"supportdesk: {refusal}", file=sys.stderr)
        return refusal.exit_code
    except KeyboardInterrupt:
        return 130

"""Where ``log`` takes its note from: stdin (``--note -``), the editor (``--edit``), or the
command line.

A note typed as ``--note TEXT`` is visible to every user of the computer in the process
list while the command runs, and stays in the shell's history. Standard input and the
editor keep it private: the editor works on a file in a fresh 0700 folder that is removed
afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import locale
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from supportdesk.core.errors import KnownError

NOTE_HELP = ("a short note. Text given here can be seen by other users of this computer "
             "(in the list of running programs) and stays in your shell history: use "
             "'--note -' to type or pipe it in on standard input, or --edit, which keep "
             "it private")
EDIT_HELP = "write the note in your editor ($VISUAL or $EDITOR), privately"
COMMENT = "#"
TEMPLATE = ("\n# Write the note for this check-in above this line. Lines starting with #\n"
            "# are left out. Save and close the editor to log it.\n")


def add_note_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--note", default="", metavar="TEXT|-", help=NOTE_HELP)
    parser.add_argument("--edit", action="store_true", help=EDIT_HELP)


def read_note(args: argparse.Namespace) -> str:
    """The note as asked for: from the editor, standard input, or the argument."""
    if args.edit:
        return edit_note("" if args.note == "-" else args.note)
    if args.note == "-":
        if sys.stdin.isatty():
            end = "Ctrl-Z and Enter" if sys.platform == "win32" else "Ctrl-D"
            print(f"Type the note, then press {end} on a new line:", file=sys.stderr)
            return sys.stdin.read().strip()
        return piped_text(sys.stdin).strip()
    return str(args.note)


def piped_text(stream: TextIO) -> str:
    """What was piped in, read as UTF-8 (with or without a byte-order mark): piped on
    Windows, Python would read it in the ANSI code page, so "Zoë" would not survive. Text
    that is not UTF-8 is read in the computer's own encoding."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return stream.read()
    raw: bytes = buffer.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode(locale.getpreferredencoding(False), errors="replace")


def editor_command() -> list[str]:
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen, posix=os.name == "posix")
    return ["notepad"] if os.name == "nt" else ["vi"]


def edit_note(initial: str = "") -> str:
    folder = Path(tempfile.mkdtemp(prefix="supportdesk-note-"))  # 0700, this user only
    path = folder / "check-in note.txt"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(initial + TEMPLATE)
        command = [*editor_command(), str(path)]
        try:
            finished = subprocess.run(command, check=False)
        except OSError:
            raise KnownError(f"The editor “{command[0]}” could not be started, so nothing "
                             "was logged.", hint="Set EDITOR to an editor you have, or use "
                                                 "--note - to type the note in.") from None
        if finished.returncode != 0:
            raise KnownError("The editor stopped with an error, so nothing was logged.")
        text = path.read_text(encoding="utf-8")
    finally:
        with contextlib.suppress(OSError):
            if path.exists():  # a note is personal: do not leave its words on the disk
                path.write_bytes(b"\0" * path.stat().st_size)
        shutil.rmtree(folder, ignore_errors=True)
    lines = [line for line in text.splitlines() if not line.startswith(COMMENT)]
    return "\n".join(lines).strip()

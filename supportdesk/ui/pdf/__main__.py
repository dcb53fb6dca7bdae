"""``python -m supportdesk.ui.pdf --data-dir DIR --format pdf|card OUT``.

The command line's way to print: ``supportdesk export --format pdf`` runs this in a
child process, because drawing needs Qt and the CLI layer does not load it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from supportdesk.core.errors import KnownError
from supportdesk.services.application import Application
from supportdesk.services.exporting import ExportFormat
from supportdesk.services.session import open_session
from supportdesk.ui.pdf.export import save_pdf
from supportdesk.vault.atomic import keep_files_private


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m supportdesk.ui.pdf")
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--format", choices=[ExportFormat.PDF.value, ExportFormat.CARD.value],
                        default=ExportFormat.PDF.value)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    keep_files_private()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        session = open_session(args.data_dir)
        try:
            save_pdf(Application(session), ExportFormat(args.format), args.out)
        finally:
            session.close()
    except KnownError as error:
        print(f"supportdesk: {error}", file=sys.stderr)
        return error.exit_code
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A child process that runs ``supportdesk log`` COUNT times, each a whole command.

    python -m tests.reliability.cli_writer DATA_DIR LABEL COUNT

Each run opens the vault, logs one check-in with the note ``LABEL-N`` and closes it,
as a person's script calling the command line would. Prints ``ok LABEL-N`` or
``refused LABEL-N <exit code>`` per run. The key comes from the file keyring named by
``PYTHON_KEYRING_BACKEND`` (tests/reliability/file_keyring.py).
"""

from __future__ import annotations

import contextlib
import io
import sys

from supportdesk.cli import run


def main(argv: list[str]) -> None:
    data_dir, label, count = argv[0], argv[1], int(argv[2])
    for number in range(1, count + 1):
        note = f"{label}-{number}"
        errors = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
            code = run(["--data-dir", data_dir, "log", "Ruth", "--mode", "text",
                        "--note", note])
        if code == 0:
            print(f"ok {note}", flush=True)
        else:
            print(f"refused {note} {code} {errors.getvalue().strip()}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

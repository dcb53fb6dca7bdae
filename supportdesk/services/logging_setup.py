"""The app's log: a rotating file in the data folder's ``logs/``, scrubbed of secrets.

Every record passes a filter that replaces anything that looks like key material
(long hex runs, SQLCipher raw keys), an email address or a phone number before it is
written. The ``peewee`` logger stays at WARNING: at DEBUG it prints every statement
with its parameters, which are personal data.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from supportdesk.core.disk_errors import disk_refusal
from supportdesk.core.errors import StorageError

LOG_FILE = "supportdesk.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"x'[0-9a-fA-F]+'"), "x'[key]'"),
    (re.compile(r"\b[0-9a-fA-F]{16,}\b"), "[hex]"),
    (re.compile(r"""[^\s@<>()\[\],;:"]+@[\w-]+(?:\.[\w-]+)+"""), "[email]"),
)
# Seven or more digits with the usual separators; ISO dates and times are left alone.
_PHONE = re.compile(r"(?<![\w:.-])\+?\(?\d(?:[ ()./-]{0,2}\d){6,}(?![\w:])")
_DATE_OR_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")


def _phone_placeholder(match: re.Match[str]) -> str:
    return match.group(0) if _DATE_OR_TIME.fullmatch(match.group(0)) else "[number]"


def scrub(text: str) -> str:
    """``text`` with key hex, emails and phone numbers replaced by placeholders."""
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return _PHONE.sub(_phone_placeholder, text)


class ScrubFilter(logging.Filter):
    """Rewrites each record's message (arguments included) through :func:`scrub`.

    peewee's statement log never passes, whatever its logger's level.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("peewee") and record.levelno < logging.WARNING:
            return False  # statements with their parameters, even if someone turns it up
        record.msg = scrub(record.getMessage())
        record.args = None
        return True


def short_path(filename: str) -> str:
    """From ``supportdesk/`` on for our files; just the file name for anything else."""
    normal = filename.replace("\\", "/")
    marker = normal.rfind("/supportdesk/")
    return normal[marker + 1:] if marker >= 0 else normal.rsplit("/", 1)[-1]


def safe_traceback(exc_type: type[BaseException], tb: TracebackType | None) -> list[str]:
    """The exception's type and each frame's file, line and function: never the message
    or local values, which can hold a name, a note or a key."""
    lines = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{short_path(frame.filename)}", line {frame.lineno}, '
                     f"in {frame.name}")
    return lines


class ScrubFormatter(logging.Formatter):
    """Tracebacks as :func:`safe_traceback` (no message text); stacks scrubbed."""

    def format(self, record: logging.LogRecord) -> str:
        cached, record.exc_text = record.exc_text, None  # another handler's full text
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: logging._SysExcInfoType) -> str:
        exc_type, _exc, tb = ei
        if exc_type is None:
            return ""
        return "\n".join(safe_traceback(exc_type, tb))

    def formatStack(self, stack_info: str) -> str:
        return scrub(super().formatStack(stack_info))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file (the rolled-over ones too) is 0600 on POSIX."""

    def _open(self):  # type: ignore[no-untyped-def]
        if os.name == "posix":
            os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
            os.chmod(self.baseFilename, 0o600)
        return super()._open()


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to ``<data_dir>/logs/supportdesk.log``; return the file's path.

    Calling it again replaces the handler it added before, so tests and a restarted
    session never write every line twice.
    """
    folder = log_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)
        handler = PrivateRotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        raise disk_refusal(exc, folder) or StorageError(
            f"SupportDesk cannot write its log in {folder} ({type(exc).__name__}).",
            hint="Check that the folder exists and that you may write to it.",
        ) from None
    handler.setFormatter(ScrubFormatter(FORMAT))
    handler.addFilter(ScrubFilter())
    handler.set_name("supportdesk")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "supportdesk"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("peewee").setLevel(logging.WARNING)
    logging.captureWarnings(True)
    return folder / LOG_FILE

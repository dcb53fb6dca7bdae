"""The log file: in the data folder, rotated, and never holding keys, emails or numbers."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from supportdesk.services.logging_setup import LOG_FILE, scrub, setup_logging


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logging.captureWarnings(False)


def _read(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "phone 07700 900123",
        "intl +44 (0)20 7946 0958",
        "mail sam.jones@example.org",
        "raw x'" + "ab" * 32 + "'",
        "hex " + secrets.token_hex(32),
    ],
)
def test_scrub_removes_what_identifies_a_person_or_a_key(text: str) -> None:
    cleaned = scrub(text)
    secret = text.split(" ", 1)[1]
    assert secret not in cleaned
    assert "[" in cleaned


def test_scrub_keeps_dates_times_and_small_numbers_readable() -> None:
    line = "check at 2026-11-24 10:00:00 found 3 due in 12.5 ms"
    assert scrub(line) == line


def test_log_goes_to_logs_folder_and_is_scrubbed(
    tmp_path: Path, restore_root_logger: None
) -> None:
    path = setup_logging(tmp_path, logging.DEBUG)
    assert path == tmp_path / "logs" / LOG_FILE
    key = secrets.token_hex(32)
    log = logging.getLogger("supportdesk.test")
    log.debug("opened with %s for %s", key, "robin@example.net")
    try:
        raise RuntimeError(f"bad key {key}")
    except RuntimeError:
        log.exception("failed")
    text = _read(path)
    assert "opened with" in text
    assert key not in text
    assert "robin@example.net" not in text
    assert "RuntimeError" in text


def test_peewee_statements_stay_out_of_the_log(
    tmp_path: Path, restore_root_logger: None
) -> None:
    path = setup_logging(tmp_path, logging.DEBUG)
    logging.getLogger("peewee").debug("INSERT INTO supporter VALUES ('Marker Person')")
    assert "Marker Person" not in _read(path)


def test_setting_up_twice_writes_each_line_once(
    tmp_path: Path, restore_root_logger: None
) -> None:
    setup_logging(tmp_path)
    path = setup_logging(tmp_path)
    logging.getLogger("supportdesk.test").warning("only once")
    assert _read(path).count("only once") == 1


def test_log_rotates_instead_of_growing_without_end(
    tmp_path: Path, restore_root_logger: None
) -> None:
    path = setup_logging(tmp_path)
    log = logging.getLogger("supportdesk.test")
    for _ in range(6000):
        log.warning("a line long enough to fill the log file quickly " * 2)
    assert path.stat().st_size <= 512 * 1024
    assert (path.parent / f"{LOG_FILE}.1").exists()

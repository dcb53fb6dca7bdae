"""``supportdesk due`` lists who is due, longest overdue first, and always exits 0."""

from __future__ import annotations

import argparse
from datetime import UTC, timedelta

import pytest

from supportdesk.cli import build_parser, due_command
from supportdesk.core.kinds import Kind, Ring
from supportdesk.core.model import Supporter
from supportdesk.services.application import Application
from supportdesk.services.session import Session
from tests.conftest import FIXED_NOW


def add(session: Session, name: str, ring: Ring) -> None:
    session.network.save_supporter(Supporter(name=name, kind=Kind.FRIEND, ring=ring,
                                             created=FIXED_NOW - timedelta(days=20)))


def test_nothing_due_says_so_kindly(session: Session) -> None:
    assert due_command.due_lines(Application(session), FIXED_NOW, UTC) == [due_command.NOTHING_DUE]


def test_lists_name_due_date_and_how_overdue(session: Session) -> None:
    add(session, "Priya", Ring.MIDDLE)
    add(session, "Sam", Ring.INNER)
    add(session, "Noor", Ring.OUTER)  # a month: not yet due
    lines = due_command.due_lines(Application(session), FIXED_NOW, UTC)
    assert lines == [
        "2 check-ins due:",
        "  Sam    due Wed, 11 Nov 2026, 10:00  (13 days ago)",
        "  Priya  due Wed, 18 Nov 2026, 10:00  (6 days ago)",
    ]


def test_the_subcommand_prints_and_exits_zero(
    session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    add(session, "Sam", Ring.INNER)
    args = build_parser().parse_args(["due"])
    assert args.func is due_command.run
    opened: list[argparse.Namespace] = []

    def opener(namespace: argparse.Namespace) -> Session:
        opened.append(namespace)
        return session

    assert due_command.run(args, opener) == 0
    assert "Sam" in capsys.readouterr().out
    assert opened == [args]

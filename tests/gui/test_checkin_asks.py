"""The check-in dialog offers the person's things to ask about as ticks; the ticked ones
are ticked off with the check-in (nothing is guessed from the note), and Undo untick them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Kind
from supportdesk.core.model import Supporter
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.checkin_dialog import CheckinDialog


def test_ticked_asks_are_ticked_off_with_the_checkin(ctx: AppContext, qtbot: QtBot) -> None:
    priya = ctx.app.add_supporter(Supporter("Priya", Kind.FRIEND)).id or 0
    sam = ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND)).id or 0
    for text in ("her job interview on Friday", "the new flat"):
        ctx.app.add_ask(ctx.app.appointments.new_ask(priya, text))
    ctx.app.add_ask(ctx.app.appointments.new_ask(sam, "his knee"))
    dialog = CheckinDialog(ctx, priya)
    qtbot.addWidget(dialog)
    assert [c.text() for _i, c in dialog.ask_checks] == ["her job interview on Friday",
                                                          "the new flat"]
    assert not any(c.isChecked() for _i, c in dialog.ask_checks)  # never guessed
    dialog.note_edit.setPlainText("She got the job interview!")
    assert not any(c.isChecked() for _i, c in dialog.ask_checks)
    first = dialog.ask_checks[0][1]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert dialog.save()
    assert [a.text for a in ctx.app.appointments.open_asks(priya)] == ["the new flat"]
    ctx.undo.undo()  # the ticks first, then the check-in
    assert len(ctx.app.appointments.open_asks(priya)) == 2


def test_choosing_another_person_shows_their_list(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.app.add_supporter(Supporter("Priya", Kind.FRIEND))
    sam = ctx.app.add_supporter(Supporter("Sam", Kind.FRIEND)).id or 0
    ctx.app.add_ask(ctx.app.appointments.new_ask(sam, "his knee"))
    dialog = CheckinDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.ask_checks == [] and not dialog.asks_holder.isVisibleTo(dialog)
    dialog.person_box.select(sam)
    assert [c.text() for _i, c in dialog.ask_checks] == ["his knee"]

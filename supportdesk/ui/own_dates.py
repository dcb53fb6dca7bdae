"""One's own dates that matter (a loss, a diagnosis day, one's own birthday): Tools >
My dates that matter…, a dialog over the dates editor; saving is undoable."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QVBoxLayout, QWidget

from supportdesk.core.dates import ImportantDate
from supportdesk.core.errors import KnownError
from supportdesk.ui.context import AppContext
from supportdesk.ui.editors.guarded_dialog import GuardedDialog
from supportdesk.ui.editors.occasion_rows import DatesEditor
from supportdesk.ui.plain import plain_label
from supportdesk.ui.undo_commands import NetworkCommand, perform
from supportdesk.ui.widgets.field_error import FieldError

if TYPE_CHECKING:
    from supportdesk.ui.main_window import MainWindow

INTRO = ("Dates that matter to you: your birthday, an anniversary, or a day that is hard. "
         "SupportDesk can remind you gently before they come, and on a hard day ask "
         "whether you'd like someone with you.")


class SetOwnDates(NetworkCommand):
    def __init__(self, ctx: AppContext, dates: list[ImportantDate]) -> None:
        super().__init__(ctx, "Change my dates")
        self.dates = dates
        self.before: list[ImportantDate] | None = None

    def apply(self) -> None:
        self.before = self.app.set_own_dates(self.dates)

    def revert(self) -> None:
        assert self.before is not None
        self.app.set_own_dates(self.before)


class OwnDatesDialog(GuardedDialog):
    what = "your dates"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("My dates that matter")
        self.setAccessibleName("My dates that matter")
        self.setMinimumSize(560, 360)
        layout = QVBoxLayout(self)
        intro = plain_label(INTRO, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.banner = FieldError(self)
        layout.addWidget(self.banner)
        self.dates = DatesEditor(self)
        self.dates.set_dates(ctx.app.occasions.own_dates())
        layout.addWidget(self.dates)
        layout.addStretch(1)
        layout.addWidget(self.save_cancel_buttons())
        self.mark_clean()
        self.dates.add_button.setFocus()

    def _state(self) -> tuple[Any, ...]:
        return tuple(self.dates.value()), len(self.dates.rows)

    def save(self) -> bool:
        if not self.dates.check():
            self.banner.show_message("Please check the note next to the date before saving.")
            return False
        try:
            perform(self.ctx, SetOwnDates(self.ctx, self.dates.value()))
        except KnownError as error:
            self.banner.show_message(f"Not saved yet: {error}")
            return False
        self.accept_saved()
        return True


def install(window: MainWindow, ctx: AppContext) -> QAction:
    action = QAction("My &dates that matter…", window)
    action.triggered.connect(lambda: OwnDatesDialog(ctx, window).open())
    window.menu("tools").addAction(action)
    return action

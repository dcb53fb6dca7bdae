"""Undoable changes to appointments and asks (see ``undo_commands.perform``).

Undo puts the record back exactly as it was before the change, through the
application's use cases; redo makes the change again.
"""

from __future__ import annotations

from dataclasses import replace

from supportdesk.core.appointments import Appointment, Ask
from supportdesk.ui.context import AppContext
from supportdesk.ui.undo_commands import NetworkCommand


class SaveAppointment(NetworkCommand):
    """A new appointment (``before`` None), or an edit of one (a note after, too)."""

    def __init__(self, ctx: AppContext, before: Appointment | None, after: Appointment,
                 text: str = "") -> None:
        super().__init__(ctx, text or ("Add an appointment" if before is None
                                       else "Change an appointment"))
        self.before = before
        self.after = after
        self.saved: Appointment | None = None

    def apply(self) -> None:
        if self.before is None and self.saved is None:
            self.saved = self.app.add_appointment(self.after)
        elif self.before is None:
            assert self.saved is not None
            self.saved = self.app.put_appointment(self.saved)
        else:
            self.saved = self.app.put_appointment(replace(self.after, id=self.before.id))

    def revert(self) -> None:
        assert self.saved is not None and self.saved.id is not None
        if self.before is None:
            self.app.delete_appointment(self.saved.id)
        else:
            self.app.put_appointment(self.before)


class DeleteAppointment(NetworkCommand):
    def __init__(self, ctx: AppContext, appointment: Appointment) -> None:
        super().__init__(ctx, "Remove an appointment")
        self.appointment = appointment

    def apply(self) -> None:
        self.app.delete_appointment(self.appointment.id or 0)

    def revert(self) -> None:
        self.app.put_appointment(self.appointment)


class AddAsk(NetworkCommand):
    def __init__(self, ctx: AppContext, item: Ask) -> None:
        super().__init__(ctx, f"Add “{item.text.strip()}”")
        self.item = item
        self.saved: Ask | None = None

    def apply(self) -> None:
        self.saved = (self.app.add_ask(self.item) if self.saved is None
                      else self.app.put_ask(self.saved))

    def revert(self) -> None:
        assert self.saved is not None
        self.app.delete_ask(self.saved.id or 0)


class DeleteAsk(NetworkCommand):
    def __init__(self, ctx: AppContext, item: Ask) -> None:
        super().__init__(ctx, f"Remove “{item.text}”")
        self.item = item

    def apply(self) -> None:
        self.app.delete_ask(self.item.id or 0)

    def revert(self) -> None:
        self.app.put_ask(self.item)


class TickAsks(NetworkCommand):
    """Tick off (or untick) one or more at once, as a check-in's ticks do."""

    def __init__(self, ctx: AppContext, ask_ids: list[int], done: bool) -> None:
        count = len(ask_ids)
        what = "1 thing" if count == 1 else f"{count} things"
        super().__init__(ctx, f"Tick off {what}" if done else f"Untick {what}")
        self.ask_ids = ask_ids
        self.done = done
        self.before: list[Ask] = []

    def apply(self) -> None:
        self.before = self.app.set_asks_done(self.ask_ids, self.done)

    def revert(self) -> None:
        for item in self.before:
            self.app.put_ask(item)

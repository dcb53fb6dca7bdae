"""The safety plan editor: the Stanley–Brown steps, each a short list of items.

Every change is saved as it is made (a finished line, a person chosen, a move or a
removal) and can be undone with Edit > Undo, so nothing typed is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.errors import KnownError
from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import PlanItem, Supporter
from supportdesk.services.exporting import ExportFormat
from supportdesk.services.safety_plan import Plan
from supportdesk.ui.context import AppContext
from supportdesk.ui.focus_order import keep_in_place, place_after
from supportdesk.ui.pages.page_header import PageHeader
from supportdesk.ui.pages.plan_commands import PlanLike, save_plan
from supportdesk.ui.pages.view_parts import Card, ContactGrid, ScrollingPage, body
from supportdesk.ui.pdf.export import save_pdf
from supportdesk.ui.plain import plain_label, plain_tooltip, tell
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url


class PlanItemEditor(QWidget):
    """One item: its words, and on people steps a linked person with their contact buttons.

    Signals:
        edited(): the words were finished or the person changed.
        move_requested(int): -1 up, +1 down.
        remove_requested(): the remove button was pressed.
        reached_out(int, str): the linked person's contact button was used.
    """

    edited = Signal()
    move_requested = Signal(int)
    remove_requested = Signal()
    reached_out = Signal(int, str)

    def __init__(self, step: PlanStep, item: PlanItem, supporters: list[Supporter],
                 parent: QWidget | None = None, opener: UrlOpener = open_url) -> None:
        super().__init__(parent)
        self.step = step
        self.supporters = {s.id: s for s in supporters}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        self.opener = opener
        self.person: QComboBox | None = None
        self.contacts: ContactGrid | None = None
        self._outer = outer
        if step.links_people:
            self.person = QComboBox(self)
            # As wide as the longest name: the note beside it gives way, not the name.
            self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.person.setAccessibleName(f"{step.label}: person from your network")
            self.person.addItem("No one linked", None)
            wanted = [s for s in supporters if step is not PlanStep.PROFESSIONALS
                      or s.kind in (Kind.PROFESSIONAL, Kind.CRISIS)] or supporters
            for supporter in wanted:
                self.person.addItem(supporter.name, supporter.id)
            index = self.person.findData(item.supporter_id)
            self.person.setCurrentIndex(max(0, index))
            row.addWidget(self.person)
            self.person.activated.connect(self._on_person_activated)
        # Made after the person it follows, so Tab meets them as they are read.
        self.text = QLineEdit(item.text, self)
        self.text.setPlaceholderText("A note (optional)" if step.links_people else step.prompt)
        self.text.setAccessibleName(f"{step.label}: item")
        row.addWidget(self.text, 1)
        for text, name, signal_arg in (("↑", "Move up", -1), ("↓", "Move down", 1)):
            button = QToolButton(self)
            button.setText(text)
            button.setAccessibleName(f"{name}: {step.label}")
            button.setToolTip(plain_tooltip(name))
            button.clicked.connect(lambda _=False, d=signal_arg: self.move_requested.emit(d))
            row.addWidget(button)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("Remove")
        self.remove_button.setAccessibleName(f"Remove this item from {step.label}")
        self.remove_button.clicked.connect(self.remove_requested.emit)
        row.addWidget(self.remove_button)
        outer.addLayout(row)
        if step.links_people:
            self._show_contacts()
        self.text.editingFinished.connect(self.edited.emit)

    def item(self) -> PlanItem:
        linked = self.person.currentData() if self.person is not None else None
        return PlanItem(self.step, self.text.text(), int(linked) if linked else None)

    def _show_contacts(self) -> None:
        """The linked person's contact buttons under the line (none when no one is linked)."""
        if self.contacts is not None:
            self._outer.removeWidget(self.contacts)
            self.contacts.hide()
            self.contacts.deleteLater()
            self.contacts = None
        supporter = self.supporters.get(self.item().supporter_id)
        if supporter is not None:
            self.contacts = ContactGrid(supporter.contacts, supporter.name, self, self.opener,
                                        per_row=3, supporter_id=supporter.id or 0)
            self.contacts.reached_out.connect(self.reached_out)
            self._outer.addWidget(self.contacts)
            place_after(self.remove_button, [self.contacts])

    def _on_person_activated(self) -> None:
        self._show_contacts()
        self.edited.emit()


class StepCard(Card):
    """One step: its prompt, its items, and an Add button.

    Signals:
        changed(str): the step's items changed (the words for the undo entry).
        reached_out(int, str): a linked person's contact button was used.
    """

    changed = Signal(str)
    reached_out = Signal(int, str)

    def __init__(self, step: PlanStep, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(step.label, parent)
        self.step = step
        self.opener = opener
        self.supporters: list[Supporter] = []
        self.rows: list[PlanItemEditor] = []
        self.content.addWidget(body(step.prompt, self, muted=True))
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(6)
        self.content.addLayout(self.list_layout)
        self.add_button = QPushButton("Add", self)
        self.add_button.setAccessibleName(f"Add to {step.label}")
        self.add_button.clicked.connect(self.add_item)
        self.content.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def set_items(self, items: list[PlanItem], supporters: list[Supporter]) -> None:
        self.supporters = supporters
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        for item in items:
            self._append(item)

    def _append(self, item: PlanItem) -> PlanItemEditor:
        row = PlanItemEditor(self.step, item, self.supporters, self, self.opener)
        row.edited.connect(lambda: self.changed.emit(f"Edit {self.step.label.lower()}"))
        row.move_requested.connect(lambda d, r=row: self.move_row(r, d))
        row.reached_out.connect(self.reached_out)
        row.remove_requested.connect(lambda r=row: self.remove_row(r))
        self.list_layout.addWidget(row)
        self.rows.append(row)
        self._keep_tab_order()
        return row

    def _keep_tab_order(self) -> None:
        """Items, then this step's Add button, where the step stands in Tab order."""
        keep_in_place(self, [*self.rows, self.add_button])

    def add_item(self) -> PlanItemEditor:
        row = self._append(PlanItem(self.step))
        (row.person or row.text).setFocus()
        return row

    def move_row(self, row: PlanItemEditor, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(index))
        self.list_layout.removeWidget(row)
        self.list_layout.insertWidget(target, row)
        self._keep_tab_order()
        self.changed.emit(f"Reorder {self.step.label.lower()}")

    def remove_row(self, row: PlanItemEditor) -> None:
        self.rows.remove(row)
        self.list_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.changed.emit(f"Remove from {self.step.label.lower()}")

    def items(self) -> list[PlanItem]:
        return [row.item() for row in self.rows]


class SafetyPlanPage(ScrollingPage):
    """The safety plan editor; saves through the service, one undo step per change."""

    topics: ClassVar[frozenset[str]] = frozenset({"plan", "people"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.app.safety_plan
        self._shown: tuple[Plan, list[Supporter]] | None = None
        self.saved: Plan = self.service.plan()
        self._saving = False
        self.name_page("Safety plan")
        self.header = PageHeader("My safety plan",
            "A plan for hard moments, written while things are a little calmer. Go step by "
            "step, in your own words; it's fine to leave some steps empty for now.",
            self.holder)
        self.column.addWidget(self.header)
        # one line kept for how saving went, so nothing moves as they type
        self.status = plain_label("Everything is saved as you go, and Edit › Undo takes back "
                                  "a change.", self.holder)
        self.my_people_button = QPushButton("Send to my people…", self.holder)
        self.my_people_button.setAccessibleName(
            "Send your hard-time message to the people you can ask for help, one at a time")
        self.my_people_button.clicked.connect(self._on_my_people_clicked)
        self.message_button = QPushButton("Send a message…", self.holder)
        self.message_button.setAccessibleName("Send a message with words ready to go")
        self.message_button.clicked.connect(self._on_message_clicked)
        self.print_button = QPushButton("Save as PDF to print…", self.holder)
        self.print_button.setAccessibleName("Save the plan as a PDF to print")
        self.print_button.clicked.connect(self._on_print_clicked)
        for button in (self.my_people_button, self.message_button, self.print_button):
            self.header.add_button(button)
        self.column.addWidget(self.status)
        self.cards: dict[PlanStep, StepCard] = {}
        for number, step in enumerate(PlanStep, start=1):
            card = StepCard(step, self.holder, opener)
            card.title.setText(f"{number}. {step.label}") if card.title else None
            card.changed.connect(self._on_card_changed)
            card.reached_out.connect(ctx.events.reached_out)
            self.cards[step] = card
            self.column.addWidget(card)
        self.column.addStretch(1)
        self.opener = opener
        self.refresh()

    def _on_my_people_clicked(self) -> None:
        from supportdesk.ui.messages.my_people import SendToMyPeopleDialog
        from supportdesk.ui.messages.send_dialog import run_dialog

        run_dialog(SendToMyPeopleDialog(self.ctx, self.window(), self.opener))

    def _on_message_clicked(self) -> None:
        from supportdesk.ui.messages.send_dialog import SendMessageDialog, run_dialog

        run_dialog(SendMessageDialog(self.ctx, parent=self.window(), opener=self.opener))

    def refresh(self) -> None:
        """Show the plan as saved; what is on screen already (this page's own save) is
        left alone, so the field being typed in keeps its place."""
        plan = self.service.plan()
        supporters = self.ctx.app.network.supporters()
        if self._shown == (plan, supporters) or self._saving:
            return
        self._shown = (plan, supporters)
        self.saved = plan
        for step, card in self.cards.items():
            card.set_items(self.saved[step], supporters)

    def current_plan(self) -> Plan:
        return {step: card.items() for step, card in self.cards.items()}

    def _on_card_changed(self, words: str) -> None:
        after = self.current_plan()
        if _comparable(after) == _comparable(self.saved):
            return
        self._saving = True
        try:
            self.saved = save_plan(self.ctx, self.saved, after, words)
            if self._shown is not None:  # on screen already: the bus need not rebuild it
                self._shown = (self.saved, self._shown[1])
            self.status.setText("Saved.")
        except KnownError as error:
            self.status.setText(error.message)  # what they typed stays in the fields
        finally:
            self._saving = False

    def _on_print_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the plan as a PDF", str(Path.home() / "my-safety-plan.pdf"),
            "PDF document (*.pdf)")
        if not path:
            return
        try:
            saved = save_pdf(self.ctx.app, ExportFormat.PDF, Path(path).with_suffix(".pdf"))
        except KnownError as error:
            tell(self, "Couldn't save the PDF", str(error), warning=True)
            return
        self.status.setText(f"Saved {saved.name}. It opens in your PDF viewer to print.")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved)))


def _comparable(plan: PlanLike) -> list[tuple[str, str, int | None]]:
    """The plan as what a person would notice: kept items' words and links, in order."""
    return [(step.value, item.text.strip(), item.supporter_id)
            for step in PlanStep for item in plan.get(step, ())
            if item.text.strip() or item.supporter_id is not None]

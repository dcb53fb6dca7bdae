"""The crisis-only view: help without the rest of SupportDesk.

Shown from the lock screen (nothing is unlocked), from inside any dialog (Ctrl+Shift+H),
from the tray while locked, and at first run before there is a vault. It holds the
emergency number, the country's crisis lines (each with where its details were found),
and only the people the person chose to show while locked.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supportdesk.core.crisis import confirmation_words
from supportdesk.core.kinds import Channel
from supportdesk.core.model import CrisisLine, Supporter
from supportdesk.services.crisis_lines import (
    CrisisLinesService,
    CrisisNow,
    crisis_now,
    evidence_for,
    shipped_directory,
)
from supportdesk.ui.crisis.strip import CrisisStrip, line_detail
from supportdesk.ui.focus_order import place_after
from supportdesk.ui.pages.view_parts import (
    ContactGrid,
    body,
    crisis_contact,
    heading,
    name_scroll_area,
)
from supportdesk.ui.plain import plain_label
from supportdesk.ui.widgets.contact_buttons import UrlOpener, open_url

OBJECT_NAME = "CrisisOnlyView"
# The app lock leaves a window with this property uncovered: crisis help stays in reach.
SHOWN_WHILE_LOCKED = "supportdesk_shown_while_locked"
WARM_LINE = "You don't have to go through this alone."
NO_PEOPLE_LOCKED = ("To see people you trust here too, open their page, choose Edit, and "
                    "tick “Show them on the lock screen's crisis help”.")


class CrisisOnlyView(QDialog):
    """Emergency number, crisis lines and the people chosen to show while locked."""

    def __init__(self, now: CrisisNow, parent: QWidget | None = None,
                 opener: UrlOpener = open_url) -> None:
        super().__init__(parent)
        self.setObjectName(OBJECT_NAME)
        self.setProperty(SHOWN_WHILE_LOCKED, True)
        self.setWindowTitle("Help right now")
        self.setAccessibleName("Help right now")
        self.opener = opener
        self.people = now.people
        self.contact_rows: list[ContactGrid] = []
        self.line_names: list[str] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading(WARM_LINE, 1.5, self))
        self.strip = CrisisStrip(self, opener, can_add=False)
        layout.addWidget(self.strip)
        choose = QHBoxLayout()
        choose_label = plain_label("Crisis lines for", self)
        self.country_box = QComboBox(self)
        self.country_box.setAccessibleName("Country for crisis lines")
        choose_label.setBuddy(self.country_box)
        choose.addWidget(choose_label)
        choose.addWidget(self.country_box, 1)
        layout.addLayout(choose)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        name_scroll_area(self.scroll_area, "Help right now")
        layout.addWidget(self.scroll_area, 1)
        self.close_button = QPushButton("Close", self)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self._fill_countries(now)
        self.country_box.currentIndexChanged.connect(self._on_country_changed)
        self.show_now(now)
        self.resize(640, 640)

    def _fill_countries(self, now: CrisisNow) -> None:
        if not now.country:
            self.country_box.addItem("Choose your country…", "")
        names = {c.code: c.name for c in shipped_directory().countries.values()}
        if now.country and now.country not in names:
            names[now.country] = QLocale.territoryToString(
                QLocale.codeToTerritory(now.country)) or now.country
        for code, name in sorted(names.items(), key=lambda item: item[1]):
            self.country_box.addItem(name, code)
        self.country_box.setCurrentIndex(max(0, self.country_box.findData(now.country)))

    def show_now(self, now: CrisisNow) -> None:
        self.now = now
        self.strip.show_now(now)
        self.contact_rows = []
        self.line_names = [now.main.name] if now.main is not None else []
        column_holder = QWidget()
        column = QVBoxLayout(column_holder)
        column.setSpacing(10)
        column.addWidget(heading("People you chose", 1.2, column_holder))
        if not self.people:
            column.addWidget(body(NO_PEOPLE_LOCKED, column_holder, muted=True))
        for person in self.people:
            column.addWidget(self._person_row(person, column_holder))
        others = [line for line in now.lines if line is not now.main]
        if others:
            column.addWidget(heading("More crisis lines", 1.2, column_holder))
        for line in others:
            column.addWidget(self._line_row(line, column_holder))
            self.line_names.append(line.name)
        column.addStretch(1)
        self.scroll_area.setWidget(column_holder)
        place_after(self.scroll_area, [column_holder])  # before Close, as it reads

    def _line_row(self, line: CrisisLine, parent: QWidget) -> QWidget:
        row = QWidget(parent)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 6)
        channel = "" if line.channel is Channel.CALL else f"{line.channel.label} · "
        layout.addWidget(body(f"{line.name}: {channel}{line_detail(line)}", row))
        buttons = ContactGrid([crisis_contact(line)], line.name, row, self.opener)
        self.contact_rows.append(buttons)
        layout.addWidget(buttons)
        words = "Added by you." if line.user_added else confirmation_words(evidence_for(line))
        layout.addWidget(body(words, row, muted=True, scale=0.9))
        return row

    def _person_row(self, person: Supporter, parent: QWidget) -> QWidget:
        row = QWidget(parent)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(body(person.name, row, scale=1.1))
        buttons = ContactGrid(person.contacts, person.name, row, self.opener)
        self.contact_rows.append(buttons)
        layout.addWidget(buttons)
        return row

    def _on_country_changed(self) -> None:
        """Another country's lines, for now only (nothing is saved from here)."""
        code = str(self.country_box.currentData() or "")
        shown = crisis_now(code, None)
        self.show_now(CrisisNow(shown.country, shown.country_name, shown.emergency,
                                shown.emergency_dial, shown.lines, shown.main, self.people,
                                shown.helplines_name, shown.helplines_url))


def open_crisis_view(lines: CrisisLinesService | None, parent: QWidget | None = None,
                     opener: UrlOpener = open_url) -> CrisisOnlyView:
    """Show the crisis-only view above everything (raising one already open); focus
    lands on its main crisis line."""
    from supportdesk.ui.pdf.export import locale_country  # loads only when needed

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CrisisOnlyView) and widget.isVisible():
            widget.raise_()
            widget.activateWindow()
            return widget
    # Without a vault (the first run's welcome) the shipped list alone.
    now = lines.now(locale_country()) if lines is not None else crisis_now(locale_country(), None)
    view = CrisisOnlyView(now, parent, opener)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.setWindowModality(Qt.WindowModality.ApplicationModal)
    view.show()
    view.raise_()
    view.activateWindow()
    buttons = view.strip.buttons()
    if buttons:
        buttons[-1].setFocus(Qt.FocusReason.OtherFocusReason)
    return view

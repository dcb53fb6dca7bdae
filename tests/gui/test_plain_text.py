"""User text is shown exactly as typed: markup in a name or a note is never drawn as
rich text, never wrecks a layout, and never makes Qt load a local file.

One supporter carries markup in every text field; every page, the person page and
the dialogs are opened; every label and tooltip that holds that text must show it
verbatim, and the ``<img>`` file it points at must never be opened (inotify sees it).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGraphicsView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItemIterator,
    QWidget,
)
from pytestqt.qtbot import QtBot

from supportdesk.core.kinds import Channel, ContactType, Kind, PlanStep, Ring
from supportdesk.core.model import (
    Boundaries,
    CheckIn,
    ContactMethod,
    CrisisLine,
    HelpNotes,
    PlanItem,
    Supporter,
)
from supportdesk.services.crisis_lines import CrisisLinesService
from supportdesk.services.safety_plan import SafetyPlanService, empty_plan
from supportdesk.ui.context import AppContext
from supportdesk.ui.main_window import MainWindow
from supportdesk.ui.pages import PAGES
from supportdesk.ui.plain import plain_label, plain_message_box, plain_title, plain_tooltip
from tests.conftest import FIXED_NOW

IN_OPEN = 0x20
IN_NONBLOCK = 0o4000


class OpenWatch:
    """Whether a file is opened, by anyone (inotify IN_OPEN; Linux only, where the
    suite runs in CI — elsewhere the label formats are still checked)."""

    def __init__(self, path: Path) -> None:
        self.fd = -1
        if not sys.platform.startswith("linux"):
            return
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(IN_NONBLOCK)
        assert self.fd >= 0
        assert libc.inotify_add_watch(self.fd, os.fsencode(path), IN_OPEN) >= 0

    def opened(self) -> bool:
        if self.fd < 0:
            return False
        try:
            return bool(os.read(self.fd, 4096))
        except BlockingIOError:
            return False

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)


@pytest.fixture
def image(tmp_path: Path) -> Iterator[tuple[str, OpenWatch]]:
    probe = tmp_path / "probe.png"
    probe.write_bytes(b"\x89PNG\r\n\x1a\n")
    watch = OpenWatch(probe)
    yield f'<b>bold</b><img src="{probe}"><a href="x">link</a>', watch
    watch.close()


def seed_markup(ctx: AppContext, markup: str) -> Supporter:
    """One supporter whose every text field holds ``markup``, with a check-in, gratitude,
    safety-plan items and an own crisis line holding it too."""
    network = ctx.session.network
    saved = network.save_supporter(Supporter(
        name=markup, kind=Kind.GROUP, ring=Ring.INNER,
        meeting_schedule=markup, meeting_place=markup, notes=markup,
        contacts=[ContactMethod(ContactType.ADDRESS, markup, markup, True),
                  ContactMethod(ContactType.EMAIL, "<b>bold</b><i>x</i>@example.org", markup)],
        boundaries=Boundaries(mine=markup, theirs=markup),
        help=HelpNotes(warning_signs=markup, what_helps=markup, what_does_not=markup,
                       in_a_crisis=markup)))
    assert saved.id is not None
    network.log_checkin(CheckIn(saved.id, FIXED_NOW - timedelta(days=40), note=markup,
                                mood_before=2, mood_after=3))
    network.add_gratitude(saved.id, markup)
    plan = empty_plan()
    for step in PlanStep:
        plan[step] = [PlanItem(step, markup)]
    plan[PlanStep.ASK_FOR_HELP].append(PlanItem(PlanStep.ASK_FOR_HELP, markup, saved.id))
    SafetyPlanService(ctx.session.repo).save(plan)
    lines = CrisisLinesService(ctx.session.repo)
    lines.set_country("GB")
    lines.add_line(CrisisLine("GB", markup, "116 123", Channel.CALL, markup,
                              "https://example.org/help",
                              notes=markup))
    return saved


def shown(text: str) -> str:
    """What Qt draws for a tooltip string (rich text when it looks like markup)."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def eaten(tip: str) -> bool:
    """Whether a tooltip holding the markup (or a link made from it) loses it on show."""
    text = shown(tip)
    return "bold" in text and "<b>bold</b>" not in text and "%3Cb%3Ebold" not in text


def widgets_of(root: QWidget) -> list[QWidget]:
    return [root, *root.findChildren(QWidget)]


def check_plain(root: QWidget, markup: str) -> list[str]:
    """Every label, button and tooltip holding the markup shows it verbatim; returns
    the problems found (empty when all is well) and asserts the markup is on show."""
    problems: list[str] = []
    seen = 0
    for widget in widgets_of(root):
        if isinstance(widget, QLabel) and "bold</b>" in widget.text():
            seen += 1
            if widget.textFormat() != Qt.TextFormat.PlainText:
                problems.append(f"label {widget.text()[:60]!r} is {widget.textFormat().name}")
        if isinstance(widget, QAbstractButton) and "bold</b>" in widget.text():
            seen += 1
        tip = widget.toolTip()
        if eaten(tip):
            problems.append(f"tooltip of {type(widget).__name__} shows {shown(tip)[:60]!r}")
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                seen += "bold" in item.toolTip()
                if eaten(item.toolTip()):
                    problems.append(f"map tooltip shows {shown(item.toolTip())[:60]!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()  # cells are drawn as plain text; their tooltips are not
            for row in range(min(model.rowCount(), 50)):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    seen += markup in str(index.data(Qt.ItemDataRole.DisplayRole))
                    tip = index.data(Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and eaten(tip):
                        problems.append(f"cell tooltip shows {shown(tip)[:60]!r}")
        if isinstance(widget, QTreeWidget):
            iterator = QTreeWidgetItemIterator(widget)
            while (item := iterator.value()) is not None:
                tip = item.toolTip(0)
                seen += markup in item.text(0)
                if eaten(tip):
                    problems.append(f"list tooltip shows {shown(tip)[:60]!r}")
                iterator += 1
    assert seen, "the markup should be on show somewhere here"
    return problems


def check_import_dialog(ctx: AppContext, qtbot: QtBot, markup: str, parent: QWidget,
                        folder: Path) -> list[str]:
    """A vCard whose name, contacts and note hold the markup, in the import preview."""
    from supportdesk.ui.import_dialog import import_file

    folded = markup.replace(";", "\\;").replace(",", "\\,")
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:{folded}\r\nADR:;;{folded};;;;\r\nNOTE:{folded}\r\nEND:VCARD\r\n")
    path = folder / "markup.vcf"
    path.write_text(card, encoding="utf-8")
    dialog = import_file(ctx, path, parent)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    found = check_plain(dialog, markup)
    dialog.reject()
    return found


def test_markup_in_every_field_shows_as_typed_on_every_page_and_dialog(
    ctx: AppContext, qtbot: QtBot, image: tuple[str, OpenWatch], tmp_path: Path
) -> None:
    markup, watch = image
    ctx.session.clock = lambda: FIXED_NOW
    someone = seed_markup(ctx, markup)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1100, 800)
    window.show()
    qtbot.waitExposed(window)
    problems: dict[str, list[str]] = {}
    for spec in PAGES:
        window.show_page(spec.key)
        QApplication.processEvents()
        problems[spec.key] = check_plain(window.page(spec.key), markup)
    window.show_supporter(someone.id or 0)
    QApplication.processEvents()
    person = window.stack.currentWidget()
    problems["person"] = check_plain(person, markup)
    texts = {label.text() for label in person.findChildren(QLabel) if label.isVisibleTo(person)}
    assert markup in texts  # the name, every note: shown verbatim

    from supportdesk.ui.editors.checkin_dialog import CheckinDialog
    from supportdesk.ui.editors.gratitude_dialog import GratitudeDialog
    from supportdesk.ui.editors.supporter_editor import SupporterEditor

    checkin = ctx.session.network.checkins()[0]
    entry = ctx.session.network.gratitude()[0]
    for dialog in (SupporterEditor(ctx, someone, window),
                   CheckinDialog(ctx, someone.id, checkin, window),
                   GratitudeDialog(ctx, someone.id, entry, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        for widget in widgets_of(dialog):
            if isinstance(widget, QLabel) and "bold</b>" in widget.text():
                assert widget.textFormat() == Qt.TextFormat.PlainText, type(dialog).__name__
            assert not eaten(widget.toolTip())
        dialog.reject()
    QApplication.processEvents()
    problems["import"] = check_import_dialog(ctx, qtbot, markup, window, tmp_path)
    found_problems = {key: found for key, found in problems.items() if found}
    assert found_problems == {}
    assert not watch.opened(), "a label loaded the local file named in <img src>"


def test_the_helpers_show_markup_as_typed(qtbot: QtBot, image: tuple[str, OpenWatch]) -> None:
    markup, watch = image
    label = plain_label(markup)
    qtbot.addWidget(label)
    label.show()
    box = plain_message_box(QMessageBox.Icon.Warning, "Title", markup)
    qtbot.addWidget(box)
    box.show()
    QApplication.processEvents()
    assert label.text() == markup and label.textFormat() == Qt.TextFormat.PlainText
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert shown(plain_tooltip(markup)) == markup
    assert shown(plain_tooltip("Tom & Jerry <3 > 2\nsecond line")) == (
        "Tom & Jerry <3 > 2\nsecond line")
    assert plain_tooltip("Ctrl+N") == "Ctrl+N"  # ordinary words are left alone
    label.setWindowTitle(plain_title("Edit Sam [*] & co"))
    handle = label.windowHandle()
    assert handle is not None and handle.title() == "Edit Sam [*] & co"
    assert not watch.opened()


def test_a_fixed_label_is_for_wording_without_markup(qtbot: QtBot) -> None:
    """The first frame's note is shown as it is, and the helper refuses anything that
    Qt could take for markup (so it can never carry a person's text drawn as HTML)."""
    from supportdesk.ui.plain import fixed_label

    label = fixed_label("Opening your notes…")
    qtbot.addWidget(label)
    assert label.text() == "Opening your notes…"
    with pytest.raises(ValueError):
        fixed_label("<b>Opening</b>")

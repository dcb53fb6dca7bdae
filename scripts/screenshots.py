"""Screenshots of every page over the demo network, light and dark, into docs/screenshots/.

    make screenshots                      (under scripts/test-env.sh's private desktop)
    DISPLAY=:94 .venv/bin/python scripts/screenshots.py [--out DIR] [--scheme light|dark]
    SUPPORTDESK_LANGUAGE=de ... scripts/screenshots.py   (in German; also fr, es, pseudo)

Without --scheme it runs itself once per colour scheme, each in a fresh process, so
nothing of one look leaks into the other. Files: <scheme>-<page key>.png, plus
<scheme>-person.png (People with that person's page beside the list), "How are you?"
(<scheme>-mood.png) and the Check-ins page's "Just me"
list (<scheme>-checkins-mood.png), its year at a glance (<scheme>-checkins-year.png, and
<scheme>-checkins-year-800.png at 800x600), Today's opt-in "It's been quiet lately" on a small
vault of its own (<scheme>-today-quiet.png), Today's opt-in "Time with your people"
(<scheme>-today-people.png) and the person page's section (<scheme>-person-mood.png),
Settings > Reminders and Settings > Mood (<scheme>-settings-reminders.png,
<scheme>-settings-mood.png), <scheme>-log_this.png ("Log this?" after a call),
the message picker (<scheme>-message_picker.png), "Send to my people"
(<scheme>-send_to_my_people.png), "Who can I ask for…?" on Reach out now
(<scheme>-ask_for_help.png; at 800x600 <scheme>-ask_for_help-800.png),
<scheme>-welcome.png, <scheme>-recovery.png, Help > About (<scheme>-about.png),
the lock screen (<scheme>-locked.png),
the crisis-only view (<scheme>-crisis_view.png), the editor's "Meetings and dates" tab
(<scheme>-editor-meetings.png), its About and Contact tabs at its smallest
(<scheme>-editor-about.png, <scheme>-editor-contact.png) and, at 800x600, <scheme>-today-800.png,
<scheme>-circles-800.png, <scheme>-people-800.png (the list alone) and
<scheme>-person-800.png (a person's page in its place),
<scheme>-reach_out-800.png, <scheme>-locked-800.png and the list pages of an empty vault
(<scheme>-<people|checkins|gratitude>-empty-800.png). A throwaway vault is used and
removed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WINDOW_SIZE = (1100, 720)
SMALL_SIZE = (800, 600)
SHOWN_WHEN_LOCKED = "Robin Okafor-Lind"
SCHEMES = ("light", "dark")
PERSON_SHOWN = "Priya Andersen-Achebe"
GROUP_SHOWN = "Oakfield Peer Support Circle"


def settle(app: object, seconds: float = 0.4) -> None:
    """Let layouts, timers and lazy loading finish before grabbing. Widgets given
    ``deleteLater`` go too: without a running event loop (this script never runs one)
    they would stay on screen, as the app's own loop never lets them."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        time.sleep(0.02)


def shoot(scheme: str, out: Path) -> list[Path]:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from supportdesk.services.demo import fill_demo
    from supportdesk.services.session import create_session
    from supportdesk.ui import icons
    from supportdesk.ui.about_dialog import AboutDialog
    from supportdesk.ui.context import AppContext
    from supportdesk.ui.events import Events
    from supportdesk.ui.extensions import install_all
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.pages import PAGES
    from supportdesk.ui.startup.recovery import KEY_MISSING_TEXT, RecoveryDialog
    from supportdesk.ui.startup.welcome import WelcomeDialog
    from supportdesk.ui.theme import Theme
    from supportdesk.vault.keystore import MemoryKeyStore
    from supportdesk.vault.recovery import generate_recovery_key

    folder = Path(tempfile.mkdtemp(prefix="supportdesk-shots-"))
    QCoreApplication.setOrganizationName("SupportDeskScreenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication(sys.argv[:1])
    app.setApplicationName("SupportDesk")
    from supportdesk.ui import translations

    translations.install(app)  # SUPPORTDESK_LANGUAGE=de|fr|es|pseudo, else the system's
    app.setWindowIcon(icons.app_icon())
    Theme(app, forced_dark=scheme == "dark")
    written: list[Path] = []
    session, _key = create_session(folder / "vault", MemoryKeyStore())
    try:
        ids = fill_demo(session, datetime.now(UTC))
        ctx = AppContext(session=session, events=Events(), undo=QUndoStack())
        window = MainWindow(ctx)
        window.extensions = install_all(window, ctx)
        window.resize(*WINDOW_SIZE)
        window.show()
        settle(app, 1.0)
        for spec in PAGES:
            window.show_page(spec.key)
            settle(app)
            written.append(_save(window.grab(), out / f"{scheme}-{spec.key}.png"))
        window.show_supporter(ids[PERSON_SHOWN])
        settle(app)
        written.append(_save(window.grab(), out / f"{scheme}-person.png"))
        written += _appointment_shots(app, window, ctx, ids, scheme, out)
        written += _mood_shots(app, window, scheme, out)
        written += _mood_connection_shots(app, window, ids, scheme, out)
        written += _year_shots(app, window, scheme, out)
        written.append(_daylio_shot(app, window, scheme, out))
        written.append(_log_this_shot(app, window, ids, scheme, out))
        written += _words_shots(app, window, ids, scheme, out)
        written += _crisis_shots(app, window, ctx, ids, scheme, out)
        written.append(_meetings_editor_shot(app, window, ctx, ids, scheme, out))
        written.extend(_editor_shots(app, window, ctx, ids, scheme, out))
        window.resize(*SMALL_SIZE)
        window.show_page("today")
        settle(app)
        written.append(_save(window.grab(), out / f"{scheme}-today-800.png"))
        window.show_page("circles")
        settle(app)
        written.append(_save(window.grab(), out / f"{scheme}-circles-800.png"))
        written += _people_800_shots(app, window, ids, scheme, out)
        window.resize(*WINDOW_SIZE)

        welcome = WelcomeDialog(generate_recovery_key(), window)
        welcome.show()
        settle(app)
        written.append(_save(welcome.grab(), out / f"{scheme}-welcome.png"))
        welcome.stored_check.setChecked(True)
        welcome.accept()

        recovery: RecoveryDialog[None] = RecoveryDialog(KEY_MISSING_TEXT, lambda _k: None, window)
        recovery.show()
        settle(app)
        written.append(_save(recovery.grab(), out / f"{scheme}-recovery.png"))
        recovery.reject()

        about = AboutDialog(Path("/home/you/.local/share/SupportDesk"), window)  # as on Linux
        about.show()
        settle(app)
        written.append(_save(about.grab(), out / f"{scheme}-about.png"))
        about.reject()
        window.keep_running_on_close = False
        window.close()
        settle(app, 0.2)
    finally:
        session.close()
        shutil.rmtree(folder, ignore_errors=True)
    written += _quiet_shot(app, scheme, out)
    written += _empty_list_shots(app, scheme, out)
    return written


@contextmanager
def _vault_of_its_own() -> Iterator[Any]:
    """An AppContext over an empty vault in a temporary folder, removed afterwards."""
    from PySide6.QtGui import QUndoStack

    from supportdesk.services.session import create_session
    from supportdesk.ui.context import AppContext
    from supportdesk.ui.events import Events
    from supportdesk.vault.keystore import MemoryKeyStore

    folder = Path(tempfile.mkdtemp(prefix="supportdesk-shots-"))
    session, _key = create_session(folder / "vault", MemoryKeyStore())
    ctx = AppContext(session=session, events=Events(), undo=QUndoStack())
    try:
        yield ctx
    finally:
        ctx.bus.stop()
        session.close()
        shutil.rmtree(folder, ignore_errors=True)


def _empty_list_shots(app: object, scheme: str, out: Path) -> list[Path]:
    """People, Check-ins and Gratitude before anything is in them, at 800x600."""
    from supportdesk.ui.pages.checkins import CheckinsPage
    from supportdesk.ui.pages.gratitude import GratitudePage
    from supportdesk.ui.pages.people import PeoplePage

    written = []
    with _vault_of_its_own() as ctx:
        for key, kind in (("people", PeoplePage), ("checkins", CheckinsPage),
                          ("gratitude", GratitudePage)):
            page = kind(ctx)
            page.resize(*SMALL_SIZE)
            page.show()
            settle(app)
            written.append(_save(page.grab(), out / f"{scheme}-{key}-empty-800.png"))
            page.close()
    return written


def _appointment_shots(app: object, window: object, ctx: object, ids: dict[str, int],
                       scheme: str, out: Path) -> list[Path]:
    """Today with an appointment near, a GP's page with it and the questions to bring,
    and "When it might be time for more help"."""
    from supportdesk.core.appointments import Appointment, AskKind
    from supportdesk.ui.pages.people_split import shown_person_page

    gp = ids["Dr Amara Fenwick"]
    app_ = ctx.app  # type: ignore[attr-defined]
    start = (app_.now() + timedelta(days=1)).replace(hour=10, minute=30, second=0,
                                                     microsecond=0)
    app_.add_appointment(Appointment(gp, start, "Elm Street Surgery, room 4",
                                     remind_before=timedelta(hours=1)))
    for text in ("Could the new tablets be why I'm sleeping badly?",
                 "Is there a talking therapy I can refer myself to?"):
        app_.add_ask(app_.appointments.new_ask(gp, text, AskKind.QUESTION))
    app_.add_ask(app_.appointments.new_ask(ids[PERSON_SHOWN], "her job interview on Friday"))
    written = []
    window.show_page("today")  # type: ignore[attr-defined]
    settle(app)
    page = window.page("today")  # type: ignore[attr-defined]
    card = page.findChild(object, "appointments_card")
    if card is not None:
        page.scroll_area.ensureWidgetVisible(card, 0, 40)
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-today-appointment.png"))  # type: ignore[attr-defined]
    window.show_supporter(gp)  # type: ignore[attr-defined]
    settle(app)
    person = shown_person_page(window)  # type: ignore[arg-type]
    assert person is not None
    person.body.ensureWidgetVisible(person.appointment_box, 0, 20)
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-person-appointments.png"))  # type: ignore[attr-defined]
    window.show_page("more_help")  # type: ignore[attr-defined]
    settle(app)
    more = window.page("more_help")  # type: ignore[attr-defined]
    more.source_toggles[0].setChecked(True)
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-more_help.png"))  # type: ignore[attr-defined]
    return written


def _people_800_shots(app: object, window: object, ids: dict[str, int], scheme: str,
                      out: Path) -> list[Path]:
    """At 800x600 People is the list alone, and a person's page takes its place."""
    from supportdesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.show_page("people")
    window.page("people").select_id(ids[PERSON_SHOWN])  # type: ignore[attr-defined]
    settle(app)
    written = [_save(window.grab(), out / f"{scheme}-people-800.png")]
    window.show_supporter(ids[PERSON_SHOWN])
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-person-800.png"))
    return written


def _quiet_shot(app: object, scheme: str, out: Path) -> list[Path]:
    """Today with the quiet suggestion switched on: two people, twelve days unheard (at
    1100x720 and 800x600); then, with the suggestion of a professional switched on too
    and three low moods noted, "Things have been hard lately" above it."""
    from supportdesk.core.insights import EscalationRule
    from supportdesk.core.isolation import IsolationRule
    from supportdesk.core.kinds import ContactType, Kind, Ring
    from supportdesk.core.model import ContactMethod, Supporter
    from supportdesk.core.mood import MoodEntry
    from supportdesk.ui.pages.today import TodayPage

    with _vault_of_its_own() as ctx:
        now = datetime.now(UTC)
        for name, kind, contact in (
                ("Robin Okafor-Lind", Kind.FRIEND, ContactMethod(ContactType.PHONE,
                                                                 "+44 7700 900123")),
                ("Mum", Kind.FAMILY, ContactMethod(ContactType.SMS, "+44 7700 900456"))):
            ctx.session.repo.add_supporter(Supporter(name=name, kind=kind, ring=Ring.INNER,
                                                     contacts=[contact]),
                                           now=now - timedelta(days=12))
        ctx.app.add_mood_entry(MoodEntry(at=now - timedelta(hours=20), mood=2,
                                         feelings=("lonely",)))
        ctx.app.set_isolation_rule(IsolationRule(enabled=True, days=7))
        page = TodayPage(ctx, opener=lambda _url: True)
        page.resize(*WINDOW_SIZE)
        page.show()
        settle(app)
        targets = [_save(page.grab(), out / f"{scheme}-today-quiet.png")]
        page.resize(*SMALL_SIZE)
        settle(app)
        targets.append(_save(page.grab(), out / f"{scheme}-today-quiet-800.png"))
        ctx.session.repo.add_supporter(Supporter(name="Dr Amara Fenwick", kind=Kind.PROFESSIONAL,
                                                 ring=Ring.MIDDLE, contacts=[ContactMethod(
                                                     ContactType.PHONE, "+44 20 7946 0000")]),
                                       now=now - timedelta(days=12))
        for hours, mood in ((60, 2), (30, 1)):
            ctx.app.add_mood_entry(MoodEntry(at=now - timedelta(hours=hours), mood=mood))
        ctx.app.set_escalation_rule(EscalationRule(enabled=True))
        page.refresh()  # a page alone: no window to refresh it on the change
        page.resize(*WINDOW_SIZE)
        settle(app)
        targets.append(_save(page.grab(), out / f"{scheme}-today-hard.png"))
        page.close()
    return targets


def _mood_shots(app: object, window: object, scheme: str, out: Path) -> list[Path]:
    """The Check-ins page showing "Just me", and the "How are you?" dialog."""
    from supportdesk.ui.editors.mood_dialog import MoodDialog
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.pages.checkins import JUST_ME, CheckinsPage

    assert isinstance(window, MainWindow)
    written = []
    window.show_page("checkins")
    page = window.page("checkins")
    assert isinstance(page, CheckinsPage)
    page.view_box.setCurrentIndex(page.view_box.findData(JUST_ME))
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-checkins-mood.png"))
    page.view_box.setCurrentIndex(0)
    dialog = MoodDialog(window.ctx, mood=2, parent=window)
    dialog.feeling_boxes["tired"].setChecked(True)
    dialog.note_edit.setPlainText("Slow start; a walk might help.")
    dialog.show()
    settle(app)
    written.append(_save(dialog.grab(), out / f"{scheme}-mood.png"))
    dialog.mark_clean()
    dialog.reject()
    return written


def _mood_connection_shots(app: object, window: object, ids: dict[str, int], scheme: str,
                           out: Path) -> list[Path]:
    """Issue 16: Today's "Time with your people" and the person page's section (switched
    on for these), and the Settings tabs that choose them and the daily "How are you?"."""
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.pages.people_split import shown_person_page
    from supportdesk.ui.pages.person import PersonPage
    from supportdesk.ui.pages.today import TodayPage
    from supportdesk.ui.settings_dialog import SettingsDialog

    assert isinstance(window, MainWindow)
    written = []
    window.ctx.app.set_mood_effect_shown(True)
    window.show_page("today")
    settle(app)
    today = window.page("today")
    assert isinstance(today, TodayPage)
    today.scroll_area.ensureWidgetVisible(today.mood_effect_card, 0, 0)
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-today-people.png"))
    window.show_supporter(ids[PERSON_SHOWN])
    settle(app)
    person = shown_person_page(window)
    assert isinstance(person, PersonPage)
    scroll = person.body
    scroll.ensureWidgetVisible(person.mood_effect_box, 0, 0)
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-person-mood.png"))
    dialog = SettingsDialog(window.ctx, window.settings_tabs, window)
    dialog.show()
    for title in ("Reminders", "Mood"):
        index = next(i for i in range(dialog.tabs.count()) if dialog.tabs.tabText(i) == title)
        dialog.tabs.setCurrentIndex(index)
        settle(app)
        written.append(_save(dialog.grab(), out / f"{scheme}-settings-{title.lower()}.png"))
    dialog.reject()
    window.ctx.app.set_mood_effect_shown(False)
    return written


def _year_shots(app: object, window: object, scheme: str, out: Path) -> list[Path]:
    """Check-ins showing "My year in moods", at 1100x720 and 800x600."""
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.pages.checkins import YEAR, CheckinsPage

    assert isinstance(window, MainWindow)
    window.show_page("checkins")
    page = window.page("checkins")
    assert isinstance(page, CheckinsPage)
    page.view_box.setCurrentIndex(page.view_box.findData(YEAR))
    settle(app)
    written = [_save(window.grab(), out / f"{scheme}-checkins-year.png")]
    window.resize(*SMALL_SIZE)
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-checkins-year-800.png"))
    window.resize(*WINDOW_SIZE)
    page.view_box.setCurrentIndex(0)
    settle(app)
    return written


def _daylio_shot(app: object, window: object, scheme: str, out: Path) -> Path:
    """File > Import > Daylio backup: the preview of the sample backup, the person's own
    mood name "sleepy" chosen as Low (nothing is imported)."""
    from supportdesk.ui.daylio_dialog import daylio_dialog
    from supportdesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    dialog = daylio_dialog(window.ctx, REPO / "tests" / "data" / "daylio-sample.csv", window)
    box = dialog.name_boxes["sleepy"]
    box.setCurrentIndex(box.findText("2 · Low"))
    dialog.show()
    settle(app)
    shot = _save(dialog.grab(), out / f"{scheme}-daylio.png")
    dialog.reject()
    return shot


def _crisis_shots(app: object, window: object, ctx: object, ids: dict[str, int], scheme: str,
                  out: Path) -> list[Path]:
    """Reach out now at 800x600, the lock screen at both sizes, the crisis-only view."""
    from supportdesk.ui.crisis.view import open_crisis_view
    from supportdesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    app_ = window.ctx.app
    written = []
    window.resize(*SMALL_SIZE)
    window.show_page("reach_out")
    settle(app)
    written.append(_save(window.grab(), out / f"{scheme}-reach_out-800.png"))
    app_.set_shown_when_locked(ids[SHOWN_WHEN_LOCKED], True)
    lock = app_.app_lock
    lock.set_enabled(True)
    lock.set_pin("2468")
    app_.feed.poll()
    privacy = window.extensions["privacy"]
    privacy.lock_now()  # type: ignore[attr-defined]
    for size, name in ((SMALL_SIZE, "locked-800"), (WINDOW_SIZE, "locked")):
        window.resize(*size)
        settle(app)
        written.append(_save(window.grab(), out / f"{scheme}-{name}.png"))
    view = open_crisis_view(app_.crisis_lines, window)
    settle(app)
    written.append(_save(view.grab(), out / f"{scheme}-crisis_view.png"))
    view.close()
    privacy.unlock()  # type: ignore[attr-defined]
    lock.set_enabled(False)
    window.resize(*WINDOW_SIZE)
    settle(app, 0.2)
    return written


def _words_shots(app: object, window: object, ids: dict[str, int], scheme: str,
                 out: Path) -> list[Path]:
    """The message picker over a person's page, "Who can I ask for…?" on Reach out now
    (at both sizes) and "Send to my people"."""
    from supportdesk.ui.main_window import MainWindow
    from supportdesk.ui.messages.my_people import SendToMyPeopleDialog
    from supportdesk.ui.messages.send_dialog import SendMessageDialog
    from supportdesk.ui.pages.reach_out import ReachOutPage

    assert isinstance(window, MainWindow)
    written = []
    window.show_supporter(ids[PERSON_SHOWN])
    picker = SendMessageDialog(window.ctx, ids[PERSON_SHOWN], window, opener=lambda _u: True)
    picker.template_list.setCurrentRow(1)
    picker.show()
    settle(app)
    written.append(_save(picker.grab(), out / f"{scheme}-message_picker.png"))
    picker.reject()
    people = SendToMyPeopleDialog(window.ctx, window, opener=lambda _u: True)
    people.show()
    settle(app)
    written.append(_save(people.grab(), out / f"{scheme}-send_to_my_people.png"))
    people.reject()
    for size, name in ((WINDOW_SIZE, "ask_for_help"), (SMALL_SIZE, "ask_for_help-800")):
        window.resize(*size)
        window.show_page("reach_out")
        page = window.page("reach_out")
        assert isinstance(page, ReachOutPage) and page.ask_card is not None
        page.ask_card.choose("a lift")
        settle(app)
        page.scroll_area.ensureWidgetVisible(page.ask_card, 0, 0)
        bar = page.scroll_area.verticalScrollBar()
        bar.setValue(page.ask_card.y() - 12)
        settle(app)
        written.append(_save(window.grab(), out / f"{scheme}-{name}.png"))
        bar.setValue(0)
    window.resize(*WINDOW_SIZE)
    return written


def _log_this_shot(app: object, window: object, ids: dict[str, int], scheme: str,
                   out: Path) -> Path:
    """The person page with "Log this?" after a call made from it."""
    from supportdesk.ui.log_this import LogThisPrompt
    from supportdesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    prompt = window.extensions["log_this"]
    assert isinstance(prompt, LogThisPrompt)
    prompt.timer.setInterval(0)  # as if the few minutes were over
    window.ctx.events.reached_out.emit(ids[PERSON_SHOWN], "phone")
    settle(app)
    shot = _save(window.grab(), out / f"{scheme}-log_this.png")
    prompt.forget()
    return shot


def _meetings_editor_shot(app: object, window: object, ctx: object, ids: dict[str, int],
                          scheme: str, out: Path) -> Path:
    """The supporter editor's "Meetings and dates" tab, for a group that meets."""
    from supportdesk.ui.context import AppContext
    from supportdesk.ui.editors.supporter_editor import TAB_OCCASIONS, SupporterEditor

    assert isinstance(ctx, AppContext)
    group = ctx.app.network.supporter(ids[GROUP_SHOWN])
    editor = SupporterEditor(ctx, group, window)  # type: ignore[arg-type]
    editor.tabs.setCurrentIndex(TAB_OCCASIONS)
    editor.dates.add_row(group.dates[0] if group.dates else _hard_day(), announce=False)
    editor.resize(760, 560)
    editor.show()
    settle(app)
    shot = _save(editor.grab(), out / f"{scheme}-editor-meetings.png")
    editor.mark_clean()
    editor.reject()
    return shot


def _editor_shots(app: object, window: object, ctx: object, ids: dict[str, int],
                  scheme: str, out: Path) -> list[Path]:
    """The editor's About and Contact tabs at its smallest size, with a time added."""
    from supportdesk.ui.context import AppContext
    from supportdesk.ui.editors.supporter_editor import TAB_ABOUT, TAB_CONTACT, SupporterEditor

    assert isinstance(ctx, AppContext)
    person = ctx.app.network.supporter(ids[PERSON_SHOWN])
    editor = SupporterEditor(ctx, person, window)  # type: ignore[arg-type]
    editor.availability.add_button.click()
    editor.resize(editor.minimumSize())
    editor.show()
    shots = []
    for tab, name in ((TAB_ABOUT, "about"), (TAB_CONTACT, "contact")):
        editor.tabs.setCurrentIndex(tab)
        settle(app)
        shots.append(_save(editor.grab(), out / f"{scheme}-editor-{name}.png"))
    editor.mark_clean()
    editor.reject()
    return shots


def _hard_day() -> object:
    from supportdesk.core.dates import DateKind, ImportantDate

    return ImportantDate(DateKind.ANNIVERSARY, 3, 14, label="First met", remind_days=3)


def _save(pixmap: object, target: Path) -> Path:
    from PySide6.QtGui import QPixmap

    assert isinstance(pixmap, QPixmap)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not pixmap.save(str(target), "PNG"):
        raise OSError(f"could not write {target}")
    return target


def run_per_scheme(script: str, doc: str, shoot_one: Callable[[str, Path], list[Path]],
                   argv: list[str] | None = None) -> int:
    """The scripts' command line: one scheme in this process, or each in a child."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=SCHEMES)
    args = parser.parse_args(argv)
    name = Path(script).stem
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        print(f"{name}: no DISPLAY; run under Xvfb (scripts/test-env.sh)", file=sys.stderr)
        return 2
    if args.scheme:
        for path in shoot_one(args.scheme, args.out):
            print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
        return 0
    for scheme in SCHEMES:
        result = subprocess.run([sys.executable, script, "--scheme", scheme,
                                 "--out", str(args.out)], check=False)
        if result.returncode:
            return result.returncode
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_per_scheme(__file__, __doc__ or "", shoot, argv)


if __name__ == "__main__":
    raise SystemExit(main())

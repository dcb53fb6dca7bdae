"""Asking before a dialog with unsaved changes closes: Save, Discard or Keep editing."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from supportdesk.ui.plain import plain_message_box


class LeaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    KEEP_EDITING = "keep"


def ask_before_leaving(parent: QWidget, what: str = "your changes") -> LeaveChoice:
    box = plain_message_box(QMessageBox.Icon.Question, "Unsaved changes",
                            f"Would you like to save {what} before closing?", parent)
    box.setInformativeText("Nothing is lost until you choose.")
    save = box.addButton("Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
    for button, words in ((save, "Save changes"), (discard, "Discard changes"),
                          (keep, "Keep editing")):
        button.setAccessibleName(words)
    box.setDefaultButton(save)
    box.setEscapeButton(keep)
    box.setObjectName("unsaved-changes")
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return LeaveChoice.SAVE
    if clicked is discard:
        return LeaveChoice.DISCARD
    return LeaveChoice.KEEP_EDITING


def may_close(dialog: QWidget, unsaved: bool, save: Callable[[], bool],
              what: str = "your changes") -> bool:
    """True when the dialog may close now: nothing unsaved, or the person chose Discard.

    Choosing Save saves (a successful save closes the dialog itself); Keep editing
    leaves everything as it is.
    """
    if not unsaved:
        return True
    choice = ask_before_leaving(dialog, what)
    if choice is LeaveChoice.SAVE:
        save()
        return False
    return choice is LeaveChoice.DISCARD

"""User text is shown as text, never as markup.

Qt's default for a label, a message box and a tooltip is "AutoText": a string that
looks like HTML is drawn as rich text. A name such as ``<img src="/etc/passwd">``
would then load a local file and wreck the layout. Every label and message box in
ui/ is made here, always plain, and every tooltip that may hold user text passes
through ``plain_tooltip``. (tests/test_architecture.py keeps it that way.)
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

# ``QtCore.Qt`` is named inside the functions, not imported here: PySide6 builds the Qt
# namespace's 93 enums when it is first named (about 16 ms), and the window's first
# frame (``fixed_label``) must not wait for that.


def keep_plain(label: QLabel) -> QLabel:
    """Make ``label`` show its text exactly as it is (for labels made elsewhere)."""
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    return label


def fixed_label(own_text: str, parent: QWidget | None = None) -> QLabel:
    """A label for SupportDesk's own fixed wording without markup (never a person's
    text): shown as it is without naming the Qt namespace, for the first frame."""
    if "<" in own_text:  # Qt never takes text without "<" for rich text
        raise ValueError("fixed_label is for wording without markup")
    return QLabel(own_text, parent)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` exactly as it is, whatever it contains."""
    label = QLabel(parent)
    keep_plain(label)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip shows it: unchanged unless Qt would take it for markup,
    then escaped inside a rich-text wrapper so it reads exactly as typed."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    import html

    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return f'<qt><span style="white-space:pre-wrap">{escaped}</span></qt>'


def literal_ampersands(text: str) -> str:
    """Button and menu text: a "&" in a name is shown, not taken as a shortcut key."""
    return text.replace("&", "&&")


def plain_message_box(icon: QMessageBox.Icon, title: str, text: str,
                      parent: QWidget | None = None) -> QMessageBox:
    """A message box whose text is shown exactly as it is (add buttons, then exec)."""
    box = QMessageBox(parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    return box


def tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    """A plain-text stand-in for ``QMessageBox.information`` / ``.warning``."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = plain_message_box(icon, title, text, parent)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def rich_label(own_markup: str, parent: QWidget | None = None) -> QLabel:
    """A label drawn as rich text, for SupportDesk's own fixed wording only (headings
    and lists in empty states). Never pass it anything a person typed."""
    label = QLabel(parent)
    label.setTextFormat(QtCore.Qt.TextFormat.RichText)
    label.setText(own_markup)
    return label


def tray_message_body(text: str, platform: str) -> str:
    """A tray message's body as it reads as typed. On Linux it becomes a desktop
    notification (whose servers read markup in the body) or Qt's own balloon (a label
    that takes markup-like text for rich text), so markup there is escaped; Windows
    and macOS show it as plain text already."""
    if platform.startswith(("win", "darwin")):
        return text
    if "<" in text or QtGui.Qt.mightBeRichText(text):
        import html

        return html.escape(text, quote=False)
    return text


def plain_title(text: str) -> str:
    """A window title as typed: Qt drops a "[*]" (its "unsaved" placeholder) unless doubled."""
    return text.replace("[*]", "[*][*]")

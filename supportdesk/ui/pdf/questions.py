"""A one-page PDF of the questions to bring to an appointment, with room to write."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QLocale, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QTextDocument

from supportdesk.ui.pdf.plan import STYLE, page_size_for
from supportdesk.ui.pdf.writer import pdf_in_memory


def questions_html(name: str, when: str, questions: Sequence[str]) -> str:
    items = "".join(f"<li>{escape(q)}<br><br></li>" for q in questions)
    return (f"<style>{STYLE}</style><body><h1>Questions to bring</h1>"
            f"<p>For {escape(name)}{' · ' + escape(when) if when else ''}</p>"
            f"<ol>{items}</ol>"
            "<h2>Notes</h2><p class='small'>What was said, what happens next, "
            "who to contact if things don't get better.</p></body>")


def render_questions(name: str, when: str, questions: Sequence[str],
                     locale: QLocale | None = None) -> bytes:
    layout = QPageLayout(page_size_for(locale or QLocale()), QPageLayout.Orientation.Portrait,
                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    with pdf_in_memory("Questions to bring", layout, 300) as (writer, data):
        document = QTextDocument()
        document.setDefaultFont(QFont("DejaVu Sans", 11))
        document.setHtml(questions_html(name, when, questions))
        document.print_(writer)
    return bytes(data.data())

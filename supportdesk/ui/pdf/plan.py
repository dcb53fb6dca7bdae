"""The printable support plan: people by circle with how and when to reach them, their
boundary and help notes, the safety plan, and crisis lines with where they came from.

Laid out as rich text in a QTextDocument and printed to a QPdfWriter on A4 or US
Letter, whichever the locale uses.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QLocale, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument

from supportdesk.core.kinds import PlanStep, Ring
from supportdesk.core.model import CrisisLine, PlanItem, Supporter
from supportdesk.services.exporting import PlanContents
from supportdesk.ui.pdf.words import contact_lines, when_words
from supportdesk.ui.pdf.writer import pdf_in_memory

LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR"}
STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #222; }
h1 { font-size: 20pt; color: #2d5b6b; margin-bottom: 2pt; }
h2 { font-size: 14pt; color: #2d5b6b; margin-top: 14pt; border-bottom: 1px solid #9bb; }
h3 { font-size: 11pt; margin-top: 8pt; margin-bottom: 1pt; }
p { margin-top: 1pt; margin-bottom: 2pt; }
.small { font-size: 8pt; color: #555; }
.note { color: #333; }
.label { color: #555; }
"""


def page_size_for(locale: QLocale) -> QPageSize:
    letter = locale.name().rpartition("_")[2].upper() in LETTER_COUNTRIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def _para(text: str, css: str = "") -> str:
    body = escape(text).replace("\n", "<br>")
    return f'<p class="{css}">{body}</p>' if css else f"<p>{body}</p>"


def _labelled(label: str, text: str) -> str:
    if not text.strip():
        return ""
    return (f'<p><span class="label">{escape(label)}:</span> '
            f'{escape(text).replace(chr(10), "<br>")}</p>')


def _person_html(supporter: Supporter) -> str:
    parts = [f"<h3>{escape(supporter.name)} "
             f'<span class="small">— {escape(supporter.kind_label)}</span></h3>']
    parts += [_para(line) for line in contact_lines(supporter)]
    parts.append(_labelled("When to reach them", when_words(supporter)))
    parts.append(_labelled("Can help with", ", ".join(supporter.help_with)))
    meets = ", ".join(p for p in (supporter.meeting_schedule, supporter.meeting_place) if p)
    parts.append(_labelled("Meets", meets))
    parts.append(_labelled("Boundaries I keep", supporter.boundaries.mine))
    parts.append(_labelled("Their boundaries I respect", supporter.boundaries.theirs))
    parts.append(_labelled("Signs they can look out for", supporter.help.warning_signs))
    parts.append(_labelled("What helps", supporter.help.what_helps))
    parts.append(_labelled("What does not help", supporter.help.what_does_not))
    parts.append(_labelled("In a crisis, please", supporter.help.in_a_crisis))
    return "".join(parts)


def _plan_item_html(item: PlanItem, contents: PlanContents) -> str:
    person = contents.supporter_by_id.get(item.supporter_id or -1)
    if person is None:
        return f"<li>{escape(item.text)}</li>" if item.text.strip() else ""
    reach = "; ".join(contact_lines(person)[:2])
    extra = f" — {escape(item.text)}" if item.text.strip() else ""
    helps = (f'<br><span class="label">Can help with:</span> '
             f'{escape(", ".join(person.help_with))}' if person.help_with else "")
    return f"<li><b>{escape(person.name)}</b>{extra}<br>{escape(reach)}{helps}</li>"


def _source_words(line: CrisisLine) -> str:
    checked = f", checked {line.verified.strftime('%d %b %Y')}" if line.verified else ""
    return f"{line.source or 'Added by me'}{checked}"


def plan_html(contents: PlanContents) -> str:
    parts = [f"<style>{STYLE}</style><body>", "<h1>My support plan</h1>",
             _para(f"Made on {contents.made_on.strftime('%d %B %Y')}. "
                   "Keep it where you can find it on a hard day.", "small")]
    parts.append("<h2>My people</h2>")
    if not contents.supporters:
        parts.append(_para("No one added yet."))
    for ring in Ring:
        members = [s for s in contents.supporters if s.ring is ring]
        if members:
            parts.append(f"<h3 style='color:#2d5b6b'>{escape(ring.label)}</h3>")
            parts += [_person_html(s) for s in members]
    parts.append("<h2>My safety plan</h2>")
    for step in PlanStep:
        items = [i for i in contents.plan_items if i.step is step]
        rendered = "".join(_plan_item_html(i, contents) for i in items)
        parts.append(f"<h3>{escape(step.label)}</h3>")
        parts.append(f"<ul>{rendered}</ul>" if rendered else _para("Not filled in yet.", "small"))
    parts.append("<h2>Crisis lines</h2>")
    if not contents.crisis_lines:
        parts.append(_para("No crisis lines chosen yet.", "small"))
    else:
        rows = "".join(
            f"<tr><td><b>{escape(line.name)}</b></td>"
            f"<td>{escape(line.channel.label)}: {escape(line.contact)}</td>"
            f"<td>{escape(line.hours)}</td>"
            f'<td class="small">{escape(_source_words(line))}</td></tr>'
            for line in contents.crisis_lines)
        parts.append('<table width="100%" cellpadding="3" cellspacing="0" border="0">'
                     '<tr><th align="left">Service</th><th align="left">How</th>'
                     '<th align="left">When</th><th align="left">Source</th></tr>'
                     f"{rows}</table>")
    parts.append("</body>")
    return "".join(parts)


def render_plan(contents: PlanContents, locale: QLocale | None = None) -> bytes:
    """The support plan as PDF bytes."""
    # QTextDocument.print_ adds its own 2 cm margin around the page's content.
    layout = QPageLayout(page_size_for(locale or QLocale()), QPageLayout.Orientation.Portrait,
                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    with pdf_in_memory("My support plan", layout, 300) as (writer, data):
        document = QTextDocument()
        document.setDefaultFont(QFont("DejaVu Sans", 10))
        document.setHtml(plan_html(contents))
        document.print_(writer)
    return bytes(data.data())

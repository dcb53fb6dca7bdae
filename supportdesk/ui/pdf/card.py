"""The wallet-size crisis card (85.6 × 54 mm, like a bank card), front and back.

Front: up to three people to call and a crisis line. Back: my reasons for living and
the emergency number. Drawn with QPainter on a QPdfWriter, text shrunk to fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter

from supportdesk.core.kinds import Kind, PlanStep
from supportdesk.core.model import Supporter
from supportdesk.services.exporting import PlanContents
from supportdesk.ui.pdf.words import best_number
from supportdesk.ui.pdf.writer import pdf_in_memory

CARD_MM = QSizeF(85.6, 54.0)
RESOLUTION = 600
MAX_PEOPLE = 3
ACCENT = QColor("#2d5b6b")


@dataclass
class CardText:
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, number)
    crisis_line: tuple[str, str] = ("", "")  # (name, contact)
    crisis_hours: str = ""
    reasons: list[str] = field(default_factory=list)
    emergency: str = ""


def _people_to_call(contents: PlanContents) -> list[Supporter]:
    """People from the plan's "ask for help" step first, then the inner circle."""
    chosen: list[Supporter] = []
    linked = [i.supporter_id for i in contents.plan_items
              if i.step is PlanStep.ASK_FOR_HELP and i.supporter_id is not None]
    candidates = [contents.supporter_by_id[i] for i in linked if i in contents.supporter_by_id]
    candidates += sorted((s for s in contents.supporters if s.kind is not Kind.CRISIS),
                         key=lambda s: (s.ring.order, s.name.casefold()))
    for person in candidates:
        if person not in chosen and best_number(person):
            chosen.append(person)
        if len(chosen) == MAX_PEOPLE:
            break
    return chosen


def card_text(contents: PlanContents, emergency: str = "") -> CardText:
    text = CardText(emergency=emergency)
    text.people = [(p.name, best_number(p)) for p in _people_to_call(contents)]
    if contents.crisis_lines:
        line = contents.crisis_lines[0]
        text.crisis_line = (line.name, line.contact)
        text.crisis_hours = line.hours
    text.reasons = [i.text for i in contents.plan_items
                    if i.step is PlanStep.REASONS and i.text.strip()]
    return text


class _CardPainter:
    """Draws lines of text down the card, each shrunk until it fits the width."""

    def __init__(self, painter: QPainter, area: QRectF) -> None:
        self.painter = painter
        self.area = area
        self.y = area.top()

    def line(self, text: str, points: float, bold: bool = False,
             colour: QColor | None = None, gap: float = 0.25) -> None:
        font = QFont("DejaVu Sans")
        size = points
        while True:
            font.setPointSizeF(size)
            font.setBold(bold)
            metrics = QFontMetricsF(font, self.painter.device())
            if metrics.horizontalAdvance(text) <= self.area.width() or size <= 4.5:
                break
            size -= 0.5
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, self.area.width())
        self.painter.setFont(font)
        self.painter.setPen(colour or QColor("#222222"))
        height = metrics.height()
        self.painter.drawText(QRectF(self.area.left(), self.y, self.area.width(), height),
                              Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        self.y += height * (1 + gap)

    def rule(self) -> None:
        self.painter.setPen(ACCENT)
        self.painter.drawLine(int(self.area.left()), int(self.y),
                              int(self.area.right()), int(self.y))
        self.y += self.area.height() * 0.03


def _front(draw: _CardPainter, text: CardText) -> None:
    draw.line("If things get hard, reach out", 9, bold=True, colour=ACCENT)
    draw.rule()
    if not text.people:
        draw.line("Add people with a phone number in SupportDesk.", 6)
    for name, number in text.people:
        draw.line(f"{name}:  {number}", 7.5, bold=False)
    name, contact = text.crisis_line
    if name:
        draw.rule()
        draw.line(name, 7, bold=True, colour=ACCENT)
        draw.line(f"{contact}  {text.crisis_hours}".strip(), 7)


def _back(draw: _CardPainter, text: CardText) -> None:
    draw.line("My reasons for living", 9, bold=True, colour=ACCENT)
    draw.rule()
    reasons = text.reasons or ["Write yours in the safety plan."]
    for reason in reasons[:5]:
        draw.line(f"• {reason}", 7)
    if text.emergency:
        draw.rule()
        draw.line(f"In an emergency call {text.emergency}", 7, bold=True)


def render_card(contents: PlanContents, emergency: str = "") -> bytes:
    """The crisis card as a two-page PDF (front, back)."""
    text = card_text(contents, emergency)
    layout = QPageLayout(QPageSize(CARD_MM, QPageSize.Unit.Millimeter, "Card"),
                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                         QPageLayout.Unit.Millimeter)
    with pdf_in_memory("Crisis card", layout, RESOLUTION) as (writer, data):
        painter = QPainter(writer)
        try:
            width, height = writer.width(), writer.height()
            margin = width * 0.05
            area = QRectF(margin, margin, width - 2 * margin, height - 2 * margin)
            for index, side in enumerate((_front, _back)):
                if index:
                    writer.newPage()
                painter.setPen(ACCENT)
                painter.drawRoundedRect(QRectF(2, 2, width - 4, height - 4), width * 0.03,
                                        width * 0.03)
                side(_CardPainter(painter, area), text)
        finally:
            painter.end()
    return bytes(data.data())

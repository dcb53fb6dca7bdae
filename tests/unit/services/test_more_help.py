"""The shipped "When it might be time for more help" page: every point sourced, plainly."""

from __future__ import annotations

import re
from datetime import date

import pytest

from supportdesk.services.more_help import MoreHelp, more_help, parse

CLINICAL = re.compile(r"\b(disorder|diagnos\w*|patient|symptom\w*|illness)\b", re.IGNORECASE)


def test_every_point_has_a_public_source_with_its_words_and_when_seen() -> None:
    page = more_help()
    assert isinstance(page, MoreHelp) and len(page.sections) == 4
    points = [p for s in page.sections for p in s.points]
    assert len(points) >= 10
    for point in points:
        assert point.sources
        for source in point.sources:
            assert source.url.startswith(("https://", "http://"))
            assert len(source.quote) > 10 and source.seen <= date.today()
            assert source.publisher


def test_the_words_are_warm_and_plain() -> None:
    page = more_help()
    # The app's own words never diagnose; the quoted sources may use their own words.
    own = [page.title, page.intro, *(s.title for s in page.sections),
           *(p.text for s in page.sections for p in s.points)]
    for words in own:
        assert not CLINICAL.search(words), words
        assert "<" not in words  # plain text, never markup


def test_a_point_without_a_source_is_refused() -> None:
    raw = {"title": "t", "intro": "i", "note": "n", "sections": [
        {"title": "s", "points": [{"text": "unsourced", "sources": []}]}]}
    with pytest.raises(ValueError):
        parse(raw)


def test_the_plain_text_carries_each_source() -> None:
    text = more_help().plain_text()
    assert "https://www2.hse.ie/" in text and "seen 2026-12-03" in text

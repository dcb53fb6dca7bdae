"""Message links: the words arrive exactly as typed, and can add nothing to the link."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from supportdesk.core.kinds import ContactType, Kind
from supportdesk.core.messages import (
    DEFAULT_TEMPLATES,
    FALLBACK_HARD_TIME,
    MessageTemplate,
    hard_time_template,
    message_link,
    message_ways,
    way_words,
)
from supportdesk.core.model import ContactMethod, Supporter

SMS = ContactMethod(ContactType.SMS, "07700 900-123")
EMAIL = ContactMethod(ContactType.EMAIL, "sam+plan@example.org")


def test_a_text_is_the_common_sms_form_with_the_words_percent_encoded() -> None:
    link = message_link(SMS, "I'm having a hard time. Could you call me?")
    assert link == ("sms:07700900123?body=I%27m%20having%20a%20hard%20time."
                    "%20Could%20you%20call%20me%3F")


def test_a_phone_number_takes_a_text_too() -> None:
    assert message_link(ContactMethod(ContactType.PHONE, "+44 7700 900123"), "hi") == \
        "sms:+447700900123?body=hi"


@pytest.mark.parametrize("words", [
    "<b>bold</b> & <img src=x> ?body=evil&subject=x #frag",
    "Line one\nLine two\r\nthree\ttab",
    "Thinking of you — how are you doing? ❤ Zoë",
    "100% sure; a=b&c=d",
])
def test_markup_ampersands_and_new_lines_arrive_as_typed(words: str) -> None:
    link = message_link(SMS, words)
    scheme, rest = link.split(":", 1)
    number, query = rest.split("?", 1)
    assert (scheme, number) == ("sms", "07700900123")
    assert query.count("=") == 1 and "&" not in query and "#" not in query
    assert unquote(query.removeprefix("body=")) == words.replace("\r\n", "\n")
    mail = urlsplit(message_link(EMAIL, words, subject="Hello & <you>?"))
    fields = parse_qs(mail.query, keep_blank_values=True)
    assert set(fields) == {"subject", "body"}
    assert fields["body"] == [words.replace("\r\n", "\n")]
    assert fields["subject"] == ["Hello & <you>?"]
    assert mail.fragment == ""


def test_an_email_without_a_subject_has_only_a_body() -> None:
    assert message_link(EMAIL, "Thank you for …") == \
        "mailto:sam+plan@example.org?body=Thank%20you%20for%20%E2%80%A6"


def test_other_ways_carry_no_message() -> None:
    with pytest.raises(ValueError):
        message_link(ContactMethod(ContactType.WEB, "example.org"), "hi")


def test_the_ways_to_send_come_texts_first_preferred_first() -> None:
    phone = ContactMethod(ContactType.PHONE, "0161 000", preferred=True)
    sms, other_sms = ContactMethod(ContactType.SMS, "1"), ContactMethod(ContactType.SMS, "2",
                                                                       preferred=True)
    web = ContactMethod(ContactType.WEB, "example.org")
    person = Supporter("Sam", Kind.FRIEND, contacts=[web, EMAIL, phone, sms, other_sms])
    assert message_ways(person) == [other_sms, sms, phone, EMAIL]
    assert way_words(EMAIL) == "Email sam+plan@example.org"
    assert way_words(ContactMethod(ContactType.PHONE, "1", "mobile")) == "Text 1 (mobile)"


def test_the_hard_time_template_is_the_marked_one_else_the_first_else_the_default() -> None:
    thanks = MessageTemplate("Thanks")
    marked = MessageTemplate("Please call", hard_time=True)
    assert hard_time_template([thanks, marked]) is marked
    assert hard_time_template([thanks]) is thanks
    assert hard_time_template([]).text == FALLBACK_HARD_TIME
    assert [t.hard_time for t in DEFAULT_TEMPLATES] == [True, False, False]

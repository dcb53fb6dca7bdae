"""The recovery key: easy to read aloud and type, typos caught, and it unwraps the key."""

from __future__ import annotations

import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportdesk.core.errors import ValidationError, WrongKeyError
from supportdesk.vault.recovery import (
    ALPHABET,
    SCRYPT_N,
    WrappedKey,
    generate_recovery_key,
    parse_recovery_key,
    unwrap_key,
    wrap_key,
)

UUID = "0b7e7c52-2f7c-4d7e-9d1e-8f2b8c1f6a10"


def test_a_recovery_key_is_eight_groups_of_five_from_a_readable_alphabet() -> None:
    key = generate_recovery_key()
    groups = key.split("-")
    assert [len(g) for g in groups] == [5] * 8
    assert all(c in ALPHABET for c in "".join(groups))
    assert not set("ILOU") & set(key)


def test_recovery_keys_differ_every_time() -> None:
    assert len({generate_recovery_key() for _ in range(50)}) == 50


messy = st.tuples(
    st.sampled_from(["upper", "lower", "mixed"]),
    st.sampled_from(["-", " ", "", "  ", " - "]),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.builds(lambda: generate_recovery_key()), messy)
def test_typing_it_back_forgives_case_spacing_and_look_alikes(
        key: str, style: tuple[str, str, bool]) -> None:
    case, separator, confuse = style
    text = separator.join(key.split("-"))
    if confuse:
        text = text.replace("0", "O").replace("1", "l")
    if case == "lower":
        text = text.lower()
    elif case == "mixed":
        text = "".join(c.lower() if i % 2 else c for i, c in enumerate(text))
    assert parse_recovery_key(f"  {text}\n") == key


@given(st.text(max_size=60))
def test_anything_else_is_a_plain_validation_error(text: str) -> None:
    try:
        parse_recovery_key(text)
    except ValidationError as error:
        assert "recovery key" in error.message
    # The rare random text that is a valid key (right length and check) is fine too.


@pytest.mark.parametrize("text", ["", "ABCDE", "ABCDE-" * 9, "UUUUU-" * 7 + "UUUUU"])
def test_wrong_length_or_letters_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="does not look right"):
        parse_recovery_key(text)


def test_a_single_typo_is_caught_before_any_slow_work() -> None:
    key = generate_recovery_key()
    chars = key.replace("-", "")
    caught = total = 0
    for position in range(len(chars)):
        for replacement in ALPHABET:
            if replacement == chars[position]:
                continue
            typo = chars[:position] + replacement + chars[position + 1:]
            total += 1
            try:
                parse_recovery_key(typo)
            except ValidationError as error:
                assert "typing mistake" in error.message
                caught += 1
    # Two check characters (10 bits): about one typo in a thousand slips through.
    assert caught / total > 0.99


def test_wrapped_key_unwraps_with_the_recovery_key_in_any_form() -> None:
    key = secrets.token_bytes(32)
    recovery = generate_recovery_key()
    wrapped = wrap_key(key, recovery, UUID)
    assert wrapped.n >= SCRYPT_N >= 2**15 and wrapped.r == 8 and wrapped.p == 1
    assert key not in wrapped.ciphertext
    again = WrappedKey.from_dict(wrapped.to_dict())
    assert unwrap_key(again, recovery.lower().replace("-", " "), UUID) == key


def test_another_recovery_key_or_another_vault_does_not_unwrap() -> None:
    key = secrets.token_bytes(32)
    recovery = generate_recovery_key()
    wrapped = wrap_key(key, recovery, UUID)
    with pytest.raises(WrongKeyError):
        unwrap_key(wrapped, generate_recovery_key(), UUID)
    with pytest.raises(WrongKeyError):
        unwrap_key(wrapped, recovery, "another-vault")

"""The recovery key, and the database key wrapped under it.

A recovery key is eight groups of five Crockford base32 characters, for example
``7KQ2M-...``: 38 random characters (190 bits from ``secrets``) and two check
characters, so a typo is caught before the slow key derivation runs. Reading one
back forgives case, spaces, missing dashes and the usual confusions (O for 0,
I or L for 1).

The 32-byte database key is wrapped with AES-GCM under a key derived with scrypt
from the recovery key; the vault uuid is the associated data, so a wrapped key
only unwraps for the vault it belongs to.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from supportdesk.core.errors import ValidationError, WrongKeyError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
GROUPS = 8
GROUP_SIZE = 5
LENGTH = GROUPS * GROUP_SIZE
CHECK_CHARS = 2
CONFUSIONS = {"O": "0", "I": "1", "L": "1"}
IGNORED = " -_\t\r\n"

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32

MALFORMED = (
    "That recovery key does not look right: it has 40 letters and digits "
    "in eight groups of five."
)
MISTYPED = "That recovery key has a typing mistake somewhere; please check each group."
NOT_THIS_VAULT = "This recovery key does not open this vault."


def _check(payload: str) -> str:
    digest = int.from_bytes(hashlib.sha256(payload.encode("ascii")).digest()[:2], "big")
    bits = digest >> (16 - 5 * CHECK_CHARS)
    return "".join(
        ALPHABET[(bits >> (5 * (CHECK_CHARS - 1 - i))) & 31] for i in range(CHECK_CHARS)
    )


def format_key(chars: str) -> str:
    return "-".join(chars[i:i + GROUP_SIZE] for i in range(0, LENGTH, GROUP_SIZE))


def generate_recovery_key() -> str:
    payload = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - CHECK_CHARS))
    return format_key(payload + _check(payload))


def parse_recovery_key(text: str) -> str:
    """Return the canonical form of ``text``; raise ValidationError if it is not a recovery key."""
    chars = [CONFUSIONS.get(c, c) for c in text.upper() if c not in IGNORED]
    if len(chars) != LENGTH or any(c not in ALPHABET for c in chars):
        raise ValidationError(MALFORMED, field="recovery_key")
    canonical = "".join(chars)
    payload, check = canonical[:-CHECK_CHARS], canonical[-CHECK_CHARS:]
    if _check(payload) != check:
        raise ValidationError(MISTYPED, field="recovery_key")
    return format_key(canonical)


@dataclass(frozen=True)
class WrappedKey:
    """A database key sealed under a recovery key; every field is safe to store."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    def to_dict(self) -> dict[str, object]:
        return {
            "kdf": "scrypt", "n": self.n, "r": self.r, "p": self.p,
            "salt": self.salt.hex(), "nonce": self.nonce.hex(),
            "cipher": "AES-256-GCM", "ciphertext": self.ciphertext.hex(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> WrappedKey:
        if data.get("kdf") != "scrypt" or data.get("cipher") != "AES-256-GCM":
            raise ValueError("unknown key wrapping")
        return cls(
            salt=bytes.fromhex(str(data["salt"])),
            nonce=bytes.fromhex(str(data["nonce"])),
            ciphertext=bytes.fromhex(str(data["ciphertext"])),
            n=int(str(data["n"])), r=int(str(data["r"])), p=int(str(data["p"])),
        )


# cryptography (7 MiB resident) is imported by the functions that wrap or unwrap a key:
# a normal open, with the key in the keyring, never needs it.


def _kek(recovery_key: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    canonical = parse_recovery_key(recovery_key).replace("-", "")
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(canonical.encode("ascii"))


def _associated_data(vault_uuid: str) -> bytes:
    return f"supportdesk vault {vault_uuid}".encode()


def wrap_key(key: bytes, recovery_key: str, vault_uuid: str, *, n: int = SCRYPT_N) -> WrappedKey:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    kek = _kek(recovery_key, salt, n, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(kek).encrypt(nonce, key, _associated_data(vault_uuid))
    return WrappedKey(salt=salt, nonce=nonce, ciphertext=sealed, n=n)


def unwrap_key(wrapped: WrappedKey, recovery_key: str, vault_uuid: str) -> bytes:
    """The database key; WrongKeyError if this recovery key (or vault) does not match."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _kek(recovery_key, wrapped.salt, wrapped.n, wrapped.r, wrapped.p)
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, _associated_data(vault_uuid))
    except InvalidTag:
        raise WrongKeyError(NOT_THIS_VAULT, hint="Check it against the copy you saved.") from None


@dataclass(frozen=True)
class SealedKey:
    """A newer database key sealed under the one before it (a link in the rotation chain).

    Rotating without the recovery key adds a link, so the recovery key printed at
    the start keeps opening the vault: it unwraps the first key, and each link
    gives the next.
    """

    nonce: bytes
    ciphertext: bytes

    def to_dict(self) -> dict[str, object]:
        return {"cipher": "AES-256-GCM", "nonce": self.nonce.hex(),
                "ciphertext": self.ciphertext.hex()}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SealedKey:
        if data.get("cipher") != "AES-256-GCM":
            raise ValueError("unknown key sealing")
        return cls(nonce=bytes.fromhex(str(data["nonce"])),
                   ciphertext=bytes.fromhex(str(data["ciphertext"])))


def seal_key(key: bytes, under: bytes, vault_uuid: str) -> SealedKey:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    return SealedKey(nonce, AESGCM(under).encrypt(nonce, key, _associated_data(vault_uuid)))


def open_sealed(sealed: SealedKey, under: bytes, vault_uuid: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(under).decrypt(sealed.nonce, sealed.ciphertext, _associated_data(vault_uuid))
    except InvalidTag:
        return None

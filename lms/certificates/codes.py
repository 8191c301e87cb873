"""Verification codes: unguessable, short to read aloud, hard to mistype.

Sixteen characters of Crockford's base 32 (no I, L, O or U) carry 80 random
bits, shown in four groups: ``7KQ2-M9XD-4HZT-B3WE``. Reading one back forgives
case, spaces, missing dashes and the letters people confuse with digits.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16  # 16 x 5 bits = 80 bits
GROUP = 4
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def code_generate() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return code_format(raw)


def code_format(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def code_normalise(text: str) -> str | None:
    """The code as stored, or None when ``text`` cannot be a code."""
    cleaned = "".join(ch for ch in str(text).upper() if ch.isalnum())
    cleaned = cleaned.translate(_CONFUSABLE)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return code_format(cleaned)

"""Checks on profile values that forms and models share."""

import unicodedata
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Explicit bidirectional embeddings, overrides and isolates: invisible, they can
# make a printed name read differently from what was typed ("Trojan Source").
# Marks (LRM, RLM, ALM) and joiners (ZWJ, ZWNJ), which some scripts need, stay.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def validate_certificate_name(value: str) -> None:
    """Refuse control characters, line breaks and bidirectional overrides."""
    for character in value:
        if character in BIDI_CONTROLS:
            raise ValidationError(
                _(
                    "The name contains an invisible character that changes the "
                    "direction of the text (U+%(code)04X). Please type it again "
                    "without it."
                ),
                code="bidi_control",
                params={"code": ord(character)},
            )
        if unicodedata.category(character) in {"Cc", "Zl", "Zp"}:
            raise ValidationError(
                _(
                    "The name contains a control character or a line break "
                    "(U+%(code)04X). Please type it on one line."
                ),
                code="control_character",
                params={"code": ord(character)},
            )


@cache
def time_zone_names() -> frozenset[str]:
    """The IANA time zone names this system knows."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    """Accept only an IANA time zone name, such as Africa/Dakar."""
    if value and value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone we know. Choose one from the list."),
            code="invalid_time_zone",
            params={"value": value},
        )

"""What grading a single answer produces, and the text comparison rules."""

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
ONE = Decimal(1)
FRACTION_PLACES = Decimal("0.0000001")


@dataclass(frozen=True)
class Grade:
    """The result of grading one answer: a fraction of the question's marks
    (between the question's penalty floor and 1) and the feedback to show."""

    fraction: Decimal
    feedback: str = ""

    @property
    def is_correct(self) -> bool:
        return self.fraction >= ONE

    @property
    def is_partially_correct(self) -> bool:
        return ZERO < self.fraction < ONE


def clamp(fraction: Decimal, floor: Decimal = ZERO) -> Decimal:
    """Keep ``fraction`` between ``floor`` and 1, rounded to seven places."""
    bounded = max(floor, min(ONE, fraction))
    return bounded.quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)


def stored_fraction(fraction: Decimal) -> Decimal:
    """A fraction rounded to the seven places the database keeps."""
    return fraction.quantize(FRACTION_PLACES, rounding=ROUND_HALF_UP)


_SPACES = re.compile(r"\s+")


def normalize_text(text: str, *, ignore_diacritics: bool) -> str:
    """Fold case and spacing (and, optionally, accents) for answer comparison."""
    folded = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()
    if ignore_diacritics:
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded

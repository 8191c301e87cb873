"""Cells of spreadsheet exports that never run as formulas, and percentages.

A spreadsheet program runs a cell starting with "=", "+", "-", "@", a tab or
a carriage return as a formula, so a learner named '=HYPERLINK(...)' becomes
a live link once a CSV download is opened (OWASP: CSV injection). Text cells
of the admin reports go through ``formula_safe``; numbers stay numbers.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext

#: What spreadsheet programs read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it, never runs it: a leading quote disarms it."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def percent(share) -> str:
    """A share from 0 to 1 as a percentage with one decimal, or a dash."""
    if share is None:
        return "—"
    # Round first: number_format cuts the extra digits of a float off.
    number = number_format(round(float(share) * 100, 1), decimal_pos=1)
    return gettext("%(number)s%%") % {"number": number}


def percent_cell(share) -> float | None:
    """A share from 0 to 1 as a spreadsheet number: a rounded percentage."""
    return None if share is None else round(float(share) * 100, 1)

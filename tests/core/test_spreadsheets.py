"""Spreadsheet cells that never run as formulas, and percentages for reports."""

from decimal import Decimal

import pytest
from django.utils import translation

from lms.core.spreadsheets import formula_safe, percent, percent_cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Is 2 = 2?", "Is 2 = 2?"),
        ("", ""),
    ],
)
def test_formula_safe(text, expected):
    assert formula_safe(text) == expected


@pytest.mark.parametrize(
    ("share", "text", "cell"),
    [
        (None, "—", None),
        (0.5, "50.0%", 50.0),
        (2 / 3, "66.7%", 66.7),
        (Decimal("0.125"), "12.5%", 12.5),
    ],
)
def test_percent(share, text, cell):
    assert percent(share) == text
    assert percent_cell(share) == cell


def test_percent_follows_the_language():
    with translation.override("fr"):
        assert percent(0.5) == "50,0\N{NO-BREAK SPACE}%"

"""Every country and territory has a WIPO region, and the groupings hold."""

import pytest
from django_countries import countries

from lms.accounts.regions import (
    MEMBER_STATES,
    REGION_BY_COUNTRY,
    TERRITORY_STATES,
    WipoRegion,
    wipo_region_for,
)

ARAB_LEAGUE = [
    "DZ",
    "BH",
    "KM",
    "DJ",
    "EG",
    "IQ",
    "JO",
    "KW",
    "LB",
    "LY",
    "MR",
    "MA",
    "OM",
    "PS",
    "QA",
    "SA",
    "SO",
    "SD",
    "SY",
    "TN",
    "AE",
    "YE",
]


class TestRegionTable:
    def test_every_code_django_countries_knows_has_a_region(self):
        missing = [c.code for c in countries if not wipo_region_for(c.code)]
        assert not missing

    def test_the_table_holds_only_iso_codes(self):
        assert set(REGION_BY_COUNTRY) <= {c.code for c in countries}

    def test_each_code_is_in_one_group(self):
        listed = [code for codes in MEMBER_STATES.values() for code in codes]
        listed += list(TERRITORY_STATES)
        assert len(listed) == len(set(listed))

    def test_territories_point_to_member_states(self):
        for state in TERRITORY_STATES.values():
            assert any(state in codes for codes in MEMBER_STATES.values())

    @pytest.mark.parametrize("code", ARAB_LEAGUE)
    def test_arab_league_members_are_in_the_arab_region(self, code):
        assert wipo_region_for(code) == WipoRegion.ARAB

    @pytest.mark.parametrize(
        ("code", "region"),
        [
            ("SN", WipoRegion.AFRICA),
            ("ZA", WipoRegion.AFRICA),
            ("SS", WipoRegion.AFRICA),
            ("CN", WipoRegion.ASIA_PACIFIC),
            ("IR", WipoRegion.ASIA_PACIFIC),
            ("FJ", WipoRegion.ASIA_PACIFIC),
            ("HK", WipoRegion.ASIA_PACIFIC),
            ("BR", WipoRegion.LATIN_AMERICA_CARIBBEAN),
            ("JM", WipoRegion.LATIN_AMERICA_CARIBBEAN),
            ("PL", WipoRegion.EUROPE_ASIA),
            ("EE", WipoRegion.EUROPE_ASIA),
            ("GE", WipoRegion.EUROPE_ASIA),
            ("KZ", WipoRegion.EUROPE_ASIA),
            ("RU", WipoRegion.EUROPE_ASIA),
            ("FR", WipoRegion.OTHER),
            ("US", WipoRegion.OTHER),
            ("JP", WipoRegion.OTHER),
            ("AU", WipoRegion.OTHER),
            ("NZ", WipoRegion.OTHER),
            ("IL", WipoRegion.OTHER),
            ("PR", WipoRegion.OTHER),
            ("RE", WipoRegion.OTHER),
            ("GL", WipoRegion.OTHER),
        ],
    )
    def test_examples(self, code, region):
        assert wipo_region_for(code) == region

    def test_blank_and_unknown_codes_have_no_region(self):
        assert wipo_region_for("") == ""
        assert wipo_region_for(None) == ""
        assert wipo_region_for("ZZ") == ""
        assert wipo_region_for("sn") == WipoRegion.AFRICA

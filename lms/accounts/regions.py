"""WIPO's regional groupings, and which one each country and territory is in.

The table follows the way WIPO organises its work with member states: the four
regional bureaus of its Regional and National Development Sector (Africa; Arab
countries; Asia and the Pacific; Latin America and the Caribbean) and, in its
Department for Transition and Developed Countries, the division for certain
countries in Europe and Asia (central Europe and the Baltic, eastern Europe, the
Caucasus and Central Asia) and the developed countries (western Europe, North
America, Japan, Australia, New Zealand, Israel, Türkiye...). Written on
2026-11-25 from that structure as WIPO describes it, without a check against
WIPO's current country lists: review it when WIPO reorganises its bureaus.

Choices made where the groupings overlap or are silent:

- The 22 members of the League of Arab States are in the Arab region, including
  those in Africa (Algeria, Comoros, Djibouti, Egypt, Libya, Mauritania,
  Morocco, Somalia, Sudan, Tunisia): WIPO's Arab Bureau serves them, not its
  Africa Bureau. Western Sahara is grouped with its neighbours Morocco and
  Mauritania.
- The Republic of Korea and Singapore belong to WIPO's Asia and the Pacific
  group and are served by its bureau, so they are in Asia and the Pacific.
- Territories are not WIPO members: each is grouped with the state responsible
  for its international relations, whose IP office usually serves it
  (Puerto Rico with the United States, Réunion with France, Hong Kong and Macao
  with China). The Cook Islands and Niue, self-governing states in free
  association with New Zealand, are grouped by their own geography. Antarctica
  goes to "Other".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WipoRegion(models.TextChoices):
    """WIPO's regional groupings, as its regional bureaus use them."""

    AFRICA = "africa", _("Africa")
    ARAB = "arab", _("Arab region")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    LATIN_AMERICA_CARIBBEAN = (
        "latin_america_caribbean",
        _("Latin America and the Caribbean"),
    )
    EUROPE_ASIA = "europe_asia", _("Certain countries in Europe and Asia")
    OTHER = "other", _("Other (developed countries)")


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


MEMBER_STATES: dict[str, frozenset[str]] = {
    WipoRegion.AFRICA: _codes(
        "AO BJ BW BF BI CV CM CF TD CG CD CI GQ ER SZ ET GA GM GH GN GW KE LS LR "
        "MG MW ML MU MZ NA NE NG RW ST SN SC SL ZA SS TZ TG UG ZM ZW"
    ),
    # The League of Arab States, and Western Sahara (see the module docstring).
    WipoRegion.ARAB: _codes(
        "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH"
    ),
    WipoRegion.ASIA_PACIFIC: _codes(
        "AF BD BT BN KH CN FJ IN ID IR KI KP KR LA MY MV MH FM MN MM NR NP PK PW "
        "PG PH WS SG SB LK TH TL TO TV VU VN TW CK NU"
    ),
    WipoRegion.LATIN_AMERICA_CARIBBEAN: _codes(
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA "
        "PY PE KN LC VC SR TT UY VE"
    ),
    WipoRegion.EUROPE_ASIA: _codes(
        "AL AM AZ BA BG BY CZ EE GE HR HU KG KZ LT LV MD ME MK PL RO RS RU SI SK "
        "TJ TM UA UZ"
    ),
    WipoRegion.OTHER: _codes(
        "AD AT AU BE CA CH CY DE DK ES FI FR GB GR IE IL IS IT JP LI LU MC MT NL "
        "NO NZ PT SE SM TR US VA AQ"
    ),
}

# Territories, by the state responsible for their international relations.
# fmt: off
TERRITORY_STATES: dict[str, str] = {
    # Australia
    "CX": "AU", "CC": "AU", "HM": "AU", "NF": "AU",
    # China
    "HK": "CN", "MO": "CN",
    # Denmark
    "FO": "DK", "GL": "DK",
    # Finland
    "AX": "FI",
    # France
    "BL": "FR", "GF": "FR", "GP": "FR", "MF": "FR", "MQ": "FR", "NC": "FR",
    "PF": "FR", "PM": "FR", "RE": "FR", "TF": "FR", "WF": "FR", "YT": "FR",
    # Kingdom of the Netherlands
    "AW": "NL", "BQ": "NL", "CW": "NL", "SX": "NL",
    # New Zealand
    "TK": "NZ",
    # Norway
    "BV": "NO", "SJ": "NO",
    # United Kingdom
    "AI": "GB", "BM": "GB", "FK": "GB", "GG": "GB", "GI": "GB", "GS": "GB",
    "IM": "GB", "IO": "GB", "JE": "GB", "KY": "GB", "MS": "GB", "PN": "GB",
    "SH": "GB", "TC": "GB", "VG": "GB",
    # United States
    "AS": "US", "GU": "US", "MP": "US", "PR": "US", "UM": "US", "VI": "US",
}
# fmt: on

REGION_BY_COUNTRY: dict[str, str] = {
    code: region for region, codes in MEMBER_STATES.items() for code in codes
}
REGION_BY_COUNTRY.update(
    {
        territory: REGION_BY_COUNTRY[state]
        for territory, state in TERRITORY_STATES.items()
    }
)


def wipo_region_for(country_code: str) -> str:
    """The WIPO region of an ISO 3166-1 alpha-2 code; empty when unknown or blank."""
    return REGION_BY_COUNTRY.get(str(country_code or "").upper(), "")

"""Panels for text kept in every language: one tab per language.

Field names are given already localised (``prompt_fr``), so
wagtail-modeltranslation leaves these panels as they are.
"""

from django.conf import settings
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList


def language_name(code: str) -> str:
    """The language's own name (Français, العربية), as its speakers read it."""
    return get_language_info(code)["name_local"]


def localized(field: str, code: str) -> str:
    return build_localized_fieldname(field, code)


def language_tabs(*fields: str) -> list[ObjectList]:
    """One tab per language holding that language's version of ``fields``."""
    return [
        ObjectList(
            [FieldPanel(localized(field, code)) for field in fields],
            heading=language_name(code),
        )
        for code, _name in settings.LANGUAGES
    ]


def language_groups(*fields: str) -> list[MultiFieldPanel]:
    """Inside an inline answer: a group per language, all but English collapsed."""
    return [
        MultiFieldPanel(
            [FieldPanel(localized(field, code)) for field in fields],
            heading=language_name(code),
            classname="" if code == settings.LANGUAGE_CODE else "collapsed",
        )
        for code, _name in settings.LANGUAGES
    ]

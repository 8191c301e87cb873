"""Panels for text kept in every language: one tab per language.

Field names are given already localised (``prompt_fr``), so
wagtail-modeltranslation leaves these panels as they are. Their labels drop
modeltranslation's " [fr]" suffix: the language tabs already say which
language a field is in, and wagtail-modeltranslation's language picker hides
every field whose label carries such a suffix, which would empty the tabs.
"""

import re

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList

_LANGUAGE_SUFFIX = re.compile(r" \[[\w-]+\]$")


class LocalizedFieldPanel(FieldPanel):
    """A field in one language, labelled without the language suffix."""

    def on_model_bound(self):
        super().on_model_bound()
        if not self.heading:
            label = str(self.db_field.verbose_name)
            self.heading = capfirst(_LANGUAGE_SUFFIX.sub("", label))


def language_name(code: str) -> str:
    """The language's own name (Français, العربية), as its speakers read it."""
    return get_language_info(code)["name_local"]


def localized(field: str, code: str) -> str:
    return build_localized_fieldname(field, code)


def language_tabs(*fields: str) -> list[ObjectList]:
    """One tab per language holding that language's version of ``fields``."""
    return [
        ObjectList(
            [LocalizedFieldPanel(localized(field, code)) for field in fields],
            heading=language_name(code),
        )
        for code, _name in settings.LANGUAGES
    ]


def language_groups(*fields: str) -> list[MultiFieldPanel]:
    """Inside an inline answer: a group per language, all but English collapsed."""
    return [
        MultiFieldPanel(
            [LocalizedFieldPanel(localized(field, code)) for field in fields],
            heading=language_name(code),
            classname="" if code == settings.LANGUAGE_CODE else "collapsed",
        )
        for code, _name in settings.LANGUAGES
    ]

"""Webinar text translated per language with wagtail-modeltranslation.

Page's own fields (title, slug...) are registered by wagtail-modeltranslation.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Bureau, WebinarIndexPage, WebinarPage, WebinarSpeaker


@register(Bureau)
class BureauTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}


@register(WebinarIndexPage)
class WebinarIndexPageTranslation(TranslationOptions):
    fields = ("introduction",)


@register(WebinarPage)
class WebinarPageTranslation(TranslationOptions):
    fields = ("description",)


@register(WebinarSpeaker)
class WebinarSpeakerTranslation(TranslationOptions):
    fields = ("role", "affiliation")

"""Certificate template text translated per language with modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import CertificateSignatory, CertificateTemplate


@register(CertificateTemplate)
class CertificateTemplateTranslation(TranslationOptions):
    fields = ("heading", "body", "issuing_organisation")
    required_languages = {"en": ("heading", "body", "issuing_organisation")}


@register(CertificateSignatory)
class CertificateSignatoryTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"en": ("title",)}

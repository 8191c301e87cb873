"""Behaviour every public page of the catalogue shares."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname


class TranslatedPageMixin:
    """A page whose text is translated field by field with wagtail-modeltranslation.

    ``translation_check_fields`` names the fields that must be filled for the page
    to count as translated into a language; override it per page type.
    """

    translation_check_fields = ("title",)

    def is_translated_into(self, language: str) -> bool:
        """Whether each of ``translation_check_fields`` has text in ``language``."""
        for field in self.translation_check_fields:
            value = getattr(self, build_localized_fieldname(field, language), None)
            if not value or (hasattr(value, "raw_data") and not len(value.raw_data)):
                return False
        return True

    def shows_fallback_notice(self) -> bool:
        """True when the reader's language is missing and English is shown instead."""
        language = get_language() or settings.LANGUAGE_CODE
        if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
            return False
        return not self.is_translated_into(language)

    def serve(self, request, *args, **kwargs):
        """Serve the page; anonymous responses may be cached per URL and language."""
        response = super().serve(request, *args, **kwargs)
        if request.user.is_authenticated or request.method != "GET":
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(
                response, public=True, max_age=settings.ANONYMOUS_PAGE_MAX_AGE
            )
            patch_vary_headers(response, ["Cookie"])
        return response

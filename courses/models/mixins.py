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
        """Serve the page; anonymous responses may be cached per URL and language.

        Only pages that are the same for every visitor: not for a logged-in
        reader, not when the visitor's session holds something (their progress),
        not when the page carries a form's CSRF token (tied to one browser).
        """
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "render"):
            # Render now: only then do we know whether a CSRF token was used.
            response.render()
        personal = (
            request.user.is_authenticated
            or request.method != "GET"
            or not request.session.is_empty()
            # Set by django.middleware.csrf.get_token() when a form used it.
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )
        if personal:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(
                response, public=True, max_age=settings.ANONYMOUS_PAGE_MAX_AGE
            )
            patch_vary_headers(response, ["Cookie"])
        return response


def requires_itself(page, prerequisites) -> bool:
    """Whether ``page`` would require itself, directly or through other pages.

    ``prerequisites`` are the pages it is about to require; the pages they
    require are read from the database (published prerequisites).
    """
    if page.pk is None:
        return False
    model = type(page)
    through = model.prerequisites.through
    source = f"from_{model._meta.model_name}_id"
    target = f"to_{model._meta.model_name}_id"
    seen: set[int] = set()
    frontier = {other.pk for other in prerequisites}
    while frontier:
        if page.pk in frontier:
            return True
        seen |= frontier
        frontier = (
            set(
                through.objects.filter(**{f"{source}__in": frontier}).values_list(
                    target, flat=True
                )
            )
            - seen
        )
    return False

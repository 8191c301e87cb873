"""Template tags for every page: language links that keep the reader in place."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language to the page being read, in that language.

    Wagtail pages have translated slugs, so their address is built in each
    language; other views keep their path with the new language prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        if page is not None and hasattr(page, "get_url"):
            with translation.override(code):
                url = page.get_url(request)
            query = request.META.get("QUERY_STRING")
            if query:
                url = f"{url}?{query}"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == current,
                "bidi": info["bidi"],
            }
        )
    return links

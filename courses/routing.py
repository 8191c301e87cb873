"""Route a request to its page in one query instead of two per tree level.

Wagtail (and wagtail-modeltranslation's override of it) walks the tree one
level at a time, loading every child of each level. Every page stores its full
path per language (``url_path_<lang>``), so the page for a URL can be found
with a single indexed lookup from the site root.
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page
from wagtail.url_routing import RouteResult

DEFAULT_LANGUAGE = "en"


def find_page_by_url_path(url_path: str, language: str) -> Page | None:
    """The live page at ``url_path`` in ``language``, as its specific type."""
    localized = build_localized_fieldname("url_path", language)
    default = build_localized_fieldname("url_path", DEFAULT_LANGUAGE)
    untranslated = Q(**{f"{localized}__isnull": True}) | Q(**{localized: ""})
    match = Q(**{localized: url_path}) | (untranslated & Q(**{default: url_path}))
    page = Page.objects.live().filter(match).order_by("depth").first()
    return page.specific if page else None


def route_by_url_path(self, request, path_components):
    """Route from the site root (``self``) by the page's stored localized path."""
    if not path_components:
        if self.live:
            return RouteResult(self)
        raise Http404
    root_path = self.url_path
    page = find_page_by_url_path(
        root_path + "/".join(path_components) + "/", get_language() or DEFAULT_LANGUAGE
    )
    if page is not None:
        return RouteResult(page)
    # Not a page's own address: it may be a sub-route of a routable page, so
    # let the tree walk decide (it raises Http404 when nothing matches).
    return self.tree_walk_route(request, path_components)


def install_single_query_routing():
    """Make the site root route by stored path.

    wagtail-modeltranslation replaces ``route`` on every translated page model
    when its app loads; the courses app loads after it and installs this on
    the site root, the only page Wagtail asks to route a whole path. The tree
    walk stays available as ``tree_walk_route`` for addresses that are not a
    page's own.
    """
    from courses.models import HomePage

    if HomePage.route is not route_by_url_path:
        HomePage.tree_walk_route = HomePage.route
        HomePage.route = route_by_url_path

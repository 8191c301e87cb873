"""Webinar pages and sections ask these tags for what depends on the request:
seats, the viewer's registration, their time zone and the section's listing.

The page models stay free of request handling; the templates load these tags.
"""

from django import template

from lms.webinars import selectors
from lms.webinars.forms import WebinarFilterForm

register = template.Library()


@register.simple_tag(takes_context=True)
def webinar_state(context, webinar):
    """Seats and the viewer's registration for ``webinar`` (once per request)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None:
        return selectors.webinar_state(webinar=webinar)
    cache = request.__dict__.setdefault("_webinar_state", {})
    if webinar.pk not in cache:
        cache[webinar.pk] = selectors.webinar_state(webinar=webinar, user=user)
    return cache[webinar.pk]


@register.simple_tag(takes_context=True)
def viewer_time_zone(context):
    """The time zone of the logged-in viewer's profile, or "" (the browser's
    is then shown by a script)."""
    request = context.get("request")
    return selectors.viewer_time_zone(getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def section_listing(context, section):
    """The filter form and the webinars of the bureau whose section this is."""
    request = context.get("request")
    data = request.GET if request is not None else None
    form = WebinarFilterForm(data or None, with_bureau=False)
    listing = selectors.webinar_listing(
        user=getattr(request, "user", None), bureau=section.bureau, **form.filters()
    )
    return {"filter_form": form, "listing": listing}


@register.filter
def registration_for(listing, webinar):
    """The viewer's active registration for ``webinar`` in a listing, if any."""
    return listing.registrations.get(webinar.pk)


@register.filter
def seats_left(webinar):
    """Free seats of a listed webinar (annotated with ``confirmed_seats``)."""
    return max(webinar.capacity - webinar.confirmed_seats, 0)

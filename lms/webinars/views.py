"""The public side of webinars: the listing of every bureau's webinars, and
registering or cancelling in one step from a webinar's page.

The webinar pages themselves are Wagtail pages; their templates ask the
``webinars`` template tags for seats and the viewer's registration.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from . import selectors, services
from .forms import WebinarFilterForm
from .models import Registration, RegistrationStatus, WebinarPage


def _live_webinar(pk) -> WebinarPage:
    webinar = get_object_or_404(WebinarPage, pk=pk)
    if not webinar.live:
        raise Http404
    return webinar


def _check_view_restrictions(request, webinar: WebinarPage) -> None:
    """Not found unless the page's view restrictions (groups, password) let
    the viewer see it: a seat, and with it the meeting link, only for them."""
    for restriction in webinar.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404


def _show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_safe
def webinar_list(request):
    """Upcoming and past webinars of every bureau, filterable."""
    form = WebinarFilterForm(request.GET or None)
    listing = selectors.webinar_listing(user=request.user, **form.filters())
    response = render(
        request,
        "webinars/webinar_list.html",
        {
            "filter_form": form,
            "listing": listing,
            "viewer_zone": selectors.viewer_time_zone(request.user),
        },
    )
    # As for pages: the same for every visitor may be cached briefly; a
    # learner's own registrations are for them alone.
    if request.user.is_authenticated or not request.session.is_empty():
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(
            response, public=True, max_age=settings.ANONYMOUS_PAGE_MAX_AGE
        )
        patch_vary_headers(response, ["Cookie"])
    return response


@require_POST
def register(request, pk):
    """Register the learner: a seat while any is free, else the waiting list."""
    webinar = _live_webinar(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(webinar.url)
    _check_view_restrictions(request, webinar)
    try:
        registration = services.registration_create(user=request.user, webinar=webinar)
    except ValidationError as error:
        _show_errors(request, error)
        return redirect(webinar.url)
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("You are registered: your seat is confirmed."))
    else:
        messages.success(
            request,
            _(
                "The webinar is full: you are on the waiting list. We will email "
                "you if a seat frees up."
            ),
        )
    return redirect(webinar.url)


@require_POST
def cancel(request, pk):
    """Give up the learner's seat or place in the queue."""
    webinar = _live_webinar(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(webinar.url)
    registration = (
        Registration.objects.filter(user=request.user, webinar=webinar)
        .select_related("webinar")
        .first()
    )
    if registration is None or not registration.is_active:
        messages.info(request, _("You are not registered for this webinar."))
        return redirect(webinar.url)
    try:
        services.registration_cancel(registration=registration)
    except ValidationError as error:
        _show_errors(request, error)
        return redirect(webinar.url)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(webinar.url)

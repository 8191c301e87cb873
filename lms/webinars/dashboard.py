"""The webinars section of "My learning": the learner's webinars to come.

Registered with ``lms.progress.dashboard_sections`` when
``WebinarsConfig.ready()`` imports this module, so that progress imports
nothing from webinars.
"""

from datetime import datetime

from django.utils import timezone

from lms.progress.dashboard_sections import register_dashboard_section

from .models import Registration, RegistrationStatus, WebinarStatus
from .selectors import LONGEST_WEBINAR, viewer_time_zone


def upcoming_webinars_context(user, *, now: datetime | None = None) -> dict | None:
    """The learner's confirmed and waiting registrations for webinars that
    have not ended, soonest first, and their time zone; None if there are
    none. Two queries (one when there is nothing to show)."""
    now = now or timezone.now()
    registrations = [
        registration
        for registration in Registration.objects.filter(
            user=user,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
            # A webinar lasts at most a day: older ones are over.
            webinar__starts_at__gt=now - LONGEST_WEBINAR,
            webinar__live=True,
        )
        .exclude(webinar__status__in=[WebinarStatus.CANCELLED, WebinarStatus.FINISHED])
        .select_related("webinar", "webinar__bureau")
        .order_by("webinar__starts_at", "pk")
        if registration.webinar.ends_at > now
    ]
    if not registrations:
        return None
    return {
        "registrations": registrations,
        "viewer_zone": viewer_time_zone(user),
    }


# Connected on import, like the receivers: ``WebinarsConfig.ready()`` imports
# this module once.
register_dashboard_section(
    key="webinars",
    template="webinars/dashboard_section.html",
    context=upcoming_webinars_context,
)

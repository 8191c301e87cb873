"""The learner's webinar registrations and attendance, for "Download my data",
and what deleting the account does to them.

Registered with ``lms.accounts.personal_data`` from ``WebinarsConfig.ready()``.
"""

from django.utils import timezone

from .models import Attendance, Registration, RegistrationStatus
from .services import registration_cancel


def webinars_export(user) -> dict:
    """Registrations and attendance of ``user``; two queries."""
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("webinar")
        .order_by("created_at", "pk")
    )
    attendances = (
        Attendance.objects.filter(user=user)
        .select_related("webinar")
        .order_by("recorded_at", "pk")
    )
    return {
        "registrations": [
            {
                "webinar": registration.webinar.title,
                "starts_at": registration.webinar.starts_at,
                "status": registration.status,
                "first_registered_at": registration.created_at,
                "registered_at": registration.registered_at,
                "promoted_at": registration.promoted_at,
                "cancelled_at": registration.cancelled_at,
            }
            for registration in registrations
        ],
        "attendance": [
            {
                "webinar": attendance.webinar.title,
                "joined_at": attendance.joined_at,
                "left_at": attendance.left_at,
                "minutes": attendance.minutes,
                "source": attendance.source,
            }
            for attendance in attendances
        ],
    }


def webinars_erase(user) -> None:
    """Give up the seats and places of webinars still to come, so that the
    people waiting get them; past registrations and attendance stay, attached
    to the anonymous account, for the bureaus' counts."""
    upcoming = Registration.objects.filter(
        user=user,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        webinar__starts_at__gt=timezone.now(),
    ).select_related("webinar")
    for registration in upcoming:
        registration_cancel(registration=registration)

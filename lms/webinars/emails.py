"""Emails to webinar registrants, each in the registrant's language.

A message is rendered when it is asked for (in the registrant's preferred
language, links on ``SITE_BASE_URL``) and sent by the ``email_send`` task, so
a request never waits for the mail server and, with the database task
backend, the email is queued in the same transaction as the change it tells
of. Confirmations, updates and cancellations carry the iCalendar invitation
both as a ``text/calendar`` part (which calendar clients act on) and as an
``invite.ics`` attachment (which people can open).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms.accounts.adapter import language_of, site_url
from lms.accounts.tasks import email_send

from .calendar import CANCEL, REQUEST, webinar_invitation


class Kind:
    """What a message tells the registrant; its templates are named after it."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"
    UPDATED = "updated"
    WEBINAR_CANCELLED = "webinar_cancelled"
    REMINDER_DAY = "reminder_day"
    REMINDER_HOUR = "reminder_hour"
    MESSAGE = "message"


#: The calendar method each kind carries, if it carries an invitation.
CALENDAR_METHODS = {
    Kind.CONFIRMED: REQUEST,
    Kind.PROMOTED: REQUEST,
    Kind.UPDATED: REQUEST,
    Kind.CANCELLED: CANCEL,
    Kind.WEBINAR_CANCELLED: CANCEL,
}


def registration_email_send(registration, kind: str, *, message: str = "") -> None:
    """Queue the ``kind`` email to the registrant of ``registration``.

    ``message`` is the text staff wrote, for ``Kind.MESSAGE``.
    """
    user = registration.user
    if not user.email or not user.is_active:
        return
    webinar = registration.webinar.specific
    with language_of(user):
        context = {
            "user": user,
            "name": _display_name(user),
            "webinar": webinar,
            "registration": registration,
            "message": message,
            "local_start": webinar.local_starts_at(),
            **_viewer_time(user, webinar),
            "page_url": site_url(webinar.url),
            "dashboard_url": site_url(reverse("progress:dashboard")),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        prefix = f"webinars/email/{kind}"
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        body = render_to_string(f"{prefix}_message.txt", context)
        method = CALENDAR_METHODS.get(kind)
        if kind == Kind.WEBINAR_CANCELLED and not registration.is_confirmed:
            method = None  # Nobody on the waiting list holds an invitation.
        alternatives, attachments = [], []
        if method is not None:
            invitation = webinar_invitation(
                webinar, email=user.email, name=context["name"], method=method
            ).decode()
            mimetype = f"text/calendar; method={method}; charset=UTF-8"
            alternatives.append([invitation, mimetype])
            attachments.append(["invite.ics", invitation, mimetype])
    email_send.enqueue(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        alternatives=alternatives,
        attachments=attachments,
    )


def _display_name(user) -> str:
    from lms.accounts.selectors import profile_of

    profile = profile_of(user)
    name = getattr(profile, "certificate_name", "") if profile else ""
    return name or user.get_full_name() or user.get_username()


def _viewer_time(user, webinar) -> dict:
    """The start in the registrant's own time zone, when it differs."""
    from lms.accounts.selectors import profile_of

    from .zones import zone_of

    zone = getattr(profile_of(user), "time_zone", "") or ""
    if not zone or zone == webinar.time_zone:
        return {"viewer_start": None, "viewer_zone": ""}
    return {
        "viewer_start": timezone.localtime(webinar.starts_at, zone_of(zone)),
        "viewer_zone": zone,
    }

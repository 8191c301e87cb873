"""Registrants hear of a published change to the time, the link or the status.

``WebinarPage.sequence`` grows when one of those changes; ``announced_sequence``
is the version registrants were last told of. Publishing calls
``webinar_changes_announce``, which claims the new version with one
conditional UPDATE (so two publishes, or a retry, never tell anyone twice)
and queues the emails in the same transaction: an update with a calendar
invitation carrying the higher SEQUENCE, or a cancellation (METHOD:CANCEL).
Marking a webinar finished tells nobody.
"""

from django.db import transaction

from .emails import Kind, registration_email_send
from .models import Registration, RegistrationStatus, WebinarPage, WebinarStatus


def webinar_changes_announce(*, webinar: WebinarPage) -> int:
    """Email every registrant concerned by the latest change; returns how many."""
    with transaction.atomic():
        claimed = WebinarPage.objects.filter(
            pk=webinar.pk, announced_sequence__lt=webinar.sequence
        ).update(announced_sequence=webinar.sequence)
        if not claimed or webinar.status == WebinarStatus.FINISHED:
            return 0
        cancelled = webinar.status == WebinarStatus.CANCELLED
        statuses = [RegistrationStatus.CONFIRMED]
        if cancelled:
            statuses.append(RegistrationStatus.WAITLISTED)
        registrations = (
            Registration.objects.filter(webinar=webinar, status__in=statuses)
            .select_related("user", "user__profile", "webinar")
            .order_by("pk")
        )
        kind = Kind.WEBINAR_CANCELLED if cancelled else Kind.UPDATED
        told = 0
        for registration in registrations:
            registration_email_send(registration, kind)
            told += 1
    return told

"""Reminders a day and an hour before a webinar, sent by a periodic job.

``reminders_send`` may run as often as anyone likes, on several machines at
once: each reminder is claimed by one conditional UPDATE (set the "reminded"
time where it is still empty) in the same transaction as the email is
queued, so a registrant is never reminded twice, and a failed run leaves
nothing claimed. A reminder is sent late rather than never, until the next
one is due: a registrant who joins less than an hour before the start gets
only the hour reminder; nobody is reminded of a webinar that started.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .emails import Kind, registration_email_send
from .models import Registration, RegistrationStatus, WebinarStatus


@dataclass(frozen=True)
class Reminder:
    kind: str
    field: str
    before: timedelta


REMINDERS = (
    Reminder(Kind.REMINDER_DAY, "reminded_day_at", timedelta(hours=24)),
    Reminder(Kind.REMINDER_HOUR, "reminded_hour_at", timedelta(hours=1)),
)


def reminders_send(*, now=None) -> int:
    """Queue every reminder that is due and not yet sent; returns how many."""
    now = now or timezone.now()
    sent = 0
    for reminder in REMINDERS:
        for registration in _due(reminder, now):
            sent += _send(registration, reminder, now)
    return sent


def _due(reminder: Reminder, now):
    """Confirmed seats at scheduled webinars starting within the window."""
    later = [r for r in REMINDERS if r.before < reminder.before]
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        webinar__status=WebinarStatus.SCHEDULED,
        webinar__live=True,
        webinar__starts_at__gt=now,
        webinar__starts_at__lte=now + reminder.before,
        **{f"{reminder.field}__isnull": True},
    )
    for sooner in later:
        # Within a sooner reminder's window this one is late: skip it.
        due = due.exclude(webinar__starts_at__lte=now + sooner.before)
    return due.select_related("user", "webinar").order_by("pk")


def _send(registration: Registration, reminder: Reminder, now) -> int:
    with transaction.atomic():
        claimed = Registration.objects.filter(
            pk=registration.pk,
            status=RegistrationStatus.CONFIRMED,
            **{f"{reminder.field}__isnull": True},
        ).update(**{reminder.field: now})
        if claimed:
            registration_email_send(registration, reminder.kind)
    return claimed

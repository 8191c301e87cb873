"""Registrants are told of every change to their place, by email.

The services send their signals once the change is committed; each receiver
queues one email in the registrant's language (lms/webinars/emails.py).
"""

from django.dispatch import receiver

from .emails import Kind, registration_email_send
from .signals import (
    registration_cancelled,
    registration_confirmed,
    registration_promoted,
    registration_waitlisted,
)


@receiver(registration_confirmed, dispatch_uid="webinars_email_confirmed")
def tell_confirmed(sender, *, registration, **kwargs):
    registration_email_send(registration, Kind.CONFIRMED)


@receiver(registration_waitlisted, dispatch_uid="webinars_email_waitlisted")
def tell_waitlisted(sender, *, registration, **kwargs):
    registration_email_send(registration, Kind.WAITLISTED)


@receiver(registration_promoted, dispatch_uid="webinars_email_promoted")
def tell_promoted(sender, *, registration, **kwargs):
    registration_email_send(registration, Kind.PROMOTED)


@receiver(registration_cancelled, dispatch_uid="webinars_email_cancelled")
def tell_cancelled(sender, *, registration, **kwargs):
    registration_email_send(registration, Kind.CANCELLED)

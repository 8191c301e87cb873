"""Signal receivers: each hands the event to a service."""

from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from . import services
from .announcements import webinar_changes_announce
from .models import WebinarPage


@receiver(page_published, sender=WebinarPage, dispatch_uid="webinars_fill_seats")
def fill_seats_on_publish(sender, instance, **kwargs):
    """A published webinar may have more seats: give them to those waiting."""
    services.waitlist_promote(webinar=instance)


@receiver(page_published, sender=WebinarPage, dispatch_uid="webinars_announce")
def announce_changes_on_publish(sender, instance, **kwargs):
    """A new time, link or status reaches the registrants' inboxes."""
    webinar_changes_announce(webinar=instance)


@receiver(post_page_move, sender=WebinarPage, dispatch_uid="webinars_follow_move")
def follow_bureau_on_move(sender, instance, **kwargs):
    services.webinar_bureau_sync(webinar=instance)

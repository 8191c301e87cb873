from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A learner's place at a webinar: a seat, a place in the queue, or given up.

    One per learner and webinar: registering again after cancelling brings
    the same record back. The waiting list is served in ``registered_at``
    order (the time of the latest registration, so someone who cancels and
    comes back joins the end of the queue). Written only by the services.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="webinar_registrations",
    )
    webinar = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices
    )
    created_at = models.DateTimeField(_("first registered"), default=timezone.now)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    promoted_at = models.DateTimeField(
        _("moved off the waiting list"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # Set when the reminder is queued: the periodic job never sends one twice.
    reminded_day_at = models.DateTimeField(
        _("reminded a day before"), null=True, blank=True
    )
    reminded_hour_at = models.DateTimeField(
        _("reminded an hour before"), null=True, blank=True
    )

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "webinar"], name="one_registration_per_webinar"
            )
        ]
        indexes = [
            # Seat counts and the waiting list in order: both per webinar and status.
            models.Index(
                fields=["webinar", "status", "registered_at"],
                name="webinar_registration_queue",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.webinar_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        """Confirmed or waiting: the learner still means to come."""
        return self.status != RegistrationStatus.CANCELLED

    @property
    def is_confirmed(self) -> bool:
        """Holds a seat (and so the meeting link and a calendar invitation)."""
        return self.status == RegistrationStatus.CONFIRMED

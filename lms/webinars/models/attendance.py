from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AttendanceSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported from the meeting platform")


class Attendance(models.Model):
    """How long a learner was at a webinar, entered by staff or imported.

    Kept per webinar and learner rather than per registration: people who
    joined with a link passed on to them attended too.
    """

    webinar = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="webinar_attendances",
    )
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes attended"), default=0)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=AttendanceSource.choices,
        default=AttendanceSource.MANUAL,
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["webinar", "joined_at", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "user"], name="one_attendance_per_webinar"
            ),
            models.CheckConstraint(
                condition=models.Q(left_at__isnull=True)
                | models.Q(joined_at__isnull=True)
                | models.Q(left_at__gte=models.F("joined_at")),
                name="attendance_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.webinar_id} ({self.minutes} min)"

    @property
    def attended(self) -> bool:
        """Long enough online to count (select_related("webinar") in listings)."""
        return self.minutes >= self.webinar.min_attended_minutes

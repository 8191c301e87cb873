from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .template import CertificateKind


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class Certificate(models.Model):
    """A certificate as issued: what was true then, whatever changes later.

    The holder's name, the course title and the rest are copied at issue time;
    the verification page shows them, and the PDF is rendered from them. An
    attendance certificate keeps its event's title in ``course_title``.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=CertificateKind.choices,
        default=CertificateKind.COURSE,
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The event an attendance certificate is for (a webinar page). A page
    #: rather than a webinar, so that certificates need not know webinars.
    event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code = models.CharField(_("verification code"), max_length=19, unique=True)
    holder_name = models.CharField(_("name as printed"), max_length=200, blank=True)
    course_title = models.CharField(_("course title"), max_length=255)
    course_title_en = models.CharField(_("course title in English"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    bilingual = models.BooleanField(_("bilingual"), default=False)
    completed_on = models.DateField(_("completed on"))
    score = models.DecimalField(
        _("score"), max_digits=8, decimal_places=7, null=True, blank=True
    )
    content_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("content version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issuing_organisation = models.CharField(_("issuing organisation"), max_length=160)
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by hand by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True)
    #: What the stored PDF was rendered from; a different fingerprint means
    #: the record or its template changed and the PDF must be rendered again.
    pdf_fingerprint = models.CharField(max_length=64, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(kind="course"),
                name="one_certificate_per_course",
            ),
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=models.Q(kind="attendance"),
                name="one_certificate_per_event",
            ),
        ]

    def __str__(self):
        return f"{self.code} – {self.course_title}"

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    def get_verify_url(self) -> str:
        from django.urls import reverse

        return reverse("certificates:verify_code", args=[self.code])

    def public_verify_url(self) -> str:
        """The verification page's full address, for QR codes and sharing."""
        return f"{settings.SITE_BASE_URL}{self.get_verify_url()}"

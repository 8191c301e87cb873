import re
import string

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

#: What a template's body may say, and what each stands for.
PLACEHOLDERS = {
    "name": _("the holder's name"),
    "course": _("the course title"),
    "date": _("the completion date"),
    "score": _("the final assessment score, if any"),
    "organisation": _("the issuing organisation"),
}

colour_validator = RegexValidator(
    re.compile(r"^#[0-9a-fA-F]{6}$"), _("Enter a colour as #RRGGBB, e.g. #0b4f8a.")
)


class CertificateKind(models.TextChoices):
    COURSE = "course", _("Course completion")
    ATTENDANCE = "attendance", _("Webinar attendance")


class CertificateTemplate(ClusterableModel):
    """How a certificate looks and what it says: one per course, or the default.

    A snippet: trainers edit the wording in every language, the signatories,
    the logo and the colours. A certificate is rendered with its course's
    template, else the default template of its kind.
    """

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=CertificateKind.choices,
        default=CertificateKind.COURSE,
    )
    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate_template",
        help_text=_("Leave empty for the default template of this kind."),
    )
    heading = models.CharField(_("heading"), max_length=120)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Plain text. Placeholders: {name}, {course}, {date}, {score}, "
            "{organisation}."
        ),
    )
    issuing_organisation = models.CharField(_("issuing organisation"), max_length=160)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#0b4f8a", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#b08d1a",
        validators=[colour_validator],
    )
    bilingual = models.BooleanField(
        _("bilingual"),
        default=False,
        help_text=_("Print English under the holder's language."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(course__isnull=True),
                name="one_default_template_per_kind",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.conf import settings
        from modeltranslation.utils import build_localized_fieldname

        for code, _name in settings.LANGUAGES:
            field = build_localized_fieldname("body", code)
            text = getattr(self, field, "") or ""
            try:
                names = {
                    name for _lit, name, _spec, _conv in string.Formatter().parse(text)
                }
            except ValueError:
                raise ValidationError(
                    {field: _("Unbalanced braces: write a placeholder as {name}.")}
                ) from None
            unknown = names - set(PLACEHOLDERS) - {None}
            if unknown:
                raise ValidationError(
                    {
                        field: _("Unknown placeholder: %(names)s. Use %(known)s.")
                        % {
                            "names": ", ".join(f"{{{n}}}" for n in sorted(unknown)),
                            "known": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
                        }
                    }
                )


class CertificateSignatory(Orderable):
    """A person who signs the certificates of a template."""

    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title"), max_length=160)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

"""The learner's optional MSME profile."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .choices import BusinessRole, EnterpriseSize, IpExperience, IsicSection
from .regions import WipoRegion, wipo_region_for
from .validators import validate_certificate_name, validate_time_zone


class Profile(models.Model):
    """What a learner tells us about themselves and their business.

    Every field is optional. The certificate name is printed on certificates;
    the business fields feed anonymous statistics only with the learner's
    consent; language and time zone shape emails and dates.
    """

    #: Fields kept, without the person, when a learner who consented to
    #: statistics deletes their account.
    STATISTICAL_FIELDS = (
        "country",
        "wipo_region",
        "sector",
        "enterprise_size",
        "ip_experience",
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    certificate_name = models.CharField(
        _("name on certificates"),
        max_length=120,
        blank=True,
        validators=[validate_certificate_name],
        help_text=_(
            "Your name as it should be printed on your certificates, in any script."
        ),
    )
    country = CountryField(_("country"), blank=True)
    wipo_region = models.CharField(
        _("WIPO region"),
        max_length=32,
        choices=WipoRegion.choices,
        blank=True,
        editable=False,
    )
    sector = models.CharField(
        _("business sector"),
        max_length=1,
        choices=IsicSection.choices,
        blank=True,
        help_text=_(
            "The main activity of your business (sections of the UN ISIC, Rev.4)."
        ),
    )
    enterprise_size = models.CharField(
        _("enterprise size"), max_length=16, choices=EnterpriseSize.choices, blank=True
    )
    role = models.CharField(
        _("role in the business"),
        max_length=16,
        choices=BusinessRole.choices,
        blank=True,
    )
    ip_experience = models.CharField(
        _("experience with intellectual property"),
        max_length=16,
        choices=IpExperience.choices,
        blank=True,
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Used for the emails we send you and after you log in."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Used to show dates and times, such as webinars, in your time."),
    )
    statistics_consent = models.BooleanField(
        _("use my profile in anonymous statistics"),
        default=False,
        help_text=_(
            "Your country, sector, enterprise size and experience with IP may be "
            "counted, never shown with your name, in reports on who learns here."
        ),
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        # The region is a function of the country, stored so that reports can
        # group by it in the database.
        self.wipo_region = wipo_region_for(self.country)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "country" in update_fields:
            kwargs["update_fields"] = {*update_fields, "wipo_region"}
        super().save(*args, **kwargs)

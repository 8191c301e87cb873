from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from lms.accounts.regions import WipoRegion


class Bureau(index.Indexed, models.Model):
    """A regional bureau that runs webinars (a snippet).

    Each bureau has one webinar section in the page tree and one staff group
    allowed to edit it; ``bureau_section_ensure`` creates both.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in the address of the bureau's webinar section."),
    )
    region = models.CharField(
        _("region"),
        max_length=30,
        choices=WipoRegion.choices,
        blank=True,
        help_text=_("The WIPO region the bureau serves, if it serves one."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    #: The group whose members edit this bureau's webinars; kept when the
    #: bureau is renamed, so its members keep their rights.
    staff_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("staff group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="bureau",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("bureau")
        verbose_name_plural = _("bureaus")

    def __str__(self):
        return self.name

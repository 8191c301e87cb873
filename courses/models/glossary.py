from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class GlossaryTerm(index.Indexed, models.Model):
    """An IP term explained in plain words, shared by every course (a snippet)."""

    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_(
            "A stable English identifier, used by course files to refer to it."
        ),
    )
    term = models.CharField(_("term"), max_length=120)
    definition = models.TextField(_("definition"))

    panels = [FieldPanel("key"), FieldPanel("term"), FieldPanel("definition")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return self.term

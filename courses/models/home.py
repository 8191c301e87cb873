from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .mixins import TranslatedPageMixin


class HomePage(TranslatedPageMixin, Page):
    """The site root: what IP Campus offers and the way into the catalogue."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the site title."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CourseIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Add the catalogue and a few courses to show on the front page."""
        from .catalogue import CourseIndexPage, CoursePage

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = CourseIndexPage.objects.live().child_of(self).first()
        context["featured_courses"] = (
            CoursePage.objects.live()
            .descendant_of(self)
            .select_related("cover_image")
            .order_by("path")[:6]
        )
        return context

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .mixins import TranslatedPageMixin


class ModulePage(TranslatedPageMixin, Page):
    """A module groups the lessons of one part of a course."""

    summary = models.TextField(_("summary"), blank=True)

    translation_check_fields = ("title",)
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent()
        context["course"] = course
        context["outline"] = course_outline(course=course)
        context["module_outline"] = next(
            (entry for entry in context["outline"] if entry.module.pk == self.pk), None
        )
        return context

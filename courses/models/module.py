from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from .mixins import TranslatedPageMixin, requires_itself


class ModulePageForm(WagtailAdminPageForm):
    """Offers the other modules of the same course as prerequisites."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "prerequisites" in self.fields:
            course = parent_page or self.instance.get_parent()
            siblings = ModulePage.objects.child_of(course).order_by("path")
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            self.fields["prerequisites"].queryset = siblings

    def clean(self):
        # Parental many-to-many values reach the page only when it is saved:
        # check the submitted ones here, or a cycle would fail at save time.
        cleaned = super().clean()
        chosen = cleaned.get("prerequisites")
        if chosen is not None and requires_itself(self.instance, chosen):
            self.add_error(
                "prerequisites",
                _("A module cannot require itself, even indirectly."),
            )
        return cleaned


class ModulePage(TranslatedPageMixin, Page):
    """A module groups the lessons of one part of a course."""

    summary = models.TextField(_("summary"), blank=True)
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Learners must complete a required module to complete the course."),
    )
    prerequisites = ParentalManyToManyField(
        "courses.ModulePage",
        verbose_name=_("prerequisites"),
        blank=True,
        related_name="unlocks",
        help_text=_("Modules of this course a learner must complete first."),
    )

    translation_check_fields = ("title",)
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("is_required"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Completion"),
        ),
    ]
    base_form_class = ModulePageForm
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def clean(self):
        super().clean()
        course_path = self.path[: -self.steplen] if self.path else None
        prerequisites = list(self.prerequisites.all())
        if requires_itself(self, prerequisites):
            raise ValidationError(
                {"prerequisites": _("A module cannot require itself, even indirectly.")}
            )
        for module in prerequisites:
            if course_path and not module.path.startswith(course_path):
                raise ValidationError(
                    {
                        "prerequisites": _(
                            "A module can only require modules of its own course."
                        )
                    }
                )

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

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from .mixins import TranslatedPageMixin, requires_itself


class CourseTopic(models.TextChoices):
    """The fields of intellectual property the catalogue teaches."""

    PATENTS = "patents", _("Patents, utility models and trade secrets")
    COPYRIGHT = "copyright", _("Copyright and related rights")
    PCT = "pct", _("International patent filing (PCT)")
    MADRID = "madrid", _("International trademarks (Madrid)")
    HAGUE = "hague", _("International designs (Hague)")
    ADR = "adr", _("Dispute resolution (ADR)")


class CourseLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseIndexPage(TranslatedPageMixin, Page):
    """The catalogue: published courses, filterable by topic, level and language."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_courses(self, *, topic="", level="", language=""):
        """Live courses under this catalogue, narrowed by the given filters."""
        courses = (
            CoursePage.objects.live()
            .child_of(self)
            .select_related("cover_image")
            .order_by("path")
        )
        if topic:
            courses = courses.filter(topic=topic)
        if level:
            courses = courses.filter(level=level)
        if language:
            courses = courses.filter(CoursePage.available_in_filter(language))
        return courses

    def get_context(self, request, *args, **kwargs):
        from courses.forms import CatalogueFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = CatalogueFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context["courses"] = self.get_courses(**filters)
        return context


class CoursePageForm(WagtailAdminPageForm):
    """Checks the submitted prerequisites before the page is saved."""

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("prerequisites")
        if chosen is not None and requires_itself(self.instance, chosen):
            self.add_error(
                "prerequisites",
                _("A course cannot require itself, even indirectly."),
            )
        return cleaned


class CoursePage(TranslatedPageMixin, Page):
    """A course: what it teaches and how long it takes; its modules are children."""

    summary = models.TextField(
        _("summary"), help_text=_("Two or three sentences for the catalogue.")
    )
    topic = models.CharField(_("topic"), max_length=20, choices=CourseTopic.choices)
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=CourseLevel.choices,
        default=CourseLevel.BEGINNER,
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5)],
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        help_text=_("One outcome per line, each completing 'You will be able to...'."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        # Deleting an image must never delete a course.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("prerequisites"),
        blank=True,
        related_name="unlocks",
        help_text=_("Courses a learner must complete before starting this one."),
    )

    translation_check_fields = ("title", "summary", "learning_outcomes")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("level"), FieldPanel("estimated_hours")],
            heading=_("About the course"),
        ),
        FieldPanel("learning_outcomes"),
        FieldPanel("cover_image"),
        FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("topic"),
        index.FilterField("level"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        if requires_itself(self, self.prerequisites.all()):
            raise ValidationError(
                {"prerequisites": _("A course cannot require itself, even indirectly.")}
            )

    @staticmethod
    def available_in_filter(language: str) -> models.Q:
        """Courses whose summary is written in ``language`` (English always is)."""
        field = build_localized_fieldname("summary", language)
        return models.Q(**{f"{field}__gt": ""})

    def outcomes(self) -> list[str]:
        """The learning outcomes as a list, one per non-empty line."""
        return [
            line.strip() for line in self.learning_outcomes.splitlines() if line.strip()
        ]

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(course=self)
        context["language"] = get_language()
        return context

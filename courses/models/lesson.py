from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock

from .mixins import TranslatedPageMixin


class LessonPage(TranslatedPageMixin, Page):
    """One lesson: a stream of text, callouts, figures, videos, documents and cases."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One sentence shown in outlines.")
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MinValueValidator(1)]
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_(
            "Learners must complete a required lesson to complete its module; "
            "optional lessons are extra reading."
        ),
    )

    translation_check_fields = ("title", "body")
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("is_required"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    def required_quiz_ids(self) -> list[int]:
        """Ids of the quizzes a learner must pass to finish the lesson.

        Every language's body counts: a translation that leaves a required
        quiz out must not let its readers skip it. Read from the stored
        streams, so that it costs no query.
        """
        from django.conf import settings
        from modeltranslation.utils import build_localized_fieldname

        quiz_ids: list[int] = []
        for code, _name in settings.LANGUAGES:
            body = getattr(self, build_localized_fieldname("body", code), None)
            for block in body.raw_data if body else []:
                value = block.get("value") or {}
                quiz_id = value.get("quiz") if block.get("type") == "quiz" else None
                if quiz_id and value.get("required") and quiz_id not in quiz_ids:
                    quiz_ids.append(quiz_id)
        return quiz_ids

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import lesson_navigation

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_navigation(lesson=self))
        return context

"""Filters and columns of the question listing."""

import django_filters
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from courses.models import CoursePage
from lms.core.admin_panels import language_name, localized
from lms.quizzes.models import Question, QuestionBank


def _type_choices():
    return [
        (ContentType.objects.get_for_model(model).pk, model.type_label)
        for model in Question.__subclasses__()
    ]


def _language_choices():
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


class QuestionFilterSet(WagtailFilterSet):
    type = django_filters.TypedChoiceFilter(
        label=_("Type"),
        field_name="polymorphic_ctype",
        coerce=int,
        choices=_type_choices,
    )
    bank = django_filters.ModelChoiceFilter(
        label=_("Bank"), queryset=QuestionBank.objects.all()
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        field_name="bank__course",
        queryset=CoursePage.objects.order_by("title_en"),
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        field_name="tags",
        queryset=Tag.objects.filter(quizzes_taggedquestion_items__isnull=False)
        .distinct()
        .order_by("name"),
    )
    missing = django_filters.ChoiceFilter(
        label=_("Not yet translated into"),
        choices=_language_choices,
        method="filter_missing",
    )

    class Meta:
        model = Question
        fields = ["type", "bank", "course", "tag", "difficulty", "missing"]

    def filter_missing(self, queryset, name, value):
        field = localized("prompt", value)
        return queryset.filter(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))


class TranslationsColumn(Column):
    """The languages a question's text is written in, as short codes."""

    cell_template_name = "quizzes/admin/translations_cell.html"

    def get_value(self, instance):
        return [
            code
            for code, _name in settings.LANGUAGES
            if getattr(instance, localized("prompt", code), None)
        ]

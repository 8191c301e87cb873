"""Admin: item-analysis reports for trainers, under Reports in the admin menu.

"Quiz analysis" lists every quiz with its results; each quiz links to its own
report of how every question performed, with the spread of scores above it.
Both download as XLSX or CSV. Anyone who may view quizzes (Trainers,
Reviewers, Bureau staff, superusers) sees them.
"""

from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import policy_registry

from lms.core.spreadsheets import formula_safe, percent, percent_cell
from lms.quizzes.analysis import (
    question_statistics,
    quizzes_with_results,
    score_distribution,
)
from lms.quizzes.models import Quiz


def pass_rate(quiz: Quiz) -> float | None:
    """The share of the quiz's submitted attempts that passed, if any."""
    if not quiz.submitted_count:
        return None
    return quiz.passed_count / quiz.submitted_count


def discrimination_cell(index: float | None) -> float | None:
    """The discrimination index as a spreadsheet number, or an empty cell."""
    return None if index is None else round(index, 2)


def discrimination_text(stats) -> str:
    """The discrimination index for the table, a dash when there is none."""
    if stats.discrimination is None:
        return "—"
    return number_format(round(stats.discrimination, 2), decimal_pos=2)


class PercentColumn(Column):
    """A share from 0 to 1 shown as a percentage."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = percent(context["raw_value"])
        return context


class AnalysisReportView(ReportView):
    """What both reports share: who may see them and safe CSV downloads.

    Wagtail's XLSX export already stores text that looks like a formula as a
    plain string, but its CSV export writes text as is, and a spreadsheet
    program would run a question starting with "=" or "@". Every value but
    numbers is text by then (the mixin's force_str); text starting that way
    gets a leading quote in CSV. Numbers stay numbers, negative ones included.
    """

    header_icon = "table"
    permission_required = "view"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Quiz)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return formula_safe(value)
        return value


class QuizResultsReportView(AnalysisReportView):
    """Every quiz with its attempts, average and pass rate, linking to its analysis."""

    page_title = _("Quiz analysis")
    index_url_name = "quiz_analysis:index"
    default_ordering = "title"
    verbose_name_plural = _("quizzes")
    export_filename = "quiz-results"
    list_export = ["title", "course", "attempts", "average", "pass_rate"]
    export_headings = {
        "title": _("Quiz"),
        "course": _("Course"),
        "attempts": _("Submitted attempts"),
        "average": _("Average score (%)"),
        "pass_rate": _("Pass rate (%)"),
    }
    columns = [
        TitleColumn(
            "title",
            label=_("Quiz"),
            url_name="quiz_analysis:quiz",
            sort_key="title",
        ),
        Column("course", label=_("Course")),
        Column(
            "submitted_count", label=_("Submitted attempts"), sort_key="submitted_count"
        ),
        PercentColumn(
            "average_score", label=_("Average score"), sort_key="average_score"
        ),
        PercentColumn("pass_rate", label=_("Pass rate"), accessor=pass_rate),
    ]

    def get_base_queryset(self):
        return quizzes_with_results()

    def to_row_dict(self, item):
        return {
            "title": item.title,
            "course": item.course,
            "attempts": item.submitted_count,
            "average": percent_cell(item.average_score),
            "pass_rate": percent_cell(pass_rate(item)),
        }


class QuizAnalysisReportView(AnalysisReportView):
    """One quiz's questions, with the spread of its scores above them."""

    template_name = "quizzes/admin/analysis_quiz.html"
    page_title = _("Quiz analysis")
    list_export = [
        "question",
        "type",
        "attempts",
        "facility",
        "discrimination",
        "average",
    ]
    export_headings = {
        "question": _("Question"),
        "type": _("Type"),
        "attempts": _("Attempts"),
        "facility": _("Facility (%)"),
        "discrimination": _("Discrimination"),
        "average": _("Average score (%)"),
    }
    columns = [
        Column("question", label=_("Question")),
        Column("type", label=_("Type"), accessor="question.type_label"),
        Column("attempts", label=_("Attempts")),
        PercentColumn("facility", label=_("Facility")),
        Column(
            "discrimination", label=_("Discrimination"), accessor=discrimination_text
        ),
        PercentColumn("average", label=_("Average score")),
    ]

    @cached_property
    def quiz(self) -> Quiz:
        # Read after the permission check, so outsiders cannot probe for ids.
        return get_object_or_404(quizzes_with_results(), pk=self.kwargs["quiz_id"])

    @cached_property
    def no_results_message(self):
        return _("No question of this quiz has been asked in a submitted attempt yet.")

    def get_page_subtitle(self):
        return self.quiz.title

    def get_index_url(self):
        return reverse("quiz_analysis:quiz", args=[self.quiz.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("quiz_analysis:index"), "label": _("Quiz analysis")},
            {"url": "", "label": self.quiz.title},
        ]

    def get_filename(self):
        return f"quiz-{self.quiz.pk}-item-analysis"

    def get_queryset(self):
        return question_statistics(quiz=self.quiz)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["quiz"] = self.quiz
        context["average_score"] = percent(self.quiz.average_score)
        context["pass_rate"] = percent(pass_rate(self.quiz))
        context["distribution"] = score_distribution(quiz=self.quiz)
        return context

    def to_row_dict(self, item):
        return {
            "question": item.question,
            "type": item.question.type_label,
            "attempts": item.attempts,
            "facility": percent_cell(item.facility),
            "discrimination": discrimination_cell(item.discrimination),
            "average": percent_cell(item.average),
        }


class QuizAnalysisMenuItem(MenuItem):
    def is_shown(self, request):
        policy = policy_registry.get_by_type(Quiz)
        return policy.user_has_permission(request.user, "view")


urlpatterns = [
    path("", QuizResultsReportView.as_view(), name="index"),
    path("<int:quiz_id>/", QuizAnalysisReportView.as_view(), name="quiz"),
]


@hooks.register("register_admin_urls")
def register_analysis_urls():
    return [
        path(
            "reports/quiz-analysis/",
            include((urlpatterns, "quiz_analysis"), namespace="quiz_analysis"),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_analysis_menu_item():
    return QuizAnalysisMenuItem(
        _("Quiz analysis"),
        reverse("quiz_analysis:index"),
        name="quiz-analysis",
        icon_name="table",
        order=1300,
    )

"""Question banks, questions (a form per type) and quizzes in the Wagtail admin.

One "Quizzes" menu holds the question listing (every type, filterable by type,
tag, course, bank and missing translation), the banks and the quizzes. Each
question type has its own create and edit screens; the listing links to them.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.views.snippets import SnippetViewSet

from lms.core.admin_listing import ListingMixin
from lms.core.admin_panels import language_groups, language_tabs
from lms.quizzes.access import attempts_visible_to
from lms.quizzes.formats.checks import ExportError
from lms.quizzes.formats.gift import gift_export
from lms.quizzes.formats.moodle_xml import moodle_xml_export
from lms.quizzes.models import (
    Attempt,
    MatchingQuestion,
    MultipleResponseQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionBank,
    Quiz,
    ShortTextQuestion,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)
from lms.quizzes.services import bank_export

from .filters import QuestionFilterSet, TranslationsColumn
from .forms import QuestionForm
from .views import ChooseQuestionTypeView, QuestionEditRedirectView, QuestionPreviewView

QUESTION_TYPES = [
    SingleChoiceQuestion,
    MultipleResponseQuestion,
    TrueFalseQuestion,
    ShortTextQuestion,
    NumericQuestion,
    MatchingQuestion,
    OrderingQuestion,
]

_fraction = FieldPanel("fraction")
ANSWER_PANELS = {
    "choices": [_fraction, *language_groups("text", "feedback")],
    "accepted_answers": [_fraction, *language_groups("text", "feedback")],
    "numeric_answers": [
        FieldPanel("value"),
        FieldPanel("tolerance"),
        FieldPanel("minimum"),
        FieldPanel("maximum"),
        _fraction,
        *language_groups("feedback"),
    ],
    "pairs": language_groups("prompt", "answer"),
    "items": language_groups("text"),
}
ANSWER_HEADINGS = {
    "choices": _("Choices"),
    "accepted_answers": _("Accepted answers"),
    "numeric_answers": _("Accepted numbers"),
    "pairs": _("Pairs (leave the prompt empty for a distractor answer)"),
    "items": _("Items, in the right order (drag to reorder)"),
}
#: Settings and translated text some types add to the common ones.
TYPE_SETTINGS = {
    TrueFalseQuestion: ["correct"],
    ShortTextQuestion: ["ignore_diacritics"],
}
TYPE_TEXT = {TrueFalseQuestion: ["feedback_true", "feedback_false"]}


class QuestionTypeViewSet(ModelViewSet):
    """Create and edit one type of question: settings, a tab per language, answers."""

    icon = "help"
    add_to_admin_menu = False
    copy_view_enabled = True

    def __init__(self, model, **kwargs):
        super().__init__(
            name=f"question_{model.kind}",
            model=model,
            url_prefix=f"quizzes/questions/{model.kind}",
            **kwargs,
        )

    @cached_property
    def edit_handler(self):
        settings = [
            FieldPanel("bank"),
            FieldPanel("name"),
            FieldPanel("prompt_format"),
            FieldPanel("difficulty"),
            FieldPanel("tags"),
            *[FieldPanel(name) for name in TYPE_SETTINGS.get(self.model, [])],
        ]
        text = ["prompt", "general_feedback", *TYPE_TEXT.get(self.model, [])]
        tabs = [ObjectList(settings, heading=_("Question")), *language_tabs(*text)]
        for relation in self.model.answer_relations:
            inline = InlinePanel(
                relation,
                panels=ANSWER_PANELS[relation],
                heading=ANSWER_HEADINGS[relation],
                min_num=1,
            )
            tabs.append(ObjectList([inline], heading=_("Answers")))
        return TabbedInterface(tabs, base_form_class=QuestionForm)

    def get_index_url(self):
        return reverse("question:index")

    @property
    def index_view(self):
        # Every type is listed together, on the Questions listing.
        return lambda request: redirect(
            f"{reverse('question:index')}?type={ContentType.objects.get_for_model(self.model).pk}"
        )


class QuestionViewSet(ListingMixin, ModelViewSet):
    """Every question, whatever its type: listing, preview, delete."""

    model = Question
    name = "question"
    icon = "help"
    menu_label = _("Questions")
    menu_order = 100
    url_prefix = "quizzes/questions"
    filterset_class = QuestionFilterSet
    search_fields = ["name", "prompt_en"]
    list_per_page = 50

    @property
    def add_view(self):
        return ChooseQuestionTypeView.as_view()

    @property
    def edit_view(self):
        return QuestionEditRedirectView.as_view()

    @cached_property
    def list_display(self):
        return [
            "__str__",
            Column("type", label=_("Type"), accessor="type_label"),
            "bank",
            "difficulty",
            TranslationsColumn("languages", label=_("Translated into")),
        ]

    def get_queryset(self, request):
        return Question.objects.select_related("bank", "polymorphic_ctype")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/preview/", QuestionPreviewView.as_view(), name="preview"),
        ]

    def row_buttons(self, instance):
        preview = reverse("question:preview", args=[instance.pk])
        return [ListingButton(_("Preview"), url=preview, icon_name="view", priority=15)]

    def header_extra_buttons(self, user):
        if not user.has_perm("quizzes.add_question"):
            return []
        return [
            HeaderButton(
                _("Import questions"), url=reverse("quizzes_import"), icon_name="upload"
            )
        ]


class QuestionBankViewSet(ListingMixin, ModelViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    menu_label = _("Question banks")
    menu_order = 200
    url_prefix = "quizzes/banks"
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        PageChooserPanel("course", page_type="courses.CoursePage"),
    ]

    @cached_property
    def list_display(self):
        return [
            "name",
            "course",
            Column("question_count", label=_("Questions"), accessor="question_count"),
        ]

    def get_queryset(self, request):
        return QuestionBank.objects.select_related("course").annotate(
            question_count=Count("questions")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/export/<str:file_format>/", bank_download, name="export"),
        ]

    def row_buttons(self, instance):
        return [
            ListingButton(
                label,
                url=reverse("questionbank:export", args=[instance.pk, file_format]),
                icon_name="download",
                priority=40,
            )
            for file_format, label in EXPORT_LABELS.items()
        ]


EXPORT_LABELS = {"gift": _("Export as GIFT"), "xml": _("Export as Moodle XML")}
#: Export format -> (writer, content type, file extension).
EXPORTERS = {
    "gift": (gift_export, "text/plain", "gift.txt"),
    "xml": (moodle_xml_export, "application/xml", "xml"),
}


def bank_download(request, pk, file_format):
    """A bank as a GIFT or Moodle XML file, for Moodle or another IP Campus."""
    if not request.user.has_perm("quizzes.view_questionbank"):
        return HttpResponse(status=403)
    bank = get_object_or_404(QuestionBank, pk=pk)
    if file_format not in EXPORTERS:
        return HttpResponse(status=404)
    export, content_type, extension = EXPORTERS[file_format]
    try:
        text = export(bank_export(bank=bank))
    except ExportError as error:
        for problem in error.problems:
            messages.error(
                request,
                _("Question %(number)d: %(message)s")
                % {"number": problem.line, "message": problem.message},
            )
        return redirect("questionbank:index")
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    filename = f"{slugify(bank.name) or 'bank'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class QuizViewSet(SnippetViewSet):
    """Quizzes are snippets so that lessons can choose one in a quiz block."""

    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    menu_order = 300
    url_prefix = "quizzes/quizzes"
    list_display = ["title", "course", "assessment_of"]
    list_filter = ["course"]
    search_fields = ["title_en"]

    @cached_property
    def edit_handler(self):
        questions = ObjectList(
            [
                InlinePanel(
                    "fixed",
                    panels=[FieldPanel("question")],
                    heading=_("Questions always asked, in this order"),
                    label=_("Question"),
                ),
                InlinePanel(
                    "draws",
                    panels=[FieldPanel("bank"), FieldPanel("tag"), FieldPanel("count")],
                    heading=_("Questions drawn at random"),
                    label=_("Random draw"),
                ),
            ],
            heading=_("Questions"),
        )
        settings = ObjectList(
            [
                FieldPanel("course"),
                PageChooserPanel(
                    "assessment_of",
                    page_type=["courses.ModulePage", "courses.CoursePage"],
                ),
                FieldPanel("pass_mark"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("max_attempts"),
                FieldPanel("attempt_delay_minutes"),
                FieldPanel("grading_method"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
            ],
            heading=_("Settings"),
        )
        review = ObjectList(
            [
                FieldPanel("show_correctness"),
                FieldPanel("show_right_answers"),
                FieldPanel("show_feedback"),
            ],
            heading=_("Review"),
        )
        return TabbedInterface(
            [*language_tabs("title", "instructions"), questions, settings, review]
        )


class AttemptViewSet(ListingMixin, ModelViewSet):
    """Learners' attempts, for staff of their courses: read-only.

    Each row opens the attempt's review on the public site, where the same
    staff rule applies; attempts are learners' records and are never edited.
    """

    model = Attempt
    form_fields = []  # never edited; ModelViewSet asks all the same
    icon = "list-ol"
    menu_label = _("Attempts")
    menu_order = 400
    url_prefix = "quizzes/attempts"
    list_filter = ["quiz", "state"]
    search_fields = ["user__username", "user__email", "user__last_name"]

    @cached_property
    def list_display(self):
        return [
            "__str__",
            "user",
            "quiz",
            "number",
            "state",
            Column("score", label=_("Score (%)"), accessor="percent"),
            "submitted_at",
        ]

    def get_queryset(self, request):
        return attempts_visible_to(request.user).select_related("user", "quiz")

    def get_urlpatterns(self):
        # The listing only (and its filtered results): no add, edit or delete.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    @cached_property
    def index_view_class(self):
        class AttemptIndexView(super().index_view_class):
            def get_edit_url(self, instance):
                return reverse("quizzes:review", kwargs={"pk": instance.pk})

            def get_list_more_buttons(self, instance):
                review = self.get_edit_url(instance)
                return [ListingButton(_("Review"), url=review, icon_name="view")]

            def get_add_url(self):
                return None

            def get_copy_url(self, instance):
                return None

            def get_inspect_url(self, instance):
                return None

            def get_delete_url(self, instance):
                return None

        return AttemptIndexView


class QuestionChooserViewSet(ChooserViewSet):
    """Choose a question for a quiz from a searchable list instead of a long select."""

    model = Question
    icon = "help"
    choose_one_text = _("Choose a question")
    choose_another_text = _("Choose another question")


class QuizzesMenu(ViewSetGroup):
    menu_label = _("Quizzes")
    menu_icon = "tasks"
    menu_order = 250
    items = [QuestionViewSet, QuestionBankViewSet, QuizViewSet, AttemptViewSet]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        QuizzesMenu(),
        QuestionChooserViewSet("question_chooser"),
        *[QuestionTypeViewSet(model) for model in QUESTION_TYPES],
    ]

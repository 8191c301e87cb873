from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class QuizBlock(blocks.StructBlock):
    """A quiz in the middle of a lesson: a formative check of what was just read.

    The quiz itself (questions, marking, attempts) belongs to the quizzes app;
    the lesson only names it, by app label, so this app imports nothing of it.
    """

    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"),
        required=False,
        help_text=_("Learners must pass this quiz before the lesson counts as done."),
    )

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        template = "blocks/quiz.html"

import random

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from polymorphic.models import PolymorphicModel
from taggit.managers import TaggableManager

from lms.quizzes import rich_text
from lms.quizzes.grading import ZERO, Grade

from .bank import TaggedQuestion


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MEDIUM = "medium", _("Medium")
    HARD = "hard", _("Hard")


class Question(ClusterableModel, PolymorphicModel):
    """A question of any type; each type is a subclass that knows its answers.

    Every subclass defines ``clean_answer(raw)`` (turn what the learner sent
    into a value, or raise ValidationError; ``None`` means no answer),
    ``grade(value) -> Grade`` and ``correct_answer() -> str`` (what was right,
    for the review). For the learner's page it names an ``input_template`` and
    gives ``input_context`` (the options to draw, never their marks),
    ``raw_from_form`` (read the posted form) and ``answer_display`` (the
    learner's answer in words). Nothing outside the subclass switches on type.
    """

    bank = models.ForeignKey(
        "quizzes.QuestionBank",
        verbose_name=_("bank"),
        # Attempts keep pointing at their questions: a bank that still has
        # questions cannot be deleted.
        on_delete=models.PROTECT,
        related_name="questions",
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("A short name for trainers; learners never see it."),
    )
    prompt = models.TextField(_("question"))
    prompt_format = models.CharField(
        _("text format"),
        max_length=10,
        choices=rich_text.TextFormat.choices,
        default=rich_text.TextFormat.PLAIN,
        help_text=_(
            "How the question's texts are written. HTML is cleaned before "
            "learners see it: scripts, styles, images and forms are removed."
        ),
    )
    general_feedback = models.TextField(
        _("general feedback"),
        blank=True,
        help_text=_("Shown in the review whatever the answer, when feedback is shown."),
    )
    difficulty = models.CharField(
        _("difficulty"),
        max_length=10,
        choices=Difficulty.choices,
        default=Difficulty.MEDIUM,
    )
    tags = TaggableManager(through=TaggedQuestion, blank=True, verbose_name=_("tags"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: The lowest fraction an answer can score; penalties never go below it.
    penalty_floor = ZERO
    #: A short label for the type, shown to trainers.
    type_label = ""
    #: The import/export name of the type (see lms.quizzes.formats.schema).
    kind = ""
    #: Related answer rows grading reads; fetched together for a whole quiz.
    answer_relations: tuple[str, ...] = ()
    #: Draws the answer input on the attempt page (see templates/quizzes/inputs/).
    input_template = "quizzes/inputs/text.html"

    class Meta:
        ordering = ["bank", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.name or self.plain(self.prompt)[:80]

    @classmethod
    def type_for_kind(cls, kind: str) -> type["Question"]:
        """The question class that stores questions of this import kind."""
        for subclass in cls.__subclasses__():
            if subclass.kind == kind:
                return subclass
        raise LookupError(kind)

    @classmethod
    def create_from_parsed(cls, *, bank, parsed) -> "Question":
        """Store an imported question (a ParsedQuestion) with its answers."""
        question = cls(
            bank=bank,
            name=parsed.name[:200],
            prompt=parsed.prompt,
            prompt_format=parsed.prompt_format,
            general_feedback=parsed.general_feedback,
        )
        question.set_type_fields(parsed)
        question.full_clean(exclude=["bank"])
        question.save()
        question.create_answers(parsed)
        return question

    def to_parsed(self):
        """This question as a ParsedQuestion, for export."""
        from lms.quizzes.formats.schema import ParsedQuestion

        parsed = ParsedQuestion(
            kind=self.kind,
            prompt=self.prompt,
            name=self.name,
            prompt_format=self.prompt_format,
            general_feedback=self.general_feedback,
        )
        self.add_answers_to(parsed)
        return parsed

    def set_type_fields(self, parsed) -> None:
        """Copy type-specific fields from an imported question; override as needed."""

    def create_answers(self, parsed) -> None:
        """Store the answers of an imported question; override as needed."""

    def add_answers_to(self, parsed) -> None:
        """Put this question's answers on a ParsedQuestion; override as needed."""

    def rich(self, text: str):
        """One of this question's texts as safe HTML, in the question's format."""
        return rich_text.render(text, self.prompt_format)

    def plain(self, text: str) -> str:
        """One of this question's texts without markup."""
        return rich_text.plain(text, self.prompt_format)

    @property
    def field_name(self) -> str:
        """The form field (or prefix of fields) carrying this question's answer."""
        return f"q{self.pk}"

    def presentation_rng(self, seed: int) -> random.Random:
        """The same shuffle for this question every time an attempt is shown."""
        return random.Random(f"{seed}:{self.pk}")  # noqa: S311 - order, not secrecy

    def input_context(self, *, value, seed: int, shuffle: bool) -> dict:
        """What the input template draws; never a fraction or a right answer."""
        return {"value": "" if value is None else value}

    def raw_from_form(self, data, *, seed: int, shuffle: bool):
        """The answer as posted by the plain HTML form (a QueryDict)."""
        return data.get(self.field_name)

    def answer_display(self, value) -> str:
        """The learner's stored answer in words, for the review."""
        return "" if value is None else str(value)

    def grade_raw(self, raw) -> Grade:
        """Clean then grade; an empty answer scores zero without feedback."""
        value = self.clean_answer(raw)
        if value is None:
            return Grade(ZERO)
        return self.grade(value)

    @staticmethod
    def _refuse(message=None):
        raise ValidationError(
            message or _("This answer is not one of the question's options."),
            code="invalid_answer",
        )

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("Highest attempt")
    LAST = "last", _("Last attempt")
    AVERAGE = "average", _("Average of attempts")
    FIRST = "first", _("First attempt")


class ReviewTiming(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately after the attempt")
    AFTER_LAST_ATTEMPT = "after_last", _("After the last allowed attempt")
    NEVER = "never", _("Never")


class Quiz(ClusterableModel):
    """A quiz: which questions, how it is marked, what the learner may review."""

    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        # Attempts are learners' records: they outlive a deleted course page.
        on_delete=models.SET_NULL,
        related_name="quizzes",
    )
    assessment_of = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("assessment of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessment_quiz",
        help_text=_(
            "The module or course this quiz assesses; passing it is part of "
            "completing that module or course."
        ),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    attempt_delay_minutes = models.PositiveIntegerField(
        _("minutes between attempts"), default=0
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=True)
    show_correctness = models.CharField(
        _("show whether answers were right"),
        max_length=12,
        choices=ReviewTiming.choices,
        default=ReviewTiming.IMMEDIATELY,
    )
    show_right_answers = models.CharField(
        _("show the right answers"),
        max_length=12,
        choices=ReviewTiming.choices,
        default=ReviewTiming.AFTER_LAST_ATTEMPT,
    )
    show_feedback = models.CharField(
        _("show feedback"),
        max_length=12,
        choices=ReviewTiming.choices,
        default=ReviewTiming.IMMEDIATELY,
    )

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def __str__(self):
        return self.title

    def clean(self):
        from courses.models import CoursePage, ModulePage

        page = self.assessment_of
        if page is not None and page.specific_class not in (ModulePage, CoursePage):
            raise ValidationError(
                {"assessment_of": _("A quiz can assess a module or a course only.")}
            )

    def passes(self, score) -> bool:
        """Whether a score (0 to 1, or None for no score yet) reaches the pass mark."""
        return score is not None and score * 100 >= self.pass_mark


class QuizQuestion(models.Model):
    """A question always asked in a quiz, at its place in the order."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="fixed")
    question = models.ForeignKey(
        "quizzes.Question",
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(default=0)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("fixed question")
        verbose_name_plural = _("fixed questions")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question"], name="unique_quiz_question"
            )
        ]

    def __str__(self):
        return f"{self.quiz}: {self.question}"


class QuizDraw(models.Model):
    """Ask ``count`` questions drawn at random from a bank, optionally by tag."""

    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draws")
    bank = models.ForeignKey(
        "quizzes.QuestionBank",
        verbose_name=_("bank"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tag = models.CharField(_("tag"), max_length=100, blank=True)
    count = models.PositiveSmallIntegerField(
        _("number of questions"), validators=[MinValueValidator(1)]
    )
    sort_order = models.PositiveIntegerField(default=0)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("random draw")
        verbose_name_plural = _("random draws")

    def __str__(self):
        return f"{self.quiz}: {self.count} × {self.bank} {self.tag}".strip()

    def clean(self):
        """Refuse a draw the bank cannot fill, before any learner meets it."""
        if self.bank_id is None or self.count is None:
            return
        pool = self.bank.questions.all()
        if self.tag:
            pool = pool.filter(tags__name=self.tag)
        available = pool.count()
        if available >= self.count:
            return
        if self.tag:
            message = ngettext(
                "The bank has only %(available)d question with this tag.",
                "The bank has only %(available)d questions with this tag.",
                available,
            )
        else:
            message = ngettext(
                "The bank has only %(available)d question.",
                "The bank has only %(available)d questions.",
                available,
            )
        raise ValidationError({"count": message % {"available": available}})

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class Attempt(models.Model):
    """One learner's attempt at a quiz, with its questions fixed when it starts."""

    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name=_("quiz"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=AttemptState.choices,
        default=AttemptState.IN_PROGRESS,
    )
    #: Question ids in the order this attempt asks them.
    question_ids = models.JSONField(default=list)
    #: Seed for shuffling choices, so a reload shows the same order.
    seed = models.PositiveIntegerField()
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    #: Share of the marks obtained, 0 to 1, set when submitted.
    score = models.DecimalField(
        _("score"), max_digits=8, decimal_places=7, null=True, blank=True
    )

    # Listed in the admin, but no page or snippet refers to an attempt: keep
    # Wagtail's reference index off the path of every start and submit.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["quiz", "user", "number"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="unique_attempt_number"
            ),
            # At most one open attempt per learner and quiz, whatever races.
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(state="in_progress"),
                name="one_open_attempt_per_quiz",
            ),
        ]

    def __str__(self):
        return f"{self.quiz} #{self.number} ({self.user})"

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS

    def percent(self):
        return None if self.score is None else round(self.score * 100, 1)

    def passed(self) -> bool:
        return self.quiz.passes(self.score)


class AttemptAnswer(models.Model):
    """The learner's latest answer to one question of an attempt, and its grade."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        "quizzes.Question", on_delete=models.PROTECT, related_name="+"
    )
    value = models.JSONField(null=True)
    saved_at = models.DateTimeField()
    fraction = models.DecimalField(
        max_digits=8, decimal_places=7, null=True, blank=True
    )
    feedback = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.attempt}: {self.question_id}"

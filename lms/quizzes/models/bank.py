from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItemBase


class QuestionBank(models.Model):
    """A collection of questions, owned by one course or shared by all."""

    name = models.CharField(_("name"), max_length=200)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        # A bank outlives its course page being deleted: the questions and
        # the attempts that used them must not disappear with it.
        on_delete=models.SET_NULL,
        related_name="question_banks",
        help_text=_("Leave empty for a bank shared by every course."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        constraints = [
            models.UniqueConstraint(fields=["name"], name="unique_question_bank_name")
        ]

    def __str__(self):
        return self.name


class TaggedQuestion(TaggedItemBase):
    """Topic tags on questions (for example "novelty", "priority")."""

    content_object = models.ForeignKey(
        "quizzes.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )

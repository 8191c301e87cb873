from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """The native quiz engine: question banks, question types, grading."""

    name = "lms.quizzes"
    label = "quizzes"
    verbose_name = _("Quizzes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.accounts.personal_data import register_personal_data

        from . import packages  # noqa: F401 - loads quizzes with course packages
        from .personal_data import quiz_attempts_export

        register_personal_data(key="quiz_attempts", export=quiz_attempts_export)

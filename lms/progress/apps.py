from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    """Enrolments, completions, prerequisites and the learner's dashboard."""

    name = "lms.progress"
    label = "progress"
    verbose_name = _("Progress")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.accounts.personal_data import register_personal_data

        from . import receivers  # noqa: F401 - connects the signal receivers
        from .personal_data import progress_export

        register_personal_data(key="progress", export=progress_export)

        from lms.quizzes.gates import register_start_gate

        from .services import assessment_start_check

        register_start_gate(assessment_start_check)

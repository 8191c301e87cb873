from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide pieces: health check, language switching, the demo commands."""

    name = "lms.core"
    label = "core"
    verbose_name = _("Core")

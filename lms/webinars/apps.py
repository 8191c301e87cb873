from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    """Webinars of the regional bureaus: pages, registrations, attendance."""

    name = "lms.webinars"
    label = "webinars"
    verbose_name = _("Webinars")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401 - connect signal receivers

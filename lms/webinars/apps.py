from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    """Webinars of the regional bureaus: pages, registrations, attendance."""

    name = "lms.webinars"
    label = "webinars"
    verbose_name = _("Webinars")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.accounts.personal_data import register_personal_data

        from . import dashboard, notifications, receivers  # noqa: F401 - connect
        from .personal_data import webinars_erase, webinars_export

        register_personal_data(
            key="webinars", export=webinars_export, erase=webinars_erase
        )

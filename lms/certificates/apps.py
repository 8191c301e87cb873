from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates: issued on completion, rendered to PDF, verifiable by anyone."""

    name = "lms.certificates"
    label = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.accounts.personal_data import register_personal_data

        from . import packages, receivers  # noqa: F401 - connect signal receivers
        from .personal_data import certificates_erase, certificates_export

        register_personal_data(
            key="certificates", export=certificates_export, erase=certificates_erase
        )

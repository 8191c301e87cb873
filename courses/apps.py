from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The Wagtail page tree of the catalogue: courses, modules, lessons, glossary."""

    name = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .routing import install_single_query_routing

        install_single_query_routing()

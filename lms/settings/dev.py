"""Settings for a developer's laptop and the `make run` demo."""

from .base import *  # noqa: F403
from .base import LOGGING, MAILERS, STORAGES
from .environment import env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-ip-campus")  # noqa: S105

# The demo prints email in the terminal that runs `make run`.
MAILERS["default"] = {
    "BACKEND": env_str(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
}
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Keep the demo terminal readable: page edits and task runs are logged at INFO.
LOGGING["loggers"].update(
    {"wagtail": {"level": "WARNING"}, "django.tasks": {"level": "WARNING"}}
)

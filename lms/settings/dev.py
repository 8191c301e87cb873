"""Settings for a developer's laptop and the `make run` demo."""

from .base import *  # noqa: F403
from .base import MAILERS, STORAGES
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

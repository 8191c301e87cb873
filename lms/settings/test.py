"""Settings for the test suite: fast hashing, immediate tasks, in-memory email."""

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Static files come from the app folders (no collectstatic before tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Wagtail autosaves drafts half a second after each keystroke; in browser
# tests that races the explicit "Submit" the test is about.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# load_demo in tests installs the first course only: the demo learners' flows
# all happen there, and tests/courses/test_bundled_content.py loads the rest.
DEMO_COURSE_PACKAGES = ["01-patents-trade-secrets"]
